"""爱心捐赠 on the print page (made in the background) and in English."""
from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtPdf import QPdfDocument

from pointsapp import clock
from pointsapp.models import StockMove
from pointsapp.printing.donations import donation_list_pdf, donation_receipts_pdf
from pointsapp.services import periods
from pointsapp.services.shop import products
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.print_page import PrintPage
from pointsapp.ui.product_dialogs import StockDialog
from pointsapp.ui.signals import ChangeHub
from tests.pdf_helpers import page_count, pdf_text
from tests.test_ui_print_page import _answer_next_message_box
from tests.shop_helpers import make_shop
from tests.test_translation_pdfs import _ascii_data, _chinese

YEAR = clock.today().year


@pytest.fixture
def ascii_demo(demo_db, admin):
    """The demo with every Chinese text in the database made ASCII, as tests/test_translation_pdfs does."""
    _ascii_data()
    return admin


def _donation_ids() -> list[int]:
    return [m.id for m in StockMove.select().where(StockMove.source == StockMove.SOURCE_DONATION,
                                                   StockMove.created_at >= dt.datetime(YEAR, 1, 1))
            .order_by(StockMove.created_at, StockMove.id)]


def _page(qtbot, actor) -> PrintPage:
    application()
    page = PrintPage(UiContext(actor=actor, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.show()
    return page


def _generate(qtbot, page: PrintPage, kind: str, period: str, tmp_path):
    page.pdf_path = None
    panel = page.select(kind)
    panel.period.setText(period)
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.pdf_path is not None and page.document.status() == QPdfDocument.Status.Ready,
                    timeout=60000)
    saved = tmp_path / f"{kind}.pdf"
    page.save_to(saved)
    return saved


def test_the_print_page_makes_the_donation_list_and_receipts_in_the_background(qtbot, demo_db, admin, tmp_path):
    ids = _donation_ids()
    assert ids, "the demo records donations this year"
    donors = {m.donor for m in StockMove.select().where(StockMove.id.in_(ids))}
    page = _page(qtbot, admin)
    saved = _generate(qtbot, page, "donations", str(YEAR), tmp_path)
    assert f"{len(ids)} 笔" in page.status.text() and page.print_button.isEnabled()
    text = pdf_text(saved)
    assert all(d in text for d in donors) and "按现价折合积分" in text
    receipts = _generate(qtbot, page, "donation_receipts", str(YEAR), tmp_path)
    assert page_count(receipts) == len(ids) and f"捐赠收据 {len(ids)} 张" in page.status.text()


def test_the_print_page_reports_a_period_without_donations_for_receipts(qtbot, demo_db, admin, tmp_path):
    page = _page(qtbot, admin)
    saved = _generate(qtbot, page, "donations", "2001", tmp_path)  # the list says so on paper
    assert "本期没有爱心捐赠记录" in pdf_text(saved)


def test_english_donation_list_and_receipts_have_no_chinese(english, ascii_demo, qtbot, tmp_path):
    ids = _donation_ids()
    out = {"list": tmp_path / "list.pdf", "empty": tmp_path / "empty.pdf", "receipts": tmp_path / "receipts.pdf"}
    donation_list_pdf(out["list"], actor=ascii_demo, period=periods.year(YEAR))
    donation_list_pdf(out["empty"], actor=ascii_demo, period=periods.year(2001))
    donation_receipts_pdf(out["receipts"], actor=ascii_demo, move_ids=ids[:3])
    left = {name: _chinese(pdf) for name, pdf in out.items()}
    assert not any(left.values()), left
    flat = {name: " ".join(pdf_text(pdf).split()) for name, pdf in out.items()}
    assert "Donations" in flat["list"] and "Totals by donor" in flat["list"] and "Page 1 of" in flat["list"]
    assert "No donations were recorded in this period" in flat["empty"]
    assert "Donation Receipt" in flat["receipts"] and "Received by" in flat["receipts"]
    page = _page(qtbot, ascii_demo)  # through the app: rendered off the UI thread, in English too
    saved = _generate(qtbot, page, "donations", str(YEAR), tmp_path)
    assert pdf_text(saved).strip() and not _chinese(saved)


def test_after_a_donation_the_stock_dialog_offers_its_receipt(qtbot, admin, monkeypatch, tmp_path):
    make_shop(admin, stock_each=0)
    application()
    from tests.ui_helpers import ctx_of, settle

    dialog = StockDialog(ctx_of(admin), products.find_by_sku("6901234500011", actor=admin), "in")
    qtbot.addWidget(dialog)
    dialog.quantity.setValue(5)
    dialog.source.setCurrentIndex(1)
    dialog.donor.setText("乡贤王建国")
    dialog.accept()  # saving asks nothing
    settle(qtbot)
    printed: list[bytes] = []
    # the printer dialog is the only step left out: the PDF handed to it is kept instead
    monkeypatch.setattr("pointsapp.ui.receipt_print.print_pdf",
                        lambda parent, pdf, title="": printed.append(pdf) or True)
    seen = _answer_next_message_box("取消")
    assert dialog.offer_receipt(dialog) is False and not printed
    assert "乡贤王建国" in seen[0]
    _answer_next_message_box("打印收据")
    assert dialog.offer_receipt(dialog) is True and len(printed) == 1
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(printed[0])
    text = "".join(pdf_text(pdf).split())
    assert "乡贤王建国" in text and "食盐" in text and "5袋" in text and f"JZ-{dialog.move.id:06d}" in text
