"""The form that records a gathering in a village — a new event (活动) or a review meeting (评议会): its title,
date and place first, then the rows of its kind; saving creates it through its service and keeps what was made."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from pointsapp.services.scoring.gatherings import Gathering
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.context import UiContext
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op


class GatheringDialog(QDialog):
    """A kind of gathering adds its own rows to ``rows`` after the title, date and place, then ``add_buttons``;
    its ``save`` calls ``create`` with its service and its own fields."""

    def __init__(self, ctx: UiContext, village_id: int, window_title: str, title_label: str, title_placeholder: str,
                 parent=None):
        super().__init__(parent)
        self.ctx, self.village_id = ctx, village_id
        self.created: Gathering | None = None  # what the service made, once saved
        self.setWindowTitle(window_title)
        self.rows = FormRows()
        self.title = self.rows.line_edit(title_label, placeholder=title_placeholder)
        self.date = self.rows.date_edit(QCoreApplication.translate("GatheringDialog", "日期："))
        self.place = self.rows.line_edit(QCoreApplication.translate("GatheringDialog", "地点："))

    def add_buttons(self, ok_text: str) -> None:
        self.buttons = ok_cancel(self, ok_text, self.save)
        vbox(self, self.rows.layout, self.buttons)

    def save(self) -> None:
        raise NotImplementedError

    def create(self, op: Callable[..., Gathering], **fields) -> None:
        """Run ``op`` (``events.create_event``, ``meetings.create_meeting``) with the village, title, date and place
        and ``fields``; once it is saved, keep its answer as ``created`` and close."""
        def done(info: Gathering) -> None:
            self.created = info
            self.accept()

        run_op(self, self.ctx, op, village_id=self.village_id, title=self.title.text(),
               held_on=self.date.date().toPython(), place=self.place.text(), success=done, busy=self.buttons, **fields)
