"""一户的积分明细: the household's ledger with running balances, filtered by period and category.

Embedded in the household detail dialog. Rows come from ``statements.household_statement``,
the same service the printed statement uses, so screen and paper always agree.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services.register import choices
from pointsapp.services.scoring import rules
from pointsapp.services import periods
from pointsapp.services.scoring import statements
from pointsapp.errors import UserError
from pointsapp.services.scoring.statements import StatementLine
from pointsapp.ui.table_model import FOREGROUND, RIGHT, TOOLTIP, ListTableModel, TableColumns, table_view
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext


def _balance(line: StatementLine, balance: int) -> str:
    """A running balance, shown only on a line that counts (not a pending or rejected one)."""
    return str(balance) if line.counts else ""


class Columns(TableColumns):
    """A row is a ``StatementLine``."""

    SEQ = QT_TRANSLATE_NOOP("columns", "序号"), lambda line: str(line.seq), RIGHT
    DATE = QT_TRANSLATE_NOOP("columns", "日期"), lambda line: str(line.occurred_on)
    KIND = QT_TRANSLATE_NOOP("columns", "类型"), lambda line: label(line.kind_label)
    CATEGORY = QT_TRANSLATE_NOOP("columns", "类别"), lambda line: line.category
    RULE = QT_TRANSLATE_NOOP("columns", "细则"), lambda line: line.rule
    NOTE = QT_TRANSLATE_NOOP("columns", "说明"), lambda line: line.note
    POINTS = QT_TRANSLATE_NOOP("columns", "积分"), lambda line: f"{line.points:+d}", RIGHT
    STATUS = QT_TRANSLATE_NOOP("columns", "状态"), lambda line: label(line.status_label)
    EARNED = QT_TRANSLATE_NOOP("columns", "累计积分"), lambda line: _balance(line, line.earned_balance), RIGHT
    AVAILABLE = QT_TRANSLATE_NOOP("columns", "可用积分"), lambda line: _balance(line, line.available_balance), RIGHT
    ENTERED_BY = QT_TRANSLATE_NOOP("columns", "录入人"), lambda line: line.entered_by
    APPROVED_BY = QT_TRANSLATE_NOOP("columns", "审核人"), lambda line: line.approved_by


class LedgerLinesModel(ListTableModel):
    """The household's statement lines (``lines``) with running balances."""

    columns = Columns

    @property
    def lines(self) -> list[StatementLine]:
        return self.rows

    def set_lines(self, lines: list[StatementLine]) -> None:
        self.set_rows(lines)

    def cell(self, line: StatementLine, col: Columns, role: int):
        if role == FOREGROUND:
            if not line.counts:
                return QBrush(QColor("#999999"))  # pending or rejected: shown, not counted
            if col == Columns.POINTS:
                return QBrush(QColor("#c8102e") if line.points > 0 else QColor("#2e7d32"))
        if role == TOOLTIP and col in (Columns.NOTE, Columns.RULE):
            return line.note if col == Columns.NOTE else line.rule
        return super().cell(line, col, role)


def period_choices(today: dt.date) -> list[tuple[str, str | None]]:
    """(label, period code) for the filter: all, this and last year, this year's quarters and months."""
    year = today.year
    out: list[tuple[str, str | None]] = [(QCoreApplication.translate("HouseholdLedgerView", "全部"), None)]
    for y in (year, year - 1):
        out.append((QCoreApplication.translate("HouseholdLedgerView", "{0}年").format(y), str(y)))
    out += [(QCoreApplication.translate("HouseholdLedgerView", "{0}年第{1}季度").format(year, q), f"{year}-Q{q}")
            for q in range(1, (today.month - 1) // 3 + 2)]
    out += [(QCoreApplication.translate("HouseholdLedgerView", "{0}年{1}月").format(year, m), f"{year}-{m:02d}")
            for m in range(today.month, 0, -1)]
    return out


class HouseholdLedgerView(QWidget):
    def __init__(self, ctx: UiContext, household_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.household_id = ctx, household_id
        self.period_box = QComboBox()
        for text, code in period_choices(clock.today()):
            self.period_box.addItem(text, code)
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("全部类别"), None)
        village_id = choices.village_of_household(actor=ctx.actor, household_id=household_id)
        if village_id is not None:
            for c in rules.list_categories(actor=ctx.actor, village_id=village_id):
                self.category_box.addItem(c.name, c.code)
        self.model = LedgerLinesModel(self)
        self.table = table_view(self.model, single=False, read_only=True, stretch=Columns.NOTE, row_height=24)
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("期间：")))
        filters.addWidget(self.period_box)
        filters.addWidget(QLabel(self.tr("类别：")))
        filters.addWidget(self.category_box)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.period_box.currentIndexChanged.connect(self.refresh)
        self.category_box.currentIndexChanged.connect(self.refresh)
        ctx.hub.ledger_changed.connect(self.refresh)
        self.refresh()

    def set_filters(self, period_code: str | None, category_code: str | None = None) -> None:
        index = self.period_box.findData(period_code)
        if index < 0:
            self.period_box.addItem(period_code or "", period_code)
            index = self.period_box.count() - 1
        self.period_box.setCurrentIndex(index)
        self.category_box.setCurrentIndex(max(0, self.category_box.findData(category_code)))
        self.refresh()

    def refresh(self) -> None:
        code = self.period_box.currentData()
        try:
            statement = statements.household_statement(
                actor=self.ctx.actor, household_id=self.household_id,
                period=periods.parse(code) if code else None, category_code=self.category_box.currentData())
        except UserError as exc:
            self.model.set_lines([])
            self.summary.setText(exc.message)
            return
        self.model.set_lines(statement.lines)
        if self.model.rowCount():
            self.table.scrollToBottom()
        opening = ""
        if statement.period is not None:
            opening = self.tr("期初 累计 {0} / 可用 {1}；").format(statement.opening_earned,
                                                              statement.opening_available)
        self.summary.setText(self.tr("{0}期末 累计 {1} / 可用 {2}。灰色记录尚未生效或未通过，不计入余额。"
                                     "账本链头 {3}").format(opening, statement.closing_earned,
                                                      statement.closing_available, statement.chain_head[:16]))
