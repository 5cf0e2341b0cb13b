"""One clock: "today" comes from pointsapp.clock alone, POINTSAPP_TODAY pins it, and a pinned clock still runs."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from pointsapp import clock
from tests.cli_helpers import run_cli

PACKAGE = Path(__file__).resolve().parent.parent / "pointsapp"
READS_THE_SYSTEM_CLOCK = re.compile(
    r"\b(?:date|datetime)\.(?:today|now|utcnow)\s*\(|\btime\.(?:time|localtime|strftime)\s*\(|"
    r"\bQDate\.currentDate\b|\bQDateTime\.current|\bQTime\.currentTime\b|\btoday\s*=\s*date\.today\b")


def test_no_module_but_the_clock_reads_the_system_clock():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "clock.py" and path.parent == PACKAGE:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READS_THE_SYSTEM_CLOCK.search(line):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_grep_would_find_a_direct_read():
    assert READS_THE_SYSTEM_CLOCK.search("x = dt.date.today()")
    assert READS_THE_SYSTEM_CLOCK.search("stamp = datetime.now().isoformat()")
    assert READS_THE_SYSTEM_CLOCK.search("QDateEdit(QDate.currentDate())")
    assert not READS_THE_SYSTEM_CLOCK.search("clock.today()")


def test_the_suite_runs_on_its_pinned_day():
    assert clock.today() == dt.date.fromisoformat(clock.pinned().date().isoformat())
    assert clock.pinned() is not None


@pytest.mark.parametrize("value, day, moment", [
    ("2028-02-29", dt.date(2028, 2, 29), dt.time(9, 0)),
    ("2026-12-31 23:58", dt.date(2026, 12, 31), dt.time(23, 58)),
    ("2027-01-01T07:05:09", dt.date(2027, 1, 1), dt.time(7, 5, 9)),
])
def test_a_pinned_day_and_time(monkeypatch, value, day, moment):
    monkeypatch.setenv("POINTSAPP_TODAY", value)
    monkeypatch.setenv("POINTSAPP_CLOCK_ANCHOR", repr(__import__("time").time()))
    assert clock.today() == day
    assert dt.timedelta(0) <= clock.now() - dt.datetime.combine(day, moment) < dt.timedelta(seconds=5)


def test_a_pinned_clock_runs_on_from_its_anchor(monkeypatch):
    import time

    monkeypatch.setenv("POINTSAPP_TODAY", "2026-12-31 23:59:30")
    monkeypatch.setenv("POINTSAPP_CLOCK_ANCHOR", repr(time.time() - 45))  # pinned 45 s ago
    assert clock.today() == dt.date(2027, 1, 1)
    assert clock.now() >= dt.datetime(2027, 1, 1, 0, 0, 15)


def test_without_a_pin_the_clock_is_the_computers(monkeypatch):
    monkeypatch.delenv("POINTSAPP_TODAY")
    before = dt.datetime.now().replace(microsecond=0)
    assert before <= clock.now() <= dt.datetime.now()


def test_a_bad_pin_is_named(monkeypatch):
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-02-30")
    with pytest.raises(clock.ClockSettingError, match="POINTSAPP_TODAY"):
        clock.today()


def test_the_command_line_follows_the_pinned_day(tmp_path):
    """A CLI process reads the same day: the demo's last entries fall on the pinned day's month, not the calendar's."""
    db = tmp_path / "d.db"
    result = run_cli("demo", "--households", "20", "--villages", "1", "--years", "1", db=db,
                     env={"POINTSAPP_TODAY": "2028-02-29"})
    assert result.returncode == 0, result.stderr
    from pointsapp.db import close_database, open_database
    from pointsapp.models import LedgerEntry
    from peewee import fn

    open_database(str(db))
    try:
        last = LedgerEntry.select(fn.MAX(LedgerEntry.occurred_on)).scalar()
    finally:
        close_database()
    last = last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last)[:10])
    assert last <= dt.date(2028, 2, 29) and last.year == 2028 and last.month == 2
