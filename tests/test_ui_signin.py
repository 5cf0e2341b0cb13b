"""Sign-in, the settings tabs and recovery, as real Qt widgets (offscreen)."""
from __future__ import annotations

from tests.ui_helpers import settle

from pointsapp.services.changes import Changes

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pointsapp.db import close_database, settings
from pointsapp.models import AuditLog, User
from pointsapp.services.ops import backup
from pointsapp.services.ops import recovery
from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.services.ops.passwords import verify_password
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from pointsapp.ui.signin import FIRST_PASSWORD, NEW_PASSWORD, SIGN_IN, SignInDialog
from tests.conftest import make_actor
from tests.backends import sqlite_only


def _dialog(qtbot) -> SignInDialog:
    application()
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Return)
    settle(qtbot)  # the sign-in's step runs on the database worker


@pytest.fixture
def first_admin(db):
    """The administrator as a new database has it: no password yet (the window asks for the first one)."""
    return users.ensure_admin()


def test_first_run_asks_for_the_administrator_password_and_signs_in(qtbot, db):
    users.ensure_admin()
    dialog = _dialog(qtbot)
    assert dialog.pages.currentIndex() == FIRST_PASSWORD and "admin" in dialog.hint.text()
    _type(qtbot, dialog.first_form.new, "village-1")
    _type(qtbot, dialog.first_form.confirm, "village-2")
    assert "不一致" in dialog.message.text() and dialog.result() != QDialog.Accepted
    _type(qtbot, dialog.first_form.new, "village-1")
    _type(qtbot, dialog.first_form.confirm, "village-1")
    assert dialog.result() == QDialog.Accepted and dialog.actor.role is Role.ADMIN
    assert verify_password("village-1", User.get(User.username == "admin").password_hash)


def test_wrong_password_says_so_and_repeated_failures_lock_the_account(qtbot, first_admin):
    settings.set("lockout_attempts", 2)
    users.set_first_password(username="admin", new_password="admin-pass")
    users.create_user(actor=first_admin, username="luru", role=Role.SCORER, password="luru-pass")
    dialog = _dialog(qtbot)
    assert dialog.pages.currentIndex() == SIGN_IN
    dialog.username.setEditText("luru")
    _type(qtbot, dialog.password, "nope")
    assert "不正确" in dialog.message.text() and dialog.password.text() == ""
    _type(qtbot, dialog.password, "nope")
    assert "锁定" in dialog.message.text()
    _type(qtbot, dialog.password, "luru-pass")
    assert "锁定" in dialog.message.text() and dialog.result() != QDialog.Accepted


def test_a_temporary_password_must_be_replaced_before_entering(qtbot, first_admin):
    users.set_first_password(username="admin", new_password="admin-pass")
    users.create_user(actor=first_admin, username="shouyin", role=Role.CASHIER, password="temp-pass")
    dialog = _dialog(qtbot)
    _type(qtbot, dialog.username.lineEdit(), "shouyin")
    _type(qtbot, dialog.password, "temp-pass")
    assert dialog.pages.currentIndex() == NEW_PASSWORD and dialog.result() != QDialog.Accepted
    _type(qtbot, dialog.change_form.new, "my-own-pass")
    _type(qtbot, dialog.change_form.confirm, "my-own-pass")
    assert dialog.result() == QDialog.Accepted and dialog.actor.role is Role.CASHIER
    assert not users.sign_in("shouyin", "my-own-pass").must_change_password


