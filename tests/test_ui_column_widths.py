"""A list's title column takes the spare width when there is room, and keeps its fitted width when there is not
(the events list in English at 1024 px squeezed "Event" to a few pixels)."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from pointsapp.ui.event_checkin import EventColumns as Columns  # the events list's own columns
from pointsapp.ui.table_model import ListTableModel, table_view


class Model(ListTableModel):
    columns = Columns

    def text(self, row, column):
        return row[list(Columns).index(column)]


def _view(qtbot, width: int):
    model = Model()
    model.set_rows([("2026-12-07", "村口大扫除和河道清理志愿活动", "HY01", "+5", "12/40", "进行中")] * 5)
    view = table_view(model, stretch=Columns.TITLE)
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def _title(view) -> int:
    return view.horizontalHeader().sectionSize(list(Columns).index(Columns.TITLE))


def test_the_title_column_keeps_its_fitted_width_in_a_narrow_list_and_the_list_scrolls(qtbot):
    view = _view(qtbot, 1200)
    fitted = view.sizeHintForColumn(1)  # what its texts need, about
    wide = _title(view)
    assert view.horizontalHeader().sectionResizeMode(1) == QHeaderView.Stretch
    view.resize(300, 300)
    qtbot.waitUntil(lambda: view.horizontalHeader().sectionResizeMode(1) == QHeaderView.Interactive)
    assert _title(view) >= min(fitted, 360) * 0.9, (_title(view), fitted)  # not squeezed
    assert view.horizontalScrollBar().maximum() > 0  # the list scrolls sideways instead
    view.resize(1200, 300)
    qtbot.waitUntil(lambda: view.horizontalHeader().sectionResizeMode(1) == QHeaderView.Stretch)
    qtbot.waitUntil(lambda: _title(view) == wide)
