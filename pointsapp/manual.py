"""The user manual's chapters: one Markdown file each under docs/manual (paths.manual_dir()).

English chapters of the same names live in docs/manual/en and are chosen when the interface is English.
The order here is the order of the printed manual (printing/manual.py); ``PAGE_CHAPTERS`` maps each page of
the main window (ui/pages.py keys) to the chapter F1 opens there. Qt-free: the printing layer reads it too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pointsapp.paths import manual_dir
from pointsapp.text import translate


@dataclass(frozen=True)
class Chapter:
    file: str  # the Markdown file in docs/manual
    page: str | None = None  # the main window's page key it explains (None: a yearly task or the introduction)


CHAPTERS: list[Chapter] = [
    Chapter("00-intro.md"),
    Chapter("01-dashboard.md", "dashboard"),
    Chapter("02-households.md", "households"),
    Chapter("03-entry.md", "entry"),
    Chapter("04-events.md", "events"),
    Chapter("05-review.md", "review"),
    Chapter("06-shop.md", "shop"),
    Chapter("07-ranking.md", "ranking"),
    Chapter("08-stars.md", "stars"),
    Chapter("09-printing.md", "printing"),
    Chapter("10-settings.md", "settings"),
    Chapter("11-task-roster.md"),
    Chapter("12-task-month.md"),
    Chapter("13-task-notice.md"),
    Chapter("14-task-stars.md"),
    Chapter("15-task-close-day.md"),
    Chapter("16-task-restore.md"),
    Chapter("17-task-certificate.md"),
]

PAGE_CHAPTERS: dict[str, str] = {c.page: c.file for c in CHAPTERS if c.page}
INTRO = CHAPTERS[0].file


LANGUAGES = ("zh", "en")  # Chinese in docs/manual, English in docs/manual/en (same file names)


def current_language() -> str:
    """"en" when the English interface is installed, else "zh" (the manual follows the screens' language)."""
    return "en" if translate("printing.manual", "目录") != "目录" else "zh"


def chapter_path(file: str, language: str | None = None) -> Path:
    """A chapter in ``language`` (default: the interface's); the Chinese one when it has no translation."""
    if (language or current_language()) == "en" and (manual_dir() / "en" / file).is_file():
        return manual_dir() / "en" / file
    return manual_dir() / file


def chapter_for_page(key: str | None, language: str | None = None) -> Path:
    """The chapter F1 opens on page ``key`` (the introduction for a page without one)."""
    return chapter_path(PAGE_CHAPTERS.get(key or "", INTRO), language)


def title(path: Path) -> str:
    """The chapter's title: its first ``# `` heading."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem
