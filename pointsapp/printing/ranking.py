"""积分公示榜: the public ranking notice for a village or group and a period (A4 portrait/landscape, A3 poster).

Posted on the notice board: it shows rank, the head's name (maskable), group, points
per category, total and stars. The ranking rows carry no ID numbers, phone numbers or
addresses, so none can reach the paper.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from pointsapp.printing.layout import Column, TableFit
from pointsapp.printing.page import (
    HEADER_FILL, RED, RULE, ZEBRA, Output, Progress, build_keeping_the_seal, fingerprint_now, no_progress,
)
from pointsapp.printing.public_board import CELL_PAD, board_page
from pointsapp.services.auth import Actor
from pointsapp.services.periods import Period
from pointsapp.services.register.notice_facts import NoticeFacts, notice_facts
from pointsapp.services.register.privacy import mask_name
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.services.scoring.rankings import Ranking, ranking, stars_text
from pointsapp.text import domain_label, translate

NoticeInfo = NoticeFacts  # the name this module used before the facts moved to the services


def notice_info(*, village_id: int | None, group_id: int | None) -> NoticeFacts:
    return notice_facts(village_id=village_id, group_id=group_id)


def ranking_pdf(out: Output, *, actor: Actor, period: Period, village_id: int | None = None,
                group_id: int | None = None, mask_names: bool = False, paper: str = "a4",
                published_on: dt.date | None = None, progress: Progress = no_progress,
                fingerprint: Fingerprint | None = None, tag: str | None = None, category: str | None = None) -> int:
    """Compute the ranking and write the notice, with the ledger's ``fingerprint`` (the one the caller
    published; today's when not given); of one tag's households, by one category, when given (see
    ``rankings.ranking``). Returns the number of rows printed."""
    progress(translate("printing.ranking", "正在计算排名…"))
    board = ranking(actor=actor, period=period, village_id=village_id, group_id=group_id, tag=tag, category=category)
    progress(translate("printing.ranking", "正在排版 {0} 户…").format(len(board.rows)))
    render_ranking(out, board, info=notice_info(village_id=village_id, group_id=group_id),
                   mask_names=mask_names, paper=paper, published_on=published_on,
                   fingerprint=fingerprint_now(fingerprint))
    return len(board.rows)


def _stars(n: int) -> str:
    return stars_text(n)


def _ranking_table(board: Ranking, rows, *, township: bool, mask_names: bool, width: float, size: float,
                   floor: float, scale: float, fit_log: list[str], categories: bool = True, measure=None):
    """The ranking's table of ``rows`` (a slice of the board's); without the category columns when
    ``categories`` is false (a board notice too narrow for them at its size)."""
    if not categories:
        board = dataclasses.replace(board, categories=[])
    columns = ([Column(translate("printing.ranking", "名次"), wrap=False),
                Column(translate("printing.ranking", "户主"), least_chars=3, flex=True)]
               + ([Column(translate("printing.ranking", "村"), least_chars=3, flex=True)] if township else [])
               + [Column(translate("printing.ranking", "小组"), least_chars=2, flex=True)]
               + [Column(n, align="right", wrap=False) for _c, n in board.categories]
               + [Column(translate("printing.ranking", "合计"), align="right", wrap=False),
                  Column(translate("printing.ranking", "星级"), wrap=False)])
    def text_of(row) -> list[str]:
        name = mask_name(row.head_name) if mask_names else row.head_name
        return ([str(row.rank), name] + ([row.village] if township else []) + [row.group]
                + [str(row.by_category.get(code, 0)) for code, _n in board.categories]
                + [str(row.total), _stars(row.stars)])

    texts, colors_ = [], {}
    first_cat = 4 if township else 3
    total_col, star_col = len(columns) - 2, len(columns) - 1
    for r, row in enumerate(rows):
        texts.append(text_of(row))
        colors_[(star_col, r)] = RED
        colors_[(total_col, r)] = colors.black
        if row.rank <= 3:
            colors_[(0, r)] = RED
        for i, (code, _n) in enumerate(board.categories):
            if row.by_category.get(code, 0) < 0:
                colors_[(first_cat + i, r)] = RED
    fit = TableFit(columns, width, size, floor, pad=CELL_PAD * scale)
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2 * scale, RED),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8 * scale, RED),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2 * scale, RED),
        ("INNERGRID", (0, 1), (-1, -1), 0.25 * scale, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("TOPPADDING", (0, 1), (-1, -1), 2.2 * scale),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2.6 * scale),
    ]
    if not rows:
        texts = [[translate("printing.ranking", "本期没有在册的户。")] + [""] * (len(columns) - 1)]
        commands.append(("SPAN", (0, 1), (-1, 1)))
    # 红榜 and 黑榜 measured on the rows of both, so their columns line up
    table = fit.table(texts, commands=commands, colors=colors_,
                      measure=[text_of(r) for r in measure] if measure and rows else None)
    fit_log.extend(fit.unrendered)
    return table


def render_ranking(out: Output, board: Ranking, *, info: NoticeFacts, mask_names: bool = False, paper: str = "a4",
                   published_on: dt.date | None = None, fingerprint: Fingerprint | None = None) -> None:
    title = translate("printing.ranking", "{0}{1}村民积分公示榜").format(domain_label(board.title), board.period.label)
    page = board_page(paper=paper, title=title, info=info, published_on=published_on, fingerprint=fingerprint)
    scale, size = page.scale, page.size
    township = any(r.village != board.rows[0].village for r in board.rows) if board.rows else False
    categories = _categories_fit(board, township, mask_names, page.width, size, page.floor, scale)

    def make_story(keep_seal: bool) -> list:
        unrendered: list[str] = []
        table_args = dict(township=township, mask_names=mask_names, width=page.width, size=size, floor=page.floor,
                          scale=scale, fit_log=unrendered, categories=categories)
        story = page.head(board.period)
        rows = list(board.rows)
        split = info.red_black_rows if page.board_paper else 0
        last, measure = rows, rows
        if split and len(rows) > split:
            red = rows[:split]
            black = [r for r in rows[-split:] if r not in red and r.total < red[-1].total]
            measure = red + black
            story += [CondPageBreak(size * 9), page.section(translate("printing.ranking", "红榜"), RED)]
            if black:
                story += [_ranking_table(board, red, measure=measure, **table_args), Spacer(1, 6 * mm),
                          CondPageBreak(size * 9),
                          page.section(translate("printing.ranking", "黑榜"), colors.black)]
            last = black or red
        # the last rows go with the seal when it would otherwise stand alone (a second build: see page.py)
        tail = 3 if keep_seal and len(last) > 4 else 0
        if tail:
            story.append(_ranking_table(board, last[:-tail], measure=measure, **table_args))
        closing = [_ranking_table(board, last[-tail:] if tail else last, measure=measure, **table_args)]
        note = (translate("printing.ranking", "说明：积分按已生效的加分、扣分记录统计；合计相同者，扣分少的在前，"
                          "再按加分多少排列，仍相同的名次并列。")
                + ("" if categories else translate("printing.ranking", "各类别积分见 A4 公示榜。"))
                + (translate("printing.ranking", "为保护隐私，户主姓名只留姓氏。") if mask_names else ""))
        closing += page.closing(note, unrendered)
        return story + (closing[:1] + [KeepTogether(closing[1:])] if not tail else [KeepTogether(closing)])

    build_keeping_the_seal(out, page.make_doc, make_story)


def _categories_fit(board: Ranking, township: bool, mask_names: bool, width: float, size: float, floor: float,
                    scale: float) -> bool:
    """Whether the category columns fit beside the names at this size (on A3 portrait at 24 pt they do not:
    the board then shows rank, name, group, total and stars, and says where the categories are)."""
    if not board.categories:
        return True
    columns = [Column(n, wrap=False) for _c, n in board.categories] + [Column("", least_chars=3)] * (4 if township else 3)
    rows = [[str(r.by_category.get(c, 0)) for c, _n in board.categories] + ["", "", "", ""][:4 if township else 3]
            for r in board.rows] or [[""] * len(columns)]
    return TableFit(columns, width - 8 * size, size, floor, pad=CELL_PAD * scale).fits(rows)


