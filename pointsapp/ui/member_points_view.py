"""成员积分: each member's points of a year (entries naming them: 党员积分, 好媳妇 …) and the chosen member's own
history. A tab of the household detail dialog; the household's totals are on its other tabs, unchanged."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pointsapp import clock
from pointsapp.services.scoring import member_points
from pointsapp.services.scoring.member_points import MemberTotal
from pointsapp.ui.context import UiContext
from pointsapp.ui.domain_labels import label
from pointsapp.ui.table_model import RIGHT, ListTableModel, TableColumns, table_view


def _member_name(row: MemberTotal) -> str:
    return row.name if row.active else QCoreApplication.translate("TotalsModel", "{0}（已迁出）").format(row.name)


class TotalColumns(TableColumns):
    """A row is a ``MemberTotal``."""

    NAME = QT_TRANSLATE_NOOP("columns", "成员"), _member_name
    RELATION = QT_TRANSLATE_NOOP("columns", "与户主关系"), lambda row: row.relation
    POINTS = QT_TRANSLATE_NOOP("columns", "本年积分"), lambda row: str(row.points), RIGHT
    AWARDS = QT_TRANSLATE_NOOP("columns", "加分"), lambda row: str(row.awards), RIGHT
    DEDUCTIONS = QT_TRANSLATE_NOOP("columns", "扣分"), lambda row: str(row.deductions), RIGHT
    ENTRIES = QT_TRANSLATE_NOOP("columns", "记录条数"), lambda row: str(row.entries), RIGHT


class EntryColumns(TableColumns):
    """A row is a ``member_points.MemberEntry``."""

    DATE = QT_TRANSLATE_NOOP("columns", "日期"), lambda row: str(row.occurred_on)
    RULE = QT_TRANSLATE_NOOP("columns", "细则"), lambda row: f"{row.rule_code} {row.rule}".strip()
    CATEGORY = QT_TRANSLATE_NOOP("columns", "类别"), lambda row: row.category
    POINTS = QT_TRANSLATE_NOOP("columns", "积分"), lambda row: f"{row.points:+d}", RIGHT
    STATUS = QT_TRANSLATE_NOOP("columns", "状态"), lambda row: label(row.status_label)
    NOTE = QT_TRANSLATE_NOOP("columns", "说明"), lambda row: row.note


class TotalsModel(ListTableModel):
    columns = TotalColumns


class HistoryModel(ListTableModel):
    columns = EntryColumns


class MemberPointsView(QWidget):
    def __init__(self, ctx: UiContext, household_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.household_id = ctx, household_id
        self.year_box = QComboBox()
        this_year = clock.today().year
        for year in range(this_year, this_year - 6, -1):
            self.year_box.addItem(str(year), year)
        self.totals = TotalsModel(self)
        self.totals_table = table_view(self.totals, single=True, read_only=True, row_height=24)
        self.history = HistoryModel(self)
        self.history_table = table_view(self.history, single=True, read_only=True, row_height=24)
        self.history_title = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度：")))
        top.addWidget(self.year_box)
        top.addWidget(QLabel(self.tr("记在某位成员名下的积分也计入本户总分。")), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals_table, 1)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_table, 2)
        self.year_box.currentIndexChanged.connect(self.refresh)
        self.totals_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_history())
        ctx.hub.ledger_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = member_points.member_totals(actor=self.ctx.actor, household_id=self.household_id,
                                           year=self.year_box.currentData())
        self.totals.set_rows(rows)
        if rows:
            self.totals_table.selectRow(0)
        self._show_history()

    def _show_history(self) -> None:
        index = self.totals_table.currentIndex()
        rows = self.totals.rows
        if not index.isValid() or index.row() >= len(rows):
            self.history.set_rows([])
            self.history_title.setText("")
            return
        member = rows[index.row()]
        entries = member_points.member_history(actor=self.ctx.actor, member_id=member.member_id,
                                               year=self.year_box.currentData())
        self.history.set_rows(entries)
        self.history_title.setText(self.tr("{0} {1}年的积分记录（{2} 条）：").format(
            member.name, self.year_box.currentData(), len(entries)))
