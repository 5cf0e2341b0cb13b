"""操作日志: the audit log with filters (user, dates, kind) and export to .xlsx."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services import audit
from pointsapp.services.audit import AuditColumn, AuditFilter, AuditRow
from pointsapp.ui.domain_labels import label as domain_label
from pointsapp.ui.context import UiContext
from pointsapp.ui.table_model import ListTableModel, table_view
from pointsapp.ui.tasks import run_task
from pointsapp.services.changes import Changes

VIEW_LIMIT = 10000
_HEADERS = (QT_TRANSLATE_NOOP("domain", "变更内容"),)  # audit.AUDIT_HEADERS' newest, listed for translation here

SAMPLE_ROWS = 200  # column widths come from the first rows shown, never from all of them
WIDEST_OBJECT = 260  # px: a longer name is elided (whole in its tooltip); the change beside it keeps the rest


class AuditModel(ListTableModel):
    columns = AuditColumn
    header_context = "domain"

    def cell(self, row: AuditRow, column: AuditColumn, role: int):
        if role == Qt.DisplayRole:
            return row.cell(column)
        if role == Qt.ToolTipRole:  # whole, where a narrow column elides it; the change one field a line
            text = row.cell(column)
            return text.replace("；", "\n").replace("; ", "\n") if column is AuditColumn.CHANGE else text
        return None


class AuditTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = QComboBox()
        self.kind = QComboBox()
        today = QDate(clock.today())
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search_button = QPushButton(self.tr("查询"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.search_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("用户："), self.user), (self.tr("类别："), self.kind),
                              (self.tr("从："), self.since), (self.tr("到："), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        filters.addStretch(1)

        self.model = AuditModel(self)
        self.view = table_view(self.model, single=False, fit=False)
        self._widths_set = False
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)  # down here: in the filter row it made the tab wider than 1024
        layout.addLayout(bottom)
        self._fill_choices()
        self.refresh()
        ctx.hub.follow(~Changes.NONE, self, self.refresh)  # every change is logged

    def _fill_choices(self) -> None:
        self.user.clear()
        self.user.addItem(self.tr("全部用户"), None)
        for name in audit.usernames(actor=self.ctx.actor):
            self.user.addItem(name, name)
        self.kind.clear()
        self.kind.addItem(self.tr("全部类别"), None)
        for kind, label in audit.kinds(actor=self.ctx.actor):
            self.kind.addItem(domain_label(label), kind)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(username=self.user.currentData(), kind=self.kind.currentData(),
                           since=dt.date.fromisoformat(self.since.date().toString("yyyy-MM-dd")),
                           until=dt.date.fromisoformat(self.until.date().toString("yyyy-MM-dd")))

    def refresh(self) -> None:
        rows = audit.query(actor=self.ctx.actor, filter=self.current_filter(), limit=VIEW_LIMIT)
        self.model.set_rows(rows)
        if rows and not self._widths_set and self.isVisible():
            self._fit_columns(rows[:SAMPLE_ROWS])
        if len(rows) >= VIEW_LIMIT:
            self.status.setText(self.tr("只显示最近的 {0} 条，请缩小日期范围或导出。").format(VIEW_LIMIT))
        else:
            self.status.setText(self.tr("共 {0} 条").format(len(rows)))

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._widths_set:  # the width to share out is known once shown and laid out
            QTimer.singleShot(0, self._fit_when_shown)

    def _fit_when_shown(self) -> None:
        if not self._widths_set and self.model.rows and self.view.viewport().width() > 100:
            self._fit_columns(self.model.rows[:SAMPLE_ROWS])

    def _fit_columns(self, sample: list[AuditRow]) -> None:
        """The short columns as wide as their texts in the first rows, each at most its share of the view's
        width, so the change (the last column) always keeps at least a third of it."""
        metrics, header = self.view.fontMetrics(), self.view.horizontalHeader()
        width = self.view.viewport().width()
        shares = {AuditColumn.AT: 1.0, AuditColumn.USER: 0.1, AuditColumn.KIND: 0.12, AuditColumn.ACTION: 0.14,
                  AuditColumn.ENTITY: 0.26}  # the time whole, always
        for column, share in shares.items():
            title = self.model.headerData(column, Qt.Horizontal, Qt.DisplayRole) or ""
            widest = max([metrics.horizontalAdvance(r.cell(column)) for r in sample]
                         + [header.fontMetrics().horizontalAdvance(title)])
            self.view.setColumnWidth(column, min(widest + 24, WIDEST_OBJECT, max(int(width * share), 60)))
        self._widths_set = True

    def export(self) -> None:
        name = self.tr("操作日志_{0}.xlsx").format(f"{clock.today():%Y%m%d}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出操作日志"), name, self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        flt, actor = self.current_filter(), self.ctx.actor
        return run_task(self, lambda: audit.export_xlsx(actor=actor, path=path, filter=flt),
                        success=lambda written: self.status.setText(self.tr("已导出到 {0}").format(written)),
                        label=self.tr("正在导出…"))
