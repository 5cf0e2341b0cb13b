"""The page both public boards are printed on (积分公示榜 and 红黑榜): the paper and its scale (the A3 board is read
from two metres), the page furniture, the head (title, period, notice box) and the closing (note, seal)."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from pointsapp import clock
from pointsapp.printing.fonts import markup, unrendered_note
from pointsapp.printing.page import (
    RED, OfficialDocument, Output, PageFurniture, SealBlock, Title, cn_date, fingerprint_line, is_board,
    paper_size, styles, table_style,
)
from pointsapp.services.periods import Period
from pointsapp.services.register.notice_facts import NoticeFacts
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.text import translate

# body and floor sizes of the table by paper (points): A4 is read at arm's length, the A3 board from two metres
CELL_SIZE = {"a4": 10.5, "a4-landscape": 10.5, "a3": 24, "a3-landscape": 24}
CELL_FLOOR = {"a4": 8, "a4-landscape": 8, "a3": 16, "a3-landscape": 16}
CELL_PAD = 3  # points each side: seven four-character category names fit A4 portrait on one line


@dataclass(frozen=True)
class BoardPage:
    paper: str
    title: str
    info: NoticeFacts
    published_on: dt.date
    furniture: PageFurniture
    board_paper: bool  # the A3 notice-board poster
    scale: float  # of the furniture, title and notes (the table is set by ``size``)
    st: Any  # page.styles(scale)
    width: float
    size: float
    floor: float

    def make_doc(self, out: Output) -> OfficialDocument:
        return OfficialDocument(out, furniture=self.furniture, pagesize=paper_size(self.paper))

    def head(self, period: Period) -> list:
        """Title, the period and publishing date, and the notice box."""
        notice_end = self.published_on + dt.timedelta(days=max(1, self.info.notice_days) - 1)
        return [
            Title(self.title, 24 * (1.8 if self.board_paper else 1)),
            Paragraph(translate("printing.ranking", "统计期间：{0}至{1}　　发布日期：{2}").format(
                cn_date(period.start), cn_date(period.end), cn_date(self.published_on)), self.st.subtitle),
            Spacer(1, 2 * mm * self.scale),
            notice_box(self.st, self.info, self.published_on, notice_end, self.width, self.scale),
            Spacer(1, 4 * mm * self.scale),
        ]

    def section(self, title: str, color) -> Paragraph:
        """红榜 or 黑榜 over its table."""
        return Paragraph(title, section_style(self.st, color, self.size))

    def closing(self, note: str, unrendered: list[str]) -> list:
        """The note under the table, what could not be printed in the font, and the committee's seal."""
        closing = [Spacer(1, 4 * mm * self.scale), Paragraph(note, self.st.note if self.board_paper else self.st.small)]
        if unrendered:
            closing.append(Paragraph(markup(unrendered_note(unrendered)), self.st.note))
        closing += [Spacer(1, 6 * mm * self.scale),
                    SealBlock(self.info.committee, self.published_on, scale=self.scale,
                              phone=self.info.supervision_phone)]
        return closing


def board_page(*, paper: str, title: str, info: NoticeFacts, published_on: dt.date | None,
               fingerprint: Fingerprint | None) -> BoardPage:
    board_paper = is_board(paper)
    scale = 2.0 if board_paper else 1.0
    published_on = published_on or clock.today()
    furniture = PageFurniture(info.village, title, published_on, 1.4 if board_paper else 1,
                              fingerprint=fingerprint_line(fingerprint))
    width = OfficialDocument(io.BytesIO(), furniture=furniture, pagesize=paper_size(paper)).width
    return BoardPage(paper=paper, title=title, info=info, published_on=published_on, furniture=furniture,
                     board_paper=board_paper, scale=scale, st=styles(scale), width=width,
                     size=CELL_SIZE.get(paper, 10.5), floor=CELL_FLOOR.get(paper, 8))


def section_style(st, color, size: float):
    return st.body.clone("section", fontSize=size * 1.3, leading=size * 1.7, textColor=color, spaceBefore=2)


def notice_box(st, info: NoticeFacts, start: dt.date, end: dt.date, width: float, scale: float) -> Table:
    text = translate("printing.ranking", "<font color='#c8102e'>公示期：</font>{0}至{1}（共 {2} 天）。"
                     "公示期内如对积分有异议，请向<font color='#c8102e'>{3}</font>反映，"
                     "村委会将在核实后答复。").format(cn_date(start), cn_date(end), info.notice_days,
                                                info.objection_contact)
    box = Table([[Paragraph(text, st.body)]], colWidths=[width])  # body size: 10.5 pt on A4, 21 pt on the board
    box.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 0.6 * scale, RED),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff8f6")),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm * scale),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm * scale),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm * scale),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm * scale),
    ]))
    return box
