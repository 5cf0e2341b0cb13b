"""F1: the user manual, opened on the chapter of the page the user is on.

The chapters are Markdown files in docs/manual (found through pointsapp.paths, in the bundle too); links
between chapters and the screenshots beside them work because the browser's search path is that folder.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QTextBrowser, QVBoxLayout

from pointsapp import manual


class HelpDialog(QDialog):
    def __init__(self, page_key: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("使用手册"))
        self.resize(1000, 720)
        self.chapters = QListWidget()
        self.chapters.setFixedWidth(280)
        self.chapters.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long titles: "…"
        self._files = [c.file for c in manual.CHAPTERS if manual.chapter_path(c.file).is_file()]
        for file in self._files:
            self.chapters.addItem(manual.title(manual.chapter_path(file)))
            self.chapters.item(self.chapters.count() - 1).setToolTip(self.chapters.item(self.chapters.count() - 1).text())
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(manual.chapter_path(""))])
        self.chapters.currentRowChanged.connect(self._open_row)
        self.browser.sourceChanged.connect(lambda _url: self.fit_pictures())

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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_pictures()

    def fit_pictures(self) -> None:
        """Screenshots (1280 px wide) drawn at the browser's width, so a chapter reads without scrolling sideways."""
        document = self.browser.document()
        width = max(200, min(1280, self.browser.viewport().width() - 2 * int(document.documentMargin()) - 8))
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                picture = fragment.charFormat()
                if picture.isImageFormat():
                    picture = picture.toImageFormat()
                    if int(picture.width()) != width:
                        picture.setWidth(width)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(picture)
                it += 1
            block = block.next()

    def picture_widths(self) -> list[float]:
        """The drawn width of each picture of the chapter shown."""
        widths, block = [], self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if it.fragment().charFormat().isImageFormat():
                    widths.append(it.fragment().charFormat().toImageFormat().width())
                it += 1
            block = block.next()
        return widths

    def chapter_title(self) -> str:
        """The title of the chapter shown (its first heading)."""
        return self.chapters.currentItem().text() if self.chapters.currentItem() else ""
