"""星级牌: a door plaque per awarded household, listing its stars in their colours (A4 or A5, landscape)."""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen.canvas import Canvas

from pointsapp import clock
from pointsapp.printing.fonts import cjk_font, draw_text, text_width
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.register.notice_facts import village_and_group_names
from pointsapp.services.stars.awards import awarded_households
from pointsapp.services.stars.evaluation import evaluation_period
from pointsapp.text import list_sep, long_date, translate

SIZES = {"A4": landscape(A4), "A5": landscape(A5)}
RED = HexColor("#c8102e")
GOLD = HexColor("#d4a017")
PAPER = HexColor("#fffaf0")
NUMERALS = "一二三四五六七八九十"


def star_title(count: int) -> str:
    """"八星级文明户" for 8 stars (Chinese numerals up to ten, digits beyond); the English uses the digits ({1})."""
    number = NUMERALS[count - 1] if 1 <= count <= 10 else str(count)
    return translate("printing.plaque", "{0}星级文明户").format(number, count)


def _star_path(c: Canvas, cx: float, cy: float, outer: float):
    path = c.beginPath()
    inner = outer * 0.382
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        path.moveTo(x, y) if i == 0 else path.lineTo(x, y)
    path.close()
    return path


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest size ≤ ``size`` at which ``text`` fits in ``width``."""
    return min(size, size * width / max(1.0, text_width(text, size)))


def _centered(c: Canvas, text: str, x: float, y: float, font: str, size: float, width: float) -> None:
    draw_text(c, x, y, text, _fit(text, font, size, width), align="center")


def draw_plaque(c: Canvas, size: tuple[float, float], *, village: str, group: str, head: str, household_no: str,
                period_label: str, stars: list[tuple[str, str]], issued_on: dt.date) -> None:
    """One plaque on the current page; ``stars`` are ``(name, colour)`` in scheme order."""
    font = cjk_font()
    w, h = size
    u = w / 100  # layout unit: the same design at A4 and A5
    c.setFillColor(PAPER)
    c.rect(0, 0, w, h, stroke=0, fill=1)
    c.setStrokeColor(RED)
    c.setLineWidth(1.6 * u)
    c.roundRect(3 * u, 3 * u, w - 6 * u, h - 6 * u, 3 * u, stroke=1, fill=0)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.35 * u)
    c.roundRect(5 * u, 5 * u, w - 10 * u, h - 10 * u, 2 * u, stroke=1, fill=0)

    c.setFillColor(RED)
    _centered(c, star_title(len(stars)), w / 2, h - 17 * u, font, 9 * u, w - 20 * u)
    c.setFillColor(HexColor("#333333"))
    _centered(c, translate("printing.plaque", "{0}{1}　户主：{2}　户号：{3}").format(village, group, head, household_no),
              w / 2, h - 24.5 * u, font, 3 * u, w - 24 * u)

    per_row = 5 if len(stars) > 4 else max(1, len(stars))
    rows = math.ceil(len(stars) / per_row)
    cell_w = (w - 20 * u) / per_row
    area_top, area_bottom = h - 29 * u, 15 * u
    cell_h = (area_top - area_bottom) / max(rows, 2)
    radius = min(cell_w, cell_h) * 0.3
    for i, (name, colour) in enumerate(stars):
        row, col = divmod(i, per_row)
        in_row = min(per_row, len(stars) - row * per_row)
        cx = w / 2 + (col - (in_row - 1) / 2) * cell_w
        cy = area_top - (row + 0.42) * cell_h - (cell_h / 2 if rows == 1 else 0)
        c.setFillColor(HexColor(colour))
        c.setStrokeColor(GOLD)
        c.setLineWidth(0.25 * u)
        c.drawPath(_star_path(c, cx, cy + radius * 0.15, radius), stroke=1, fill=1)
        c.setFillColor(HexColor(colour))
        _centered(c, name, cx, cy - radius - 2.8 * u, font, 2.9 * u, cell_w * 0.92)

    c.setFillColor(HexColor("#333333"))
    draw_text(c, 9 * u, 9 * u, translate("printing.plaque", "{0}评定").format(period_label), 2.4 * u)
    draw_text(c, w - 9 * u, 9 * u, translate("printing.plaque", "{0}村民委员会　{1}").format(
        village, long_date(issued_on)), 2.4 * u, align="right")


def render_plaques(*, actor: Actor, path: str | Path, period: str, village_id: int | None = None,
                   household_ids: list[int] | None = None, size: str = "A4",
                   issued_on: dt.date | None = None) -> int:
    """Write one plaque page per household holding stars of ``period``; returns the page count."""
    require(actor, Permission.PRINT)
    if size not in SIZES:
        raise UserError(translate("printing.plaque", "纸张只能是 {0}。").format(list_sep().join(SIZES)))
    p = evaluation_period(period)
    households = awarded_households(village_id=village_id, period=p.code)
    if household_ids is not None:
        wanted = set(household_ids)
        households = [(h, s) for h, s in households if h.id in wanted]
    if not households:
        raise UserError(translate("printing.plaque", "{0}没有获星的户，无法打印星级牌。").format(p.label))
    villages, groups = village_and_group_names()
    issued_on = issued_on or clock.today()
    page = SIZES[size]
    c = Canvas(str(path), pagesize=page, initialFontName=cjk_font())  # no Helvetica referenced
    c.setTitle(translate("printing.plaque", "{0}星级牌").format(p.label))
    for household, stars in households:
        draw_plaque(c, page, village=villages[household.village_id], group=groups[household.group_id],
                    head=household.head_name, household_no=household.household_no, period_label=p.label,
                    stars=[(s.name, s.color) for s in stars], issued_on=issued_on)
        c.showPage()
    c.save()
    return len(households)


__all__ = ["draw_plaque", "render_plaques", "star_title"]
