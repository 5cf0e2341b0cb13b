"""Box layouts built from the list of what they hold: a column on a window (``vbox``) or a row (``hbox``), each
part a widget or a layout, alone or as ``(part, stretch)``, or a number: a gap of that many pixels."""
from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

Part = QWidget | QLayout | int | tuple[QWidget | QLayout, int]


def _fill(layout: QBoxLayout, parts: tuple[Part, ...]) -> QBoxLayout:
    for part in parts:
        if isinstance(part, int):
            layout.addSpacing(part)
            continue
        item, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def vbox(owner: QWidget | None, *parts: Part) -> QVBoxLayout:
    """The parts top to bottom, as ``owner``'s layout (None: a layout to nest in another)."""
    return _fill(QVBoxLayout(owner) if owner is not None else QVBoxLayout(), parts)


def hbox(*parts: Part) -> QHBoxLayout:
    """The parts left to right."""
    return _fill(QHBoxLayout(), parts)
