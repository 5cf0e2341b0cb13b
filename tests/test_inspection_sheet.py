"""The monthly inspection on paper and on screen: a blank sheet per group to carry door to door (households ×
item names, a box each, lines to sign), item names in the grid's heads, the grid taking the keys as soon as its
tab is clicked, and the completion report counting the month's marks (not only saved sheets)."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt

from pointsapp.errors import UserError
from pointsapp.models import Village
from pointsapp.printing.inspection_sheet import inspection_sheet_pdf
from pointsapp.services import periods
from pointsapp.services.auth import Role
from pointsapp.services.reports.monthly import inspection_completion
from pointsapp.services.scoring import entries
from pointsapp.services.scoring.inspection_sheet import short_title
from pointsapp.ui.batch_grid import FIRST_ITEM, BatchGrid
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.pdf_helpers import page_count, pdf_text, render_pages
from tests.scoring_helpers import household, make_village, rule


def _items(village):
    from pointsapp.models import Rule

    return list(Rule.select().where(Rule.village == village.id, Rule.inspection_item == True)  # noqa: E712
                .order_by(Rule.code))


def test_blank_sheet_lists_every_household_and_item_with_a_box_each(admin, tmp_path):
    village = make_village(admin, households=30, groups=2)
    group = village.groups.order_by(village.groups.model.sort_order)[0]
    pdf = tmp_path / "sheet.pdf"
    assert inspection_sheet_pdf(pdf, actor=admin, group_id=group.id, period_code="2026-10") == 15
    text = pdf_text(pdf)
    assert "测试村1组月度卫生检查表" in text and "2026年10月" in text
    heads = [f"户主{n}" for n in range(1, 31, 2)]  # the first group's: households 1, 3, 5 …
    assert all(h in text for h in heads) and "户主2\n" not in text
    items = _items(village)
    flat = text.replace("\n", "")
    assert all(short_title(r.title) in flat and r.code in text for r in items)
    assert text.count("□") == 15 * len(items)
    assert "检查人（签字）" in text
    assert page_count(pdf) >= 1
    pages = render_pages(pdf, tmp_path / "png", dpi=60)
    assert pages and all(p.stat().st_size > 5000 for p in pages)
    shots = os.environ.get("SHOT_DIR")
    if shots:
        pages[0].replace(os.path.join(shots, "inspection_sheet.png"))


def test_a_sheet_needs_a_month_and_inspection_items(admin, tmp_path):
    village = make_village(admin, households=2)
    group = village.groups[0]
    with pytest.raises(UserError, match="按月"):
        inspection_sheet_pdf(tmp_path / "q.pdf", actor=admin, group_id=group.id, period_code="2026-Q3")
    for item in _items(village):
        item.inspection_item = False
        item.save()
    with pytest.raises(UserError, match="没有月度检查项目"):
        inspection_sheet_pdf(tmp_path / "n.pdf", actor=admin, group_id=group.id, period_code="2026-10")
    assert not (tmp_path / "n.pdf").exists()


def test_grid_heads_name_the_items_and_the_grid_prints_the_sheet(qtbot, admin, tmp_path):
    village = make_village(admin, households=3)
    grid = BatchGrid(UiContext(actor=admin, hub=ChangeHub(), db_description="test"), today=dt.date(2026, 11, 20))
    qtbot.addWidget(grid)
    grid.show()
    grid.select(village.groups[0].id, "2026-10")
    items = _items(village)
    heads = [grid.model.headerData(FIRST_ITEM + i, Qt.Horizontal, Qt.DisplayRole) for i in range(len(items))]
    for head, item in zip(heads, items):
        assert short_title(item.title) == head.split("\n" + item.code)[0].replace("\n", "")
        assert head.endswith(f"{item.code} {item.points:+d}")
    job = grid.write_blank_sheet(str(tmp_path / "blank.pdf"))
    qtbot.waitUntil(lambda: "已保存到" in grid.last_saved.text(), timeout=20000)
    assert job is not None and "户主3" in pdf_text(tmp_path / "blank.pdf")


def test_clicking_the_inspection_tab_puts_the_keys_on_the_grid(qtbot, demo_db, db_target):
    from pointsapp.services.ops import users
    from pointsapp.ui.app import application, create_main_window

    application()
    window = create_main_window(users.ensure_admin(), db_target)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page = window.show_page("entry")
    window.nav.setFocus()
    tabs = page.tabs
    grid = page.batch
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(tabs.indexOf(grid)).center())
    qtbot.waitUntil(lambda: grid.view.hasFocus(), timeout=3000)
    row, column = grid.view.currentIndex().row(), grid.view.currentIndex().column()
    qtbot.keyClicks(window.focusWidget(), "1")
    moved = grid.view.currentIndex()
    assert (moved.row(), moved.column()) != (row, column)  # the grid took the 1 and went on to the next box
    assert window.nav.currentRow() == window.page_keys().index("entry")  # the navigation did not


def test_completion_counts_marks_entered_one_by_one_and_awaiting_review(admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, households=4, groups=2)
    scorer = actor_of(Role.SCORER)
    entries.add_entry(actor=scorer, household_id=household(village, 1).id, rule_id=rule(village, "HY01").id,
                      occurred_on=dt.date(2026, 10, 25), today=dt.date(2026, 11, 20))
    report = inspection_completion(actor=admin, month=periods.parse("2026-10"))
    lines = {ln.group: ln for ln in report.lines}
    assert lines["1组"].inspected and lines["1组"].entries == 1 and lines["1组"].batches == 0
    assert [ln.group for ln in report.missing] == ["2组"]


def test_the_command_line_prints_the_blank_sheet(tmp_path):
    from tests.cli_helpers import run_cli

    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "12", "--villages", "1", db=db).returncode == 0
    out = tmp_path / "检查表.pdf"
    done = run_cli("print", "inspection-sheet", "--group", "1组", "--month", "2026-10", "--out", str(out), db=db)
    assert done.returncode == 0, done.stderr
    assert "空白检查表" in done.stdout and out.exists()
    text = pdf_text(out)
    assert "1组月度卫生检查表" in text and text.count("□") > 0
    refused = run_cli("print", "inspection-sheet", "--group", "9组", "--out", str(tmp_path / "x.pdf"), db=db)
    assert refused.returncode == 1 and "9组" in refused.stderr and not (tmp_path / "x.pdf").exists()
