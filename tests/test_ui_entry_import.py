"""The entry page's 检查表: download the month's sheet, import it filled in — faults listed, then written."""
from __future__ import annotations

import datetime as dt
import os

from PySide6.QtWidgets import QMessageBox

from pointsapp.models import LedgerEntry
from pointsapp.ui.batch_grid import BatchGrid
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import accept_next_message_box, make_village
from tests.test_entry_import import _fill

SHOTS = os.environ.get("POINTSAPP_SHOTS")


def test_download_the_sheet_import_it_with_faults_listed_then_written(qtbot, admin, tmp_path):
    village = make_village(admin, households=3)
    grid = BatchGrid(UiContext(actor=admin, hub=ChangeHub(), db_description="test"), today=dt.date(2026, 11, 20))
    qtbot.addWidget(grid)
    grid.resize(1000, 500)
    grid.show()
    grid.select(village.groups[0].id, "2026-10")
    sheet = tmp_path / "sheet.xlsx"
    seen = accept_next_message_box(QMessageBox.Ok)
    grid.download_template(str(sheet))
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    assert sheet.exists() and "3 户" in seen[0]
    _fill(sheet, grid_marks=[("T1001", "HY01", "√"), ("T1002", "HY02", "?")],
          lines=[("T1003", None, "PA01", "2026-10-09", "清理河道")])

    dialog = grid.import_sheet(str(sheet))
    qtbot.addWidget(dialog)
    dialog.resize(780, 400)
    dialog.show()
    dialog.check()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=15000)
    assert dialog.faults.rowCount() == 1 and not dialog.import_button.isEnabled()
    assert dialog.faults.data(dialog.faults.index(0, 1)) == "第 5 行" and "看不懂" in dialog.faults.data(
        dialog.faults.index(0, 2))
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "entry-import-faults.png"))
    assert LedgerEntry.select().count() == 0

    _fill(sheet, grid_marks=[("T1002", "HY02", "√")])
    dialog.check()
    qtbot.waitUntil(lambda: dialog.checked is not None and dialog.checked.ok, timeout=15000)
    assert dialog.import_button.isEnabled() and "3 户 3 条" in dialog.summary.text()
    done = accept_next_message_box(QMessageBox.Ok)
    dialog.import_now()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert dialog.result is not None and dialog.result.written
    assert sorted(e.rule.code for e in LedgerEntry.select()) == ["HY01", "HY02", "PA01"]
    qtbot.waitUntil(lambda: grid.model.totals()[0] == 0, timeout=5000)
    if SHOTS:
        grid.grab().save(os.path.join(SHOTS, "batch-grid-after-import.png"))
