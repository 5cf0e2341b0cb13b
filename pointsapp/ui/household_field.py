"""A household typed in by its number (户号) in the village a form has chosen, who it is shown beside it —
户主（小组）— as soon as the number is found; the entry form and the claims form take their household this way."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from pointsapp.errors import UserError
from pointsapp.services.register import choices
from pointsapp.services.register.choices import HouseholdRef
from pointsapp.ui.context import UiContext


class HouseholdField(QWidget):
    found = Signal(object)  # the household the number names now (a HouseholdRef), or None

    def __init__(self, ctx: UiContext, village_id: Callable[[], int | None], placeholder: str, parent=None):
        super().__init__(parent)
        self.ctx, self.village_id = ctx, village_id
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.label, 1)
        self.edit.textChanged.connect(self.look_up)

    def household(self) -> HouseholdRef | None:
        return choices.find_household(actor=self.ctx.actor, village_id=self.village_id(),
                                      household_no=self.edit.text())

    def chosen(self) -> HouseholdRef:
        """The household typed in, or the UserError that says no household has that number."""
        household = self.household()
        if household is None:
            raise UserError(self.tr("找不到户号“{0}”。").format(self.edit.text().strip()))
        return household

    def look_up(self) -> None:
        """Find the number again (typed, or the village changed) and say whose it is."""
        h = self.household()
        self.label.setText(self.tr("{0}（{1}）").format(h.head_name, h.group_name) if h else "")
        self.found.emit(h)