def _page(qtbot, actor):
    application()
    from pointsapp.ui.settings_page import SettingsPage

    page = SettingsPage(UiContext(actor=actor, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    return page


def test_settings_tabs_follow_the_role_and_hide_what_it_cannot_do(qtbot, admin):
    assert _page(qtbot, admin).tab_titles() == ["用户管理", "操作日志", "备份与恢复", "积分清零", "积分超市规则", "常规设置",
                                                 "修改密码"]
    reviewer = _page(qtbot, make_actor(Role.REVIEWER, "shenhe"))
    assert reviewer.tab_titles() == ["操作日志", "常规设置", "修改密码"]
    cashier = _page(qtbot, make_actor(Role.CASHIER, "shouyin"))
    assert cashier.tab_titles() == ["常规设置", "修改密码"]
    general = cashier.tab("常规设置")
    assert general.save_button.isHidden() and not general.fields["lockout_attempts"].isEnabled()


def test_administrator_creates_a_user_and_the_list_shows_it(qtbot, admin):
    page = _page(qtbot, admin)
    tab = page.tab("用户管理")
    from pointsapp.ui.user_dialog import NewUserDialog

    dialog = NewUserDialog(tab.ctx, tab)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "xiaoli")
    dialog.display_name.setText("小李")  # QTest types ASCII only
    dialog.role.setCurrentIndex(list(Role).index(Role.CASHIER))
    qtbot.keyClicks(dialog.password, "temp-123")
    dialog.save()
    settle(qtbot)
    assert dialog.result() == QDialog.Accepted
    tab.ctx.hub.broadcast(Changes.USERS)
    names = [r.username for r in tab.model.rows]
    assert "xiaoli" in names
    row = names.index("xiaoli")
    assert tab.model.index(row, 2).data() == "收银员" and tab.model.index(row, 3).data() == "需改密码"
    tab.select_username("xiaoli")
    assert tab.active_button.text() == "停用" and tab.reset_button.isEnabled()


def test_audit_tab_filters_by_user_and_exports(qtbot, admin, tmp_path):
    users.create_user(actor=admin, username="luru", role=Role.SCORER, password="luru-pass")
    users.sign_in("luru", "luru-pass")
    page = _page(qtbot, admin)
    tab = page.tab("操作日志")
    qtbot.waitUntil(lambda: tab.loaded and tab.user.findData("luru") >= 0)  # read off the UI thread
    assert tab.model.rowCount() == AuditLog.select().count()
    tab.user.setCurrentIndex(tab.user.findData("luru"))
    tab.refresh()
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.model.rowCount() == 1 and tab.model.index(0, 3).data() == "登录"
    out = tmp_path / "log.xlsx"
    tab.export_to(str(out))
    qtbot.waitUntil(lambda: out.exists() and "已导出" in tab.status.text(), timeout=10000)


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_backup_tab_backs_up_now_and_restores(qtbot, admin, db_path):
    page = _page(qtbot, admin)
    tab = page.tab("备份与恢复")
    assert tab.model.rowCount() == 0
    tab.backup_now()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10000)
    saved = tab.model.rows[0].path
    users.create_user(actor=admin, username="later", role=Role.VIEWER, password="later-1")
    result = tab.restore_from(saved)
    assert User.get_or_none(User.username == "later") is None and result.kept.exists()


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_damaged_database_at_start_up_offers_the_backup_and_restores_it(qtbot, admin, db_path):
    backup.auto_backup(force=True)
    close_database()
    size = db_path.stat().st_size
    with db_path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xde\xad" * 4096)
    damage = recovery.check_target(str(db_path), quick=True)
    assert damage is not None and "已损坏" in damage.reason
    application()
    from pointsapp.ui.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(damage)
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 1 and dialog.restore_button.isEnabled()
    dialog.restore_selected()
    assert dialog.result() == QDialog.Accepted
    assert recovery.diagnose(db_path) is None and Path(dialog.restored.kept).exists()


