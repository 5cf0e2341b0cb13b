"""Table models of the stars page: proposals, the scheme, the summary and a household's history."""
from __future__ import annotations


from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont

from pointsapp.services.stars.awards import AwardRecord, SummaryRow
from pointsapp.services.stars.scheme import StarSpec
from pointsapp.services.stars.evaluation import HouseholdProposals, explain
from pointsapp.services.stars.evaluation_list import ProposedStars
from pointsapp.ui.table_model import (
    ALIGNMENT, CENTER, DECORATION, DISPLAY, FONT, FOREGROUND, HORIZONTAL, TOOLTIP, ListTableModel, TableColumns,
)


def _proposed(item: ProposedStars) -> str:
    return "、".join(item.included) or QCoreApplication.translate("stars", "（无）")


def _adjustments(item: ProposedStars) -> str:
    """What the committee changed: each star it granted (+) or refused (−) against the proposal, and why."""
    return "；".join(f"{'+' if a.included else '−'}{a.star}：{a.reason}" for a in item.adjustments)


class ProposalColumns(TableColumns, context="stars"):
    """A row is a ``ProposedStars`` (a household's line of the evaluation)."""

    NO = QT_TRANSLATE_NOOP("stars", "户号"), lambda item: item.household_no
    HEAD = QT_TRANSLATE_NOOP("stars", "户主"), lambda item: item.head_name
    GROUP = QT_TRANSLATE_NOOP("stars", "小组"), lambda item: item.group
    COUNT = QT_TRANSLATE_NOOP("stars", "星数"), lambda item: len(item.included), CENTER
    STARS = QT_TRANSLATE_NOOP("stars", "建议授予的星级"), _proposed
    ADJUSTED = QT_TRANSLATE_NOOP("stars", "委员会调整"), _adjustments


class _CategoryNamesModel(ListTableModel):
    """A table whose figures or criteria name the scoring categories: ``category_names`` (code -> name in the
    village being shown) is set by its tab."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category_names: dict[str, str] = {}


class ProposalsModel(_CategoryNamesModel):
    """A line per household. Its texts are made once, when it is first drawn or sampled for the column widths
    (``texts_of``), and ``data`` answers the roles a paint asks from them; the figures behind a household's
    proposals (the tooltip) are read for that household when asked, through ``details`` (set by the tab:
    household id → ``HouseholdProposals``, or None)."""

    columns = ProposalColumns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.details: Callable[[int], HouseholdProposals | None] = lambda _household_id: None
        self._texts: list[list | None] = []
        members = tuple(ProposalColumns)
        self._text_of = tuple(c.text for c in members)
        self._alignments = tuple(c.align for c in members)
        # the headers' texts made once: Qt asks them ~250 times a first show
        self._headers = tuple(super(ProposalsModel, self).headerData(c, HORIZONTAL, DISPLAY) for c in members)

    def set_rows(self, rows) -> None:
        self._texts = [None] * len(rows)
        super().set_rows(rows)

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == HORIZONTAL and 0 <= section < _WIDTH:
            return self._headers[section]
        return None

    def columnCount(self, parent=None) -> int:  # the proxy asks it ~1,300 times a first show
        return 0 if parent is not None and parent.isValid() else _WIDTH

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def texts_of(self, number: int) -> list:
        """Row ``number``'s texts, column by column (made on first asking; the star count a number, sorted as
        one)."""
        texts = self._texts[number]
        if texts is None:
            item = self.rows[number]
            texts = self._texts[number] = [text(item) for text in self._text_of]
        return texts

    def replace_household(self, item: HouseholdProposals) -> None:
        for r, old in enumerate(self.rows):
            if old.household_id == item.household_id:
                self.rows[r] = ProposedStars.of(item)
                self._texts[r] = None
                self.dataChanged.emit(self.index(r, 0), self.index(r, len(self.columns) - 1))
                return

    def figures_text(self, item: HouseholdProposals) -> str:
        lines = []
        for i in item.items:
            mark = "✔" if i.included else "✘"
            line = f"{mark} {i.name}：{explain(i.figures, self.category_names)}"
            if i.adjust_reason:
                line += QCoreApplication.translate("stars", "；委员会{0}（{1}：{2}）").format(
                    QCoreApplication.translate("stars", "授予") if i.included else QCoreApplication.translate("stars", "不授予"), i.adjusted_by, i.adjust_reason)
            lines.append(line)
        return "\n".join(lines)

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        if role == DISPLAY:
            return self.texts_of(index.row())[index.column()]
        if role == ALIGNMENT:
            return self._alignments[index.column()]
        if role == FOREGROUND:
            if index.column() == ProposalColumns.ADJUSTED and self.rows[index.row()].adjustments:
                return QColor("#c8102e")
            return None
        if role == TOOLTIP and index.column() in _EXPLAINED:
            found = self.details(self.rows[index.row()].household_id)
            return self.figures_text(found) if found is not None else None
        return None


_EXPLAINED = (ProposalColumns.STARS, ProposalColumns.COUNT, ProposalColumns.ADJUSTED)
_WIDTH = len(ProposalColumns)


def _in_use(spec: StarSpec) -> str:
    return QCoreApplication.translate("stars", "启用") if spec.active else QCoreApplication.translate("stars", "停用")


class SchemeColumns(TableColumns, context="stars"):
    """A row is a ``StarSpec``; its criterion is described by the model, which knows the categories' names."""

    ORDER = QT_TRANSLATE_NOOP("stars", "序号"), lambda spec: spec.sort_order
    CODE = QT_TRANSLATE_NOOP("stars", "代码"), lambda spec: spec.code
    NAME = QT_TRANSLATE_NOOP("stars", "名称"), lambda spec: spec.name
    COLOR = QT_TRANSLATE_NOOP("stars", "颜色"), lambda spec: spec.color
    CRITERION = QT_TRANSLATE_NOOP("stars", "评星条件")
    ACTIVE = QT_TRANSLATE_NOOP("stars", "状态"), _in_use


