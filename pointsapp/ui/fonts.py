"""Registers the CJK font with Qt so Chinese shows on machines without a CJK system font."""
from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pointsapp.fonts import find_cjk_font

log = logging.getLogger(__name__)


def install_cjk_font(app: QApplication, point_size: int = 11) -> str | None:
    """Load the CJK font file into Qt (once per application) and make it the application font. Returns its
    family."""
    loaded = getattr(app, "_pointsapp_cjk_family", None)
    if loaded is not None:
        app.setFont(QFont(loaded, point_size))
        return loaded
    found = find_cjk_font()
    if found is None:
        log.warning("no CJK TrueType font found; Chinese text may show as boxes")
        return None
    font_id = QFontDatabase.addApplicationFont(str(found[0]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("Qt could not load the font %s", found[0])
        return None
    font = QFont(families[0], point_size)
    app.setFont(font)
    app._pointsapp_cjk_family = families[0]
    return families[0]
