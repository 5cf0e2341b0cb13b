"""星级文明户证书: one A4 landscape certificate per household, with a place for the committee's seal.

Certificates carry no page numbers: each page is handed out on its own. Their number
(证书编号) identifies them instead.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from pointsapp.printing.fonts import cjk_font, draw_text, markup
from pointsapp.printing.fonts import text_width as run_width
from pointsapp.printing.page import (
    GOLD, GREY, INK, RED, Output, Progress, bold_text, cn_date, fingerprint_line, fingerprint_now, no_progress,
    target, word_wrap,
)
from pointsapp.services.auth import Actor
from pointsapp.services.scoring.fingerprint import Fingerprint
from pointsapp.services.stars.certificates import BASIS_STARS, CertificateData, certificates
from pointsapp.text import list_sep, translate

PAGE = landscape(A4)


def certificates_pdf(out: Output, *, actor: Actor, year: int, village_id: int | None = None, top: int = 10,
                     issued_on: dt.date | None = None, progress: Progress = no_progress,
                     fingerprint: Fingerprint | None = None) -> int:
    """Write the year's certificates (dated ``issued_on``, else the award date), each with the ledger's
    ``fingerprint`` (the one the caller published; today's when not given). Returns how many were printed."""
    progress(translate("printing.certificates", "正在确定获证户…"))
    items = certificates(actor=actor, year=year, village_id=village_id, top=top, issued_on=issued_on)
    render_certificates(out, items, progress=progress, fingerprint=fingerprint_now(fingerprint))
    return len(items)


def render_certificates(out: Output, items: Sequence[CertificateData], *, progress: Progress = no_progress,
                        fingerprint: Fingerprint | None = None) -> None:
    from pointsapp.errors import UserError

    if not items:
        raise UserError(translate("printing.certificates", "没有可以发证书的户：这一年还没有授星，也没有累计积分为正的户。"))
    c = Canvas(target(out), pagesize=PAGE, initialFontName=cjk_font())
    c.setTitle(translate("printing.certificates", "{0}年度证书").format(items[0].year))
    c.setCreator(translate("printing.certificates", "村民积分管理系统"))
    for i, item in enumerate(items, start=1):
        draw_certificate(c, item, fingerprint=fingerprint)
        c.showPage()
        if i % 20 == 0:
            progress(translate("printing.certificates", "正在生成证书：{0} / {1}").format(i, len(items)))
    c.save()


def _frame(c: Canvas, width: float, height: float) -> None:
    c.saveState()
    c.setFillColor(colors.HexColor("#fffdf7"))
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setStrokeColor(RED)
    c.setLineWidth(4)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1)
    c.rect(13.5 * mm, 13.5 * mm, width - 27 * mm, height - 27 * mm)
    c.setFillColor(GOLD)
    for x, y in ((13.5 * mm, 13.5 * mm), (width - 13.5 * mm, 13.5 * mm),
                 (13.5 * mm, height - 13.5 * mm), (width - 13.5 * mm, height - 13.5 * mm)):
        path = c.beginPath()  # a small diamond at each corner of the inner frame
        r = 3.2 * mm
        path.moveTo(x, y + r)
        path.lineTo(x + r, y)
        path.lineTo(x, y - r)
        path.lineTo(x - r, y)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def _seal_place(c: Canvas, cx: float, cy: float) -> None:
    c.saveState()
    c.setStrokeColor(colors.HexColor("#e8a0a8"))
    c.setLineWidth(0.8)
    c.setDash(3, 3)
    c.circle(cx, cy, 20 * mm)
    c.setFillColor(colors.HexColor("#e8a0a8"))
    c.setFont(cjk_font(), 9)
    # low in the circle: the seal covers name and date
    c.drawCentredString(cx, cy - 15 * mm, translate("printing.certificates", "（盖章处）"))
    c.restoreState()