class SchemeModel(_CategoryNamesModel):
    columns = SchemeColumns

    def cell(self, spec: StarSpec, col: SchemeColumns, role: int):
        if role == DISPLAY and col is SchemeColumns.CRITERION:
            return spec.criterion.describe(self.category_names)
        if role == DECORATION and col in (SchemeColumns.COLOR, SchemeColumns.NAME):
            return QColor(spec.color)
        if role == FOREGROUND and not spec.active:
            return QColor("#999999")
        return super().cell(spec, col, role)


def _spread(r: SummaryRow) -> str:
    """How many households hold each number of stars, the most stars first."""
    return "  ".join(QCoreApplication.translate("stars", "{0}星 {1}").format(k, v)
                     for k, v in sorted(r.by_count.items(), reverse=True))


class SummaryColumns(TableColumns, context="stars"):
    """A row is a ``SummaryRow``: a group's, or (no group) the village's total."""

    VILLAGE = QT_TRANSLATE_NOOP("stars", "村"), lambda r: r.village
    GROUP = QT_TRANSLATE_NOOP("stars", "小组"), lambda r: r.group or QCoreApplication.translate("stars", "全村合计")
    HOUSEHOLDS = QT_TRANSLATE_NOOP("stars", "户数"), lambda r: r.households
    STARRED = QT_TRANSLATE_NOOP("stars", "获星户数"), lambda r: r.starred
    STARS = QT_TRANSLATE_NOOP("stars", "星总数"), lambda r: r.stars
    SPREAD = QT_TRANSLATE_NOOP("stars", "星数分布（户）"), _spread


class SummaryModel(ListTableModel):
    columns = SummaryColumns

    def cell(self, r: SummaryRow, col: SummaryColumns, role: int):
        if role == TOOLTIP:
            return "\n".join(QCoreApplication.translate("stars", "{0}：{1} 户").format(name, n)
                             for name, n in r.by_star.items())
        if role == FONT and not r.group:
            font = QFont()
            font.setBold(True)
            return font
        return super().cell(r, col, role)


class HistoryColumns(TableColumns, context="stars"):
    """A row is an ``AwardRecord``."""

    PERIOD = QT_TRANSLATE_NOOP("stars", "期间"), lambda r: r.period
    STAR = QT_TRANSLATE_NOOP("stars", "星级"), lambda r: r.star
    AWARDED_ON = QT_TRANSLATE_NOOP("stars", "授星日期"), lambda r: str(r.awarded_on)
    AWARDED_BY = QT_TRANSLATE_NOOP("stars", "授星人"), lambda r: r.awarded_by
    WITHDRAWN_AT = QT_TRANSLATE_NOOP("stars", "摘星时间"), lambda r: str(r.withdrawn_at or "")
    REASON = QT_TRANSLATE_NOOP("stars", "摘星原因"), lambda r: r.withdrawn_reason


class HistoryModel(ListTableModel):
    columns = HistoryColumns

    def cell(self, r: AwardRecord, col: HistoryColumns, role: int):
        if role == DECORATION and col == HistoryColumns.STAR:
            return QColor(r.color if r.withdrawn_at is None else "#bbbbbb")
        if role == FOREGROUND and r.withdrawn_at is not None:
            return QColor("#999999")
        return super().cell(r, col, role)
