"""Every table's column headers are declared in the translation context their columns name, so that the header
the table asks Qt to translate is the one lupdate extracted (a header in another context stays Chinese in the
English build without any error)."""
from __future__ import annotations

import ast
from pathlib import Path

import pointsapp
from pointsapp.ui.table_model import ListTableModel, TableColumns

UI = Path(pointsapp.__file__).parent / "ui"


def _declared_context(node: ast.ClassDef) -> str:
    for keyword in node.keywords:
        if keyword.arg == "context":
            return keyword.value.value
    return "columns"


def _column_classes():
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "TableColumns" for b in node.bases):
                yield path.name, node


def _headers(node: ast.ClassDef):
    """Each member's header call: alone, or first in the tuple that declares the column's text beside it."""
    for statement in node.body:
        if not isinstance(statement, ast.Assign):
            continue
        call = statement.value.elts[0] if isinstance(statement.value, ast.Tuple) else statement.value
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "QT_TRANSLATE_NOOP":
            yield statement.targets[0].id, call.args[0].value


def test_every_header_is_declared_in_the_context_its_columns_name():
    checked = 0
    for file, node in _column_classes():
        context = _declared_context(node)
        for member, header_context in _headers(node):
            assert header_context == context, f"{file}: {node.name}.{member} is in {header_context!r}, not {context!r}"
            checked += 1
    assert checked > 100  # the ui's tables, not an empty walk


def test_the_english_build_names_a_tables_columns_from_the_context_they_declare(english):
    from PySide6.QtCore import Qt

    from pointsapp.ui.event_checkin import EventsModel

    model = EventsModel()
    headers = [model.headerData(section, Qt.Horizontal) for section in range(model.columnCount())]
    assert len(headers) == 6 and all(h and h.isascii() for h in headers), headers

    class Elsewhere(TableColumns):  # the same header declared without its context: not found, left in Chinese
        TITLE = "每户"

    class Misplaced(ListTableModel):
        columns = Elsewhere

    assert Elsewhere.context == "columns" and Misplaced().headerData(0, Qt.Horizontal) == "每户"


def test_a_column_declared_with_its_text_and_alignment_shows_them_without_a_model_method():
    import pytest
    from PySide6.QtCore import Qt

    from pointsapp.ui.table_model import RIGHT

    class Paid(TableColumns):
        NAME = "姓名", lambda row: row["name"]
        POINTS = "积分", lambda row: f"{row['points']:+d}", RIGHT
        NOTE = "说明"  # no text of its own: the model must answer it

    class PaidModel(ListTableModel):
        columns = Paid

    model = PaidModel()
    model.set_rows([{"name": "张三", "points": 5}, {"name": "李四", "points": -3}])
    assert [[model.index(r, c).data() for c in range(2)] for r in range(2)] == [["张三", "+5"], ["李四", "-3"]]
    assert [model.index(0, c).data(Qt.TextAlignmentRole) for c in range(3)] == [None, RIGHT, None]
    assert model.headerData(1, Qt.Horizontal) == "积分"
    with pytest.raises(NotImplementedError, match="NOTE"):
        model.text(model.rows[0], Paid.NOTE)
