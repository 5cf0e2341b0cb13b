"""A dialog's form built a row at a time: each field is made, set up and labelled in one step, so the label stands
beside the field it names and the fields and the form's rows are one list, not two to keep in step.

    rows = FormRows()
    self.title = rows.line_edit(self.tr("活动名称："), placeholder=self.tr("如：11月环境整治日"))
    self.cap = rows.spin_box(self.tr("名额（户）："), 0, 100_000, special=self.tr("不限"))
    vbox(self, rows.layout, buttons)
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, TypeVar

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QFormLayout, QLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget,
)

from pointsapp.ui import fields

Field = TypeVar("Field", QWidget, QLayout)


class FormRows:
    """The rows of a ``QFormLayout`` (``layout``), top to bottom in the order they are asked for (the tab order)."""

    def __init__(self):
        self.layout = QFormLayout()

    def add(self, label: str, field: Field) -> Field:
        """``field`` (a widget, or a layout of several) in a row labelled ``label``; a ``&`` in the label makes
        Alt+key jump to the field. The field is returned, to keep."""
        self.layout.addRow(label, field)
        return field

    def line_edit(self, label: str, text: str = "", *, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        return self.add(label, edit)

    def plain_text(self, label: str, *, placeholder: str = "", max_height: int | None = None) -> QPlainTextEdit:
        """A field of several lines."""
        edit = QPlainTextEdit()
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if max_height is not None:
            edit.setMaximumHeight(max_height)
        return self.add(label, edit)

    def spin_box(self, label: str, least: int, most: int, *, value: int | None = None, special: str = "",
                 suffix: str = "") -> QSpinBox:
        """A whole number from ``least`` to ``most``; ``special`` is shown instead of the least (不限, 不设上限)."""
        spin = QSpinBox()
        spin.setRange(least, most)
        if special:
            spin.setSpecialValueText(special)
        if suffix:
            spin.setSuffix(suffix)
        if value is not None:
            spin.setValue(value)
        return self.add(label, spin)

    def combo_box(self, label: str, items: Iterable[tuple[str, Any]] = (), *, current: Any = None,
                  editable: bool = False) -> QComboBox:
        """A choice among ``items`` (text, data), ``current`` chosen where one has that data; ``editable``: a
        value may be typed in as well."""
        box = QComboBox()
        box.setEditable(editable)
        for text, data in items:
            box.addItem(text, data)
        if current is not None:
            box.setCurrentIndex(box.findData(current))
        return self.add(label, box)

    def date_edit(self, label: str, day: dt.date | None = None) -> QDateEdit:
        """A date with a calendar to pick it from; today unless ``day`` is given."""
        return self.add(label, fields.date_edit(day))

    def check_box(self, text: str) -> QCheckBox:
        """A box to tick, its text beside it, under the fields (no label of its own)."""
        return self.add("", QCheckBox(text))
