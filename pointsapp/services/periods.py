"""期间: a month, quarter, half-year or year, parsed from ``2026-10``, ``2026-Q3``, ``2026-H1``, ``2026``."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from pointsapp.errors import UserError
from pointsapp.text import translate

_PATTERN = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])|[Hh]([12])))?$")


@dataclass(frozen=True)
class Period:
    code: str
    start: dt.date
    end: dt.date  # inclusive
    label: str

    @property
    def year(self) -> int:
        return self.start.year

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse(text: str) -> Period:
    match = _PATTERN.match((text or "").strip())
    if not match:
        raise UserError(translate("services.periods", "期间“{0}”无法识别。"
                                  "请写成 2026（全年）、2026-Q3（季度）、2026-H1（半年）或 2026-10（月）。").format(text))
    year = int(match.group(1))
    month, quarter, half = match.group(2), match.group(3), match.group(4)
    if month:
        m = int(month)
        if not 1 <= m <= 12:
            raise UserError(translate("services.periods", "期间“{0}”中的月份不对。").format(text))
        return Period(f"{year}-{m:02d}", dt.date(year, m, 1), _month_end(year, m),
                      translate("periods", "{0}年{1}月").format(year, m))
    if quarter:
        q = int(quarter)
        return Period(f"{year}-Q{q}", dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q),
                      translate("periods", "{0}年第{2}季度").format(year, q, "一二三四"[q - 1]))
    if half:
        h = int(half)
        return Period(f"{year}-H{h}", dt.date(year, 1 if h == 1 else 7, 1), _month_end(year, 6 if h == 1 else 12),
                      translate("periods", "{0}年{2}半年").format(year, h, "上" if h == 1 else "下"))
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), translate("periods", "{0}年度").format(year))


def month(day: dt.date) -> Period:
    return parse(f"{day.year}-{day.month:02d}")


def year(y: int) -> Period:
    return parse(str(y))
