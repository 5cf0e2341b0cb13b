"""积分卡 PDF: ID-1 cards (85.6 × 54 mm) with a vector QR, as A4 sheets of ten with crop marks or one per page.

Drawn straight on the canvas (no platypus): a thousand cards take a few seconds and
the file stays small, because each QR is one path of rectangles, one per horizontal
run of dark modules, and what the cards of a village share is one PDF form (see
:class:`CardPainter`).
"""
from __future__ import annotations

import functools
import math
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pointsapp.printing.fonts import cjk_font
from pointsapp.printing.page import GOLD, GREY, INK, RED, Output, Progress, bold_text, no_progress, target
from pointsapp.services.register.cards import CardFace
from pointsapp.services.qr import dark_runs, qr_matrix
from pointsapp.text import list_sep, translate

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5  # ten cards on A4 portrait, edge to edge: one cut per line
BAND_H = 12 * mm
QR_SIZE = 22 * mm  # version 2 (25 modules): 0.88 mm a module, 5 pixels at 150 dpi
PAD = 4.5 * mm
CROP_GAP, CROP_LEN = 1.5 * mm, 5 * mm
LABEL_X, VALUE_X = PAD, PAD + 9 * mm


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float, color=colors.black) -> None:
    """The QR of ``text`` as vector rectangles, its symbol (without quiet zone) filling the square at x, y."""
    matrix = qr_matrix(text)
    module = size / len(matrix)
    c.saveState()
    c.setFillColor(color)
    # one unit = one module, rows counted downwards: the rectangles are small integers, written as
    # literal path operators, which is many times faster than formatting floats for each of them
    c.translate(x, y + size)
    c.scale(module, -module)
    c.addLiteral("\n".join(f"{col} {row} {length} 1 re" for row, col, length in dark_runs(matrix)) + "\nf")
    c.restoreState()


# a five-pointed star of radius 1, point up: ten corners alternating outer and inner (0.4) radius
_STAR = [((1 if i % 2 == 0 else 0.4) * math.cos(math.pi / 2 + i * math.pi / 5),
          (1 if i % 2 == 0 else 0.4) * math.sin(math.pi / 2 + i * math.pi / 5)) for i in range(10)]


@functools.lru_cache(maxsize=32)
def _star_row(count: int, r: float) -> str:
    """The path operators of ``count`` filled stars of radius ``r`` in a row from the origin, made once per
    count and size: formatting ten points per star was most of what a card's stars cost."""
    ops = []
    for i in range(count):
        cx = r + i * (2.15 * r)
        points = [f"{cx + px * r:.2f} {py * r:.2f}" for px, py in _STAR]
        ops.append(f"{points[0]} m " + " ".join(f"{p} l" for p in points[1:]) + " h")
    return "\n".join(ops) + "\nf"


def _stars(c: Canvas, x: float, cy: float, r: float, count: int) -> None:
    """``count`` filled stars in a row from x, centred on cy: the cached row, moved into place."""
    c.addLiteral(f"q 1 0 0 1 {x:.2f} {cy:.2f} cm\n{_star_row(count, r)}\nQ")


def _crop_marks(c: Canvas, x0: float, y0: float) -> None:
    c.saveState()
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.3)
    right, top = x0 + COLUMNS * CARD_W, y0 + ROWS * CARD_H
    for i in range(COLUMNS + 1):
        x = x0 + i * CARD_W
        c.line(x, y0 - CROP_GAP, x, y0 - CROP_GAP - CROP_LEN)
        c.line(x, top + CROP_GAP, x, top + CROP_GAP + CROP_LEN)
    for j in range(ROWS + 1):
        y = y0 + j * CARD_H
        c.line(x0 - CROP_GAP, y, x0 - CROP_GAP - CROP_LEN, y)
        c.line(right + CROP_GAP, y, right + CROP_GAP + CROP_LEN, y)
    c.restoreState()


