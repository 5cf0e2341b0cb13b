"""The program's one clock: what "today" and "now" are, for every module, print and test.

Nothing else in the package reads the system clock (a test greps for it). ``POINTSAPP_TODAY`` sets the
day — ``2027-01-01`` — or the moment — ``2027-01-01 08:30`` / ``2027-01-01T08:30:00`` — the program
starts from: a training room can run the program on a chosen day, and the test suite pins one, so that it
passes on every day of the year. A pinned clock still runs: "now" moves on from the pinned moment (09:00
when only a day is given) as real seconds pass since ``POINTSAPP_CLOCK_ANCHOR`` (Unix seconds; the test set-up
sets it once so that the CLI processes it starts share its clock), or since this module was imported.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from functools import lru_cache

ENV = "POINTSAPP_TODAY"
ANCHOR_ENV = "POINTSAPP_CLOCK_ANCHOR"
_DAY_STARTS = dt.time(9, 0)  # a pinned day without a time starts at office hours
_IMPORTED_AT = time.time()


class ClockSettingError(ValueError):
    """``POINTSAPP_TODAY`` holds something that is not a date."""


@lru_cache(maxsize=8)
def _parse(value: str) -> dt.datetime:
    text = value.strip().replace("T", " ")
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            moment = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment if pattern != "%Y-%m-%d" else dt.datetime.combine(moment.date(), _DAY_STARTS)
    raise ClockSettingError(f"{ENV}={value!r}: expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]")


def pinned() -> dt.datetime | None:
    """The pinned starting moment, or None when the program follows the computer's clock."""
    value = os.environ.get(ENV, "").strip()
    return _parse(value) if value else None


def _anchor() -> float:
    value = os.environ.get(ANCHOR_ENV, "").strip()
    try:
        return float(value) if value else _IMPORTED_AT
    except ValueError:
        return _IMPORTED_AT


def now() -> dt.datetime:
    """The current local time, to the second, without tzinfo (what the database stores)."""
    start = pinned()
    if start is None:
        return dt.datetime.now().replace(microsecond=0)
    elapsed = max(0.0, time.time() - _anchor())
    return (start + dt.timedelta(seconds=elapsed)).replace(microsecond=0)


def today() -> dt.date:
    """The current day: every default period, deadline, print date and day's close starts here."""
    return now().date()
