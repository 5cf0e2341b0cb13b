"""设置→操作日志 on the screen: the object and the change in words, the change whole in its tooltip, columns sized
from the rows shown (never fitted over all of them)."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt

from pointsapp.services.audit import AuditColumn
from pointsapp.ui.audit_tab import AuditTab
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.test_audit_words import RAW, office_day  # noqa: F401  (a fixture)


def _shown(tab, action_label):
    model = tab.model
    for r in range(model.rowCount()):
        if model.index(r, AuditColumn.ACTION).data() == action_label:
            return {c: model.index(r, c) for c in AuditColumn}
    raise AssertionError(f"no row {action_label}")


def test_the_log_screen_reads_in_words(qtbot, admin, office_day, tmp_path):  # noqa: F811 (the fixture)
    tab = AuditTab(UiContext(actor=admin, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: tab._widths_set)  # sized once shown, from the width it has
    row = _shown(tab, "审核通过")
    assert row[AuditColumn.ENTITY].data() == "户 T1001（户主1） · 3 条积分记录"
    assert row[AuditColumn.CHANGE].data() == "状态：待审核 → 已审核；积分记录：3 条"
    assert row[AuditColumn.CHANGE].data(Qt.ToolTipRole) == "状态：待审核 → 已审核\n积分记录：3 条"
    assert tab.model.headerData(AuditColumn.CHANGE, Qt.Horizontal, Qt.DisplayRole) == "变更内容"
    for r in range(tab.model.rowCount()):
        for c in (AuditColumn.ENTITY, AuditColumn.CHANGE):
            assert not RAW.search(tab.model.index(r, c).data() or ""), tab.model.index(r, c).data()
    tab.grab().save(os.path.join(os.environ.get("SHOT_DIR", str(tmp_path)), "audit_words.png"))
    # the object column is wide enough for its names, and the change keeps the rest of the width
    view = tab.view
    metrics = view.fontMetrics()
    assert view.columnWidth(AuditColumn.ENTITY) >= metrics.horizontalAdvance("户 T1001（户主1） · 3 条积分记录")
    assert view.columnWidth(AuditColumn.CHANGE) >= 200
