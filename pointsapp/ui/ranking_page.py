"""排行榜页面: choose a period, a village or group, a class of households (tag) and optionally one category;
see ranks with one column per category."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from pointsapp import clock
from pointsapp.services.register import choices
from pointsapp.services.register import households as register
from pointsapp.services import periods
from pointsapp.services.scoring import rankings
from pointsapp.services.scoring.rankings import Ranking, stars_text
from pointsapp.ui.domain_labels import period_label
from pointsapp.ui.drawn_once import scroll_bar_for
from pointsapp.ui.context import UiContext
from pointsapp.ui.household_ledger_view import period_choices
from pointsapp.ui.tasks import run_task
from pointsapp.services.changes import Changes
from pointsapp.ui.table_model import (
    ALIGNMENT, DISPLAY, HORIZONTAL, RIGHT, ListTableModel, TableColumns, table_view,
)


class Columns(TableColumns):
    """Columns before the per-category ones; TAIL_HEADERS follow them."""

    RANK = QT_TRANSLATE_NOOP("columns", "名次")
    HOUSEHOLD_NO = QT_TRANSLATE_NOOP("columns", "户号")
    HEAD = QT_TRANSLATE_NOOP("columns", "户主")
    VILLAGE = QT_TRANSLATE_NOOP("columns", "村")
    GROUP = QT_TRANSLATE_NOOP("columns", "小组")


TAIL_HEADERS = [
    QT_TRANSLATE_NOOP("columns", "合计"),
    QT_TRANSLATE_NOOP("columns", "加分"),
    QT_TRANSLATE_NOOP("columns", "扣分"),
    QT_TRANSLATE_NOOP("columns", "星级"),
]


class RankingModel(ListTableModel):
    """One row per ranked household: the declared columns, one per category of the ranking, then the tail.

    A row's texts are made once, when it is first drawn or sampled for the column widths (``texts_of``), and
    ``data`` answers from them with no per-cell formatting: a township's ranking holds 3,000 rows, of which a
    paint shows ~30, each cell asked for seven roles."""

    columns = Columns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ranking: Ranking | None = None
        self.expected: list[tuple[str, str]] = []
        self._codes: list[str] = []
        self._texts: list[list[str] | None] = []
        self._alignments: list[int | None] = []
        self._headers: list[str] = []
        self._set_columns()

    def set_ranking(self, ranking: Ranking | None) -> None:
        self.ranking = ranking
        rows = ranking.rows if ranking else []
        self._codes = [code for code, _name in self._categories()]
        self._texts = [None] * len(rows)
        self._set_columns()
        self.set_rows(rows)

    def expect_categories(self, categories: list[tuple[str, str]]) -> None:
        """The category columns (code, name) the first ranking will bring, while it is read: shown from the start,
        the table keeps its columns when the rows come (a change in their number made the view draw twice)."""
        self.beginResetModel()
        self.expected = categories
        self._set_columns()
        self.endResetModel()

    def _set_columns(self) -> None:
        """The columns' number, alignments and headers, made once for each ranking: Qt asks a header's text ~20
        times a first show, a column's number once per cell drawn."""
        self._width = width = len(Columns) + self.extra_columns()
        self._alignments = [RIGHT if c >= len(Columns) or c == Columns.RANK else None for c in range(width)]
        self._headers = [super(RankingModel, self).headerData(c, HORIZONTAL, DISPLAY) for c in range(width)]

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == HORIZONTAL and 0 <= section < self._width:
            return self._headers[section]
        return None

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def _categories(self):
        return self.ranking.categories if self.ranking else self.expected

    def extra_columns(self) -> int:
        return len(self._categories()) + len(TAIL_HEADERS)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else self._width

    def extra_header(self, section: int) -> str:
        cats = self._categories()
        if section < len(cats):
            return cats[section][1]
        return QCoreApplication.translate("columns", TAIL_HEADERS[section - len(cats)])

    def texts_of(self, number: int) -> list[str]:
        """Row ``number``'s texts, column by column (made on first asking)."""
        texts = self._texts[number]
        if texts is None:
            row, by_category = self.rows[number], self.rows[number].by_category
            texts = self._texts[number] = [
                str(row.rank), row.household_no, row.head_name, row.village, row.group,
                *[str(by_category.get(code, 0)) for code in self._codes],
                str(row.total), str(row.awards), str(-row.deductions), stars_text(row.stars)]
        return texts

    def data(self, index, role=DISPLAY):
        if role == DISPLAY:
            return self.texts_of(index.row())[index.column()] if index.isValid() else None
        if role == ALIGNMENT:
            return self._alignments[index.column()] if index.isValid() else None
        return None

    def cell(self, row, col: Columns | int, role: int):
        if role == ALIGNMENT:
            return self._alignments[col]
        return self.texts_of(self.rows.index(row))[col] if role == DISPLAY else None


class RankingPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.period_box = QComboBox()
        self.period_box.setEditable(True)  # any period code, e.g. 2025-H2
        for label, code in period_choices(clock.today())[1:]:
            self.period_box.addItem(code)
            self.period_box.setItemData(self.period_box.count() - 1, label, Qt.ToolTipRole)
        self.scope_box = QComboBox()
        self.scope_box.addItem(self.tr("全镇"), (None, None))
        villages = choices.villages(actor=ctx.actor)
        for village in villages:
            self.scope_box.addItem(village.name, (village.id, None))
            for group_id, group_name in village.groups:
                self.scope_box.addItem(f"    {village.name} {group_name}", (None, group_id))
        if len(villages) == 1:
            self.scope_box.setCurrentIndex(1)
        self.tag_box = QComboBox()  # 党员户, 干部户 … ranked apart
        self.tag_box.addItem(self.tr("全部户"), "")
        for tag in register.all_tags(actor=self.ctx.actor):
            self.tag_box.addItem(tag, tag)
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("按总分"), "")
        categories = rankings.category_choices(actor=self.ctx.actor,
                                               village_id=villages[0].id if len(villages) == 1 else None)
        for code, name in categories:
            self.category_box.addItem(name, code)
        self.show_button = QPushButton(self.tr("查看排名"))
        self.show_button.setDefault(True)
        self.model = RankingModel(self)
        self.model.expect_categories(categories)  # the first ranking's scope: its columns
        self.table = table_view(self.model, single=False, read_only=True, row_height=24)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期间：")))
        top.addWidget(self.period_box)
        top.addWidget(QLabel(self.tr("范围：")))
        top.addWidget(self.scope_box, 1)
        top.addWidget(QLabel(self.tr("户类：")))
        top.addWidget(self.tag_box)
        top.addWidget(QLabel(self.tr("类别：")))
        top.addWidget(self.category_box)
        top.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.show_button.clicked.connect(self.refresh)
        self.period_box.lineEdit().returnPressed.connect(self.refresh)
        self.scope_box.currentIndexChanged.connect(self.refresh)
        self.tag_box.currentIndexChanged.connect(self.refresh)
        self.category_box.currentIndexChanged.connect(self.refresh)
        ctx.hub.follow(Changes.LEDGER | Changes.STARS | Changes.HOUSEHOLDS | Changes.RULES, self, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        # what to rank is read here, on the UI thread; the worker gets plain values, never the widgets
        code, (village_id, group_id), actor = self.period_box.currentText(), self.scope_box.currentData(), self.ctx.actor
        tag, category = self.tag_box.currentData() or None, self.category_box.currentData() or None

        def compute() -> Ranking:
            return rankings.ranking(actor=actor, period=periods.parse(code), village_id=village_id, group_id=group_id,
                                    tag=tag, category=category)

        run_task(self, compute, success=self._show, label=self.tr("正在计算排名…"))

    def _show(self, ranking: Ranking) -> None:
        scroll_bar_for(self.table, len(ranking.rows))  # before the rows: drawn once
        self.model.set_ranking(ranking)
        self.title.setText(self.tr("{0} {1} 积分排行榜（{2} 户）").format(
            ranking.title, period_label(ranking.period), len(ranking.rows)))
