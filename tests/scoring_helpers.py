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


def kept_in_a_copy_equals_the_source(tmp_path, kept, truth, *, today) -> None:
    """A small demo copied by ``transfer`` into a new database: there, ``kept()`` (a table the database keeps beside
    the ledger, which the copy does not carry but the target's triggers make again) holds what it held in the
    source, and what ``truth()`` counts from the target's own rows; and it is not empty."""
    from pointsapp import demo
    from pointsapp.db import close_database, open_database
    from pointsapp.services.ops import transfer, users

    source, target = tmp_path / "a.db", tmp_path / "b.db"
    open_database(source)
    try:
        demo.generate(households=20, villages=1, years=1, seed=2, today=today)
        expected = kept()
        assert expected
        result = transfer.transfer(actor=users.ensure_admin(), target_url=str(target))
        assert result.problems == []
    finally:
        close_database()
    open_database(target)
    try:
        assert kept() == expected == truth()
    finally:
        close_database()
