"""Automatic backups while the window is open: one at start-up, then whenever the latest is a day old.

Nobody waits for them: what to do is read on the database worker (a few settings), the copy and its check
run on a thread of their own through SQLite connections of their own (a village's file of some years takes
seconds), and the status bar says when the backup is written. Only a failure interrupts, with a message.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from pointsapp import clock
from pointsapp.services.ops import backup
from pointsapp.ui.messages import show_error
from pointsapp.ui.tasks import run_quietly

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000  # an office PC left on for days still gets its daily backup


class AutoBackup(QObject):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.last_path = None
        self.busy = False  # a copy still running when the hourly check comes round: not a second one
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_if_due)

    def start(self) -> None:
        self.timer.start(CHECK_EVERY_MS)
        self._run(force=True)

    def run_if_due(self) -> None:
        self._run(force=False)

    def _run(self, *, force: bool) -> None:
        if self.busy:
            return
        self.busy = True
        run_quietly(lambda: backup.plan_auto_backup(force=force), success=self._copy, failure=self._failed,
                    owner=self)

    def _copy(self, plan: backup.AutoBackupPlan | None) -> None:
        if plan is None:  # none due, or PostgreSQL
            self.busy = False
            return
        self._say(self.tr("正在自动备份…"))
        run_quietly(lambda: backup.carry_out(plan), success=self._done, failure=self._failed, beside_database=True,
                    owner=self)

    def _done(self, path) -> None:
        self.busy = False
        self.last_path = path
        log.info("automatic backup written to %s", path)
        self._say(self.tr("已自动备份（{0}）").format(f"{clock.now():%H:%M}"), 30_000)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self._say("")
        show_error(self.window, self.tr("自动备份没有完成：{0}").format(getattr(exc, "message", exc)),
                   self.tr("自动备份"))

    def _say(self, text: str, timeout_ms: int = 0) -> None:
        status = getattr(self.window, "statusBar", None)
        if status is not None:
            status().showMessage(text, timeout_ms)
