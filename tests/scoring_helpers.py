"""A small village for the scoring tests: one or two groups of households, default rules."""
from __future__ import annotations

from pointsapp.models import Household, Rule, Village
from pointsapp.services.register.villages import create_village


def make_village(admin, *, workflow: str = Village.WORKFLOW_SIMPLE, households: int = 4, groups: int = 1,
                 code: str = "T1", name: str = "测试村") -> Village:
    village = create_village(actor=admin, name=name, code=code, workflow=workflow,
                             groups=[f"{i}组" for i in range(1, groups + 1)])
    group_list = list(village.groups.order_by(village.groups.model.sort_order))
    for n in range(households):
        group = group_list[n % groups]
        Household.create(village=village, group=group, household_no=f"{code}{n + 1:03d}", head_name=f"户主{n + 1}")
    return village


def household(village: Village, n: int) -> Household:
    return Household.get(Household.village == village, Household.household_no == f"{village.code}{n:03d}")


def rule(village: Village, code: str) -> Rule:
    return Rule.get(Rule.village == village, Rule.code == code)


def accept_next_message_box(button_text) -> list[str]:
    """Click ``button_text`` (a label, or a ``QMessageBox.StandardButton``) on the next modal message box, as the
    user would.

    Returns a list that receives the box's text when it is clicked."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []

    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if not isinstance(button_text, str):  # a standard button, whatever language Qt speaks
                buttons = [box.button(button_text)] if box.button(button_text) else []
            else:
                buttons = [b for b in box.buttons() if b.text() == button_text]
            if buttons:
                seen.append(box.text())
                buttons[0].click()
                return
        QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)
    return seen
