"""Saves a screenshot of the main window (and a few pages) on a demo database: ``python tools/screenshot.py DB OUT_DIR``.

Used for the README; runs offscreen or under Xvfb.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    db, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from pointsapp.db import open_database
    from pointsapp.services.ops import users
    from pointsapp.ui.app import application, choose_language, create_main_window

    app = application()
    open_database(db)
    choose_language(app)
    window = create_main_window(users.ensure_admin(), db)
    window.resize(int(os.environ.get("SHOT_W", 1280)), int(os.environ.get("SHOT_H", 800)))
    window.show()
    for key in sys.argv[3:] or window.page_keys()[:1]:
        window.show_page(key)
        QTest.qWait(int(os.environ.get("SHOT_WAIT_MS", "2500")))  # let background loads finish
        window.grab().save(str(out / f"{key}.png"))
    QTimer.singleShot(0, app.quit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
