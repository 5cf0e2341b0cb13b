"""Automatic backups while the window is open: one at start-up, then whenever the latest is a day old."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from pointsapp.services import backup
from pointsapp.ui.messages import show_error
from pointsapp.ui.tasks import run_task

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000  # an office PC left on for days still gets its daily backup


class AutoBackup(QObject):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window = window
        self.last_path = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run_if_due)

    def start(self):
        self.timer.start(CHECK_EVERY_MS)
        return self._run(force=True)

    def run_if_due(self):
        return self._run(force=False)

    def _run(self, *, force: bool):
        def done(path):
            if path is not None:
                self.last_path = path
                log.info("automatic backup written to %s", path)

        def failed(exc):
            show_error(self.window, self.tr("自动备份没有完成：{0}").format(getattr(exc, "message", exc)),
                       self.tr("自动备份"))

        return run_task(self.window, lambda: backup.auto_backup(force=force), success=done, failure=failed,
                        label=self.tr("正在自动备份…"))
