"""打印: choose a document and its options, generate it off the UI thread, preview it, print or save it."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from pointsapp.errors import UserError
from pointsapp.services.register import choices
from pointsapp.ui.card_reissue_dialog import CardReissueDialog
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import show_error
from pointsapp.ui.print_options import KINDS, CardsOptions, PrintJob
from pointsapp.ui.operations import run_op

PRINT_DPI = 300  # pages are rasterised for the printer at most this fine: sharp, and fast enough to spool


class PrintPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._folder = tempfile.TemporaryDirectory(prefix="pointsapp-print-", ignore_cleanup_errors=True)
        self._count = 0
        self.pdf_path: Path | None = None
        self.job: PrintJob | None = None
        self.summary = ""

        villages = choices.villages(actor=ctx.actor)
        self.kind = QComboBox()
        self.options = QStackedWidget()
        self.panels: dict[str, QWidget] = {}
        for key, title, cls in KINDS:
            panel = cls(ctx.actor, villages)
            self.panels[key] = panel
            self.kind.addItem(QCoreApplication.translate("print_options", title), key)
            self.options.addWidget(panel)
        self.kind.currentIndexChanged.connect(self.options.setCurrentIndex)
        cards_panel: CardsOptions = self.panels["cards"]  # type: ignore[assignment]
        cards_panel.reissue_requested.connect(lambda: self.reissue_card(self.villages))
        self.villages = villages
        ctx.hub.households_changed.connect(self.refresh_villages)
        ctx.hub.settings_changed.connect(self.refresh_villages)

        self.generate_button = QPushButton(self.tr("生成预览"))
        self.generate_button.setDefault(True)
        self.generate_button.setStyleSheet("QPushButton { background: #c8102e; color: white; padding: 6px 14px; }")
        self.generate_button.clicked.connect(self.generate)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.clicked.connect(self.save_dialog)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.status = QLabel(self.tr("选择要打印的内容和选项，然后点“生成预览”。"))
        self.status.setWordWrap(True)

        left = QVBoxLayout()
        top = QFormLayout()
        top.addRow(self.tr("打印内容"), self.kind)
        left.addLayout(top)
        left.addWidget(self.options)
        left.addWidget(self.generate_button)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        left.addLayout(row)
        left.addWidget(self.status)
        left.addStretch(1)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(340)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setStyleSheet("background: #8a8a8a;")
        layout = QHBoxLayout(self)
        layout.addWidget(side)
        layout.addWidget(self.view, 1)

    def refresh_villages(self) -> None:
        self.villages = choices.villages(actor=self.ctx.actor)
        for panel in self.panels.values():
            panel.picker.set_villages(self.villages)

    # -- generating ---------------------------------------------------------------------------------
    def select(self, key: str) -> QWidget:
        self.kind.setCurrentIndex(self.kind.findData(key))
        return self.panels[key]

    def generate(self) -> None:
        key = self.kind.currentData()
        try:
            job = self.panels[key].job(self.ctx.actor)
        except UserError as exc:  # bad input found on the UI thread (a missing household number)
            self._stale()
            show_error(self, exc)
            return
        self._count += 1
        path = Path(self._folder.name) / f"{key}-{self._count}.pdf"
        self.generate_button.setEnabled(False)
        self.status.setText(self.tr("正在生成…"))
        run_op(self, self.ctx, lambda report, *, actor: job.run(str(path), report), changes=job.changes,
               wants_progress=True, label=self.tr("正在生成 PDF…"), success=lambda summary: self._loaded(job, path, summary),
               failure=self._failed)

    def _failed(self, _exc: Exception) -> None:
        self.generate_button.setEnabled(True)
        self._stale()

    def _stale(self) -> None:
        """What was asked for could not be made: the preview still shows the last document, so it may no longer be
        printed or saved as if it were the new one (it can be made again)."""
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
        self.status.setText(self.tr("未能生成。右侧仍是上一次生成的预览，不能打印或保存；请改正后重新生成。")
                            if self.pdf_path else self.tr("未能生成。"))

    def _loaded(self, job: PrintJob, path: Path, summary: str) -> None:
        self.generate_button.setEnabled(True)
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            show_error(self, self.tr("生成的 PDF 无法打开（{0}）。").format(error.name))
            return
        self.job, self.pdf_path, self.summary = job, path, summary
        self.status.setText(self.tr("已生成：{0}（PDF 共 {1} 页）。").format(summary, self.document.pageCount()))
        for button in (self.print_button, self.save_button):
            button.setEnabled(True)

    # -- saving and printing ------------------------------------------------------------------------
    def save_to(self, target: str | Path) -> None:
        if self.pdf_path is None:
            return
        shutil.copyfile(self.pdf_path, target)

    def save_dialog(self) -> None:
        if self.pdf_path is None or self.job is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), self.job.file_name,
                                                self.tr("PDF 文件 (*.pdf)"))
        if not target:
            return
        try:
            self.save_to(target if target.lower().endswith(".pdf") else target + ".pdf")
        except OSError as exc:
            show_error(self, self.tr("无法保存文件：{0}").format(exc.strerror or exc))
            return
        self.status.setText(self.tr("已保存：{0}").format(target))

    def prepare_printer(self, printer: QPrinter) -> None:
        """Page size and orientation of the document's first page, so the dialog starts right."""
        if self.document.pageCount() == 0:
            return
        size = self.document.pagePointSize(0)
        page_size = QPageSize(QSizeF(min(size.width(), size.height()), max(size.width(), size.height())),
                              QPageSize.Unit.Point, self.tr("文档纸张"), QPageSize.SizeMatchPolicy.FuzzyMatch)
        orientation = QPageLayout.Landscape if size.width() > size.height() else QPageLayout.Portrait
        printer.setPageLayout(QPageLayout(page_size, orientation, printer.pageLayout().margins()))
        printer.setFullPage(True)
        printer.setDocName(self.job.title if self.job else "pointsapp")

    def print_dialog(self) -> None:
        if self.document.pageCount() == 0:
            return
        printer = QPrinter(QPrinter.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QPrintDialog.Accepted:
            return
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            pages = self.print_to(printer)
        finally:
            QApplication.restoreOverrideCursor()
        self.status.setText(self.tr("已送往打印机：{0} 页。").format(pages))

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages onto ``printer``, each scaled to fit its paper. Returns pages printed."""
        count = self.document.pageCount()
        first, last = 0, count - 1
        if printer.printRange() == QPrinter.PageRange and printer.fromPage() > 0:
            first, last = printer.fromPage() - 1, min(printer.toPage(), count) - 1
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, self.tr("无法开始打印：打印机不可用。"))
            return 0
        dpi = min(printer.resolution(), PRINT_DPI)
        try:
            for index in range(first, last + 1):
                if index > first:
                    printer.newPage()
                size = self.document.pagePointSize(index)
                image = self.document.render(index, QSize(round(size.width() / 72 * dpi),
                                                          round(size.height() / 72 * dpi)))
                area = painter.viewport()
                scaled = QSize(image.width(), image.height()).scaled(area.size(), Qt.KeepAspectRatio)
                target = QRect(area.x() + (area.width() - scaled.width()) // 2,
                               area.y() + (area.height() - scaled.height()) // 2, scaled.width(), scaled.height())
                painter.drawImage(target, image)
        finally:
            painter.end()
        return last - first + 1

    # -- cards --------------------------------------------------------------------------------------
    def reissue_card(self, villages) -> None:
        dialog = CardReissueDialog(self.ctx, villages, self)
        if dialog.exec() == CardReissueDialog.Accepted and dialog.household_no:
            panel: CardsOptions = self.select("cards")  # type: ignore[assignment]
            panel.picker.village.setCurrentIndex(panel.picker.village.findData(dialog.village_id))
            panel.households.setText(dialog.household_no)
            self.generate()
