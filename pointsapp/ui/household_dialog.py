"""One household's form: number, group, grid, address, tags and the members table; its points on a second tab."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from pointsapp.services.register import households
from pointsapp.services.register import villages
from pointsapp.services.auth import Permission
from pointsapp.services.register.households import HouseholdData, MemberData
from pointsapp.ui.domain_labels import label
from pointsapp.ui.context import UiContext
from pointsapp.ui.form_rows import FormRows
from pointsapp.ui.layouts import vbox
from pointsapp.ui.member_model import MemberColumn, MemberModel
from pointsapp.ui.messages import show_error
from pointsapp.ui.operations import run_op
from pointsapp.ui.village_picker import VillagePicker


class HouseholdDialog(QDialog):
    def __init__(self, ctx: UiContext, household_id: int | None = None, village_id: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.detail = households.household_detail(actor=ctx.actor, household_id=household_id) \
            if household_id else None
        self.editable = ctx.can(Permission.HOUSEHOLD_EDIT) and (self.detail is None or self.detail.private)
        self.setWindowTitle(self.tr("新增户") if self.detail is None else
                            self.tr("户号 {0}（户主 {1}）").format(self.detail.household_no, self.detail.head_name))
        self.resize(860, 620)

        rows = FormRows()
        self.number = rows.line_edit(self.tr("户号(&H)："))
        self.picker = VillagePicker.of(ctx.actor, parent=self)
        self.village = rows.add(self.tr("村："), self.picker.village)
        self.village.setCurrentIndex(max(0, self.village.findData(self.detail.village_id if self.detail
                                                                   else village_id)))
        self.village.setEnabled(self.detail is None)
        self.group = rows.combo_box(self.tr("村民小组(&G)："), editable=True)
        self.grid = rows.combo_box(self.tr("网格："), editable=True)
        self.village.currentIndexChanged.connect(lambda _i: self._fill_groups())
        self.address = rows.line_edit(self.tr("家庭住址："))
        self.phone = rows.line_edit(self.tr("联系电话："), placeholder=self.tr("空着则用户主的电话"))
        self.note = rows.line_edit(self.tr("备注："))
        self.tag_boxes: dict[str, QCheckBox] = {}
        self.more_tags = QLineEdit()
        self.more_tags.setPlaceholderText(self.tr("其他标签，用顿号或逗号分隔"))
        tags_box = QWidget()
        tags_layout = QGridLayout(tags_box)
        tags_layout.setContentsMargins(0, 0, 0, 0)
        known_tags = set(households.all_tags(actor=self.ctx.actor)) | set(households.COMMON_TAGS)
        for i, name in enumerate(sorted(known_tags)):
            box = QCheckBox(label(name))  # a tag typed by a user has no translation and shows as typed
            self.tag_boxes[name] = box
            tags_layout.addWidget(box, i // 6, i % 6)
        tags_layout.addWidget(self.more_tags, (len(self.tag_boxes) + 5) // 6, 0, 1, 6)
        rows.add(self.tr("标签："), tags_box)

        members = [MemberData(m.name, m.relation, m.id_number or None, m.sex, m.phone, m.is_head, m.id)
                   for m in (self.detail.members if self.detail else [])]
        self.members = MemberModel(members, self.editable, self)
        self.member_table = QTableView()
        self.member_table.setObjectName("memberTable")
        self.member_table.setModel(self.members)
        self.member_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.member_table.setEditTriggers(QAbstractItemView.AllEditTriggers if self.editable
                                          else QAbstractItemView.NoEditTriggers)
        self.member_table.verticalHeader().setVisible(False)
        self.member_table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.member_table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((MemberColumn.NAME, 100), (MemberColumn.RELATION, 90), (MemberColumn.HEAD, 60),
                              (MemberColumn.ID_NUMBER, 190), (MemberColumn.SEX, 50)):
            self.member_table.setColumnWidth(column, width)
        self.add_member_button = QPushButton(self.tr("添加成员(&M)"))
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button = QPushButton(self.tr("删除成员"))
        self.remove_member_button.clicked.connect(self.remove_member)
        self.head_button = QPushButton(self.tr("设为户主"))
        self.head_button.clicked.connect(self.make_head)
        member_buttons = QHBoxLayout()
        for b in (self.add_member_button, self.remove_member_button, self.head_button):
            b.setVisible(self.editable)
            member_buttons.addWidget(b)
        member_buttons.addStretch(1)

        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.addLayout(rows.layout)
        if self.detail is not None:
            status = self.tr("已归档") if self.detail.archived else self.tr("正常")
            self.summary = QLabel(self.tr("状态：{0}　　累计积分：{1}　　可用积分：{2}")
                                  .format(status, self.detail.earned, self.detail.available))
            info_layout.addWidget(self.summary)
        info_layout.addWidget(QLabel(self.tr("家庭成员（Insert 添加，Delete 删除；姓名、身份证号等可直接输入）：")))
        info_layout.addWidget(self.member_table, 1)
        info_layout.addLayout(member_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(info, self.tr("户信息"))
        self.tabs.addTab(self._ledger_tab(), self.tr("积分明细"))
        if self.household_id is not None:
            from pointsapp.ui.member_points_view import MemberPointsView

            self.member_points = MemberPointsView(self.ctx, self.household_id)
            self.tabs.addTab(self.member_points, self.tr("成员积分"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel if self.editable
                                        else QDialogButtonBox.Close)
        if self.editable:
            self.buttons.button(QDialogButtonBox.Save).setText(self.tr("保存(&S)"))
            self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        else:
            self.buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        if self.household_id is not None and ctx.can(Permission.PRINT) and ctx.can(Permission.REPORT_VIEW):
            self.certificate_button = self.buttons.addButton(self.tr("积分证明…"), QDialogButtonBox.ActionRole)
            self.certificate_button.clicked.connect(self.open_certificate)
        vbox(self, (self.tabs, 1), self.buttons)

        QShortcut(QKeySequence(Qt.Key_Insert), self.member_table, activated=self.add_member)
        QShortcut(QKeySequence(Qt.Key_Delete), self.member_table, activated=self.remove_member)
        QShortcut(QKeySequence.Save, self, activated=self.save)
        self._fill_groups()
        self._load()
        for w in (self.number, self.group, self.grid, self.address, self.phone, self.note, self.more_tags):
            w.setEnabled(self.editable)
        for box in self.tag_boxes.values():
            box.setEnabled(self.editable)
        if self.detail is None:
            self.members.add()
        self.number.setFocus()

    def open_certificate(self) -> None:
        from pointsapp.ui.certificate_dialog import CertificateDialog

        d = self.detail
        title = f"{d.household_no} {d.head_name}" if d is not None else ""
        CertificateDialog(self.ctx, self.household_id, title, parent=self).exec()

    def _ledger_tab(self) -> QWidget:
        if self.household_id is None:
            return QLabel(self.tr("保存后可查看这一户的积分明细。"))
        try:
            from pointsapp.ui.household_ledger_view import HouseholdLedgerView
        except ModuleNotFoundError:
            label = QLabel(self.tr("本版本尚未包含积分明细视图。"))
            label.setAlignment(Qt.AlignCenter)
            return label
        return HouseholdLedgerView(self.ctx, self.household_id)

    def _fill_groups(self) -> None:
        village_id = self.village.currentData()
        current_group, current_grid = self.group.currentText(), self.grid.currentText()
        self.group.clear()
        self.grid.clear()
        self.grid.addItem("")
        if village_id is not None:
            found = villages.places(actor=self.ctx.actor, village_id=village_id)
            self.group.addItems([g.name for g in found.groups])
            self.grid.addItems([g.name for g in found.grids])
        if current_group:
            self.group.setCurrentText(current_group)
        self.grid.setCurrentText(current_grid)
        if self.detail is None and village_id is not None:
            self.number.setText(households.next_household_no(actor=self.ctx.actor, village_id=village_id))

    def _load(self) -> None:
        d = self.detail
        if d is None:
            return
        self.number.setText(d.household_no)
        self.group.setCurrentText(d.group)
        self.grid.setCurrentText(d.grid)
        self.address.setText(d.address)
        self.phone.setText(d.phone)
        self.note.setText(d.note)
        extra = []
        for name in d.tags:
            if name in self.tag_boxes:
                self.tag_boxes[name].setChecked(True)
            else:
                extra.append(name)
        self.more_tags.setText("、".join(extra))

    # -- members ----------------------------------------------------------------------------------------------
    def add_member(self) -> None:
        if not self.editable:
            return
        row = self.members.add()
        index = self.members.index(row, MemberColumn.NAME)
        self.member_table.setCurrentIndex(index)
        self.member_table.edit(index)

    def remove_member(self) -> None:
        row = self.member_table.currentIndex().row()
        if self.editable and row >= 0 and not self.members.remove(row):
            show_error(self, self.tr("不能删除户主。请先把另一位成员设为户主。"))

    def make_head(self) -> None:
        row = self.member_table.currentIndex().row()
        if self.editable and row >= 0:
            self.members.set_head(row)

    # -- saving -----------------------------------------------------------------------------------------------
    def tags(self) -> list[str]:
        from pointsapp.services.register.roster_columns import tags as split_tags

        return [n for n, b in self.tag_boxes.items() if b.isChecked()] + split_tags(self.more_tags.text())

    def data(self) -> HouseholdData:
        members = [m for m in self.members.members if m.name.strip() or m.id_number]
        return HouseholdData(household_no=self.number.text(), group_name=self.group.currentText(), members=members,
                             address=self.address.text(), phone=self.phone.text(), grid_name=self.grid.currentText(),
                             note=self.note.text(), tags=self.tags(),
                             joined_on=self.detail.joined_on if self.detail else None)

    def save(self) -> None:
        if not self.editable:
            self.reject()
            return
        if self.member_table.state() == QAbstractItemView.EditingState:
            self.member_table.setFocus()  # the open cell editor loses focus and commits what was typed
        data = self.data()
        village_id = self.village.currentData()
        if village_id is None:
            show_error(self, self.tr("还没有村。请先在“村组网格”里建村，或导入花名册。"))
            return
        if self.household_id is None:
            run_op(self, self.ctx, households.add_household, village_id=village_id, data=data,
                   success=self._saved, label=self.tr("正在保存…"), busy=self)
        else:
            run_op(self, self.ctx, households.save_household, household_id=self.household_id, data=data,
                   success=lambda household: self._saved(household.id), label=self.tr("正在保存…"), busy=self)

    def _saved(self, household_id: int) -> None:
        self.household_id = household_id
        self.accept()
