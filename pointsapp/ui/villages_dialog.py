"""村、组、网格: naming villages and keeping their groups (村民小组) and grids (网格) with their grid workers."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QInputDialog, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
)

from pointsapp.services.register import villages
from pointsapp.services.auth import Permission
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm
from pointsapp.ui.buttons import ok_cancel
from pointsapp.services.register import choices
from pointsapp.ui.operations import run_op


class VillagesDialog(QDialog):
    """Groups and grids are few per village (a dozen or two), so plain list widgets serve."""

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.setWindowTitle(self.tr("村、组和网格"))
        self.resize(640, 480)

        self.village = QComboBox()
        self.village.currentIndexChanged.connect(lambda _i: self._fill())
        self.new_village_button = QPushButton(self.tr("新建村…"))
        self.new_village_button.clicked.connect(self.new_village)
        self.rename_village_button = QPushButton(self.tr("改村名…"))
        self.rename_village_button.clicked.connect(self.rename_village)
        for b in (self.new_village_button, self.rename_village_button):
            b.setVisible(ctx.can(Permission.SETTINGS_EDIT))
        top = QHBoxLayout()
        top.addWidget(self.village, 1)
        top.addWidget(self.new_village_button)
        top.addWidget(self.rename_village_button)

        self.groups = QListWidget()
        self.groups.setObjectName("groupList")
        self.grids = QListWidget()
        self.grids.setObjectName("gridList")
        group_box = self._box(self.tr("村民小组"), self.groups, (
            (self.tr("新增(&A)"), self.add_group), (self.tr("改名(&R)"), self.rename_group),
            (self.tr("删除"), self.delete_group)))
        grid_box = self._box(self.tr("网格"), self.grids, (
            (self.tr("新增网格"), self.add_grid), (self.tr("修改"), self.edit_grid), (self.tr("删除网格"), self.delete_grid)))
        self.groups.itemActivated.connect(lambda _i: self.rename_group())
        self.grids.itemActivated.connect(lambda _i: self.edit_grid())
        lists = QHBoxLayout()
        lists.addWidget(group_box)
        lists.addWidget(grid_box)

        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(lists, 1)
        layout.addWidget(buttons)
        self._fill_villages()

    def _box(self, title: str, widget: QListWidget, actions) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(widget, 1)
        row = QHBoxLayout()
        for text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        return box

    def _fill_villages(self, select: int | None = None) -> None:
        current = select or self.village.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        for v in choices.villages(actor=self.ctx.actor):
            self.village.addItem(f"{v.name}（{v.code}）", v.id)
        self.village.setCurrentIndex(max(0, self.village.findData(current)))
        self.village.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        self.groups.clear()
        self.grids.clear()
        village_id = self.village.currentData()
        if village_id is None:
            return
        found = villages.places(actor=self.ctx.actor, village_id=village_id)
        for g in found.groups:
            item = QListWidgetItem(self.tr("{0}（{1} 户）").format(g.name, g.households))
            item.setData(Qt.UserRole, (g.id, g.name))
            self.groups.addItem(item)
        for g in found.grids:
            keeper = self.tr("，网格员 {0}").format(g.keeper) if g.keeper else ""
            item = QListWidgetItem(self.tr("{0}（{1} 户{2}）").format(g.name, g.households, keeper))
            item.setData(Qt.UserRole, (g.id, g.name, g.keeper))
            self.grids.addItem(item)

    def _run(self, op, then=None, **arguments) -> None:
        """Run the write; once it is saved, refill the lists (``then(result)`` first, e.g. to choose a village)."""
        def saved(result) -> None:
            self.changed = True
            if then is not None:
                then(result)
            self._fill()

        run_op(self, self.ctx, op, success=saved, **arguments)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.Normal, text)
        return value.strip() if ok and value.strip() else None

    # -- villages ---------------------------------------------------------------------------------------------
    def new_village(self) -> None:
        name = self._ask(self.tr("新建村"), self.tr("村名："))
        if not name:
            return
        code = self._ask(self.tr("新建村"), self.tr("村代码（字母或数字，不能重复）："))
        if not code:
            return
        self._run(villages.create_village, lambda village: self._fill_villages(village.id), name=name, code=code)

    def rename_village(self) -> None:
        village_id = self.village.currentData()
        if village_id is None:
            return
        name = self._ask(self.tr("改村名"), self.tr("新村名："), self.village.currentText().split("（")[0])
        if name:
            self._run(villages.rename_village, lambda _v: self._fill_villages(village_id), village_id=village_id,
                      name=name)

    # -- groups -----------------------------------------------------------------------------------------------
    def add_group(self) -> None:
        village_id = self.village.currentData()
        name = self._ask(self.tr("新增村民小组"), self.tr("小组名称（如“7组”）：")) if village_id else None
        if name:
            self._run(villages.create_group, village_id=village_id, name=name)

    def rename_group(self) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        group_id, old = item.data(Qt.UserRole)
        name = self._ask(self.tr("小组改名"), self.tr("新名称："), old)
        if name and name != old:
            self._run(villages.rename_group, group_id=group_id, name=name)

    def delete_group(self) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        group_id, name = item.data(Qt.UserRole)
        if confirm(self, self.tr("删除村民小组“{0}”？").format(name), yes=self.tr("删除")):
            self._run(villages.delete_group, group_id=group_id)

    # -- grids ------------------------------------------------------------------------------------------------
    def add_grid(self) -> None:
        self._grid_form(None, "", "")

    def edit_grid(self) -> None:
        item = self.grids.currentItem()
        if item is not None:
            self._grid_form(*item.data(Qt.UserRole))

    def _grid_form(self, grid_id: int | None, name: str, keeper: str) -> None:
        village_id = self.village.currentData()
        if village_id is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("网格"))
        name_edit, keeper_edit = QLineEdit(name), QLineEdit(keeper)
        form = QFormLayout(dialog)
        form.addRow(self.tr("网格名称："), name_edit)
        form.addRow(self.tr("网格员："), keeper_edit)
        buttons = ok_cancel(dialog, self.tr("确定"))
        form.addRow(buttons)
        if dialog.exec():
            self._run(villages.save_grid, village_id=village_id, name=name_edit.text(), keeper=keeper_edit.text(),
                      grid_id=grid_id)

    def delete_grid(self) -> None:
        item = self.grids.currentItem()
        if item is None:
            return
        grid_id, name, _keeper = item.data(Qt.UserRole)
        if confirm(self, self.tr("删除网格“{0}”？其中的户不受影响，只是不再属于任何网格。").format(name),
                   yes=self.tr("删除")):
            self._run(villages.delete_grid, grid_id=grid_id)
