"""新增类别 dialog: a heading of the village's rules (类别), e.g. 平安建设; its code is suggested from the name.

Categories are columns of the ranking, so once created they stay; rules under them can be retired.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from pointsapp.services.register import pinyin
from pointsapp.services.scoring import rules
from pointsapp.ui.context import UiContext
from pointsapp.ui.buttons import ok_cancel
from pointsapp.ui.fields import note_label
from pointsapp.ui.layouts import vbox
from pointsapp.ui.operations import run_op

CODE_LENGTH = 20  # the width of a category code's column


def suggested_code(name: str) -> str:
    """平安建设 → ``pinganjianshe``: readable in exports and the CLI, unique enough to start from."""
    return pinyin.full(name.strip())[:CODE_LENGTH]


class CategoryDialog(QDialog):
    def __init__(self, ctx: UiContext, village_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.village_id = ctx, village_id
        self.category = None  # the category created
        self.setWindowTitle(self.tr("新增类别"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("如：平安建设"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(CODE_LENGTH)
        self._code_typed = False  # once the operator types a code, the name stops suggesting one
        self.name_edit.textEdited.connect(self._suggest)
        self.code_edit.textEdited.connect(lambda _text: setattr(self, "_code_typed", True))
        form = QFormLayout()
        form.addRow(self.tr("名称："), self.name_edit)
        form.addRow(self.tr("代码："), self.code_edit)
        note = note_label(self.tr(
            "类别是排行榜上的一列，新增后不能删除。代码用于导出和命令行，只能用字母、数字和下划线。"))
        buttons = ok_cancel(self, self.tr("保存"), self.save)
        vbox(self, form, note, buttons)

    def _suggest(self, name: str) -> None:
        if not self._code_typed:
            self.code_edit.setText(suggested_code(name))

    def save(self) -> None:
        run_op(self, self.ctx, rules.create_category, village_id=self.village_id, code=self.code_edit.text(),
               name=self.name_edit.text(), success=self._created, busy=self)

    def _created(self, category) -> None:
        self.category = category
        self.accept()
