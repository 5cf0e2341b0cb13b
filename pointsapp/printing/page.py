"""The common page of every printed document: colours, text styles, header, footer "第 1 页 共 N 页".

Documents are built with reportlab's platypus on :class:`OfficialDocument`. Its canvas
keeps every page until the end, so the footer can say how many pages there are. Only
the CJK TrueType font is ever used (also as the canvas' initial font), so every font in
the PDF is embedded, as a subset.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import partial
from typing import IO, Callable

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from pointsapp.printing import kinsoku
from pointsapp.printing.fonts import cjk_font, draw_text, text_width
from pointsapp.text import list_sep, long_date, translate

kinsoku.install()  # no line starts with closing punctuation (see printing/kinsoku.py)

RED = colors.HexColor("#c8102e")          # the red of notices and seals
DARK_RED = colors.HexColor("#8f0b1f")
INK = colors.HexColor("#1f1f1f")
GREY = colors.HexColor("#6b6b6b")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#f7e3e3")  # table header rows
ZEBRA = colors.HexColor("#f6f6f6")        # every other table row
GOLD = colors.HexColor("#c9a227")

PAPERS = {"a4": A4, "a4-landscape": landscape(A4), "a3": A3, "a3-landscape": landscape(A3)}
# shown through ui.domain_labels; the A3 papers are the notice board's layout (公示栏), read from 2 m
PAPER_LABELS = {"a4": "A4 纵向", "a4-landscape": "A4 横向", "a3": "A3 公示栏", "a3-landscape": "A3 横向公示栏"}


def is_board(paper: str) -> bool:
    """A3 papers are posted on the notice board: body text of 24 pt, read from two metres."""
    return paper.startswith("a3")

Output = str | os.PathLike | IO[bytes]
Progress = Callable[[str], None]


def target(out: Output):
    """What reportlab accepts: a path string or a binary file object."""
    return os.fspath(out) if isinstance(out, os.PathLike) else out


def no_progress(_text: str) -> None:
    pass


def cn_date(day: dt.date) -> str:
    """"2026年11月23日" (in English "23 Nov 2026")."""
    return long_date(day)


def word_wrap() -> str | None:
    """How paragraphs break lines: Chinese between any two characters ("CJK"); other languages at spaces
    (reportlab's CJK mode would cut English words; an over-long run is still split). Like Qt's
    QT_LAYOUT_DIRECTION, the choice is a translation: the English of this marker is "words"."""
    return "CJK" if translate("printing.page", "CJK") == "CJK" else None


def paper_size(paper: str) -> tuple[float, float]:
    from pointsapp.errors import UserError

    if paper not in PAPERS:
        raise UserError(translate("printing.page", "纸张“{0}”不支持，可选：{1}。").format(paper, list_sep().join(PAPERS)))
    return PAPERS[paper]


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    head_cell: ParagraphStyle
    subtitle: ParagraphStyle
    signature: ParagraphStyle


def styles(scale: float = 1.0) -> Styles:
    """Paragraph styles in the CJK font; ``scale`` enlarges everything (A3 posters)."""
    font = cjk_font()
    wrap = word_wrap()

    def style(name, size, color=INK, align=TA_LEFT, leading=1.45, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size * scale, leading=size * scale * leading,
                              textColor=color, alignment=align, wordWrap=wrap, **kw)

    return Styles(
        body=style("body", 10.5, spaceAfter=3),
        small=style("small", 8, GREY),
        note=style("note", 9.5, spaceAfter=2),
        cell=style("cell", 9, leading=1.3),
        cell_center=style("cell_center", 9, align=TA_CENTER, leading=1.3),
        cell_right=style("cell_right", 9, align=TA_RIGHT, leading=1.3),
        head_cell=style("head_cell", 9, DARK_RED, TA_CENTER, leading=1.25),
        subtitle=style("subtitle", 11, GREY, TA_CENTER, spaceAfter=6),
        signature=style("signature", 11, INK, TA_RIGHT, leading=1.8),
    )


def fitted_widths(columns: list[tuple[str, float]], rows: list[list], width: float, size: float,
                  least_rest: float = 30 * mm) -> list[float]:
    """Widths of a table declared as (header, mm; 0 = what is left): a fixed column widens to its longest
    plain-text cell and header word (English words are longer than the Chinese they translate), as far as
    the flexible column keeps ``least_rest``; that column takes what is left."""
    font = cjk_font()
    declared = [w * mm for _h, w in columns]
    wanted = []
    for i, (header, w) in enumerate(columns):
        texts = header.split() + [row[i] for row in rows if isinstance(row[i], str)]
        need = max((stringWidth(t, font, size) for t in texts), default=0) + 14  # the cell padding (6 + 6)
        wanted.append(max(declared[i], need) if w else 0)
    extra = sum(wanted) - sum(d for d in declared if d)
    room = width - least_rest - sum(d for d in declared if d)
    if extra > room:  # widen each column by the same share of what there is room for
        share = max(0.0, room) / extra
        wanted = [d + (x - d) * share if x else 0 for x, d in zip(wanted, declared)]
    rest = width - sum(wanted)
    return [x if x else rest for x in wanted]


# The ruled look every public list shares: a pale header between red rules, a red rule at the end, grey inner
# lines and zebra rows. Lists add their font sizes, alignments and paddings around it.
LIST_RULES: list[tuple] = [
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEABOVE", (0, 0), (-1, 0), 1.2, RED),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, RED),
    ("LINEBELOW", (0, -1), (-1, -1), 1.2, RED),
    ("INNERGRID", (0, 1), (-1, -1), 0.25, RULE),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
]


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cells use the CJK font: reportlab otherwise sets Helvetica for every
    cell, even one holding a paragraph, and that font would be referenced but not embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font())] + list(commands))


def bold_text(canvas: Canvas, x: float, y: float, text: str, size: float, color=INK, *,
              align: str = "left", weight: float = 0.035) -> float:
    """Draw ``text`` with a stroked outline (the font has no bold face). Returns its width."""
    canvas.saveState()
    canvas.setFillColor(color)
    canvas.setStrokeColor(color)
    canvas.setLineWidth(size * weight)
    width = draw_text(canvas, x, y, text, size, align=align, render_mode=2)  # fill and stroke
    canvas.restoreState()
    return width


class Title(Flowable):
    """The big red title of a notice, centred, with a short double rule under it."""

    def __init__(self, text: str, size: float = 22, color=RED, space_after: float = 4 * mm):
        super().__init__()
        self.text, self.size, self.color, self.space_after = text, size, color, space_after

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        # shrink long titles to the line instead of overflowing it
        while self.size > 10 and text_width(self.text, self.size) > avail_width * 0.95:
            self.size -= 1
        self.height = self.size * 1.3 + self.space_after
        return self.width, self.height

    def draw(self):
        c = self.canv
        baseline = self.space_after + self.size * 0.3
        bold_text(c, self.width / 2, baseline, self.text, self.size, self.color, align="center")


@dataclass
class PageFurniture:
    """What the header and footer of every page say."""

    village: str
    title: str
    printed_on: dt.date
    scale: float = 1.0
    header: bool = True
    fingerprint: str = ""  # "账本指纹：XXXX-XXXX-XXXX（共 N 条）" on public papers, at the right of the footer


class NumberedCanvas(Canvas):
    """Keeps every page until ``save`` so each footer can name the total page count."""

    def __init__(self, *args, furniture: PageFurniture, **kwargs):
        kwargs["initialFontName"] = cjk_font()
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            draw_furniture(self, self._furniture, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


def draw_furniture(canvas: Canvas, f: PageFurniture, number: int, total: int) -> None:
    width, height = canvas._pagesize
    font = cjk_font()
    s = f.scale
    margin = 15 * mm * s
    canvas.saveState()
    if f.header:
        y = height - 10 * mm * s
        canvas.setFillColor(RED)
        canvas.setFont(font, 9 * s)
        draw_text(canvas, margin, y, f.village, 9 * s)  # the fallback fonts too: a name like 王䶮 in the title
        canvas.setFillColor(GREY)
        draw_text(canvas, width - margin, y, f.title, 9 * s, align="right")
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(0.8 * s)
        canvas.line(margin, y - 2.2 * mm * s, width - margin, y - 2.2 * mm * s)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    y = 9 * mm * s
    canvas.line(margin, y + 4 * mm * s, width - margin, y + 4 * mm * s)
    canvas.setFillColor(GREY)
    canvas.setFont(font, 8.5 * s)
    canvas.drawCentredString(width / 2, y, translate("printing.page", "第 {0} 页 共 {1} 页").format(number, total))
    canvas.drawString(margin, y, translate("printing.page", "打印日期：{0}").format(cn_date(f.printed_on)))
    if f.fingerprint:  # the village is in the header already
        draw_text(canvas, width - margin, y, f.fingerprint, 8.5 * s, align="right")
    elif f.village:  # a township's report has none
        canvas.drawRightString(width - margin, y, f.village)
    canvas.restoreState()


def fingerprint_line(fingerprint) -> str:
    """The line every public paper carries: "账本指纹：XXXX-XXXX-XXXX（共 N 条）" (a villager compares it with
    ``pointsapp check --fingerprint``); empty without a fingerprint."""
    if fingerprint is None:
        return ""
    return translate("printing.page", "账本指纹：{0}（共 {1} 条）").format(fingerprint.code, fingerprint.size)


def fingerprint_now(fingerprint):
    """The fingerprint a paper prints: the one its caller published, else today's (computed, not recorded:
    printing never writes)."""
    if fingerprint is not None:
        return fingerprint
    from pointsapp.services.scoring import fingerprint as ledger_fingerprint

    return ledger_fingerprint.current()


class OfficialDocument(BaseDocTemplate):
    """A4/A3 document with the common header and footer; ``build(story)`` writes it."""

    def __init__(self, out: Output, *, furniture: PageFurniture, pagesize=A4, author: str = ""):
        s = furniture.scale
        super().__init__(target(out), pagesize=pagesize, leftMargin=15 * mm * s, rightMargin=15 * mm * s,
                         topMargin=(18 if furniture.header else 12) * mm * s, bottomMargin=18 * mm * s,
                         title=furniture.title, author=author or furniture.village,
                         creator=translate("printing.page", "村民积分管理系统"), initialFontName=cjk_font())
        self.furniture = furniture
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def build(self, flowables, **kwargs):  # type: ignore[override]
        self.placed: list[tuple[int, str]] = []
        super().build(flowables, canvasmaker=partial(NumberedCanvas, furniture=self.furniture), **kwargs)

    def afterFlowable(self, flowable):
        self.placed.append((self.page, type(flowable).__name__))

    def seal_alone(self) -> bool:
        """Whether the seal ended up on a page without any table (a signed page saying nothing)."""
        pages = {page for page, kind in self.placed if kind == "SealBlock"}
        return any(not any(p == page and kind == "Table" for p, kind in self.placed) for page in pages)


def build_keeping_the_seal(out: Output, make_doc: Callable[[Output], "OfficialDocument"],
                           make_story: Callable[[bool], list]) -> None:
    """Build a signed notice so that its seal never stands alone on the last page: built once; when the seal
    did, built again with the story's closing rows kept with the seal (``make_story(True)``)."""
    import io

    first = io.BytesIO()
    doc = make_doc(first)
    doc.build(make_story(False))
    if doc.seal_alone():
        make_doc(out).build(make_story(True))
        return
    data = first.getvalue()
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") as handle:
            handle.write(data)
    else:
        out.write(data)


