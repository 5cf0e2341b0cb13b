"""Finding a CJK TrueType font, shared by the Qt UI and reportlab PDFs.

reportlab embeds TrueType outlines only (Noto CJK is CFF and refused), so we look
for fonts such as Microsoft YaHei, SimSun or WenQuanYi Micro Hei.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
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


# Fallback fonts for the characters the main font lacks: HanaMin (Debian fonts-hanazono, free licence)
# covers CJK Extension A (HanaMinA) and B (HanaMinB, outside the Basic Multilingual Plane).
FALLBACK_FONTS = ("HanaMinA.ttf", "HanaMinB.ttf")


def find_fallback_fonts() -> list[Path]:
    """The fallback fonts found, in the order they are tried."""
    found: list[Path] = []
    folders = _search_dirs()
    for name in FALLBACK_FONTS:
        for folder in folders:
            hit = folder / name if (folder / name).is_file() else next(folder.rglob(name), None)
            if hit is not None:
                found.append(hit)
                break
    return found


@lru_cache(maxsize=None)
def _coverage(path: str, index: int) -> frozenset[int]:
    """The code points a TrueType font has a glyph for (read from its cmap by reportlab's parser)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(path, subfontIndex=index, validate=0)
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


@lru_cache(maxsize=1)
def font_chain() -> tuple[tuple[Path, int], ...]:
    """The main CJK font, then the fallbacks: what prints try, character by character (found once per process:
    a roster asks for every name)."""
    main = find_cjk_font()
    return tuple(([main] if main else []) + [(p, 0) for p in find_fallback_fonts()])


def coverage(path: Path, index: int = 0) -> frozenset[int]:
    return _coverage(str(path), index)


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` no font of the chain can draw (each once, in order; spaces never). The
    fallback fonts' tables are read only when the main font lacks a character."""
    chain = font_chain()
    if not chain:  # no CJK font at all: prints refuse to start and say so; naming every character helps nobody
        return []
    main = coverage(*chain[0])
    missing: list[str] = []
    for ch in dict.fromkeys(text or ""):
        if ch.isspace() or ord(ch) < 0x20 or ord(ch) in main:
            continue
        if not any(ord(ch) in coverage(path, index) for path, index in chain[1:]):
            missing.append(ch)
    return missing
