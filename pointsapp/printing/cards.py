"""积分卡 PDF: ID-1 cards (85.6 × 54 mm) with a vector QR, as A4 sheets of eight or one per page.

On a sheet the cards stand 6 mm apart; the red band bleeds 1.5 mm past the cut, so a mis-cut leaves no
white edge and no stripe of the next card; crop marks sit in the gaps and the margins, and nothing is
printed closer than 5 mm to the paper's edge (office printers cannot reach it). The name and the village
shrink, then wrap, to stay clear of the QR's quiet zone of four modules.

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

from pointsapp.printing.fonts import cjk_font, draw_text, text_width, undrawable, unrendered_note
from pointsapp.printing.layout import break_lines
from pointsapp.printing.page import GOLD, GREY, INK, RED, Output, Progress, bold_text, no_progress, target
from pointsapp.services.register.cards import CardFace
from pointsapp.services.qr import QUIET_ZONE, dark_runs, qr_matrix
from pointsapp.text import list_sep, translate

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 4  # eight cards on A4 portrait, 6 mm apart
GAP, BLEED = 6 * mm, 1.5 * mm
EDGE = 5 * mm  # nothing closer to the paper's edge
BAND_H = 12 * mm
QR_SIZE = 22 * mm  # version 2 (25 modules): 0.88 mm a module, 5 pixels at 150 dpi
PAD = 4.5 * mm
CROP_OFFSET, CROP_LEN = BLEED + 0.5 * mm, 5 * mm
LABEL_X, VALUE_X = PAD, PAD + 9 * mm
QR_X, QR_Y = CARD_W - PAD - QR_SIZE, 10 * mm
QUIET = QUIET_ZONE * QR_SIZE / 25  # four modules of a version-2 symbol
TEXT_RIGHT = QR_X - QUIET - 0.5 * mm  # values end here
NAME_SIZES = (15, 10, 11)  # the head's name: from 15 pt down to 10 pt, then two lines of at most 11 pt


def fit_lines(text: str, width: float, size: float, floor: float, max_lines: int = 2,
              wrapped: float | None = None) -> tuple[float, list[str]]:
    """The largest size from ``size`` down to ``floor`` at which ``text`` fits ``width`` on one line; else
    lines, no larger than ``wrapped``, at the largest size that fits ``max_lines`` (the last resort: the
    floor, lines as needed)."""
    natural = text_width(text, size)
    if natural <= width:
        return size, [text]
    one = size * width / natural * 0.999
    if one >= floor:
        return one, [text]
    for lines in range(2, max_lines + 1):
        s = min(wrapped or size, size * lines * width / natural * 0.97)
        while s >= floor:
            broken = _at_dots(text, width, s, lines) or break_lines(text, width, s)
            if len(broken) <= lines:
                return s, broken
            s -= 0.5
    return floor, break_lines(text, width, floor)


def _at_dots(text: str, width: float, size: float, lines: int) -> list[str] | None:
    """A name with middle dots (阿卜杜热合曼·买买提) broken after a dot, when its parts fit."""
    if lines != 2 or "·" not in text:
        return None
    cuts = sorted((abs(i - len(text) / 2), i) for i, ch in enumerate(text) if ch == "·")
    for _distance, i in cuts:
        parts = [text[:i + 1], text[i + 1:]]
        if all(text_width(p, size) <= width for p in parts):
            return parts
    return None


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float, color=colors.black,
            level: str | None = None) -> None:
    """The QR of ``text`` as vector rectangles, its symbol (without quiet zone) filling the square at x, y."""
    matrix = qr_matrix(text, level)
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
    """Marks on every cut line: at each card corner, pointing away from the card, clear of the bleed; in a gap
    they meet their neighbour's, in the margin they are 5 mm long."""
    c.saveState()
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.3)
    for col in range(COLUMNS):
        for row in range(ROWS):
            x, y = x0 + col * (CARD_W + GAP), y0 + row * (CARD_H + GAP)
            for cx, dx, outer_x in ((x, -1, col == 0), (x + CARD_W, 1, col == COLUMNS - 1)):
                for cy, dy, outer_y in ((y, -1, row == 0), (y + CARD_H, 1, row == ROWS - 1)):
                    lx = CROP_LEN if outer_x else GAP / 2 - CROP_OFFSET
                    ly = CROP_LEN if outer_y else GAP / 2 - CROP_OFFSET
                    c.line(cx + dx * CROP_OFFSET, cy, cx + dx * (CROP_OFFSET + lx), cy)
                    c.line(cx, cy + dy * CROP_OFFSET, cx, cy + dy * (CROP_OFFSET + ly))
    c.restoreState()


