"""Child process for the GUI cases: start, show the main window (or a bare one), report, exit.

Prints one JSON line: seconds from interpreter start to the window shown, and peak RSS.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM), not inherited from the parent across fork."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    mode, db = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1280, 800)
    else:  # the app's own imports in the app's own order (pointsapp.ui.app: the database layer, then Qt)
        from pointsapp.ui.app import application, create_main_window
        from pointsapp.db import open_database
        from pointsapp.services.ops import users

        app = application()
        open_database(db)
        window = create_main_window(users.ensure_admin(), db)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    print(json.dumps({"shown": shown, "rss_mb": peak_rss_mb()}), flush=True)
    os._exit(0)  # measured: no need to wait for the window's background tasks or Qt's teardown


if __name__ == "__main__":
    raise SystemExit(main())