def _close_message_box_when_it_shows(qtbot):
    """The tab confirms with a modal message box: close it the way a user would, once it is up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen = []

    def close():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(0, close)
    return seen


def test_password_tab_changes_the_signed_in_users_password(qtbot, first_admin):
    users.set_first_password(username="admin", new_password="admin-pass")
    page = _page(qtbot, first_admin)
    tab = page.tab("修改密码")
    qtbot.keyClicks(tab.form.old, "admin-pass")
    qtbot.keyClicks(tab.form.new, "admin-pass-2")
    qtbot.keyClicks(tab.form.confirm, "admin-pass-2")
    seen = _close_message_box_when_it_shows(qtbot)
    qtbot.keyClick(tab.form.confirm, Qt.Key_Return)
    settle(qtbot)
    assert seen and "密码已修改" in seen[0]
    assert users.sign_in("admin", "admin-pass-2").actor.username == "admin"
    assert not verify_password("admin-pass", User.get(User.username == "admin").password_hash)


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_start_up_meets_a_damaged_file_with_the_recovery_dialog_and_carries_on_after_restoring(qtbot, admin, db_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from pointsapp.ui.app import recover_if_damaged
    from pointsapp.ui.recovery_dialog import RecoveryDialog

    application()
    assert recover_if_damaged(str(db_path))  # a sound file: no dialog at all
    backup.auto_backup(force=True)
    close_database()
    with db_path.open("r+b") as fh:
        fh.seek(db_path.stat().st_size // 2)
        fh.write(b"\xde\xad" * 4096)
    shown = []

    def press_restore():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, RecoveryDialog):
            shown.append(dialog.backups.count())
            dialog.restore_button.click()
        else:
            QTimer.singleShot(20, press_restore)

    QTimer.singleShot(0, press_restore)
    assert recover_if_damaged(str(db_path))
    assert shown == [1] and recovery.diagnose(db_path) is None


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_automatic_backup_runs_when_the_window_opens(qtbot, admin, db_path):
    from PySide6.QtWidgets import QApplication, QMainWindow

    from pointsapp.ui.auto_backup import AutoBackup

    application()
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    auto = AutoBackup(window)
    modal = []
    auto.start()

    def done():
        modal.append(QApplication.activeModalWidget())
        return auto.last_path is not None

    qtbot.waitUntil(done, timeout=10000)
    assert auto.timer.isActive() and backup.verify(auto.last_path) >= 1
    assert [b.path for b in backup.backups_of(db_path)] == [auto.last_path]
    assert not any(modal)  # nobody waits for it: no progress box, only the status bar
    assert window.statusBar().currentMessage().startswith("已自动备份")
    auto.run_if_due()  # the hourly check the same day: nothing due
    qtbot.wait(200)
    assert [b.path for b in backup.backups_of(db_path)] == [auto.last_path] and not auto.busy


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_a_full_disk_during_a_change_says_so_and_changes_nothing(qtbot, admin, db):
    import sqlite3

    from peewee import OperationalError

    from pointsapp.services.changes import Changes
    from pointsapp.ui.operations import run_op

    page = _page(qtbot, admin)
    tab = page.tab("用户管理")
    fillers = {  # rows for the tables (and indexes) a new user writes to, until each is out of room
        "audit_log": ("INSERT INTO audit_log (at, username, action, entity, entity_id, old_value, new_value) "
                      "VALUES ('2026-01-01 00:00:00', 'f', ?, '', '', ?, '')"),
        "user": ("INSERT INTO user (username, display_name, role, password_hash, failed_attempts, "
                 "must_change_password, active, created_at) VALUES (?, ?, 'viewer', '', 0, 0, 0, '2026-01-01')"),
    }

    def on_a_full_disk(*, actor):
        """The disk fills up on the database worker's connection (the limit is per connection), then the
        change is made through it as the tab makes it."""
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages}")
        try:
            n = 0
            for sql in fillers.values():
                for size in (2000, 500, 100, 30, 5, 1):
                    try:
                        while True:
                            n += 1
                            db.execute_sql(sql, (f"filler{n}", "x" * size))
                    except (OperationalError, sqlite3.OperationalError):
                        pass
            return users.create_user(actor=actor, username="xiaoli", role=Role.SCORER, password="temp-123")
        finally:
            db.execute_sql("PRAGMA max_page_count = 1073741823")

    seen = _close_message_box_when_it_shows(qtbot)
    run_op(tab, tab.ctx, on_a_full_disk, changes=Changes.USERS)
    settle(qtbot)
    assert seen and "磁盘已满" in seen[0] and "保持原样" in seen[0]
    assert User.get_or_none(User.username == "xiaoli") is None
