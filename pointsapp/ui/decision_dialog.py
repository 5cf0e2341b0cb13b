"""The review meeting's decision on one thing (a villager's claim, a batch of entries): passed or not, and why."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.context import UiContext
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op


def _tr(text: str) -> str:
    # one context for the words of every decision (self.tr would take the subclass's name at run time)
    return QCoreApplication.translate("DecisionDialog", text)


class DecisionDialog(QDialog):
    """``rows`` (label, widget; a label of None spans the row) say what is decided; below them 通过 / ``refuse``
    and the reason. ``save`` checks what is decided and runs the decision through ``decide``."""

    def __init__(self, ctx: UiContext, title: str, refuse: str, rows: list[tuple[str | None, QWidget]],
                 parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.approve = QRadioButton(_tr("通过"))
        self.refuse_choice = QRadioButton(refuse)
        self.approve.setChecked(True)
        self.reason = QLineEdit()
        form = QFormLayout()
        for text, widget in rows:
            if text is None:
                form.addRow(widget)
            else:
                form.addRow(text, widget)
        choice = QHBoxLayout()
        choice.addWidget(self.approve)
        choice.addWidget(self.refuse_choice)
        form.addRow(_tr("结果："), choice)
        form.addRow(_tr("理由："), self.reason)
        self.buttons = ok_cancel(self, _tr("保存"), self.save)
        vbox(self, form, self.buttons)

    def save(self) -> None:
        raise NotImplementedError

    def decide(self, decision: Callable, **subject) -> None:
        """Run ``decision`` on ``subject`` (the ids it takes) with the choice and the reason, through ``run_op``;
        the dialog closes when it is done."""
        run_op(self, self.ctx, decision, **subject, approve=self.approve.isChecked(), reason=self.reason.text(),
               success=lambda _done: self.accept(), busy=self.buttons)
