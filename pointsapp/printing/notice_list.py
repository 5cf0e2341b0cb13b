"""积分公示名单: the entries now on public notice — what, whom, points, until when and how to object."""
from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from pointsapp import clock
from pointsapp.errors import UserError
from pointsapp.printing.fonts import markup, unrendered_note
from pointsapp.printing.layout import Column, TableFit
from pointsapp.printing.page import (
    LIST_RULES, RED, OfficialDocument, Output, PageFurniture, Progress, SealBlock, Title, build_keeping_the_seal,
    cn_date, fingerprint_line, fingerprint_now, no_progress, styles,
)
from pointsapp.services.auth import Actor
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.services.scoring.notice_board import NoticeBoard, notice_board
from pointsapp.services.register.notice_facts import notice_facts
from pointsapp.services.register.privacy import mask_name
from pointsapp.text import translate

def _columns() -> list[Column]:
    """The list's columns, in the chosen language."""
    return [Column(translate("printing.notice_list", "序号"), wrap=False),
            Column(translate("printing.notice_list", "户主"), least_chars=3),
            Column(translate("printing.notice_list", "小组"), least_chars=2),
            Column(translate("printing.notice_list", "类别"), least_chars=2),
            Column(translate("printing.notice_list", "事项"), align="left", flex=True, least_chars=6),
            Column(translate("printing.notice_list", "加/扣分"), align="right", wrap=False),
            Column(translate("printing.notice_list", "发生日期"), wrap=False)]

CELL_SIZE, CELL_FLOOR = 10.5, 8


def notice_pdf(out: Output, *, actor: Actor, village_id: int, mask_names: bool = False,
               printed_on: dt.date | None = None, progress: Progress = no_progress,
               fingerprint: Fingerprint | None = None) -> int:
    """Write the notice list of a village, with the ledger's ``fingerprint`` (the one the caller published;
    today's when not given). Returns the number of entries listed."""
    progress(translate("printing.notice_list", "正在读取公示中的积分…"))
    board = notice_board(actor=actor, village_id=village_id)
    facts = notice_facts(village_id=village_id)
    if not facts.reviewed and not board.sections:  # nothing is ever on notice there: no empty signed paper
        raise UserError(translate("printing.notice_list", "{0}的积分录入后直接生效，不经审核公示，没有公示名单可打印。").format(
            board.village))
    render_notice(out, board, mask_names=mask_names, printed_on=printed_on, phone=facts.supervision_phone,
                  fingerprint=fingerprint_now(fingerprint))
    return board.count


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


def render_notice(out: Output, board: NoticeBoard, *, mask_names: bool = False,
                  printed_on: dt.date | None = None, phone: str = "", fingerprint: Fingerprint | None = None) -> None:
    printed_on = printed_on or clock.today()
    st = styles()
    title = translate("printing.notice_list", "{0}积分公示名单").format(board.village)

    def make_doc(target_out: Output) -> OfficialDocument:
        return OfficialDocument(target_out, furniture=PageFurniture(board.village, title, printed_on,
                                                                    fingerprint=fingerprint_line(fingerprint)))

    width = make_doc(io.BytesIO()).width
    contact = board.objection_contact or translate("printing.notice_list", "村委会办公室")
    latest_end = max((s.ends_on for s in board.sections if s.ends_on), default=None)
    columns = _columns()

    def section_table(section, first: int, last: int, measure: list[list[str]], unrendered: list[str]):
        rows, colors = [], {}
        for r, item in enumerate(section.items[first:last]):
            rows.append(_row(first + r + 1, item, mask_names))
            if item.points < 0:
                colors[(5, r)] = RED
        fit = TableFit(columns, width, CELL_SIZE, CELL_FLOOR)
        table = fit.table(rows, commands=LIST_RULES + [("TOPPADDING", (0, 1), (-1, -1), 2.5),
                                                        ("BOTTOMPADDING", (0, 1), (-1, -1), 3)],
                          colors=colors, measure=measure)
        unrendered += fit.unrendered
        return table

    def make_story(keep_seal: bool) -> list:
        unrendered: list[str] = []
        story = [
            Title(title),
            Paragraph(translate("printing.notice_list", "共 {0} 条积分记录正在公示　　打印日期：{1}").format(
                board.count, cn_date(printed_on)), st.subtitle),
            Spacer(1, 2 * mm),
            Paragraph(translate("printing.notice_list", "以下积分记录已经审核，现予公示。公示期满无异议的，积分正式生效；"
                                "公示期内如有异议，请在公示截止日前向<font color='#c8102e'>{0}</font>提出（写明户主、"
                                "事项和理由），村委会核实后答复，异议成立的予以冲正。").format(contact), st.body),
            Spacer(1, 3 * mm),
        ]
        if not board.sections:
            story.append(Paragraph(translate("printing.notice_list", "目前没有正在公示的积分记录。"), st.body))
        tail_table = None
        for n, section in enumerate(board.sections):
            period = (translate("printing.notice_list", "{0}至{1}").format(cn_date(section.starts_on),
                                                                            cn_date(section.ends_on))
                      if section.starts_on and section.ends_on else "")
            heading = Paragraph(translate("printing.notice_list", "<font color='#c8102e'>■</font> {0}　"
                                          "<font size=9 color='#6b6b6b'>公示期：{1}　异议截止：{2}　共 {3} 条</font>").format(
                section.title, period, cn_date(section.ends_on) if section.ends_on else '—', len(section.items)),
                st.body)
            measure = [_row(i + 1, item, mask_names) for i, item in enumerate(section.items)]
            count = len(section.items)
            # the last rows go with the seal when it would otherwise stand alone (a second build: see page.py)
            tail = 3 if keep_seal and n == len(board.sections) - 1 and count > 4 else 0
            story += [CondPageBreak(CELL_SIZE * 8), heading, Spacer(1, 1.5 * mm),
                      section_table(section, 0, count - tail, measure, unrendered)]
            if tail:
                tail_table = section_table(section, count - tail, count, measure, unrendered)
            else:
                story.append(Spacer(1, 6 * mm))
        closing_text = ((translate("printing.notice_list", "异议截止日期：{0}。").format(cn_date(latest_end))
                         if latest_end else "")
                        + translate("printing.notice_list", "异议受理：{0}。").format(contact))
        closing = ([tail_table, Spacer(1, 6 * mm)] if tail_table is not None else []) + [Paragraph(closing_text, st.note)]
        if unrendered:
            closing.append(Paragraph(markup(unrendered_note(unrendered)), st.note))
        closing += [Spacer(1, 6 * mm), SealBlock(translate("printing.notice_list", "{0}村民委员会").format(
            board.village), printed_on, phone=phone)]
        return story + ([KeepTogether(closing)] if tail_table is not None else closing[:-2] + [KeepTogether(closing[-2:])])

    build_keeping_the_seal(out, make_doc, make_story)


def _row(number: int, item, mask_names: bool) -> list[str]:
    return [str(number), mask_name(item.head_name) if mask_names else item.head_name, item.group, item.category,
            item.what, _signed(item.points), item.occurred_on.isoformat()]