class SealBlock(Flowable):
    """The committee's signature at the right: its name and the date, over a dashed red circle marking where
    the seal goes (盖章处), as a posted notice carries it; the supervision phone line (监督电话) on the left
    when one is set."""

    def __init__(self, committee: str, day: dt.date, *, scale: float = 1.0, phone: str = "", size: float = 11):
        super().__init__()
        self.committee, self.day, self.scale, self.phone, self.size = committee, day, scale, phone, size * scale
        self.radius = 19 * mm * min(scale, 1.2)  # a real seal is about 40 mm across, on any paper

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.height = 2 * self.radius + 6 * mm
        return self.width, self.height

    def draw(self):
        c, s, size = self.canv, self.scale, self.size
        date_text = cn_date(self.day)
        committee_w = min(text_width(self.committee, size), self.width * 0.6)
        size = size * committee_w / max(1.0, text_width(self.committee, size))
        right = self.width
        cy = self.radius + 3 * mm
        cx = right - max(committee_w, text_width(date_text, size)) / 2
        c.saveState()
        c.setStrokeColor(RED)
        c.setFillColor(RED)
        c.setLineWidth(0.8 * s)
        c.setDash(3 * s, 2 * s)
        c.circle(cx, cy, self.radius, stroke=1, fill=0)
        c.setDash()
        c.setFont(cjk_font(), 8 * min(s, 1.2))  # low in the circle, under the date
        c.drawCentredString(cx, cy - self.radius + 2.5 * mm, translate("printing.page", "（盖章）"))
        c.setFillColor(INK)
        draw_text(c, right, cy + 2 * mm * s, self.committee, size, align="right")
        draw_text(c, right, cy - size * 1.3, date_text, size, align="right")
        if self.phone:
            c.setFillColor(INK)
            draw_text(c, 0, cy - size * 1.3, translate("printing.page", "监督电话：{0}").format(self.phone),
                      max(size, 10.5 * s))
        c.restoreState()
