"""积分卡 PDF: ID-1 cards (85.6 × 54 mm) with a vector QR, as A4 sheets of ten with crop marks or one per page.

Drawn straight on the canvas (no platypus): a thousand cards take a few seconds and
the file stays small, because each QR is one path of rectangles, one per horizontal
run of dark modules.
"""
from __future__ import annotations

import math
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pointsapp.printing.fonts import cjk_font
from pointsapp.printing.page import GOLD, GREY, INK, RED, Output, Progress, bold_text, no_progress, target
from pointsapp.services.cards import CardFace
from pointsapp.services.qr import dark_runs, qr_matrix
from pointsapp.text import list_sep, translate

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5  # ten cards on A4 portrait, edge to edge: one cut per line
BAND_H = 12 * mm
QR_SIZE = 22 * mm  # version 2 (25 modules): 0.88 mm a module, 5 pixels at 150 dpi
PAD = 4.5 * mm
CROP_GAP, CROP_LEN = 1.5 * mm, 5 * mm


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


def _stars(c: Canvas, x: float, cy: float, r: float, count: int) -> None:
    """``count`` filled stars in a row from x, as one literal path: reportlab's pure-Python number formatting
    of path points was a fifth of the time of a thousand cards."""
    ops = []
    for i in range(count):
        cx = x + r + i * (2.15 * r)
        points = [f"{cx + px * r:.2f} {cy + py * r:.2f}" for px, py in _STAR]
        ops.append(f"{points[0]} m " + " ".join(f"{p} l" for p in points[1:]) + " h")
    c.addLiteral("\n".join(ops) + "\nf")


def draw_card(c: Canvas, face: CardFace, x: float, y: float, *, show_stars: bool = True) -> None:
    """One card with its lower-left corner at x, y."""
    font = cjk_font()
    c.saveState()
    c.translate(x, y)
    c.setFillColor(RED)
    c.rect(0, CARD_H - BAND_H, CARD_W, BAND_H, stroke=0, fill=1)
    c.setFillColor(GOLD)
    c.rect(0, CARD_H - BAND_H - 0.6 * mm, CARD_W, 0.6 * mm, stroke=0, fill=1)
    bold_text(c, PAD, CARD_H - BAND_H + 4.2 * mm, face.village_name, 12, colors.white)
    c.setFillColor(colors.white)
    c.setFont(font, 8.5)
    c.drawRightString(CARD_W - PAD, CARD_H - BAND_H + 4.4 * mm, translate("printing.cards", "村民积分卡"))

    label_x, value_x = PAD, PAD + 9 * mm
    top = CARD_H - BAND_H - 9.5 * mm
    c.setFillColor(GREY)
    c.setFont(font, 7.5)
    c.drawString(label_x, top + 0.5, translate("printing.cards", "户主"))
    name = face.head_name or "—"
    size = 15 if c.stringWidth(name, font, 15) < 40 * mm else 11
    bold_text(c, value_x, top, name, size, INK)
    lines = [(translate("printing.cards", "户号"), face.household_no),
             (translate("printing.cards", "小组"), face.group)]
    line_y = top - 7.5 * mm
    for label, value in lines:
        c.setFillColor(GREY)
        c.setFont(font, 7.5)
        c.drawString(label_x, line_y, label)
        c.setFillColor(INK)
        c.setFont(font, 10)
        c.drawString(value_x, line_y, value)
        line_y -= 5.5 * mm
    if show_stars and face.stars:
        c.setFillColor(GREY)
        c.setFont(font, 7.5)
        c.drawString(label_x, line_y, translate("printing.cards", "星级"))
        c.setFillColor(RED)
        r = 1.5 * mm if face.stars <= 7 else 1.15 * mm
        _stars(c, value_x, line_y + 1.1 * mm, r, min(face.stars, 10))

    qr_x, qr_y = CARD_W - PAD - QR_SIZE, 10 * mm
    draw_qr(c, face.payload, qr_x, qr_y, QR_SIZE)
    c.setFillColor(GREY)
    c.setFont(font, 6)
    c.drawCentredString(qr_x + QR_SIZE / 2, 4 * mm, translate("printing.cards", "卡号 {0}-{1}-{2}").format(
        face.village_code, face.household_no, face.serial))
    c.drawString(PAD, 4 * mm, translate("printing.cards", "凭卡到积分超市兑换 · 遗失请到村委会补办"))
    c.restoreState()


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
    for page in range(pages):
        chunk = faces[page * per_page:(page + 1) * per_page]
        if single:
            if chunk:
                draw_card(c, chunk[0], 0, 0, show_stars=show_stars)
        else:
            for i, face in enumerate(chunk):
                col, row = i % COLUMNS, i // COLUMNS
                draw_card(c, face, x0 + col * CARD_W, y0 + (ROWS - 1 - row) * CARD_H, show_stars=show_stars)
            _crop_marks(c, x0, y0)
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
