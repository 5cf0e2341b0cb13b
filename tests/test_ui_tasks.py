"""Background work reaches the window in the real application, not only under test helpers."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.cli_helpers import run_cli


def test_dashboard_figures_arrive_in_a_plain_application_process(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "40", db=db).returncode == 0
    script = textwrap.dedent(f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtTest import QTest
        from pointsapp.db import open_database
        from pointsapp.services import users
        from pointsapp.ui.app import application, create_main_window
        app = application()
        open_database({str(db)!r})
        window = create_main_window(users.ensure_admin(), {str(db)!r})
        window.resize(1280, 800)
        window.show()
        QTest.qWait(5000)
        print("HOUSEHOLDS=" + window.page("dashboard").tiles["households"].value_label.text())
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "HOUSEHOLDS=40" in out.stdout, out.stdout + out.stderr
    assert "Signal source has been deleted" not in out.stderr
