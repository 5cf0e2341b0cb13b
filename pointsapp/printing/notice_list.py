"""积分公示名单: the entries now on public notice — what, whom, points, until when and how to object."""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.printing.page import (
    INK, LIST_RULES, RED, OfficialDocument, Output, PageFurniture, Progress, Title, cn_date,
    fitted_widths, no_progress, styles, table_style,
)
from pointsapp.services.auth import Actor
from pointsapp.services.scoring.notice_board import NoticeBoard, notice_board
from pointsapp.services.register.privacy import mask_name
from pointsapp.text import translate

def _columns() -> list[tuple[str, int]]:
    """(header, width in mm; 0 = what is left), in the chosen language."""
    return [(translate("printing.notice_list", "序号"), 10), (translate("printing.notice_list", "户主"), 18),
            (translate("printing.notice_list", "小组"), 13), (translate("printing.notice_list", "类别"), 20),
            (translate("printing.notice_list", "事项"), 0), (translate("printing.notice_list", "加/扣分"), 16),
            (translate("printing.notice_list", "发生日期"), 24)]


def notice_pdf(out: Output, *, actor: Actor, village_id: int, mask_names: bool = False,
               printed_on: dt.date | None = None, progress: Progress = no_progress) -> int:
    """Write the notice list of a village. Returns the number of entries listed."""
    progress(translate("printing.notice_list", "正在读取公示中的积分…"))
    board = notice_board(actor=actor, village_id=village_id)
    render_notice(out, board, mask_names=mask_names, printed_on=printed_on)
    return board.count


def _signed(points: int) -> str:
    return f"+{points}" if points > 0 else str(points)


def render_notice(out: Output, board: NoticeBoard, *, mask_names: bool = False,
                  printed_on: dt.date | None = None) -> None:
    printed_on = printed_on or clock.today()
    st = styles()
    title = translate("printing.notice_list", "{0}积分公示名单").format(board.village)
    doc = OfficialDocument(out, furniture=PageFurniture(board.village, title, printed_on))
    contact = board.objection_contact or translate("printing.notice_list", "村委会办公室")
    latest_end = max((s.ends_on for s in board.sections if s.ends_on), default=None)
    story = [
        Title(title),
        Paragraph(translate("printing.notice_list", "共 {0} 条积分记录正在公示　　打印日期：{1}").format(
            board.count, cn_date(printed_on)), st.subtitle),
        Spacer(1, 2 * mm),
        Paragraph(translate("printing.notice_list", "以下积分记录已经审核，现予公示。公示期满无异议的，积分正式生效；公示期内如有异议，"
                            "请在公示截止日前向<font color='#c8102e'>{0}</font>提出（写明户主、事项和理由），"
                            "村委会核实后答复，异议成立的予以冲正。").format(contact), st.body),
        Spacer(1, 3 * mm),
    ]
    if not board.sections:
        story.append(Paragraph(translate("printing.notice_list", "目前没有正在公示的积分记录。"), st.body))
    columns = _columns()
    for section in board.sections:
        period = (translate("printing.notice_list", "{0}至{1}").format(cn_date(section.starts_on),
                                                                        cn_date(section.ends_on))
                  if section.starts_on and section.ends_on else "")
        heading = Paragraph(translate("printing.notice_list", "<font color='#c8102e'>■</font> {0}　"
                                      "<font size=9 color='#6b6b6b'>公示期：{1}　异议截止：{2}　共 {3} 条</font>").format(
            section.title, period, cn_date(section.ends_on) if section.ends_on else '—', len(section.items)), st.body)
        data = [[Paragraph(h, st.head_cell) for h, _w in columns]]
        for i, item in enumerate(section.items, start=1):
            data.append([str(i), mask_name(item.head_name) if mask_names else item.head_name, item.group,
                         item.category, Paragraph(item.what, st.cell), _signed(item.points),
                         item.occurred_on.isoformat()])
        table = Table(data, colWidths=fitted_widths(columns, data[1:], doc.width, 9), repeatRows=1)
        commands = [
            ("FONTSIZE", (0, 1), (-1, -1), 9),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("ALIGN", (0, 1), (-1, -1), "CENTER"),
            ("ALIGN", (5, 1), (5, -1), "RIGHT"),
            *LIST_RULES,
            ("RIGHTPADDING", (5, 1), (5, -1), 8),
        ]
        for row, item in enumerate(section.items, start=1):
            if item.points < 0:
                commands.append(("TEXTCOLOR", (5, row), (5, row), RED))
        table.setStyle(table_style(commands))
        story += [KeepTogether([heading, Spacer(1, 1.5 * mm)]), table, Spacer(1, 6 * mm)]
    closing = ((translate("printing.notice_list", "异议截止日期：{0}。").format(cn_date(latest_end)) if latest_end else "")
               + translate("printing.notice_list", "异议受理：{0}。").format(contact))
    story += [Paragraph(closing, st.note),
              KeepTogether([Spacer(1, 8 * mm),
                            Paragraph(translate("printing.notice_list", "{0}村民委员会<br/>{1}").format(
                                board.village, cn_date(printed_on)), st.signature)])]
    doc.build(story)