class CardPainter:
    """Draws cards on one canvas. Whatever is the same on many cards (the band with the village's name, the
    labels, the footer line, a sheet's crop marks) is drawn once as a PDF form and reused: reportlab formats
    every number and string in pure Python, so redrawing them on each card was a third of a print's time."""

    def __init__(self, c: Canvas, *, show_stars: bool = True):
        self.c, self.show_stars, self.font = c, show_stars, cjk_font()
        self._forms: dict[tuple[str, bool], str] = {}  # (village name, with the 星级 label) → form name
        self._crops = False

    def _card_form(self, village_name: str, star_label: bool) -> str:
        """The form of a village's cards, with the 星级 label for cards that show stars or without it."""
        name = self._forms.get((village_name, star_label))
        if name is None:
            name = self._forms[(village_name, star_label)] = f"card{len(self._forms)}"
            c, font = self.c, self.font
            c.beginForm(name, -1, -1, CARD_W + 1, CARD_H + 1)  # a margin: the bbox clips, the band must not look cut
            c.setFillColor(RED)
            c.rect(0, CARD_H - BAND_H, CARD_W, BAND_H, stroke=0, fill=1)
            c.setFillColor(GOLD)
            c.rect(0, CARD_H - BAND_H - 0.6 * mm, CARD_W, 0.6 * mm, stroke=0, fill=1)
            bold_text(c, PAD, CARD_H - BAND_H + 4.2 * mm, village_name, 12, colors.white)
            c.setFillColor(colors.white)
            c.setFont(font, 8.5)
            c.drawRightString(CARD_W - PAD, CARD_H - BAND_H + 4.4 * mm, translate("printing.cards", "村民积分卡"))
            c.setFillColor(GREY)
            c.setFont(font, 7.5)
            top = CARD_H - BAND_H - 9.5 * mm
            c.drawString(LABEL_X, top + 0.5, translate("printing.cards", "户主"))
            for i, label in enumerate((translate("printing.cards", "户号"), translate("printing.cards", "小组"))):
                c.drawString(LABEL_X, top - (7.5 + 5.5 * i) * mm, label)
            if star_label:
                c.drawString(LABEL_X, top - (7.5 + 2 * 5.5) * mm, translate("printing.cards", "星级"))
            c.setFont(font, 6)
            c.drawString(PAD, 4 * mm, translate("printing.cards", "凭卡到积分超市兑换 · 遗失请到村委会补办"))
            c.endForm()
        return name

    def card(self, face: CardFace, x: float, y: float) -> None:
        """One card with its lower-left corner at x, y."""
        c, font = self.c, self.font
        # defined outside the card's saveState: beginForm resets the canvas state and endForm leaves it so,
        # which is why everything below sets its own colour and font
        with_stars = bool(self.show_stars and face.stars)
        form = self._card_form(face.village_name, with_stars)
        c.saveState()
        c.translate(x, y)
        c.doForm(form)
        top = CARD_H - BAND_H - 9.5 * mm
        name = face.head_name or "—"
        size = 15 if c.stringWidth(name, font, 15) < 40 * mm else 11
        bold_text(c, VALUE_X, top, name, size, INK)
        c.setFillColor(INK)
        c.setFont(font, 10)
        line_y = top - 7.5 * mm
        c.drawString(VALUE_X, line_y, face.household_no)
        c.drawString(VALUE_X, line_y - 5.5 * mm, face.group)
        qr_x, qr_y = CARD_W - PAD - QR_SIZE, 10 * mm
        c.setFillColor(GREY)  # one colour after another: each change is a state reportlab formats
        c.setFont(font, 6)
        c.drawCentredString(qr_x + QR_SIZE / 2, 4 * mm, translate("printing.cards", "卡号 {0}-{1}-{2}").format(
            face.village_code, face.household_no, face.serial))
        if with_stars:  # beside the form's 星级 label
            line_y -= 2 * 5.5 * mm
            c.setFillColor(RED)
            r = 1.5 * mm if face.stars <= 7 else 1.15 * mm
            _stars(c, VALUE_X, line_y + 1.1 * mm, r, min(face.stars, 10))
        draw_qr(c, face.payload, qr_x, qr_y, QR_SIZE)
        c.restoreState()

    def crop_marks(self, x0: float, y0: float) -> None:
        """The cut lines around a sheet of ten, one form for every page."""
        c = self.c
        if not self._crops:
            self._crops = True
            c.beginForm("crops")
            _crop_marks(c, x0, y0)
            c.endForm()
        c.doForm("crops")


def cards_pdf(out: Output, faces: Sequence[CardFace], *, single: bool = False, show_stars: bool = True,
              progress: Progress = no_progress) -> int:
    """Write the cards; ``single`` puts one card on each card-sized page (card printers). Returns pages."""
    font = cjk_font()
    if single:
        c = Canvas(target(out), pagesize=(CARD_W, CARD_H), initialFontName=font)
        c.setTitle(translate("printing.cards", "村民积分卡（单张）"))
    else:
        c = Canvas(target(out), pagesize=A4, initialFontName=font)
        c.setTitle(translate("printing.cards", "村民积分卡"))
    c.setCreator(translate("printing.cards", "村民积分管理系统"))
    per_page = 1 if single else COLUMNS * ROWS
    pages = max(1, math.ceil(len(faces) / per_page))
    width, height = A4
    x0, y0 = (width - COLUMNS * CARD_W) / 2, (height - ROWS * CARD_H) / 2
    painter = CardPainter(c, show_stars=show_stars)
    for page in range(pages):
        chunk = faces[page * per_page:(page + 1) * per_page]
        if single:
            if chunk:
                painter.card(chunk[0], 0, 0)
        else:
            for i, face in enumerate(chunk):
                col, row = i % COLUMNS, i // COLUMNS
                painter.card(face, x0 + col * CARD_W, y0 + (ROWS - 1 - row) * CARD_H)
            painter.crop_marks(x0, y0)
            c.setFillColor(GREY)
            c.setFont(font, 7)
            villages = list_sep().join(dict.fromkeys(f.village_name for f in chunk)) if chunk else ""
            c.drawCentredString(width / 2, 3.5 * mm, translate(
                "printing.cards", "{0} 村民积分卡　沿裁切线裁开　第 {1} 页 共 {2} 页").format(villages, page + 1, pages))
        c.showPage()
        if page % 10 == 9:
            progress(translate("printing.cards", "正在生成积分卡：第 {0} / {1} 页").format(page + 1, pages))
    c.save()
    return pages
