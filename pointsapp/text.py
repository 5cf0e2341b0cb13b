"""Translatable fixed text outside the widgets: PDFs, service messages, export headers (no Qt import here).

Chinese is the source language. ``translate(context, text)`` returns ``text`` unchanged until a translator is
installed with :func:`set_translator`; the GUI installs ``QCoreApplication.translate`` when the user picks
English (``pointsapp.ui.i18n.install_language``), so services and printing stay free of Qt. pyside6-lupdate
extracts every ``translate("context", "literal")`` call, so the strings land in the same .ts as the UI's.

Only literal strings go inside ``translate()``: values are put in afterwards with ``.format()``. Data typed by
the village (names, rules, categories) is never translated.
"""
from __future__ import annotations

import datetime as dt
from typing import Callable

Translator = Callable[[str, str], str]


def _source(_context: str, text: str) -> str:
    return text


_translator: Translator = _source

# English month abbreviations, passed along with month numbers so a translation can use them ("{day} {mon} {year}")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def translate(context: str, text: str) -> str:
    """``text`` in the chosen language (the Chinese source when no translation is installed or known)."""
    return _translator(context, text)


def set_translator(fn: Translator | None) -> None:
    """Use ``fn(context, text)`` for every later :func:`translate`; ``None`` goes back to the Chinese source."""
    global _translator
    _translator = fn or _source


def long_date(day: dt.date) -> str:
    """"2026年11月23日", or in English "23 Nov 2026"."""
    return translate("text", "{year}年{month}月{day}日").format(
        year=day.year, month=day.month, day=day.day, mon=MONTHS[day.month - 1])


def list_sep() -> str:
    """The separator between items of a list in a sentence: "、" in Chinese, ", " in English."""
    return translate("text", "、")


def domain_label(label: str) -> str:
    """A fixed label from a service table (entry kinds and statuses, roles, column headers …) in the chosen
    language. Such labels are listed once for translation in ``pointsapp/ui/domain_labels.py`` (context
    "domain"), which the screens use too."""
    return translate("domain", label)
