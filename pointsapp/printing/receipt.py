"""小票: a redemption receipt as a PDF for 58 mm or 80 mm roll printers.

The page is as wide as the paper roll and as long as the receipt needs; the cashier's
system print dialog sends it to the thermal printer.
"""
from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from pointsapp import clock
from pointsapp.printing.fonts import cjk_font, draw_text
from pointsapp.printing.layout import break_lines
from pointsapp.services.shop import money
from pointsapp.services.shop import redemption as redemption_service
from pointsapp.services.auth import Actor
from pointsapp.errors import UserError
from pointsapp.text import translate

WIDTHS = {58: 48 * mm, 80: 72 * mm}  # printable width of the common roll sizes
MARGIN = 3 * mm  # top and bottom


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines no wider than ``width``; no line starts with closing punctuation ("食用油（5L" / ")" no more)."""
    return break_lines(text, width, size)


def receipt_pdf(*, actor: Actor, redemption_id: int, paper_mm: int = 58, title: str | None = None,
                reprint: bool = False) -> bytes:
    """The receipt of one redemption (voided ones say so in large type); ``reprint`` marks a copy printed
    later (补打) with the time it was printed."""
    title = title or translate("printing.receipt", "积分超市兑换小票")
    if paper_mm not in WIDTHS:
        raise UserError(translate("printing.receipt", "小票纸宽只能是 58 毫米或 80 毫米。"))
    d = redemption_service.detail(actor=actor, redemption_id=redemption_id)
    font = cjk_font()
    body = WIDTHS[paper_mm]
    page_w = paper_mm * mm
    left = (page_w - body) / 2
    size = 8.5 if paper_mm == 58 else 10
    lead = size * 1.45
    r, s = d.result, d.shopper
    rows: list[tuple[str, object]] = []  # (kind, payload)
    rows.append(("title", title))
    rows.extend(("center", t) for t in _wrap(s.village, font, size, body))
    if reprint:
        rows.append(("center", translate("printing.receipt", "【补打】{0:%Y-%m-%d %H:%M}").format(clock.now())))
    rows.append(("rule", None))
    for text in (translate("printing.receipt", "单号：{0}").format(r.redemption_id),
                 translate("printing.receipt", "时间：{0:%Y-%m-%d %H:%M:%S}").format(r.created_at),
                 translate("printing.receipt", "户号：{0}  户主：{1}").format(s.household_no, s.head_name),
                 translate("printing.receipt", "小组：{0}").format(s.group),
                 translate("printing.receipt", "收银员：{0}").format(d.cashier)):
        rows.extend(("text", t) for t in _wrap(text, font, size, body))
    rows.append(("rule", None))
    rows.append(("cols", (translate("printing.receipt", "商品"), translate("printing.receipt", "数量"),
                          translate("printing.receipt", "积分"))))
    for line in r.lines:
        name_lines = _wrap(line.name, font, size, body * 0.55 - 2)
        rows.append(("cols", (name_lines[0], translate("printing.receipt", "{0}{1}").format(line.quantity, line.unit),
                              str(line.points))))
        rows.extend(("cols", (extra, "", "")) for extra in name_lines[1:])
    rows.append(("rule", None))
    rows.append(("big", translate("printing.receipt", "合计：{0} 分").format(r.goods_points)))
    if r.cash_fen:  # 现金补差: what the points paid and what the money paid
        rows.append(("text", translate("printing.receipt", "积分支付：{0} 分").format(r.total_points)))
        rows.extend(("text", t) for t in _wrap(translate("printing.receipt", "现金支付：{0} 元（{1} 分）").format(
            money.yuan(r.cash_fen), r.cash_points), font, size, body))
    if redemption_service.is_voided(r):
        rows.append(("big", translate("printing.receipt", "【已作废】")))
        rows.extend(("text", t) for t in _wrap(translate("printing.receipt", "作废原因：{0}").format(d.void_reason),
                                               font, size, body))
        if r.cash_fen:
            rows.append(("text", translate("printing.receipt", "已退还积分 {0} 分、现金 {1} 元").format(
                r.total_points, money.yuan(r.cash_fen))))
    else:
        rows.append(("text", translate("printing.receipt", "剩余可用积分：{0} 分").format(r.available_after)))
    rows.append(("rule", None))
    rows.append(("center", translate("printing.receipt", "文明新风 积分兑换 谢谢惠顾")))
    height = MARGIN * 2 + sum(lead * (2.0 if k in ("title", "big") else 1.0) for k, _ in rows) + 6 * mm
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(page_w, height), initialFontName=font)  # no Helvetica referenced
    c.setTitle(f"{title} #{r.redemption_id}")
    y = height - MARGIN
    for kind, payload in rows:
        if kind == "title":
            y -= lead * 1.6
            draw_text(c, page_w / 2, y, payload, size * 1.45, align="center")
            y -= lead * 0.4
        elif kind == "big":
            y -= lead * 1.6
            draw_text(c, left, y, payload, size * 1.5)
            y -= lead * 0.4
        elif kind == "center":
            y -= lead
            draw_text(c, page_w / 2, y, payload, size, align="center")
        elif kind == "rule":
            y -= lead * 0.6
            c.setDash(2, 2)
            c.line(left, y, page_w - left, y)
            y -= lead * 0.4
        elif kind == "cols":
            y -= lead
            name, qty, points = payload
            draw_text(c, left, y, name, size)
            draw_text(c, left + body * 0.78, y, qty, size, align="right")
            draw_text(c, page_w - left, y, points, size, align="right")
        else:
            y -= lead
            draw_text(c, left, y, payload, size)
    c.showPage()
    c.save()
    return buffer.getvalue()
