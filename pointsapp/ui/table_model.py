"""The one base of every table model: a list of rows, columns declared once as an IntEnum with their headers.

Subclasses set ``columns`` (a :class:`TableColumns`, each member declared with its header source text in the
translation context the columns name, or an IntEnum with a ``headers`` mapping beside it, translated in
``header_context``: "columns" unless a subclass says otherwise). A column that declares how a row's cell reads (and
its alignment) beside its header needs nothing more; a model answers ``cell(row, column, role)`` for what else it
shows (colours, tooltips), or ``text(row, column)`` where its columns declare no text; the row bookkeeping lives
here once. A table with
columns known only from its data (a category per column, a report's own columns) adds them after the declared ones
with ``extra_columns`` and ``extra_header``; an editable one adds ``flags`` and ``setData`` as Qt has them.
``selected_row(view)`` reads the row a list's user has selected, ``select_row_where`` selects one again.
"""
from __future__ import annotations

from enum import IntEnum
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

# Qt's roles and alignments looked up once, for the models' ``cell``: the short spelling (``Qt.DisplayRole``) costs
# ~10 µs a lookup in PySide6 6.11 (the full one ~0.3 µs), and one paint of a table asks each visible cell for a
# dozen roles — 4,000 ``data()`` calls, 0.1 s of lookups, each time a page with a list is shown again
DISPLAY = Qt.ItemDataRole.DisplayRole
DECORATION = Qt.ItemDataRole.DecorationRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FONT = Qt.ItemDataRole.FontRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
USER = Qt.ItemDataRole.UserRole
HORIZONTAL = Qt.Orientation.Horizontal
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


class TableColumns(IntEnum):
    """Columns in display order, each declared with its header: ``NAME = QT_TRANSLATE_NOOP("columns", "姓名")``,
    and, where the column shows text, how a row's cell reads and (optionally) its alignment, in the same line:
    ``POINTS = QT_TRANSLATE_NOOP("columns", "积分"), lambda row: f"{row.points:+d}", RIGHT``.

    The headers' translation context is said once, beside them: ``class Columns(TableColumns, context="events")``
    ("columns" when not said); tests/test_table_columns.py checks every header is declared in it."""

    def __init_subclass__(cls, context: str = "columns", **kw):
        super().__init_subclass__(**kw)
        cls.context = context

    def __new__(cls, header: str, text: Callable[[Any], Any] | None = None, align: int | None = None):
        member = int.__new__(cls, len(cls.__members__))
        member._value_ = len(cls.__members__)
        member.header, member.text, member.align = header, text, align
        return member


class NoColumns(TableColumns):
    """For a table whose columns all come with its data (``extra_columns``)."""


_MEMBERS: dict[type, tuple] = {}  # each TableColumns class's members, in order


class ListTableModel(QAbstractTableModel):
    columns: type[IntEnum]
    headers: Mapping[IntEnum, str] = {}
    header_context = "columns"  # the translation context of ``headers`` (TableColumns name their own)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: QModelIndex | int) -> Any:
        """The row object at ``index`` (a model index or a row number), None outside the table."""
        r = index.row() if isinstance(index, QModelIndex) else index
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def extra_columns(self) -> int:
        """How many columns follow the declared ones (none unless the data brings its own)."""
        return 0

    def extra_header(self, section: int) -> str:
        """The header of extra column ``section`` (counted from 0 after the declared columns)."""
        raise NotImplementedError

    def column(self, section: int) -> IntEnum | int:
        """The declared column at ``section``, or the section itself for an extra column."""
        members = self._members()
        return members[section] if section < len(members) else section

    def _members(self) -> tuple:
        """The declared columns in order, listed once per class: ``len()`` and a call on an enum cost a few µs
        each, and a paint asks ``data()`` thousands of times."""
        columns = self.columns
        members = _MEMBERS.get(columns) if isinstance(columns, type) else None
        if members is None:
            members = tuple(columns)
            if isinstance(columns, type):
                _MEMBERS[columns] = members
        return members

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._members()) + self.extra_columns()

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != HORIZONTAL or role != DISPLAY:
            return None
        if section >= len(self.columns):
            return self.extra_header(section - len(self.columns))
        column = self.columns(section)
        context = getattr(self.columns, "context", self.header_context)
        return QCoreApplication.translate(context, self.headers.get(column) or column.header)

    def data(self, index, role=DISPLAY):
        row = self.row(index.row()) if index.isValid() else None
        return None if row is None else self.cell(row, self.column(index.column()), role)

    def cell(self, row: Any, column: IntEnum | int, role: int) -> Any:
        """What ``row`` shows in ``column`` for ``role``: here its text and the column's declared alignment; a
        model that shows more answers the other roles and leaves these to ``super().cell``."""
        if role == DISPLAY:
            return self.text(row, column)
        if role == ALIGNMENT:
            return getattr(column, "align", None)
        return None

    def text(self, row: Any, column: IntEnum | int) -> Any:
        """``row``'s text in ``column``, as the column declares it; a model whose columns declare none answers here."""
        text = getattr(column, "text", None)
        if text is None:
            raise NotImplementedError(f"{type(self).__name__}: column {column!r} declares no text")
        return text(row)

    def display_text(self, row: int, section: int) -> Any:
        """The text at ``row``, ``section`` (for sizing columns from a sample): from the row itself, without a
        QModelIndex, unless a subclass answers ``data`` its own way."""
        if type(self).data is not ListTableModel.data:
            return self.index(row, section).data(DISPLAY)
        found = self.row(row)
        return None if found is None else self.cell(found, self.column(section), DISPLAY)


def selected_row(view) -> Any:
    """The row object of the row selected in ``view`` (a view over a :class:`ListTableModel`), None when no row is."""
    rows = view.selectionModel().selectedRows()
    return view.model().row(rows[0].row()) if rows else None


def select_row_where(view, found: Callable[[Any], bool]) -> bool:
    """Select the first row of ``view`` whose object ``found`` accepts; whether there was one."""
    for number, row in enumerate(view.model().rows):
        if found(row):
            view.selectRow(number)
            return True
    return False


def table_view(model, *, rows: bool = True, single: bool = True, read_only: bool = False,
               fit: bool = True, stretch: int | None = -1, row_height: int | None = None, parent=None):
    """The list views' one set-up: whole rows selected (``single`` one at a time), no row numbers, columns
    fitted to the contents of their first rows on each reset (``fit``), column ``stretch`` (-1: the last, None: none) taking the spare width."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

    view = QTableView(parent)
    view.setModel(model)
    if rows:
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection if single else QAbstractItemView.ExtendedSelection)
    if read_only:
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().hide()
    if row_height:
        view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    if fit:  # from a sample of the rows, on each reset: resize-to-contents asks every cell on every layout
        from pointsapp.ui.column_widths import fit_on_reset

        fit_on_reset(view, stretch=stretch)
        return view
    if stretch == -1:
        header.setStretchLastSection(True)
    elif stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    return view
