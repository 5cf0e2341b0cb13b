"""The restore screens meet a backup that check rejects: they show the problems and restore it only with the
administrator's typed reason (audited); cancelling replaces nothing."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from pointsapp.db import close_database
from pointsapp.models import AuditLog, LedgerEntry
from pointsapp.services.ops import check, recovery
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from pointsapp.ui.unchecked_backup_dialog import UncheckedBackupDialog
from tests.backends import sqlite_only
from tests.test_restore_check import _good_and_forged_backups


def _backup_tab(qtbot, actor):
    application()
    from pointsapp.ui.settings_page import SettingsPage

    page = SettingsPage(UiContext(actor=actor, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    return page, page.tab("备份与恢复")


def _answer_the_reason_dialog(reason: str | None, seen: list):
    """When the dialog comes up: type ``reason`` and press 仍然恢复 (or cancel), as the administrator would."""

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UncheckedBackupDialog):
            QTimer.singleShot(20, act)
            return
        seen.append((dialog.problems.toPlainText(), dialog.restore_button.isEnabled()))
        if reason is None:
            dialog.cancel_button.click()
            return
        dialog.reason.setText("好")
        seen.append(dialog.restore_button.isEnabled())  # one character is no reason
        dialog.reason.setText(reason)
        dialog.restore_button.click()

    QTimer.singleShot(0, act)


def test_backup_tab_restores_a_rejected_backup_only_with_a_typed_reason(qtbot, admin, db_target, tmp_path):
    _good, forged, made = _good_and_forged_backups(admin, db_target, tmp_path)
    _page, tab = _backup_tab(qtbot, admin)  # the page holds the tab

    seen: list = []
    _answer_the_reason_dialog(None, seen)
    assert tab.restore_checked(Path(forged)) is None
    assert seen and f"#{made[0].id}" in seen[0][0] and seen[0][1] is False
    assert check.run_checks() == [] and LedgerEntry.get_by_id(made[0].id).points == made[0].points

    seen.clear()
    _answer_the_reason_dialog("镇纪委要求调取原样数据", seen)
    restored = tab.restore_checked(Path(forged))
    assert restored is not None and seen[1] is False
    assert LedgerEntry.get_by_id(made[0].id).points == 500
    logged = json.loads(AuditLog.get(AuditLog.action == "backup.restore_unchecked").new_value)
    assert logged["reason"] == "镇纪委要求调取原样数据"


@sqlite_only  # a damaged file at start-up
def test_recovery_dialog_asks_for_a_reason_before_restoring_a_rejected_backup(qtbot, admin, db_path, tmp_path):
    _good, forged, _made = _good_and_forged_backups(admin, str(db_path), tmp_path)
    close_database()
    with db_path.open("r+b") as fh:
        fh.seek(db_path.stat().st_size // 2)
        fh.write(b"\xde\xad" * 4096)
    damage = recovery.check_target(str(db_path), quick=True)
    assert damage is not None
    application()
    from pointsapp.ui.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(damage)
    qtbot.addWidget(dialog)
    seen: list = []
    _answer_the_reason_dialog(None, seen)
    assert dialog.restore_from(Path(forged)) is False
    assert seen and "没有恢复" in dialog.message.text() and recovery.diagnose(db_path) is not None

    _answer_the_reason_dialog("原文件损坏，只剩这一份备份", seen)
    assert dialog.restore_from(Path(forged)) is True
    assert dialog.result() == QDialog.Accepted and recovery.diagnose(db_path) is None
    row = AuditLog.get(AuditLog.action == "backup.restore_unchecked")
    assert json.loads(row.new_value)["reason"] == "原文件损坏，只剩这一份备份" and row.username == "system"
