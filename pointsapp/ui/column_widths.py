"""Column widths from a sample of a table's rows, never from all of them: Qt's resize-to-contents asks every
cell of every row for its text and size on each layout (61,000 ``data()`` calls for 827 rows on notice)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

SAMPLE_ROWS = 100
PADDING = 18  # px beside the text: the cell's margins and a little air


def fit_to_sample(view: QTableView, *, sample: int = SAMPLE_ROWS, widest: int = 360,
                  stretch_last: bool = True, stretch: int | None = None) -> None:
    """Size each column of ``view`` to the widest text among its header and the first ``sample`` rows (at most
    ``widest`` px: longer texts are elided, whole in a tooltip or a wider drag of the column); the user may
    drag them after. Column ``stretch`` takes the spare width instead (its texts are not measured)."""
    model, header = _sampled(view.model()), view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    header.setStretchLastSection(stretch_last)
    metrics, header_metrics = view.fontMetrics(), header.fontMetrics()
    rows = min(model.rowCount(), sample)
    texts_of = getattr(model, "texts_of", None)
    # a model keeping each row's texts gives them a row at a time (one call per row, not one per cell)
    sampled = [texts_of(row) for row in range(rows)] if texts_of is not None else None
    widths = []
    for column in range(model.columnCount()):
        if column == stretch:
            widths.append(None)
            continue
        title = model.headerData(column, Qt.Horizontal, Qt.DisplayRole) or ""
        width = header_metrics.horizontalAdvance(str(title)) + PADDING + 8  # and the sort arrow's room
        found = ((texts[column] for texts in sampled) if sampled is not None
                 else (_sample_text(model, row, column) for row in range(rows)))
        texts = {str(text) for text in found if text}
        for text in texts:
            width = max(width, metrics.horizontalAdvance(text) + PADDING)
        widths.append(min(width, widest))
    # the header's signals held while the widths are set: on each one the view would queue a repaint of the
    # columns from it rightwards for after the next paint (QTableView::columnResized); and the view laid out now,
    # not on its timer after the paint (a model reset lays it out late): a page filled in drew its table twice
    blocked = header.blockSignals(True)
    try:
        for column, width in enumerate(widths):
            if width is not None:
                view.setColumnWidth(column, width)
    finally:
        header.blockSignals(blocked)
    view.doItemsLayout()


def fit_on_reset(view: QTableView, *, stretch: int | None = -1, sample: int = SAMPLE_ROWS) -> None:
    """Size ``view``'s columns from a sample of its rows now and each time its model is reset (new rows), column
    ``stretch`` (-1: the last, None: none) taking the spare width: ``table_view``'s ``fit``, in place of
    resize-to-contents over every row."""
    model = view.model()
    room = _StretchWhenRoom(view, stretch) if stretch is not None and stretch != -1 else None

    def fit() -> None:
        fit_to_sample(view, sample=sample, stretch_last=stretch == -1)
        if room is not None:
            room.fitted()

    fit()
    model.modelReset.connect(fit)


class _StretchWhenRoom(QObject):
    """Column ``column`` takes the spare width while the others leave it its fitted width; in a narrow window
    (1024 px, English words) it keeps that width and the table scrolls sideways, instead of Qt's stretch
    squeezing it — the title of an event — to a few pixels."""

    def __init__(self, view: QTableView, column: int):
        super().__init__(view)
        self.view, self.column, self.width = view, column, 0
        view.viewport().installEventFilter(self)

    def fitted(self) -> None:
        self.width = self.view.horizontalHeader().sectionSize(self.column)
        self.apply()

    def apply(self) -> None:
        header = self.view.horizontalHeader()
        if self.column >= header.count():
            return
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != self.column)
        wanted = QHeaderView.Stretch if others + self.width <= self.view.viewport().width() else QHeaderView.Interactive
        if header.sectionResizeMode(self.column) != wanted:
            header.setSectionResizeMode(self.column, wanted)
            if wanted == QHeaderView.Interactive:
                header.resizeSection(self.column, self.width)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Resize:
            self.apply()
        return False


def _sampled(model):
    """The model to take the sample from: behind a sorting or filtering proxy with the same columns, its source
    (the first rows of the source serve as well as the first shown, and are read without a QModelIndex per cell)."""
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else None
    if source is not None and source.columnCount() == model.columnCount() and (
            getattr(source, "texts_of", None) is not None or getattr(source, "display_text", None) is not None):
        return source
    return model


def _sample_text(model, row: int, column: int):
    """A cell's text for sizing: the model's texts made once per row (``texts_of``) where it keeps them, else a
    ListTableModel's own (``display_text``: from the row itself, without a QModelIndex for each cell; the shop's
    dict rows and a proxy are asked through ``data``)."""
    if getattr(model, "texts_of", None) is not None:
        return _text(model, row, column)
    display_text = getattr(model, "display_text", None)
    if display_text is not None:
        return display_text(row, column)
    return model.index(row, column).data(Qt.DisplayRole)


def _text(model, row: int, column: int):
    """A cell's text; from a model's texts made once per row (``texts_of``) or a ListTableModel's row itself,
    without a QModelIndex for each cell."""
    texts_of = getattr(model, "texts_of", None)
    if texts_of is not None:
        return texts_of(row)[column]
    cell, rows, columns = getattr(model, "cell", None), getattr(model, "rows", None), getattr(model, "column", None)
    if cell is not None and rows is not None and columns is not None:
        return cell(rows[row], columns(column), Qt.DisplayRole)
    return model.index(row, column).data(Qt.DisplayRole)
