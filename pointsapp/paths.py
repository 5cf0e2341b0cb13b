"""Where the app finds its bundled files (resources, migrations) and keeps its data.

One place decides, so that a source checkout, an installed wheel and a PyInstaller
bundle all behave the same.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from pointsapp import APP_NAME

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _bundled_dir(name: str, package: str) -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / name
    source = _SOURCE_ROOT / name
    if source.is_dir():
        return source
    from importlib import resources as importlib_resources  # only an installed wheel needs it; slow to import

    return Path(str(importlib_resources.files(package)))


def resources_dir() -> Path:
    """The folder of icons, translations, fonts and default rule sets."""
    return _bundled_dir("resources", "pointsapp._resources")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    """The folder of numbered schema steps (``0001_initial.py`` …)."""
    return _bundled_dir("migrations", "pointsapp._migrations")


def manual_dir() -> Path:
    """The user manual (docs/manual: one Markdown file per chapter, images/ beside them).

    A source checkout and a PyInstaller bundle (docs/manual under sys._MEIPASS) hold it as a folder; a wheel
    ships it as the package ``pointsapp._manual``."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "docs" / "manual"
    source = _SOURCE_ROOT / "docs" / "manual"
    if source.is_dir():
        return source
    from importlib import resources as importlib_resources

    return Path(str(importlib_resources.files("pointsapp._manual")))


def data_dir() -> Path:
    """Per-user data folder: database, backups and logs live here unless settings say otherwise."""
    override = os.environ.get("POINTSAPP_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "pointsapp.db"
