"""期间 chosen from two drop-downs, never typed: the kind (month, quarter, half-year, year) and one of its periods,
newest first, the last finished one chosen at first ("2026年10月", "2026.10" or "2026年第四季度" typed by hand were
all refused). ``text()`` gives the period's code ("2026-Q3"), as the services read it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from pointsapp import clock
from pointsapp.services import periods
from pointsapp.ui.domain_labels import period_label

KINDS = ("month", "quarter", "half", "year")
YEARS_BACK = 5  # how far back each list goes


def _codes(kind: str, today: dt.date) -> list[str]:
    """Every period of ``kind`` from the current one back ``YEARS_BACK`` years, newest first."""
    out = []
    for year in range(today.year, today.year - YEARS_BACK - 1, -1):
        if kind == "year":
            out.append(str(year))
        elif kind == "half":
            out += [f"{year}-H{h}" for h in (2, 1)]
        elif kind == "quarter":
            out += [f"{year}-Q{q}" for q in (4, 3, 2, 1)]
        else:
            out += [f"{year}-{m:02d}" for m in range(12, 0, -1)]
    return [c for c in out if periods.parse(c).start <= today]


def kind_of(code: str) -> str:
    if "-Q" in code.upper():
        return "quarter"
    if "-H" in code.upper():
        return "half"
    return "month" if "-" in code else "year"


def last_finished(kind: str, today: dt.date) -> str:
    """The newest period of ``kind`` that has ended before ``today``."""
    return next(c for c in _codes(kind, today) if periods.parse(c).end < today)


class PeriodChooser(QWidget):
    changed = Signal()

    def __init__(self, *, kind: str = "quarter", current: bool = False, allow_all: bool = False,
                 today: dt.date | None = None, parent=None):
        """``current``: start on the period now running (a household's statement so far) instead of the last
        finished one; ``allow_all``: a first choice "all records" whose ``text()`` is empty."""
        super().__init__(parent)
        self.today = today or clock.today()
        self.kind = QComboBox()
        self.choice = QComboBox()
        self.choice.setMinimumContentsLength(11)
        self.choice.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        names = {"month": self.tr("按月"), "quarter": self.tr("按季度"), "half": self.tr("按半年"), "year": self.tr("按年")}
        if allow_all:
            self.kind.addItem(self.tr("全部记录"), "")
        for key in KINDS:
            self.kind.addItem(names[key], key)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.choice, 1)
        self.kind.currentIndexChanged.connect(self._fill)
        self.choice.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._fill()
        if current:
            self.choice.setCurrentIndex(0)

    def _fill(self) -> None:
        kind = self.kind.currentData()
        self.choice.blockSignals(True)
        self.choice.clear()
        if kind:
            done = last_finished(kind, self.today)
            for code in _codes(kind, self.today):
                text = period_label(periods.parse(code))
                if periods.parse(code).end >= self.today:
                    text = self.tr("{0}（未结束）").format(text)
                self.choice.addItem(text, code)
            self.choice.setCurrentIndex(self.choice.findData(done))
        self.choice.setEnabled(bool(kind))
        self.choice.blockSignals(False)
        self.changed.emit()

    def text(self) -> str:
        """The chosen period's code; empty for "all records"."""
        if not self.kind.currentData():
            return ""
        return self.choice.currentData() or ""

    def value(self) -> periods.Period | None:
        code = self.text()
        return periods.parse(code) if code else None

    def setText(self, code: str) -> None:  # noqa: N802 (as QLineEdit's, which this replaced)
        """Choose ``code`` ("2026-Q3"; empty: all records when allowed). A code outside the lists (an earlier year)
        is added; one that is no period at all is refused as the services would."""
        code = (code or "").strip()
        if not code:
            self.kind.setCurrentIndex(max(self.kind.findData(""), 0))
            return
        period = periods.parse(code)  # UserError for what is no period
        self.kind.setCurrentIndex(self.kind.findData(kind_of(period.code)))
        index = self.choice.findData(period.code)
        if index < 0:
            self.choice.addItem(period_label(period), period.code)
            index = self.choice.count() - 1
        self.choice.setCurrentIndex(index)

