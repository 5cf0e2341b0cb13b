"""Interface language: Chinese is the source language; other languages load a Qt translation (.qm).

``make translations`` extracts every ``tr()`` string into ``resources/translations/pointsapp_<lang>.ts``
(pyside6-lupdate) and compiles them to ``.qm`` (pyside6-lrelease), which this module loads.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from pointsapp import text
from pointsapp.paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES = {"zh_CN": "中文", "en": "English"}
_installed: list[QTranslator] = []


def qm_path(language: str):
    return resource_path("translations", f"pointsapp_{language}.qm")


def install_language(app: QApplication, language: str) -> bool:
    """Load ``language`` for the whole UI, PDFs and service messages (Chinese needs no file).
    Returns False if it could not be loaded."""
    text.set_translator(None)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    qt = QTranslator(app)
    qt_file = "qtbase_zh_CN" if language == "zh_CN" else f"qtbase_{language}"
    if qt.load(qt_file, QLibraryInfo.path(QLibraryInfo.TranslationsPath)):  # Qt's own buttons (OK, Cancel …)
        app.installTranslator(qt)
        _installed.append(qt)
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
        return True
    ours = QTranslator(app)
    path = qm_path(language)
    if not ours.load(str(path)):
        log.warning("translation %s not found at %s", language, path)
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    text.set_translator(QCoreApplication.translate)  # pointsapp.text.translate: printing and services
    QLocale.setDefault(QLocale(language))
    return True