def _star_row(c: Canvas, count: int, cx: float, y: float, r: float) -> None:
    gap = r * 2.6
    x0 = cx - gap * (count - 1) / 2
    c.saveState()
    c.setFillColor(RED)
    for i in range(count):
        path = c.beginPath()
        for k in range(10):
            angle = math.pi / 2 + k * math.pi / 5
            radius = r if k % 2 == 0 else r * 0.4
            px, py = x0 + i * gap + radius * math.cos(angle), y + radius * math.sin(angle)
            path.moveTo(px, py) if k == 0 else path.lineTo(px, py)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def draw_certificate(c: Canvas, item: CertificateData, *, fingerprint: Fingerprint | None = None) -> None:
    width, height = PAGE
    font = cjk_font()
    _frame(c, width, height)
    bold_text(c, width / 2, height - 48 * mm, translate("printing.certificates", "荣　誉　证　书"), 40, RED,
              align="center")

    body = ParagraphStyle("certificate", fontName=font, fontSize=17, leading=31, textColor=INK,
                          alignment=TA_JUSTIFY, wordWrap=word_wrap(), firstLineIndent=34)
    if item.basis == BASIS_STARS:
        deed = translate("printing.certificates", "在{0}年度星级文明户评定中，经村民评议、村委会审核并公示，"
                         "获得{1}，共 {2} 颗星，被评为").format(item.year, list_sep().join(item.stars), len(item.stars))
    else:
        deed = translate("printing.certificates", "在{0}年度村民积分评比中，累计获得 {1} 分，位列全村第 {2} 名，"
                         "表现突出，被评为").format(item.year, item.points, item.rank)
    name = Paragraph(translate("printing.certificates", "<u>{0}</u> 户（{1}，户号 {2}）：").format(
                         markup(item.head_name), markup(item.group), item.household_no),
                     ParagraphStyle("name", parent=body, firstLineIndent=0, fontSize=19))
    left, text_width = 45 * mm, width - 90 * mm
    y = height - 68 * mm
    _w, h = name.wrapOn(c, text_width, 40 * mm)
    name.drawOn(c, left, y - h)
    y -= h + 3 * mm
    size = body.fontSize
    while True:  # many or long star names (and English, which is longer): smaller type, still three lines
        text = Paragraph(deed, body.clone("certificate_fit", fontSize=size, leading=body.leading * size / body.fontSize,
                                          firstLineIndent=body.firstLineIndent * size / body.fontSize))
        _w, h = text.wrapOn(c, text_width, 60 * mm)
        if h <= 3 * body.leading + 1 or size <= 12:
            break
        size -= 1
    text.drawOn(c, left, y - h)
    y -= h + 14 * mm
    bold_text(c, width / 2, y, translate("printing.certificates", "“{0}年度{1}”").format(item.year, item.honour), 30,
              RED, align="center")
    if item.basis == BASIS_STARS and item.stars:
        _star_row(c, min(len(item.stars), 10), width / 2, y - 10 * mm, 3.2 * mm)
    closing = Paragraph(translate("printing.certificates", "特发此证，以资鼓励。"),
                        ParagraphStyle("closing", parent=body, alignment=TA_CENTER, firstLineIndent=0))
    _w, h = closing.wrapOn(c, text_width, 20 * mm)
    closing.drawOn(c, left, 62 * mm - h)

    sign_x, sign_y = width - 70 * mm, 38 * mm
    _seal_place(c, sign_x, sign_y + 3 * mm)
    c.setFillColor(INK)
    draw_text(c, sign_x, sign_y + 6 * mm, item.committee, min(16, 16 * 110 * mm / max(1, run_width(item.committee, 16))),
              align="center")
    draw_text(c, sign_x, sign_y - 3 * mm, cn_date(item.issued_on), 14, align="center")
    c.setFillColor(GREY)
    c.setFont(font, 9)
    c.drawString(24 * mm, 22 * mm, translate("printing.certificates", "证书编号：{0}").format(item.number))
    if fingerprint is not None:  # small, under the number: the ledger the points on this paper come from
        draw_text(c, 24 * mm, 17.5 * mm, fingerprint_line(fingerprint), 8)
