"""F1: the user manual, opened on the chapter of the page the user is on.

The chapters are Markdown files in docs/manual (found through pointsapp.paths, in the bundle too); links
between chapters and the screenshots beside them work because the browser's search path is that folder.
"""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QTextBrowser, QVBoxLayout

from pointsapp import manual


class HelpDialog(QDialog):
    def __init__(self, page_key: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用手册"))
        self.resize(1000, 720)
        self.chapters = QListWidget()
        self.chapters.setFixedWidth(220)
        self._files = [c.file for c in manual.CHAPTERS if manual.chapter_path(c.file).is_file()]
        for file in self._files:
            self.chapters.addItem(manual.title(manual.chapter_path(file)))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(manual.chapter_path(""))])
        self.chapters.currentRowChanged.connect(self._open_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.chapters)
        body.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.open_page(page_key)

    def open_page(self, page_key: str | None) -> None:
        file = manual.chapter_for_page(page_key).name
        if file in self._files:
            self.chapters.setCurrentRow(self._files.index(file))
        else:  # the manual is missing (a broken install): say so rather than show an empty window
            self.browser.setPlainText(self.tr("找不到使用手册：{0}").format(str(manual.chapter_path(file))))

    def _open_row(self, row: int) -> None:
        if row >= 0:
            self.browser.setSource(QUrl.fromLocalFile(str(manual.chapter_path(self._files[row]))))

    def chapter_title(self) -> str:
        """The title of the chapter shown (its first heading)."""
        return self.chapters.currentItem().text() if self.chapters.currentItem() else ""
