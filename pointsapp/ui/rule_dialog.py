"""新增/修改细则 dialog: category, code, title, signed points, frequency, yearly cap, flags."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from pointsapp.services.scoring import rules
from pointsapp.ui import domain_labels
from pointsapp.ui.context import UiContext
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op


class RuleDialog(QDialog):
    """Edits ``rule`` or, with ``rule=None``, creates one in ``village_id``. Past entries never change."""

    def __init__(self, ctx: UiContext, village_id: int, rule=None, parent=None):
        super().__init__(parent)
        self.ctx, self.village_id, self.rule = ctx, village_id, rule
        self.setWindowTitle(self.tr("修改细则") if rule else self.tr("新增细则"))
        rows = FormRows()
        self.category_box = rows.combo_box(
            self.tr("类别："), [(c.name, c.id) for c in rules.list_categories(actor=ctx.actor, village_id=village_id)],
            current=rule.category_id if rule else None)
        self.code_edit = rows.line_edit(self.tr("代码："), rule.code if rule else "")
        self.code_edit.setEnabled(rule is None)  # codes never change: prints and imports refer to them
        self.title_edit = rows.line_edit(self.tr("细则："), rule.title if rule else "")
        self.points_spin = rows.spin_box(self.tr("分值（扣分为负）："), -1000, 1000, value=rule.points if rule else 5)
        self.frequency_box = rows.combo_box(
            self.tr("频次："), [(domain_labels.label(label), key) for key, label in rules.FREQUENCY_LABELS.items()],
            current=rule.frequency if rule else None)
        self.cap_spin = rows.spin_box(self.tr("每户年度上限（分）："), 0, 10000, special=self.tr("不设上限"),
                                      value=abs(rule.cap) if rule and rule.cap else 0)
        self.veto_check = rows.check_box(self.tr("一票否决（当年不能评星）"))
        self.inspection_check = rows.check_box(self.tr("月度检查项目（出现在检查表中）"))
        if rule:
            self.veto_check.setChecked(rule.is_veto)
            self.inspection_check.setChecked(rule.inspection_item)
        buttons = ok_cancel(self, self.tr("保存"), self.save)
        vbox(self, rows.layout, buttons)

    def values(self) -> dict:
        points = self.points_spin.value()
        cap = self.cap_spin.value() or None
        return {"category_id": self.category_box.currentData(), "title": self.title_edit.text(), "points": points,
                "frequency": self.frequency_box.currentData(),
                "cap": (-cap if points < 0 else cap) if cap else None,
                "is_veto": self.veto_check.isChecked(), "inspection_item": self.inspection_check.isChecked()}

    def save(self) -> None:
        if self.rule:
            run_op(self, self.ctx, rules.update_rule, rule_id=self.rule.id, success=lambda _r: self.accept(), busy=self,
                   **self.values())
        else:
            run_op(self, self.ctx, rules.create_rule, village_id=self.village_id, code=self.code_edit.text(),
                   success=lambda _r: self.accept(), busy=self, **self.values())
