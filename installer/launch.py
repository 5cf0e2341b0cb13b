"""Entry script of the bundled executables ``pointsapp`` (windowed) and ``pointsapp-cli`` (console).

Both run the same ``pointsapp.cli:main`` as the pip-installed command: no command opens the window,
a command (``demo``, ``check``, ``print …``) runs it.
"""
import os
import sys

from pointsapp.cli import main

if __name__ == "__main__":
    # The windowed exe on Windows has no console: sys.stdout/stderr are None, and argparse or a
    # command's print() would crash. Send that output nowhere; errors still reach the log file.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    raise SystemExit(main())
