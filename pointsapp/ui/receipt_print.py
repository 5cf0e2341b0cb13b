"""Printing a PDF (a receipt) through the system print dialog: pages rendered with QtPdf."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from pointsapp.errors import UserError


def render_to_printer(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` on ``printer``, scaled to the printable width. Returns the page count."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise UserError("小票 PDF 无法读取，没有打印。")
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("无法连接打印机，没有打印。")
    try:
        dpi = printer.resolution()
        for page in range(pages):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            area = printer.pageRect(QPrinter.DevicePixel)
            scale = min(1.0 * area.width() / (size_pt.width() / 72 * dpi), 1.0)
            target = QSize(int(size_pt.width() / 72 * dpi * scale), int(size_pt.height() / 72 * dpi * scale))
            image = document.render(page, target)
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
        document.close()
    return pages


def print_pdf(parent, pdf: bytes, title: str = "") -> bool:
    """Ask for a printer, then print. Returns False when the cashier cancelled.

    The paper size is preset to the PDF's (a 58/80 mm roll), which roll printer drivers honour.
    """
    printer = QPrinter(QPrinter.HighResolution)
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.pageCount():
        size = document.pagePointSize(0)
        printer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Point, "receipt"))
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Point)
    document.close()
    dialog = QPrintDialog(printer, parent)
    if title:
        dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.Accepted:
        return False
    render_to_printer(pdf, printer)
    return True



def print_receipt(parent, actor, redemption_id: int, paper_mm: int) -> bool:
    """The till's receipt (小票) of one redemption, sent to the roll printer; a refusal shown in a box."""
    from PySide6.QtCore import QCoreApplication

    from pointsapp.errors import UserError
    from pointsapp.printing.receipt import receipt_pdf
    from pointsapp.ui.messages import show_error

    try:
        pdf = receipt_pdf(actor=actor, redemption_id=redemption_id, paper_mm=paper_mm)
    except UserError as exc:
        show_error(parent, exc)
        return False
    return print_pdf(parent, pdf, title=QCoreApplication.translate("CashierWidget", "打印小票"))
