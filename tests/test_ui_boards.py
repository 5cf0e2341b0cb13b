"""The 排行榜 page by class and category, and the 红黑榜 on the print page, as a clerk uses them."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.pdf_helpers import pdf_text
from tests.test_red_black_board import _long_names, month  # noqa: F401  (the fixture)

SHOTS = os.environ.get("POINTSAPP_SHOTS")  # a folder: the screens are saved there to be looked at


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, name))


def _rows(page) -> list[tuple[str, str]]:
    m = page.model
    return [(m.data(m.index(r, 1)), m.data(m.index(r, len(page.model.columns) + len(page.model.ranking.categories))))
            for r in range(m.rowCount())]


def test_the_ranking_page_ranks_a_class_of_households_by_one_category(qtbot, admin, month):  # noqa: F811
    from pointsapp.ui.ranking_page import RankingPage

    application()
    page = RankingPage(UiContext(admin, ChangeHub(), "test"))
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    page.period_box.setCurrentText("2026-10")
    page.tag_box.setCurrentIndex(page.tag_box.findData("党员户"))
    page.category_box.setCurrentIndex(page.category_box.findData("participation"))
    qtbot.waitUntil(lambda: page.model.ranking is not None and page.model.ranking.tag == "党员户"
                    and page.model.ranking.category == "participation" and page.model.ranking.period.code == "2026-10",
                    timeout=10000)
    assert _rows(page) == [("T1001", "15"), ("T1002", "10")]  # total column: participation only
    assert "党员户" in page.title.text() and "公益参与" in page.title.text()
    assert page.model.headerData(len(page.model.columns), Qt.Horizontal) == "公益参与"
    _shot(page, "ranking-by-class.png")
    page.tag_box.setCurrentIndex(0)
    page.category_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.ranking.tag == "" and page.model.ranking.category == "", timeout=10000)
    assert page.model.rowCount() == 6


def test_the_red_black_board_is_previewed_from_the_print_page(qtbot, admin, month, tmp_path):  # noqa: F811
    from pointsapp.ui.print_page import PrintPage

    _long_names(month)
    application()
    page = PrintPage(UiContext(actor=admin, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    panel = page.select("red_black")
    panel.period.setText("2026-10")
    panel.mask.setChecked(False)
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.pdf_path is not None and page.document.status() == QPdfDocument.Status.Ready,
                    timeout=60000)
    assert "红榜 5 户次" in page.status.text() and "黑榜 2 条" in page.status.text()
    saved = tmp_path / "board.pdf"
    page.save_to(saved)
    text = pdf_text(saved).replace(" ", "")
    assert "阿卜杜热合曼·买买提" in text and "乱堆乱放、乱倒垃圾" in text
    _shot(page, "print-red-black.png")


def test_black_board_stars_are_withdrawn_from_the_stars_page(qtbot, admin, month):  # noqa: F811
    from PySide6.QtWidgets import QMessageBox

    from pointsapp.db import settings
    from pointsapp.models import Star, StarAward
    from pointsapp.ui.star_summary_tab import StarSummaryTab
    from tests.scoring_helpers import accept_next_message_box, household
    from tests.star_helpers import applied_evaluation

    h4 = household(month, 4)
    applied_evaluation(month.id, "2025", [(h4, s) for s in Star.select().where(Star.village == month)][:2],
                       admin.user_id)
    settings.set("black_board_limit", 1)
    application()
    tab = StarSummaryTab(UiContext(admin, ChangeHub(), "test"))
    qtbot.addWidget(tab)
    tab.show()
    assert tab.black_board_button.isEnabled()
    seen = accept_next_message_box(QMessageBox.Ok)
    tab.withdraw_for_black_board(ask=False)
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert "已为 1 户摘星" in seen[0] and "T1004" in seen[0] and "参与赌博" in seen[0]
    assert StarAward.select().where(StarAward.household == h4, StarAward.withdrawn_at.is_null()).count() == 0
