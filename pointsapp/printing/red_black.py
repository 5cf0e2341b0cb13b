"""红黑榜: the month's red board (the best households under each heading) and black board (every deduction with
the rule it was for), on the ranking notice's page: same furniture, notice box, section titles and seal.

Built from ``scoring.boards.RedBlackBoard``, which carries no ID number, phone or address; names masked on
request (张*, 欧阳*, 阿卜**) with the same masking as every public print.
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from pointsapp.printing.layout import Column, TableFit
from pointsapp.printing.page import RED, RULE, Output, Progress, build_keeping_the_seal, fingerprint_now, no_progress
from pointsapp.printing.public_board import CELL_PAD, board_page
from pointsapp.printing.ranking import notice_info
from pointsapp.services.auth import Actor
from pointsapp.services.periods import Period
from pointsapp.services.register.notice_facts import NoticeFacts
from pointsapp.services.register.privacy import mask_name
from pointsapp.services.scoring.boards import RED_PER_HEADING, RedBlackBoard, red_black_board
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.text import domain_label, translate

BLACK = colors.HexColor("#1f1f1f")
_RED_FILL = colors.HexColor("#fdecec")
_BLACK_FILL = colors.HexColor("#e6e6e6")


def red_black_pdf(out: Output, *, actor: Actor, period: Period, village_id: int | None = None,
                  group_id: int | None = None, tag: str | None = None, per_heading: int = RED_PER_HEADING,
                  mask_names: bool = False, paper: str = "a4", published_on: dt.date | None = None,
                  progress: Progress = no_progress, fingerprint: Fingerprint | None = None) -> tuple[int, int]:
    """Compute the board and write it. Returns (households on the red board, entries on the black board)."""
    progress(translate("printing.red_black", "正在整理红黑榜…"))
    board = red_black_board(actor=actor, period=period, village_id=village_id, group_id=group_id, tag=tag,
                            per_heading=per_heading)
    render_red_black(out, board, info=notice_info(village_id=village_id, group_id=group_id), mask_names=mask_names,
                     paper=paper, published_on=published_on, fingerprint=fingerprint_now(fingerprint))
    return sum(len(h.rows) for h in board.red), len(board.black)


def _name(name: str, mask: bool) -> str:
    return mask_name(name) if mask else name


def _red_table(board: RedBlackBoard, township: bool, mask: bool, fit_args: dict, log: list[str]):
    columns = ([Column(translate("printing.red_black", "类别"), least_chars=4, flex=True),
                Column(translate("printing.red_black", "名次"), wrap=False),
                Column(translate("printing.red_black", "户主"), least_chars=3, flex=True)]
               + ([Column(translate("printing.red_black", "村"), least_chars=3, flex=True)] if township else [])
               + [Column(translate("printing.red_black", "小组"), least_chars=2, flex=True),
                  Column(translate("printing.red_black", "本类积分"), align="right", wrap=False)])
    rows, commands, first = [], [], 1
    for heading in board.red:
        start = len(rows) + first
        for i, e in enumerate(heading.rows):
            rows.append([domain_label(heading.name) if i == 0 else "", str(e.rank), _name(e.head_name, mask)]
                        + ([e.village] if township else []) + [e.group, f"+{e.points}"])
        if len(heading.rows) > 1:
            commands.append(("SPAN", (0, start), (0, start + len(heading.rows) - 1)))
        commands.append(("LINEABOVE", (0, start), (-1, start), 0.6, RED))
    if not rows:
        rows = [[translate("printing.red_black", "本期没有加分的户。")] + [""] * (len(columns) - 1)]
        commands = [("SPAN", (0, 1), (-1, 1))]
    fit = TableFit(columns, **fit_args)
    colors_ = {(len(columns) - 1, r): RED for r in range(len(rows))}
    table = fit.table(rows, colors=colors_, measure=[r for r in rows if r[1]] or None, commands=[
        ("BACKGROUND", (0, 0), (-1, 0), _RED_FILL), ("LINEABOVE", (0, 0), (-1, 0), 1.2, RED),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2, RED), ("INNERGRID", (1, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 1), (0, -1), "MIDDLE")] + commands)
    log.extend(fit.unrendered)
    return table


def _black_table(board: RedBlackBoard, township: bool, mask: bool, fit_args: dict, log: list[str]):
    columns = ([Column(translate("printing.red_black", "户主"), least_chars=3, flex=True)]
               + ([Column(translate("printing.red_black", "村"), least_chars=3, flex=True)] if township else [])
               + [Column(translate("printing.red_black", "小组"), least_chars=2, flex=True),
                  Column(translate("printing.red_black", "日期"), wrap=False),
                  Column(translate("printing.red_black", "扣分事项"), least_chars=6, flex=True),
                  Column(translate("printing.red_black", "扣分"), align="right", wrap=False),
                  Column(translate("printing.red_black", "本年 第几次"), align="right", wrap=False)])
    rows = [[_name(e.head_name, mask)] + ([e.village] if township else [])
            + [e.group, translate("printing.red_black", "{0}月{1}日").format(e.occurred_on.month, e.occurred_on.day), e.rule, str(e.points), str(e.year_count)]
            for e in board.black]
    commands = []
    if not rows:
        rows = [[translate("printing.red_black", "本期没有扣分记录。")] + [""] * (len(columns) - 1)]
        commands = [("SPAN", (0, 1), (-1, 1))]
    fit = TableFit(columns, head_color=BLACK, **fit_args)
    table = fit.table(rows, measure=[r for r in rows if r[1]] if board.black else None, commands=[
        ("BACKGROUND", (0, 0), (-1, 0), _BLACK_FILL), ("LINEABOVE", (0, 0), (-1, 0), 1.2, BLACK),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2, BLACK), ("INNERGRID", (0, 1), (-1, -1), 0.25, RULE)] + commands)
    log.extend(fit.unrendered)
    return table


def render_red_black(out: Output, board: RedBlackBoard, *, info: NoticeFacts, mask_names: bool = False,
                     paper: str = "a4", published_on: dt.date | None = None,
                     fingerprint: Fingerprint | None = None) -> None:
    title = translate("printing.red_black", "{0}{1}红黑榜").format(domain_label(board.title), board.period.label)
    page = board_page(paper=paper, title=title, info=info, published_on=published_on, fingerprint=fingerprint)
    villages = {e.village for h in board.red for e in h.rows} | {e.village for e in board.black}
    township = len(villages) > 1
    fit_args = dict(width=page.width, size=page.size, floor=page.floor, pad=CELL_PAD * page.scale)
    explained = page.st.small if not page.board_paper else page.st.note

    def make_story(keep_seal: bool) -> list:
        unrendered: list[str] = []
        story = page.head(board.period) + [
            CondPageBreak(page.size * 9),
            page.section(translate("printing.ranking", "红榜"), RED),
            Paragraph(translate("printing.red_black", "各类别本期积分最高的 {0} 户（同分并列）。").format(board.per_heading),
                      explained),
            _red_table(board, township, mask_names, fit_args, unrendered),
            Spacer(1, 6 * mm * page.scale),
            CondPageBreak(page.size * 9),
            page.section(translate("printing.ranking", "黑榜"), BLACK),
            Paragraph(translate("printing.red_black", "本期有扣分记录的户及扣分事项（已冲正的不列）。"), explained),
        ]
        black = _black_table(board, township, mask_names, fit_args, unrendered)
        note = (translate("printing.red_black", "说明：按已生效的加分、扣分记录统计；“本年第几次”为该户本年上黑榜的次数。")
                + (translate("printing.red_black", "本榜只列{0}。").format(board.tag) if board.tag else "")
                + (translate("printing.ranking", "为保护隐私，户主姓名只留姓氏。") if mask_names else ""))
        closing = page.closing(note, unrendered)
        if keep_seal:
            return story + [KeepTogether([black] + closing)]
        return story + [black, KeepTogether(closing)]

    build_keeping_the_seal(out, page.make_doc, make_story)
