"""The main window: navigation on the left, one page at a time, status bar below.

At start-up the window paints its frame (navigation, status bar) first and builds the current
page right after (``after_first_paint``): the page's imports and widgets no longer delay the
moment the window appears. Nothing here touches PySide's ``Qt`` namespace before that paint:
its first use builds some ninety Python enums, a sixth of the bare start-up time.
"""
from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget,
)

from pointsapp import APP_TITLE, __version__
from pointsapp.paths import resource_path
from pointsapp.services.auth import ROLE_LABELS
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.first_paint import after_first_paint
from pointsapp.ui.pages import PAGES, PageSpec, start_row

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("{0} {1}").format(QCoreApplication.translate("app", APP_TITLE), __version__))
        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.resize(1280, 800)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 15px; background: #f6f1ea; border: none; }"
            "QListWidget#navigation::item { padding: 12px 10px; }"
            "QListWidget#navigation::item:selected { background: #c8102e; color: white; }")
        self.stack = QStackedWidget()
        self.specs: list[PageSpec] = [p for p in PAGES if ctx.can(p.permission)]
        self._pages: dict[str, QWidget] = {}
        for spec in self.specs:
            self.nav.addItem(QListWidgetItem(QCoreApplication.translate("pages", spec.title)))
            self.stack.addWidget(QWidget())  # an empty frame until the page is built (first shown)
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel(self.tr("数据库：{0}").format(ctx.db_description))
        self.user_label = QLabel(self.tr("当前用户：{0}（{1}）").format(ctx.actor.name, label(ROLE_LABELS[ctx.actor.role])))
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        if self.specs:
            self.nav.blockSignals(True)  # the first page is built once the window has painted
            self.nav.setCurrentRow(start_row(ctx.actor.role, self.page_keys()))
            self.nav.blockSignals(False)
            after_first_paint(self, lambda: self._show_row(self.nav.currentRow()))
        self.help_dialog = None
        QShortcut(QKeySequence("F1"), self, self.show_help)  # the manual, on the current page's chapter

    def show_help(self) -> None:
        from pointsapp.ui.help_dialog import HelpDialog

        row = self.nav.currentRow()
        key = self.specs[row].key if 0 <= row < len(self.specs) else None
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(key, self)
        else:
            self.help_dialog.open_page(key)
        self.help_dialog.show()
        self.help_dialog.raise_()

    def page_keys(self) -> list[str]:
        return [s.key for s in self.specs]

    def show_page(self, key: str) -> QWidget:
        row = self.page_keys().index(key)
        self.nav.setCurrentRow(row)
        self._show_row(row)  # built now even if it is the current row still waiting for the first paint
        return self.stack.currentWidget()

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.specs[row]
        if spec.key not in self._pages:
            page = self._build(spec)
            old = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._pages[spec.key] = page
        self.stack.setCurrentIndex(row)

    def _build(self, spec: PageSpec) -> QWidget:
        """The page of ``spec``; a page that cannot be imported or built is a bug and raises (the crash hook
        logs it and tells the user), never a quiet stand-in."""
        page = getattr(importlib.import_module(spec.module), spec.cls)(self.ctx)
        if hasattr(page, "open_page"):  # e.g. the dashboard: a click opens the list behind a figure
            page.open_page.connect(self.open_with_filter)
        return page

    def open_with_filter(self, key: str, filters: dict) -> None:
        """Show page ``key``; pages that can narrow themselves take ``filters`` (village, period …)."""
        if key not in self.page_keys():
            return  # this role may not see that page
        page = self.show_page(key)
        apply = getattr(page, "apply_filter", None)
        if apply is not None:
            apply(filters or {})
