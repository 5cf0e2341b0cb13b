"""The print page: generate in the background, preview, save, print, and reissue a card."""
from __future__ import annotations

from pointsapp.services.changes import Changes

from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from pointsapp.models import Household
from pointsapp.services.register import cards
from pointsapp.services.register import choices
from pointsapp.ui.app import application
from pointsapp.ui.card_reissue_dialog import CardReissueDialog
from pointsapp.ui.context import UiContext
from pointsapp.ui.print_page import PrintPage
from pointsapp.ui.signals import ChangeHub
from tests.pdf_helpers import decode_qr, page_count, page_size_pt, pdf_text, render_pages


def _page(qtbot, admin) -> PrintPage:
    application()
    page = PrintPage(UiContext(actor=admin, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _generate(qtbot, page: PrintPage) -> None:
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.pdf_path is not None and page.document.status() == QPdfDocument.Status.Ready,
                    timeout=60000)


def _answer_next_message_box(button_text: str | None = None) -> list[str]:
    """Press a button of the message box about to open, as the user would. Returns what it said."""
    seen: list[str] = []

    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, press)
            return
        seen.append(box.text())
        for button in box.buttons():
            if button_text is None or button.text() == button_text:
                button.click()
                return
    QTimer.singleShot(50, press)
    return seen


def _first_numbers(n: int) -> list[str]:
    return [h.household_no for h in Household.select().order_by(Household.household_no).limit(n)]


def test_cards_are_previewed_and_the_saved_pdf_scans(qtbot, demo_db, admin, tmp_path):
    page = _page(qtbot, admin)
    panel = page.select("cards")
    panel.households.setText("  ".join(_first_numbers(3)))
    panel.picker.village.setCurrentIndex(1)
    _generate(qtbot, page)
    assert page.document.pageCount() == 1
    assert "3 张" in page.status.text() and page.print_button.isEnabled() and page.save_button.isEnabled()
    saved = tmp_path / "saved.pdf"
    page.save_to(saved)
    decoded = decode_qr(render_pages(saved, tmp_path / "png")[0])
    assert len(decoded) == 3 and all(cards.verify(text).valid for text in decoded)


def test_printing_renders_every_page_and_printed_cards_still_scan(qtbot, demo_db, admin, tmp_path):
    page = _page(qtbot, admin)
    panel = page.select("cards")
    panel.picker.village.setCurrentIndex(1)
    panel.households.setText(" ".join(_first_numbers(2)))
    panel.single.setChecked(True)
    _generate(qtbot, page)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    page.prepare_printer(printer)
    assert page.print_to(printer) == 2
    assert page_count(printed) == 2
    width, height = page_size_pt(printed)
    assert width > height and abs(width - 242.6) < 3  # the card's own size, landscape
    found = [t for png in render_pages(printed, tmp_path / "png", dpi=300) for t in decode_qr(png)]
    assert len(found) == 2 and all(cards.verify(t).valid for t in found)


def test_ranking_preview_uses_the_chosen_options(qtbot, demo_db, admin, tmp_path):
    page = _page(qtbot, admin)
    panel = page.select("ranking")
    panel.period.setText("2026-Q1")
    panel.mask.setChecked(True)
    panel.paper.setCurrentIndex(panel.paper.findData("a4-landscape"))
    _generate(qtbot, page)
    width, height = page.document.pagePointSize(0).width(), page.document.pagePointSize(0).height()
    assert width > height
    saved = tmp_path / "ranking.pdf"
    page.save_to(saved)
    text = pdf_text(saved)
    assert "2026年第一季度" in text
    assert not any(h.head_name in text for h in Household.select() if len(h.head_name) > 1)


def test_bad_input_is_explained_and_keeps_the_last_preview(qtbot, demo_db, admin):
    page = _page(qtbot, admin)
    panel = page.select("statement")
    panel.household.setText(_first_numbers(1)[0])
    _generate(qtbot, page)
    previous = page.pdf_path
    panel.household.clear()  # the period is chosen from lists and cannot be wrong; a missing number can
    said = _answer_next_message_box()
    page.generate_button.click()
    assert said and "户号" in said[0]
    assert page.pdf_path == previous and page.document.pageCount() >= 1
    # the old preview stays in sight, but no longer passes for the new one: not printed or saved by mistake
    assert not page.print_button.isEnabled() and not page.save_button.isEnabled()
    assert "上一次" in page.status.text()


def test_reissue_dialog_revokes_the_old_card_and_shows_the_new_code(qtbot, demo_db, admin):
    application()
    household = Household.select().order_by(Household.household_no).first()
    old = cards.issue_cards(actor=admin, household_ids=[household.id])[household.id].payload
    hub = ChangeHub()
    dialog = CardReissueDialog(UiContext(actor=admin, hub=hub, db_description="test"), choices.villages(actor=admin))
    qtbot.addWidget(dialog)
    dialog.number.setText(household.household_no)
    dialog.reason.setCurrentText("卡片遗失")
    asked = _answer_next_message_box("补卡")
    with qtbot.waitSignal(hub.households_changed, timeout=30000):
        dialog.ok.click()
    assert asked and household.household_no in asked[0]
    assert dialog.pages.currentIndex() == 1
    new = cards.verify(dialog.qr.text())
    assert new.valid and new.serial == 2 and new.household_id == household.id
    assert not cards.verify(old).valid
    assert dialog.household_no == household.household_no


def test_cashier_cannot_reissue_from_the_print_page(qtbot, demo_db, actor_of):
    from pointsapp.services.auth import Role

    page = _page(qtbot, actor_of(Role.CASHIER))
    assert page.select("cards").reissue.isHidden()


def test_a_new_village_appears_in_the_choices_after_a_change(qtbot, demo_db, admin):
    from pointsapp.models import Group, Village

    page = _page(qtbot, admin)
    picker = page.select("ranking").picker
    chosen = picker.village_id()
    village = Village.create(name="新建村", code="NEW")
    Group.create(village=village, name="1组", sort_order=1)
    assert picker.village.findData(village.id) < 0
    page.ctx.hub.broadcast(Changes.HOUSEHOLDS)
    assert picker.village.findData(village.id) >= 0
    assert picker.village_id() == chosen  # the operator's choice stays