class CardPainter:
    """Draws cards on one canvas. Whatever is the same on many cards (the band with the village's name, the
    labels, the footer line, a sheet's crop marks) is drawn once as a PDF form and reused: reportlab formats
    every number and string in pure Python, so redrawing them on each card was a third of a print's time."""

    def __init__(self, c: Canvas, *, show_stars: bool = True, qr_level: str | None = None):
        self.c, self.show_stars, self.font, self.qr_level = c, show_stars, cjk_font(), qr_level
        self._forms: dict[tuple[str, bool], str] = {}  # (village name, with the 星级 label) → form name
        self._crops = False

    def _card_form(self, village_name: str, star_label: bool) -> str:
        """The form of a village's cards, with the 星级 label for cards that show stars or without it."""
        name = self._forms.get((village_name, star_label))
        if name is None:
            name = self._forms[(village_name, star_label)] = f"card{len(self._forms)}"
            c, font = self.c, self.font
            # the bbox clips: it takes in the bleed
            c.beginForm(name, -BLEED - 1, -1, CARD_W + BLEED + 1, CARD_H + BLEED + 1)
            c.setFillColor(RED)  # the band and its gold rule bleed past the cut on the three sides they touch
            c.rect(-BLEED, CARD_H - BAND_H, CARD_W + 2 * BLEED, BAND_H + BLEED, stroke=0, fill=1)
            c.setFillColor(GOLD)
            c.rect(-BLEED, CARD_H - BAND_H - 0.6 * mm, CARD_W + 2 * BLEED, 0.6 * mm, stroke=0, fill=1)
            label = translate("printing.cards", "村民积分卡")
            c.setFillColor(colors.white)
            c.setFont(font, 8.5)
            c.drawRightString(CARD_W - PAD, CARD_H - BAND_H + 4.4 * mm, label)
            room = CARD_W - 2 * PAD - c.stringWidth(label, font, 8.5) - 3 * mm
            size, lines = fit_lines(village_name, room, 12, 8, wrapped=9)
            if len(lines) == 1:
                bold_text(c, PAD, CARD_H - BAND_H + 4.2 * mm, lines[0], size, colors.white)
            else:
                base = CARD_H - BAND_H / 2 + (len(lines) - 1) * size * 1.1 / 2 - size * 0.35
                for i, line in enumerate(lines):
                    bold_text(c, PAD, base - i * size * 1.1, line, size, colors.white)
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
        size, lines = fit_lines(name, TEXT_RIGHT - VALUE_X, NAME_SIZES[0], NAME_SIZES[1], wrapped=NAME_SIZES[2])
        if len(lines) == 1:
            bold_text(c, VALUE_X, top, name, size, INK)
        else:  # two lines (three at most) above the household number, the last where one line would be
            base = top - 1 * mm + (len(lines) - 1) * size * 1.12
            for i, line in enumerate(lines):
                bold_text(c, VALUE_X, base - i * size * 1.12, line, size, INK)
        c.setFillColor(INK)
        line_y = top - 7.5 * mm
        for i, value in enumerate((face.household_no, face.group)):
            value_size, _lines = fit_lines(value, TEXT_RIGHT - VALUE_X, 10, 6, max_lines=1)
            draw_text(c, VALUE_X, line_y - i * 5.5 * mm, value, value_size)
        qr_x, qr_y = QR_X, QR_Y
        c.setFillColor(GREY)  # one colour after another: each change is a state reportlab formats
        c.setFont(font, 6)
        c.drawCentredString(qr_x + QR_SIZE / 2, 4 * mm, translate("printing.cards", "卡号 {0}-{1}-{2}").format(
            face.village_code, face.household_no, face.serial))
        if with_stars:  # beside the form's 星级 label
            line_y -= 2 * 5.5 * mm
            c.setFillColor(RED)
            r = 1.5 * mm if face.stars <= 7 else 1.15 * mm
            _stars(c, VALUE_X, line_y + 1.1 * mm, r, min(face.stars, 10))
        draw_qr(c, face.payload, qr_x, qr_y, QR_SIZE, level=self.qr_level)
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
              progress: Progress = no_progress, qr_level: str | None = None) -> int:
    """Write the cards; ``single`` puts one card on each card-sized page (card printers). Returns pages.
    ``qr_level`` is the QR's error correction (by default Q, see services.qr; others only to compare)."""
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
    x0 = (width - COLUMNS * CARD_W - (COLUMNS - 1) * GAP) / 2
    y0 = (height - ROWS * CARD_H - (ROWS - 1) * GAP) / 2
    painter = CardPainter(c, show_stars=show_stars, qr_level=qr_level)
    for page in range(pages):
        chunk = faces[page * per_page:(page + 1) * per_page]
        if single:
            if chunk:
                painter.card(chunk[0], 0, 0)
        else:
            for i, face in enumerate(chunk):
                col, row = i % COLUMNS, i // COLUMNS
                painter.card(face, x0 + col * (CARD_W + GAP), y0 + (ROWS - 1 - row) * (CARD_H + GAP))
            painter.crop_marks(x0, y0)
            c.setFillColor(GREY)
            villages = list_sep().join(dict.fromkeys(f.village_name for f in chunk)) if chunk else ""
            footer = translate("printing.cards", "{0} 村民积分卡　沿裁切线裁开　第 {1} 页 共 {2} 页").format(
                villages, page + 1, pages)
            size, _lines = fit_lines(footer, width - 2 * EDGE - 10 * mm, 8, 5, max_lines=1)
            draw_text(c, width / 2, EDGE + 5 * mm, footer, size, align="center")
            gaps = [text for f in chunk for text in (f.head_name, f.group, f.village_name) if undrawable(text)]
            if gaps:  # never a silent gap: the sheet names what it could not print
                c.setFillColor(RED)
                note = unrendered_note(gaps)
                size, _lines = fit_lines(note, width - 2 * EDGE - 10 * mm, 8, 5, max_lines=1)
                draw_text(c, width / 2, EDGE + 9 * mm, note, size, align="center")
        c.showPage()
        if page % 10 == 9:
            progress(translate("printing.cards", "正在生成积分卡：第 {0} / {1} 页").format(page + 1, pages))
    c.save()
    return pages
