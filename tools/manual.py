"""Regenerates the user manual's screenshots from a fresh demo database:
``python tools/manual.py [--lang en] [OUT_DIR]`` (``--lang en``: the screens in English, for the English manual).

Builds a demo database (60 households, 2 villages, 1 year) with the date pinned (POINTSAPP_TODAY), then
takes one screenshot per page of the main window (offscreen, 1280×800) into docs/manual/images/<key>.png,
so the pictures in the manual never go stale. ``make manual`` runs it before building the PDF only when
asked (MANUAL_SHOTS=1); the PNGs are committed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = "2026-11-20"  # a day after a finished month, so review, notice and till all have something to show


def main() -> int:
    args = sys.argv[1:]
    english = "--lang" in args and args[args.index("--lang") + 1] == "en"
    if "--lang" in args:
        del args[args.index("--lang"):args.index("--lang") + 2]
    # the Chinese manual's pictures in docs/manual/images, the English manual's (the screens in English) in
    # docs/manual/en/images
    out = Path(args[0]) if args else ROOT / "docs" / "manual" / ("en/images" if english else "images")
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "POINTSAPP_TODAY": os.environ.get("POINTSAPP_TODAY", TODAY),
           "QT_QPA_PLATFORM": "offscreen", "SHOT_W": "1280", "SHOT_H": "800",
           "POINTSAPP_LANG": "en" if english else "zh_CN"}
    # this checkout's code (not whichever one the environment's console script was installed from)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    cli = [sys.executable, "-m", "pointsapp"]
    # a fixed place, so the status bar (数据库：…) reads the same in every regeneration
    tmp = Path(tempfile.gettempdir()) / "pointsapp-manual"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        db = tmp / "demo.db"
        env["POINTSAPP_DATA_DIR"] = str(tmp)
        subprocess.run([*cli, "--db", str(db), "demo", "--households", "60", "--villages", "2",
                        "--years", "1"], check=True, env=env)
        # an event with a few households checked in, so the 活动与评议 picture shows one (the demo has none)
        env.update(POINTSAPP_USER="admin", POINTSAPP_PASSWORD="admin123")  # the demo's administrator
        subprocess.run([*cli, "--db", str(db), "event", "create", "--village", "桃园村", "--title", "11月环境整治日",
                        "--rule", "PA03", "--place", "村文化广场", "--cap", "30"], check=True, env=env)
        subprocess.run([*cli, "--db", str(db), "event", "checkin", "1", "--household", "01001", "01002",
                        "01003", "01005", "01008"], check=True, env=env)
        from pointsapp.ui.pages import PAGES
        keys = [p.key for p in PAGES]
        subprocess.run([sys.executable, str(ROOT / "tools" / "screenshot.py"), str(db), str(out), *keys],
                       check=True, env=env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    optimise(out)
    return 0


def optimise(folder: Path) -> None:
    """Palette PNGs (256 colours, Pillow): the pictures stay readable at a fraction of the size."""
    from PIL import Image

    for png in sorted(folder.glob("*.png")):
        with Image.open(png) as image:
            small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(png, optimize=True)
        print(f"{png.name}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    raise SystemExit(main())
