"""操作日志: the audit log with filters (user, dates, kind) and export to .xlsx."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services import audit, audit_pages
from pointsapp.services.audit import AuditColumn, AuditFilter, AuditRow
from pointsapp.services.audit_pages import AuditChoices, AuditPage
from pointsapp.ui.domain_labels import label as domain_label
from pointsapp.ui.context import UiContext
from pointsapp.ui.table_model import ListTableModel, table_view
from pointsapp.ui.messages import show_error
from pointsapp.ui.tasks import run_quietly, run_task
from pointsapp.services.changes import Changes

_HEADERS = (QT_TRANSLATE_NOOP("domain", "变更内容"),)  # audit.AUDIT_HEADERS' newest, listed for translation here

SAMPLE_ROWS = 200  # column widths come from the first rows shown, never from all of them
WIDEST_OBJECT = 260  # px: a longer name is elided (whole in its tooltip); the change beside it keeps the rest
_DISPLAY, _TOOLTIP = int(Qt.DisplayRole), int(Qt.ToolTipRole)  # looked up once: data() runs for every cell drawn
_CHANGE = int(AuditColumn.CHANGE)


class AuditModel(ListTableModel):
    """The rows read so far, with their texts made off the UI thread (``audit_pages``); the next page is asked
    for (``wants_more``) when the view is scrolled to the end of them."""

    columns = AuditColumn
    header_context = "domain"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.texts: list[tuple[str, ...]] = []
        self.after = None  # where the next page starts; None: every row is here
        self.fetching = False
        self.wants_more = None  # called with ``after`` when the view wants the next page
        self._headers = tuple(ListTableModel.headerData(self, c, Qt.Horizontal, _DISPLAY) for c in AuditColumn)

    def set_page(self, page: AuditPage) -> None:
        self.beginResetModel()
        self.rows, self.texts, self.after, self.fetching = list(page.rows), list(page.texts), page.after, False
        self.endResetModel()

    def add_page(self, page: AuditPage) -> None:
        self.fetching = False
        if page.rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self.rows += page.rows
            self.texts += page.texts
            self.endInsertRows()
        self.after = page.after

    def canFetchMore(self, parent=None):
        return (parent is None or not parent.isValid()) and self.after is not None and not self.fetching

    def fetchMore(self, parent=None):
        if self.canFetchMore(parent) and self.wants_more is not None:
            self.fetching = True
            self.wants_more(self.after)

    def headerData(self, section, orientation, role=_DISPLAY):
        if role == _DISPLAY and orientation == Qt.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index, role=_DISPLAY):
        if role != _DISPLAY and role != _TOOLTIP:
            return None
        r = index.row()
        if not 0 <= r < len(self.texts):
            return None
        text = self.texts[r][index.column()]
        if role == _TOOLTIP and index.column() == _CHANGE:  # whole, where a narrow column elides it; one field a line
            return text.replace("；", "\n").replace("; ", "\n")
        return text

    def cell(self, row: AuditRow, column: AuditColumn, role: int):
        return row.cell(column) if role == _DISPLAY else None


class AuditTab(QWidget):
    """The log, read off the UI thread a page at a time (``audit_pages``): the filters are done in SQL, so a log
    of a hundred thousand rows opens as fast as one of a hundred."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = QComboBox()
        self.kind = QComboBox()
        self.user.addItem(self.tr("全部用户"), None)
        self.kind.addItem(self.tr("全部类别"), None)
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
        self.model.wants_more = self._next_page
        self.view = table_view(self.model, single=False, fit=False)
        self._widths_set = False
        self._reading = 0  # the read whose rows are wanted: an older read's answer is dropped
        self._filter = AuditFilter()  # the filter the rows shown were read with
        self.loaded = False  # the first page of the latest read is shown
        self.total: int | None = None  # the rows the filters match, once counted
        self._stale = False  # the log grew while the tab was hidden: read again when it is shown
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)  # down here: in the filter row it made the tab wider than 1024
        layout.addLayout(bottom)
        self.refresh()
        self._read_choices()
        ctx.hub.follow(~Changes.NONE, self, self._log_grew)  # every change is logged

    def _fill_choices(self, found: AuditChoices) -> None:
        """Every user and kind in the log as the filters' choices, the choice kept."""
        for box, items, everything in ((self.user, [(n, n) for n in found.usernames], self.tr("全部用户")),
                                       (self.kind, [(domain_label(label), kind) for kind, label in found.kinds],
                                        self.tr("全部类别"))):
            kept = box.currentData()
            box.clear()
            box.addItem(everything, None)
            for text, value in items:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(kept)) if kept is not None else 0)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(username=self.user.currentData(), kind=self.kind.currentData(),
                           since=dt.date.fromisoformat(self.since.date().toString("yyyy-MM-dd")),
                           until=dt.date.fromisoformat(self.until.date().toString("yyyy-MM-dd")))

    def refresh(self) -> None:
        """Read the first page for the filters chosen, off the UI thread."""
        self._reading += 1
        reading, flt, actor = self._reading, self.current_filter(), self.ctx.actor
        self._stale, self.loaded, self.total, self._filter = False, False, None, flt
        self.status.setText(self.tr("正在读取…"))
        run_quietly(lambda: audit_pages.page(actor=actor, filter=flt, size=audit_pages.FIRST_ROWS),
                    success=lambda page: self._first_page(reading, page), failure=self._failed, owner=self)

    def _read_choices(self) -> None:
        """The filters' choices, read off the UI thread after the rows (at the start, and as the log grows)."""
        actor = self.ctx.actor
        run_quietly(lambda: audit_pages.choices(actor=actor), success=self._fill_choices, failure=self._failed,
                    owner=self)

    def _first_page(self, reading: int, page: AuditPage) -> None:
        if reading != self._reading:  # the filters changed meanwhile: a newer read is on its way
            return
        self.model.set_page(page)
        self.loaded = True
        if page.rows and not self._widths_set and self.isVisible():
            self._fit_columns(page.texts[:SAMPLE_ROWS])
        if page.after is None:  # every row is shown
            self._counted(reading, len(page.rows))
            return
        actor, flt = self.ctx.actor, self._filter
        run_quietly(lambda: audit_pages.count_rows(actor=actor, filter=flt),
                    success=lambda total: self._counted(reading, total), failure=self._failed, owner=self)

    def _counted(self, reading: int, total: int) -> None:
        if reading == self._reading:
            self.total = total
            self.status.setText(self.tr("共 {0} 条").format(total))

    def _next_page(self, after) -> None:
        reading, flt, actor = self._reading, self._filter, self.ctx.actor  # the rows' filter, not one typed since
        if not self.loaded:  # a new read is on its way: its first page replaces these rows
            self.model.fetching = False
            return

        def add(page: AuditPage) -> None:
            if reading == self._reading:
                self.model.add_page(page)

        run_quietly(lambda: audit_pages.page(actor=actor, filter=flt, after=after), success=add,
                    failure=self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        self.model.fetching = False
        if not self.loaded:  # not "reading…" for ever
            self.status.setText("")
        show_error(self, exc)

    def _log_grew(self) -> None:
        if self.isVisible():
            self.refresh()
            self._read_choices()
        else:
            self._stale = True

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.refresh()
            self._read_choices()
        if not self._widths_set:  # the width to share out is known once shown and laid out
            QTimer.singleShot(0, self, self._fit_when_shown)

    def _fit_when_shown(self) -> None:
        if not self._widths_set and self.model.texts and self.view.viewport().width() > 100:
            self._fit_columns(self.model.texts[:SAMPLE_ROWS])

    def _fit_columns(self, sample: list[tuple[str, ...]]) -> None:
        """The short columns as wide as their texts in the first rows, each at most its share of the view's
        width, so the change (the last column) always keeps at least a third of it."""
        metrics, header = self.view.fontMetrics(), self.view.horizontalHeader()
        width = self.view.viewport().width()
        shares = {AuditColumn.AT: 1.0, AuditColumn.USER: 0.1, AuditColumn.KIND: 0.12, AuditColumn.ACTION: 0.14,
                  AuditColumn.ENTITY: 0.26}  # the time whole, always
        for column, share in shares.items():
            title = self.model.headerData(column, Qt.Horizontal, Qt.DisplayRole) or ""
            widest = max([metrics.horizontalAdvance(t) for t in {texts[column] for texts in sample}]
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
