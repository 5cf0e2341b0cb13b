"""兑换日: the days a village's shop redeems points — days of each month ("1-5", "15") and named dates
("2027-01-20"), written as one line of text ("1-5, 15, 2027-01-20"); an empty line means every day."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pointsapp.errors import UserError
from pointsapp.text import translate

_SPLIT = re.compile(r"[,，、;；\s]+")
_RANGE = re.compile(r"^(\d{1,2})(?:[-~～—至到](\d{1,2}))?(?:日|号)?$")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
LOOK_AHEAD_DAYS = 800  # a rule with no day within two years says so instead of naming one


@dataclass(frozen=True)
class RedemptionDays:
    """The parsed rule: days of the month and named dates. Empty both: every day."""

    month_days: frozenset[int] = frozenset()
    dates: frozenset[dt.date] = frozenset()

    @property
    def every_day(self) -> bool:
        return not self.month_days and not self.dates

    def allows(self, day: dt.date) -> bool:
        return self.every_day or day.day in self.month_days or day in self.dates

    def next_day(self, after: dt.date) -> dt.date | None:
        """The first redemption day on or after ``after`` (None when there is none within two years)."""
        for offset in range(LOOK_AHEAD_DAYS):
            day = after + dt.timedelta(days=offset)
            if self.allows(day):
                return day
        return None


def parse(text: str) -> RedemptionDays:
    """The rule in ``text``; a token that is neither a day of the month nor a date is refused by name."""
    month_days: set[int] = set()
    dates: set[dt.date] = set()
    for token in (t for t in _SPLIT.split((text or "").strip()) if t):
        date = _DATE.match(token)
        days = _RANGE.match(token)
        if date:
            try:
                dates.add(dt.date(int(date.group(1)), int(date.group(2)), int(date.group(3))))
            except ValueError:
                raise UserError(translate("services.redemption_days", "兑换日“{0}”不是有效的日期。").format(token)) from None
        elif days:
            first, last = int(days.group(1)), int(days.group(2) or days.group(1))
            if not 1 <= first <= last <= 31:
                raise UserError(translate("services.redemption_days",
                                          "兑换日“{0}”无效：每月的日子在 1 到 31 之间，且从小到大。").format(token))
            month_days.update(range(first, last + 1))
        else:
            raise UserError(translate("services.redemption_days",
                                      "看不懂兑换日“{0}”：请写每月的日子（如 1-5、15）或日期（如 2027-01-20），用逗号分开。").format(token[:20]))
    return RedemptionDays(frozenset(month_days), frozenset(dates))


def normalised(text: str) -> str:
    """The rule written the same way every time (ranges of days, then dates): what the settings store."""
    rule = parse(text)
    parts: list[str] = []
    days = sorted(rule.month_days)
    while days:
        first = last = days.pop(0)
        while days and days[0] == last + 1:
            last = days.pop(0)
        parts.append(str(first) if first == last else f"{first}-{last}")
    parts += [d.isoformat() for d in sorted(rule.dates)]
    return ", ".join(parts)
