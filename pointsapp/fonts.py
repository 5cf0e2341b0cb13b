"""Finding a CJK TrueType font, shared by the Qt UI and reportlab PDFs.

reportlab embeds TrueType outlines only (Noto CJK is CFF and refused), so we look
for fonts such as Microsoft YaHei, SimSun or WenQuanYi Micro Hei.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from pointsapp.paths import resource_path

# (file name, index inside a .ttc collection)
_CANDIDATES = [
    ("wqy-microhei.ttc", 0), ("msyh.ttc", 0), ("msyh.ttf", 0), ("simhei.ttf", 0), ("simsun.ttc", 0),
    ("Deng.ttf", 0), ("wqy-zenhei.ttc", 0), ("DroidSansFallbackFull.ttf", 0), ("DroidSansFallback.ttf", 0),
    ("STHeiti Medium.ttc", 0), ("Songti.ttc", 0), ("Arial Unicode.ttf", 0),
]


def _search_dirs() -> list[Path]:
    dirs = [resource_path("fonts")]
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs += [Path(windir) / "Fonts", Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft/Windows/Fonts"]
    elif sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library/Fonts",
                 Path("/System/Library/Fonts/Supplemental")]
    else:
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
                 Path.home() / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def find_cjk_font(preferred: str | None = None) -> tuple[Path, int] | None:
    """The first CJK TrueType font found: ``(path, subfont index)``, or None."""
    if preferred and Path(preferred).is_file():
        return Path(preferred), 0
    env = os.environ.get("POINTSAPP_FONT")
    if env and Path(env).is_file():
        return Path(env), 0
    for folder in _search_dirs():
        for name, index in _CANDIDATES:
            direct = folder / name
            if direct.is_file():
                return direct, index
        for name, index in _CANDIDATES:
            for found in folder.rglob(name):
                return found, index
    return None
