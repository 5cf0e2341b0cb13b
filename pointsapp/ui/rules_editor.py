"""积分细则维护: the village's rules in a table; add, edit, retire or bring back a rule."""
from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton

from pointsapp.ui.buttons import push_button
from pointsapp.ui.fields import note_label
from pointsapp.ui.layouts import vbox
from pointsapp.ui.village_picker import VillageTab
from pointsapp.services.scoring import rules
from pointsapp.services.auth import Permission
from pointsapp.ui.table_model import FOREGROUND, RIGHT, ListTableModel, TableColumns, selected_row
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.review_page import _table
from pointsapp.ui.category_dialog import CategoryDialog
from pointsapp.ui.rule_dialog import RuleDialog
from pointsapp.ui.operations import run_op


def _yes(flag: bool) -> str:
    return QCoreApplication.translate("RulesModel", "是") if flag else ""


def _in_use(r: rules.RuleView) -> str:
    return QCoreApplication.translate("RulesModel", "使用中") if r.active else QCoreApplication.translate(
        "RulesModel", "已停用")


class Columns(TableColumns):
    """A row is a ``rules.RuleView``."""

    CODE = QT_TRANSLATE_NOOP("columns", "代码"), lambda r: r.code
    CATEGORY = QT_TRANSLATE_NOOP("columns", "类别"), lambda r: r.category_name
    TITLE = QT_TRANSLATE_NOOP("columns", "细则"), lambda r: r.title
    POINTS = QT_TRANSLATE_NOOP("columns", "分值"), lambda r: f"{r.points:+d}", RIGHT
    FREQUENCY = QT_TRANSLATE_NOOP("columns", "频次"), lambda r: label(rules.FREQUENCY_LABELS[r.frequency])
    CAP = QT_TRANSLATE_NOOP("columns", "年度上限"), lambda r: str(abs(r.cap)) if r.cap else ""
    VETO = QT_TRANSLATE_NOOP("columns", "一票否决"), lambda r: _yes(r.is_veto)
    INSPECTION = QT_TRANSLATE_NOOP("columns", "检查项目"), lambda r: _yes(r.inspection_item)
    ACTIVE = QT_TRANSLATE_NOOP("columns", "状态"), _in_use


class RulesModel(ListTableModel):
    columns = Columns

    def cell(self, r: rules.RuleView, col: Columns, role: int):
        if role == FOREGROUND and not r.active:
            return QBrush(QColor("#999999"))
        return super().cell(r, col, role)


class RulesEditor(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        self.village_box = self.picker.village
        self.retired_check = QCheckBox(self.tr("显示已停用的细则"))
        self.model = RulesModel(self)
        self.table = _table(self.model)
        self.add_button = push_button(self.tr("新增细则…"), lambda: self._edit(None))
        self.category_button = push_button(self.tr("新增类别…"), self._add_category)
        self.edit_button = QPushButton(self.tr("修改…"))
        self.toggle_button = push_button(self.tr("停用 / 启用"), self._toggle)
        may_edit = ctx.can(Permission.RULE_EDIT)
        for button in (self.category_button, self.add_button, self.edit_button, self.toggle_button):
            button.setEnabled(may_edit)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("村：")))
        top.addWidget(self.village_box)
        top.addWidget(self.retired_check)
        top.addStretch(1)
        note = note_label(self.tr("修改细则只影响以后的录入，已录入的记录保留原来的分值。"))
        buttons = QHBoxLayout()
        buttons.addWidget(note, 1)
        for button in (self.category_button, self.add_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        vbox(self, top, (self.table, 1), buttons)
        self.village_box.currentIndexChanged.connect(self.refresh)
        self.retired_check.toggled.connect(self.refresh)
        self.edit_button.clicked.connect(lambda: self._edit(self._selected()))
        self.table.doubleClicked.connect(lambda _index: may_edit and self._edit(self._selected()))
        ctx.hub.rules_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        vid = self.village_box.currentData()
        self.model.set_rows([] if vid is None else rules.list_rules(
            actor=self.ctx.actor, village_id=vid, include_retired=self.retired_check.isChecked()))

    def _selected(self):
        return selected_row(self.table)

    def _edit(self, rule) -> None:
        if self.village_box.currentData() is None:
            return
        if rule is None and self.sender() is self.edit_button:
            show_error(self, self.tr("请先选择一条细则。"))
            return
        RuleDialog(self.ctx, self.village_box.currentData(), rule, self).exec()

    def _add_category(self) -> None:
        if self.village_box.currentData() is not None:
            CategoryDialog(self.ctx, self.village_box.currentData(), self).exec()

    def _toggle(self) -> None:
        rule = self._selected()
        if rule is None:
            show_error(self, self.tr("请先选择一条细则。"))
            return
        verb = self.tr("停用") if rule.active else self.tr("启用")
        if not confirm(self, self.tr("{0}细则“{1} {2}”？").format(verb, rule.code, rule.title), yes=verb):
            return
        run_op(self, self.ctx, rules.set_rule_active, rule_id=rule.id, active=not rule.active)
