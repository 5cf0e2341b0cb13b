"""Small widgets every form makes the same way: a date field (a calendar pops up, the date reads 2026-10-25) and
a grey note under a form that wraps instead of widening the window (English is longer)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel

from pointsapp import clock


def date_edit(day: dt.date | None = None) -> QDateEdit:
    """Today unless ``day`` is given."""
    edit = QDateEdit(QDate(day or clock.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def note_label(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    note.setStyleSheet("color: #666;")
    return note
