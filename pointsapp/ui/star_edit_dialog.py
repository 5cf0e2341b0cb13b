"""Dialog: add or edit one star of the scheme (name, colour, criterion, active)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QColorDialog, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSpinBox, QWidget,
)

from pointsapp.services.stars.scheme import Criterion, StarSpec
from pointsapp.ui.buttons import ok_cancel


class StarEditDialog(QDialog):
    """``spec`` None: a new star (the code can be typed); otherwise the star's fields to edit."""

    def __init__(self, category_names: dict[str, str], spec: StarSpec | None = None, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.setWindowTitle(self.tr("新增星级") if spec is None else self.tr("修改星级"))
        crit = spec.criterion if spec else Criterion(min_points=10)
        form = QFormLayout(self)
        self.code = QLineEdit(spec.code if spec else "")
        self.code.setReadOnly(spec is not None)
        self.code.setPlaceholderText(self.tr("字母或数字，如 green"))
        form.addRow(self.tr("代码(&C)："), self.code)
        self.name = QLineEdit(spec.name if spec else "")
        self.name.setPlaceholderText(self.tr("如 卫生整洁星"))
        form.addRow(self.tr("名称(&N)："), self.name)
        self.color = QLineEdit(spec.color if spec else "#d4262c")
        self.swatch = QLabel()
        self.swatch.setFixedSize(24, 24)
        pick = QPushButton(self.tr("选择颜色…"))
        pick.clicked.connect(self._pick_color)
        color_row = QWidget()
        row = QHBoxLayout(color_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.swatch)
        row.addWidget(self.color, 1)
        row.addWidget(pick)
        form.addRow(self.tr("颜色(&O)："), color_row)
        self.color.textChanged.connect(self._show_color)
        self._show_color()
        self.categories = QListWidget()
        self.categories.setMaximumHeight(150)
        for code, name in category_names.items():
            item = QListWidgetItem(f"{name}（{code}）")
            item.setData(Qt.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if code in crit.categories else Qt.Unchecked)
            self.categories.addItem(item)
        form.addRow(self.tr("计分类别(&G)：\n（都不选＝全部类别）"), self.categories)
        self.min_points = QSpinBox()
        self.min_points.setRange(-10000, 100000)
        self.min_points.setValue(crit.min_points)
        self.min_points.setSuffix(self.tr(" 分"))
        form.addRow(self.tr("最低积分(&M)："), self.min_points)
        self.no_veto = QCheckBox(self.tr("当年有一票否决记录的不得此星"))
        self.no_veto.setChecked(crit.no_veto)
        form.addRow("", self.no_veto)
        self.no_deductions = QCheckBox(self.tr("所选类别有扣分的不得此星"))
        self.no_deductions.setChecked(crit.no_deductions)
        form.addRow("", self.no_deductions)
        self.active = QCheckBox(self.tr("启用（停用的星级不再参加评定，已授的星保留）"))
        self.active.setChecked(spec.active if spec else True)
        form.addRow("", self.active)
        buttons = ok_cancel(self, self.tr("保存"))
        form.addRow(buttons)

    def _show_color(self) -> None:
        color = QColor(self.color.text())
        self.swatch.setStyleSheet(f"background: {color.name()}; border: 1px solid #888;" if color.isValid()
                                  else "border: 1px dashed #c00;")

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color.text()), self, self.tr("星级颜色"))
        if chosen.isValid():
            self.color.setText(chosen.name())

    def criterion(self) -> Criterion:
        codes = tuple(self.categories.item(i).data(Qt.UserRole) for i in range(self.categories.count())
                      if self.categories.item(i).checkState() == Qt.Checked)
        return Criterion(codes, self.min_points.value(), self.no_veto.isChecked(), self.no_deductions.isChecked())

    def values(self) -> dict:
        return {"code": self.code.text().strip(), "name": self.name.text().strip(),
                "color": self.color.text().strip(), "criterion": self.criterion(), "active": self.active.isChecked()}
