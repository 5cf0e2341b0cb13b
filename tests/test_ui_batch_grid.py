"""The monthly inspection grid, driven by the keyboard as an inspector's sheet is typed in."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from pointsapp.models import Batch, LedgerEntry
from pointsapp.services.ops import check
from pointsapp.ui.batch_grid import FIRST_ITEM, BatchGrid
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import accept_next_message_box, household, make_village

TODAY = dt.date(2026, 11, 20)


def _grid(qtbot, admin):
    village = make_village(admin, households=3)
    ctx = UiContext(actor=admin, hub=ChangeHub(), db_description="test")
    grid = BatchGrid(ctx, today=TODAY)
    qtbot.addWidget(grid)
    grid.show()
    grid.select(village.groups[0].id, "2026-10")
    return village, ctx, grid


def test_typing_a_sheet_and_saving_writes_one_batch(qtbot, admin):
    village, ctx, grid = _grid(qtbot, admin)
    view = grid.view
    assert grid.model.columnCount() == FIRST_ITEM + 4 + 1  # HY01..HY04 and the subtotal
    # household 1: ticks on all four items typed as 1 y 1 0
    for key in "1y10":
        qtbot.keyClicks(view, key)
    # household 2 (the cursor wrapped to its first item): tick the first, then Enter to the next row
    qtbot.keyClicks(view, "1")
    qtbot.keyClick(view, Qt.Key_Return)
    # household 3: move right with the arrow key, toggle with space twice then once more
    qtbot.keyClick(view, Qt.Key_Right)
    qtbot.keyClick(view, Qt.Key_Space)
    assert grid.model.totals() == (3, 5, 5 + 3 + 2 + 5 + 3)
    assert grid.model.data(grid.model.index(0, grid.model.columnCount() - 1)) == "10"
    with qtbot.waitSignal(ctx.hub.ledger_changed):
        accept_next_message_box("保存")
        qtbot.keyClick(view, Qt.Key_S, Qt.ControlModifier)
    assert Batch.select().count() == 1
    points = {h: sum(e.points for e in LedgerEntry.select().where(LedgerEntry.household == household(village, h).id))
              for h in (1, 2, 3)}
    assert points == {1: 10, 2: 5, 3: 3}
    assert "已保存检查批次" in grid.last_saved.text()
    # the saved items now show as recorded and cannot be ticked again
    assert grid.model.data(grid.model.index(0, FIRST_ITEM)) == "已记"
    assert not grid.model.set_mark(0, FIRST_ITEM, True)
    assert check.run_checks() == []


def test_delete_clears_a_tick_before_saving(qtbot, admin):
    _village, _ctx, grid = _grid(qtbot, admin)
    qtbot.keyClicks(grid.view, "1")
    qtbot.keyClick(grid.view, Qt.Key_Left)
    qtbot.keyClick(grid.view, Qt.Key_Delete)
    assert grid.model.totals() == (0, 0, 0)
