"""``pointsapp --lang en …``: PDFs, exported files and service messages in English on the command line.

The command line has no QApplication: a bare QTranslator (QtCore only) reads the same compiled translation
as the GUI and is handed to ``pointsapp.text``. The command line's own help and tables stay Chinese.
"""
from __future__ import annotations

from pointsapp.paths import resource_path
from pointsapp.errors import UserError

_kept: list = []  # the translator must outlive every translate() call


def use_language(language: str) -> None:
    """Translate with ``language`` from now on (Chinese, the source language, needs nothing)."""
    from pointsapp import text

    if language == "zh_CN":
        text.set_translator(None)
        return
    from PySide6.QtCore import QTranslator

    path = resource_path("translations", f"pointsapp_{language}.qm")
    translator = QTranslator()
    if not translator.load(str(path)):
        raise UserError(f"找不到语言“{language}”的翻译文件 {path}（请先运行 make translations）。")
    _kept[:] = [translator]
    text.set_translator(lambda context, source: translator.translate(context, source) or source)
