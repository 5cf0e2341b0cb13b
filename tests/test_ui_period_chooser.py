"""Periods on the print page are chosen, not typed: month / quarter / half-year / year lists, newest first, the
last finished period chosen at first (the ranking notice of a quarter still running is not what offices post)."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.errors import UserError
from pointsapp.ui.period_chooser import PeriodChooser, last_finished

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(("kind", "expected"), [("month", "2026-10"), ("quarter", "2026-Q3"), ("half", "2026-H1"),
                                                ("year", "2025")])
def test_the_last_finished_period_is_chosen_at_first(qtbot, kind, expected):
    chooser = PeriodChooser(kind=kind, today=TODAY)
    qtbot.addWidget(chooser)
    assert chooser.text() == expected == last_finished(kind, TODAY)
    assert chooser.value().end < TODAY


def test_the_lists_hold_every_period_up_to_now_newest_first(qtbot):
    chooser = PeriodChooser(kind="quarter", today=TODAY)
    qtbot.addWidget(chooser)
    codes = [chooser.choice.itemData(i) for i in range(chooser.choice.count())]
    assert codes[:5] == ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]
    assert "未结束" in chooser.choice.itemText(0) and "第三季度" in chooser.choice.itemText(1)
    chooser.kind.setCurrentIndex(chooser.kind.findData("month"))
    assert chooser.text() == "2026-10" and chooser.choice.itemData(0) == "2026-11"
    assert "2026-12" not in [chooser.choice.itemData(i) for i in range(chooser.choice.count())]


def test_a_statement_may_cover_everything_or_this_year_so_far(qtbot):
    chooser = PeriodChooser(kind="year", current=True, allow_all=True, today=TODAY)
    qtbot.addWidget(chooser)
    assert chooser.text() == "2026"
    chooser.kind.setCurrentIndex(chooser.kind.findData(""))
    assert chooser.text() == "" and chooser.value() is None and not chooser.choice.isEnabled()


def test_a_code_can_be_chosen_by_program_and_a_non_period_is_refused(qtbot):
    chooser = PeriodChooser(today=TODAY)
    qtbot.addWidget(chooser)
    chooser.setText("2026-h1")
    assert chooser.text() == "2026-H1" and chooser.kind.currentData() == "half"
    chooser.setText("2015-Q2")  # older than the lists: added
    assert chooser.text() == "2015-Q2"
    with pytest.raises(UserError):
        chooser.setText("2026.10")
