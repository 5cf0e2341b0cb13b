"""积分公示榜: the public ranking notice for a village or group and a period (A4 portrait/landscape, A3 poster).

Posted on the notice board: it shows rank, the head's name (maskable), group, points
per category, total and stars. The ranking rows carry no ID numbers, phone numbers or
addresses, so none can reach the paper.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.models import Group, Village
from pointsapp.printing.fonts import cjk_font
from pointsapp.printing.page import (
    HEADER_FILL, INK, RED, RULE, ZEBRA, OfficialDocument, Output, PageFurniture, Progress, Title, cn_date,
    no_progress, paper_size, styles, table_style,
)
from pointsapp.services.auth import Actor
from pointsapp.services.periods import Period
from pointsapp.services.register.privacy import mask_name
from pointsapp.services.scoring.rankings import Ranking, ranking, stars_text
from pointsapp.text import domain_label, translate

# body font size of the table by paper: the A3 poster is read from a few steps away
_CELL_SIZE = {"a4": 8.5, "a4-landscape": 9.5, "a3": 12.5}


@dataclass(frozen=True)
class NoticeInfo:
    """Who posts the notice and where villagers object."""

    village: str
    committee: str
    objection_contact: str
    notice_days: int


def notice_info(*, village_id: int | None, group_id: int | None) -> NoticeInfo:
    village = None
    if group_id is not None:
        group = Group.get_or_none(Group.id == group_id)
        village = group.village if group else None
    elif village_id is not None:
        village = Village.get_or_none(Village.id == village_id)
    if village is None:
        villages = list(Village.select().order_by(Village.id).limit(2))
        if len(villages) == 1:  # one village: the township-wide notice is that village's notice
            village = villages[0]
        else:  # the whole township: each village's committee answers for its own households
            township = (villages[0].township.name if villages and villages[0].township_id
                        else translate("printing.ranking", "全镇"))
            return NoticeInfo(township, translate("printing.ranking", "各村村民委员会"),
                              translate("printing.ranking", "本村村委会"), 7)
    if village is None:
        return NoticeInfo(translate("printing.ranking", "全镇"), translate("printing.ranking", "各村村民委员会"),
                          translate("printing.ranking", "本村村委会"), 7)
    return NoticeInfo(village.name, translate("printing.ranking", "{0}村民委员会").format(village.name),
                      village.objection_contact or translate("printing.ranking", "村委会办公室"), village.notice_days)


def ranking_pdf(out: Output, *, actor: Actor, period: Period, village_id: int | None = None,
                group_id: int | None = None, mask_names: bool = False, paper: str = "a4",
                published_on: dt.date | None = None, progress: Progress = no_progress) -> int:
    """Compute the ranking and write the notice. Returns the number of rows printed."""
    progress(translate("printing.ranking", "正在计算排名…"))
    board = ranking(actor=actor, period=period, village_id=village_id, group_id=group_id)
    progress(translate("printing.ranking", "正在排版 {0} 户…").format(len(board.rows)))
    render_ranking(out, board, info=notice_info(village_id=village_id, group_id=group_id),
                   mask_names=mask_names, paper=paper, published_on=published_on)
    return len(board.rows)


def _stars(n: int) -> str:
    return stars_text(n)


def render_ranking(out: Output, board: Ranking, *, info: NoticeInfo, mask_names: bool = False, paper: str = "a4",
                   published_on: dt.date | None = None) -> None:
    pagesize = paper_size(paper)
    scale = 1.35 if paper == "a3" else 1.0
    st = styles(scale)
    published_on = published_on or clock.today()
    notice_end = published_on + dt.timedelta(days=max(1, info.notice_days) - 1)
    title = translate("printing.ranking", "{0}{1}村民积分公示榜").format(domain_label(board.title), board.period.label)
    doc = OfficialDocument(out, furniture=PageFurniture(info.village, title, published_on, scale), pagesize=pagesize)

    township = any(r.village != board.rows[0].village for r in board.rows) if board.rows else False
    size = _CELL_SIZE.get(paper, 9)
    head_style = st.head_cell.clone("rank_head", fontSize=size, leading=size * 1.25)
    header = [translate("printing.ranking", "名次"), translate("printing.ranking", "户主")] \
        + ([translate("printing.ranking", "村")] if township else []) + [translate("printing.ranking", "小组")] \
        + [n for _c, n in board.categories] + [translate("printing.ranking", "合计"), translate("printing.ranking", "星级")]
    rows = []
    for row in board.rows:
        name = mask_name(row.head_name) if mask_names else row.head_name
        rows.append([str(row.rank), name] + ([row.village] if township else []) + [row.group]
                    + [str(row.by_category.get(code, 0)) for code, _n in board.categories]
                    + [str(row.total), _stars(row.stars)])
    widths = _column_widths(doc.width, len(board.categories), township, size,
                            max((r.stars for r in board.rows), default=0), [header] + rows)
    data = [[Paragraph(h, head_style) for h in header]] + rows
    if not board.rows:
        data.append([translate("printing.ranking", "本期没有在册的户。")] + [""] * (len(header) - 1))

    first_cat, total_col, star_col = 4 if township else 3, len(header) - 2, len(header) - 1
    commands = [
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("LEADING", (0, 1), (-1, -1), size * 1.2),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("ALIGN", (first_cat, 1), (total_col, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2 * scale, RED),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8 * scale, RED),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2 * scale, RED),
        ("INNERGRID", (0, 1), (-1, -1), 0.25, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("TEXTCOLOR", (total_col, 1), (total_col, -1), colors.black),
        ("TEXTCOLOR", (star_col, 1), (star_col, -1), RED),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD * scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD * scale),
        ("TOPPADDING", (0, 1), (-1, -1), 2.2 * scale),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2.6 * scale),
        ("RIGHTPADDING", (first_cat, 1), (total_col, -1), 5 * scale),
    ]
    if board.rows:
        top3 = max((i for i, r in enumerate(board.rows, start=1) if r.rank <= 3), default=0)
        if top3:
            commands.append(("TEXTCOLOR", (0, 1), (0, top3), RED))
    else:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(commands))

    story = [
        Title(title, 24 * scale),
        Paragraph(translate("printing.ranking", "统计期间：{0}至{1}　　发布日期：{2}").format(
            cn_date(board.period.start), cn_date(board.period.end), cn_date(published_on)), st.subtitle),
        Spacer(1, 2 * mm * scale),
        _notice_box(st, info, published_on, notice_end, doc.width, scale),
        Spacer(1, 4 * mm * scale),
        table,
        Spacer(1, 4 * mm * scale),
        Paragraph(translate("printing.ranking", "说明：积分按已生效的加分、扣分记录统计；合计相同者，扣分少的在前，"
                            "再按加分多少排列，仍相同的名次并列。")
                  + (translate("printing.ranking", "为保护隐私，户主姓名中间的字以“*”代替。") if mask_names else ""), st.small),
        KeepTogether([Spacer(1, 8 * mm * scale),
                      Paragraph(f"{info.committee}<br/>{cn_date(published_on)}", st.signature)]),
    ]
    doc.build(story)


def _notice_box(st, info: NoticeInfo, start: dt.date, end: dt.date, width: float, scale: float) -> Table:
    text = translate("printing.ranking", "<font color='#c8102e'>公示期：</font>{0}至{1}（共 {2} 天）。"
                     "公示期内如对积分有异议，请向<font color='#c8102e'>{3}</font>反映，"
                     "村委会将在核实后答复。").format(cn_date(start), cn_date(end), info.notice_days,
                                                info.objection_contact)
    box = Table([[Paragraph(text, st.note)]], colWidths=[width])
    box.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 0.6 * scale, RED),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff8f6")),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm * scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm * scale),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm * scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm * scale),
    ]))
    return box


CELL_PAD = 3  # points each side: seven four-character category names fit A4 portrait on one line


def _column_widths(width: float, categories: int, township: bool, size: float, max_stars: int,
                   texts: list[list[str]]) -> list[float]:
    """Fixed columns sized to their text (``texts``: the header and the rows; a header may wrap between its
    words); the categories share what is left equally."""
    font = cjk_font()
    em = stringWidth("国", font, size)

    def fit(column: int, least: float) -> float:
        words = [w for i, row in enumerate(texts) for w in (row[column].split() if i == 0 else [row[column]])]
        return max([least] + [stringWidth(w, font, size) + 2 * CELL_PAD + 2 for w in words])

    rank, name = fit(0, 3.4 * em), fit(1, 4.4 * em)
    village, group = (fit(2, 5 * em), fit(3, 3.4 * em)) if township else (5 * em, fit(2, 3.4 * em))
    total = fit(len(texts[0]) - 2, 3.6 * em)
    widest = max(stringWidth(_stars(n), font, size) for n in range(1, max(max_stars, 1) + 1))
    stars = max(3.8 * em, widest + 1.2 * em)
    fixed = rank + name + (village if township else 0) + group + total + stars
    rest = max(width - fixed, categories * (4 * em + 2 * CELL_PAD + 2))  # a four-character name on one line
    per_category = rest / max(categories, 1)
    widths = [rank, name] + ([village] if township else []) + [group] + [per_category] * categories + [total, stars]
    scale = width / sum(widths)  # never wider than the page
    return [w * scale for w in widths] if scale < 1 else widths
