"""新增/修改细则 dialog: category, code, title, signed points, frequency, yearly cap, flags."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox

from pointsapp.services.scoring import rules
from pointsapp.ui import domain_labels
from pointsapp.ui.context import UiContext
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op


class RuleDialog(QDialog):
    """Edits ``rule`` or, with ``rule=None``, creates one in ``village_id``. Past entries never change."""

    def __init__(self, ctx: UiContext, village_id: int, rule=None, parent=None):
        super().__init__(parent)
        self.ctx, self.village_id, self.rule = ctx, village_id, rule
        self.setWindowTitle(self.tr("修改细则") if rule else self.tr("新增细则"))
        self.category_box = QComboBox()
        for c in rules.list_categories(actor=ctx.actor, village_id=village_id):
            self.category_box.addItem(c.name, c.id)
        self.code_edit = QLineEdit(rule.code if rule else "")
        self.code_edit.setEnabled(rule is None)  # codes never change: prints and imports refer to them
        self.title_edit = QLineEdit(rule.title if rule else "")
        self.points_spin = QSpinBox()
        self.points_spin.setRange(-1000, 1000)
        self.points_spin.setValue(rule.points if rule else 5)
        self.frequency_box = QComboBox()
        for key, label in rules.FREQUENCY_LABELS.items():
            self.frequency_box.addItem(domain_labels.label(label), key)
        self.cap_spin = QSpinBox()
        self.cap_spin.setRange(0, 10000)
        self.cap_spin.setSpecialValueText(self.tr("不设上限"))
        self.veto_check = QCheckBox(self.tr("一票否决（当年不能评星）"))
        self.inspection_check = QCheckBox(self.tr("月度检查项目（出现在检查表中）"))
        if rule:
            self.category_box.setCurrentIndex(self.category_box.findData(rule.category_id))
            self.frequency_box.setCurrentIndex(self.frequency_box.findData(rule.frequency))
            self.cap_spin.setValue(abs(rule.cap) if rule.cap else 0)
            self.veto_check.setChecked(rule.is_veto)
            self.inspection_check.setChecked(rule.inspection_item)
        form = QFormLayout()
        form.addRow(self.tr("类别："), self.category_box)
        form.addRow(self.tr("代码："), self.code_edit)
        form.addRow(self.tr("细则："), self.title_edit)
        form.addRow(self.tr("分值（扣分为负）："), self.points_spin)
        form.addRow(self.tr("频次："), self.frequency_box)
        form.addRow(self.tr("每户年度上限（分）："), self.cap_spin)
        form.addRow("", self.veto_check)
        form.addRow("", self.inspection_check)
        buttons = ok_cancel(self, self.tr("保存"), self.save)
        vbox(self, form, buttons)

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
