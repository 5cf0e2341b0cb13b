"""The editable members table of the household form: one row per member, exactly one of them the head."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor

from pointsapp.services.register import idnumber
from pointsapp.services.register import textnorm
from pointsapp.services.register.households import MemberData, member_problems, normalise_member
from pointsapp.ui.table_model import ListTableModel, TableColumns


class MemberColumn(TableColumns):
    NAME = QT_TRANSLATE_NOOP("columns", "姓名")
    RELATION = QT_TRANSLATE_NOOP("columns", "与户主关系")
    HEAD = QT_TRANSLATE_NOOP("columns", "户主")
    ID_NUMBER = QT_TRANSLATE_NOOP("columns", "身份证号码")
    SEX = QT_TRANSLATE_NOOP("columns", "性别")
    PHONE = QT_TRANSLATE_NOOP("columns", "联系电话")


_ATTR = {MemberColumn.NAME: "name", MemberColumn.RELATION: "relation", MemberColumn.ID_NUMBER: "id_number",
         MemberColumn.SEX: "sex", MemberColumn.PHONE: "phone"}


class MemberModel(ListTableModel):
    columns = MemberColumn

    def __init__(self, members: list[MemberData], editable: bool, parent=None):
        super().__init__(parent)
        self.rows = members  # the form's own list: edited in place
        self.editable = editable

    @property
    def members(self) -> list[MemberData]:
        return self.rows

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if not self.editable:
            return base
        if index.column() == MemberColumn.HEAD:
            return base | Qt.ItemIsUserCheckable
        return base | Qt.ItemIsEditable

    def cell(self, m: MemberData, column: MemberColumn, role: int):
        if column == MemberColumn.HEAD:
            if role == Qt.CheckStateRole:
                return Qt.Checked if m.is_head else Qt.Unchecked
            if role == Qt.DisplayRole:
                return QCoreApplication.translate("MemberModel", "户主") if m.is_head else ""
            return None
        if role in (Qt.DisplayRole, Qt.EditRole):
            return getattr(m, _ATTR[column]) or ""
        if role == Qt.ForegroundRole and self.problem_of(m, column):
            return QColor("#c8102e")
        if role == Qt.ToolTipRole:
            return self.problem_of(m, column)
        return None

    def problem(self, row: int, column: MemberColumn) -> str:
        return self.problem_of(self.members[row], column)

    def problem_of(self, m: MemberData, column: MemberColumn) -> str:
        if column == MemberColumn.ID_NUMBER and m.id_number and "*" not in m.id_number:
            return idnumber.problem(m.id_number) or ""
        if column == MemberColumn.PHONE and m.phone and "*" not in m.phone:
            return textnorm.phone_problem(m.phone) or ""
        if column == MemberColumn.NAME and not m.name:
            return QCoreApplication.translate("MemberModel", "姓名不能为空")
        return ""

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid() or not self.editable:
            return False
        m = self.members[index.row()]
        column = MemberColumn(index.column())
        if column == MemberColumn.HEAD and role == Qt.CheckStateRole:
            if Qt.CheckState(value) == Qt.Checked:
                self.set_head(index.row())
            return True
        if role != Qt.EditRole or column == MemberColumn.HEAD:
            return False
        setattr(m, _ATTR[column], str(value or ""))
        cleaned = normalise_member(m)
        m.name, m.id_number, m.phone = cleaned.name, cleaned.id_number, cleaned.phone
        if column == MemberColumn.RELATION and cleaned.is_head and not m.is_head:
            self.set_head(index.row())
        if column == MemberColumn.ID_NUMBER and m.id_number and not m.sex and idnumber.is_valid(m.id_number):
            m.sex = idnumber.sex(m.id_number)
        self.row_changed(index.row())
        return True

    def set_head(self, row: int) -> None:
        """Make ``row`` the head; the old head keeps a blank relation for the user to fill in."""
        for i, m in enumerate(self.members):
            if i == row:
                m.is_head, m.relation = True, "户主"
            elif m.is_head:
                m.is_head = False
                if m.relation == "户主":
                    m.relation = ""
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.members) - 1, len(MemberColumn) - 1))

    def add(self) -> int:
        row = len(self.members)
        self.beginInsertRows(QModelIndex(), row, row)
        self.members.append(MemberData(name="", is_head=not self.members, relation="" if self.members else "户主"))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> bool:
        if not 0 <= row < len(self.members) or self.members[row].is_head:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.members[row]
        self.endRemoveRows()
        return True

    def problems(self) -> list[str]:
        out = []
        for m in self.members:
            out += member_problems(normalise_member(m))
        return out
