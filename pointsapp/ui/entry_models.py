"""A table of ledger entries (who, what, points, status) shared by the review and entry pages."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from peewee import JOIN

from pointsapp.models import Category, EntryKind, EntryStatus, Household, LedgerEntry, Rule, User
from pointsapp.ui.table_model import ListTableModel
from pointsapp.ui.domain_labels import label


class Columns(enum.IntEnum):
    ID = 0
    HOUSEHOLD_NO = 1
    HEAD = 2
    DATE = 3
    CATEGORY = 4
    RULE = 5
    POINTS = 6
    NOTE = 7
    STATUS = 8
    ENTERED_BY = 9


HEADERS = {
    Columns.ID: QT_TRANSLATE_NOOP("columns", "记录号"),
    Columns.HOUSEHOLD_NO: QT_TRANSLATE_NOOP("columns", "户号"),
    Columns.HEAD: QT_TRANSLATE_NOOP("columns", "户主"),
    Columns.DATE: QT_TRANSLATE_NOOP("columns", "日期"),
    Columns.CATEGORY: QT_TRANSLATE_NOOP("columns", "类别"),
    Columns.RULE: QT_TRANSLATE_NOOP("columns", "细则"),
    Columns.POINTS: QT_TRANSLATE_NOOP("columns", "积分"),
    Columns.NOTE: QT_TRANSLATE_NOOP("columns", "说明"),
    Columns.STATUS: QT_TRANSLATE_NOOP("columns", "状态"),
    Columns.ENTERED_BY: QT_TRANSLATE_NOOP("columns", "录入人"),
}


@dataclass
class EntryRow:
    id: int
    household_no: str
    head: str
    date: str
    category: str
    rule: str
    points: int
    note: str
    status: str
    entered_by: str


def entry_rows(query) -> list[EntryRow]:
    """Rows for ``query`` (a LedgerEntry select with its where clauses), in one joined query."""
    rows = (query
            .select(LedgerEntry.id, Household.household_no, Household.head_name, LedgerEntry.occurred_on,
                    Category.name, Rule.title, LedgerEntry.points, LedgerEntry.note, LedgerEntry.status,
                    LedgerEntry.kind, User.display_name, User.username)
            .join_from(LedgerEntry, Household, on=(LedgerEntry.household == Household.id))
            .join_from(LedgerEntry, Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
            .join_from(LedgerEntry, Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
            .join_from(LedgerEntry, User, on=(LedgerEntry.created_by == User.id))
            .tuples())
    return [EntryRow(i, no, head, str(day), cat or "", rule or label(EntryKind.LABELS.get(kind, kind)), points, note,
                     label(EntryStatus.LABELS.get(status, status)), disp or user)
            for i, no, head, day, cat, rule, points, note, status, kind, disp, user in rows]


class EntriesModel(ListTableModel):
    columns, headers = Columns, HEADERS

    def cell(self, row: EntryRow, col: Columns, role: int):
        if role == Qt.DisplayRole:
            value = getattr(row, col.name.lower() if col != Columns.HEAD else "head")
            return f"{value:+d}" if col == Columns.POINTS else str(value)
        if role == Qt.TextAlignmentRole and col in (Columns.POINTS, Columns.ID):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
