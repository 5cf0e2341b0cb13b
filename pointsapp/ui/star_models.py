"""Table models of the stars page: proposals, the scheme, the summary and a household's history."""
from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont

from pointsapp.services.stars.awards import AwardRecord, SummaryRow
from pointsapp.services.stars.scheme import StarSpec
from pointsapp.services.stars.evaluation import HouseholdProposals, explain
from pointsapp.ui.table_model import (
    CENTER, DECORATION, DISPLAY, FONT, FOREGROUND, TOOLTIP, ListTableModel, TableColumns,
)


def _proposed(item: HouseholdProposals) -> str:
    return "、".join(i.name for i in item.included) or QCoreApplication.translate("stars", "（无）")


def _adjustments(item: HouseholdProposals) -> str:
    """What the committee changed: each star it granted (+) or refused (−) against the proposal, and why."""
    return "；".join(f"{'+' if i.included else '−'}{i.name}：{i.adjust_reason}" for i in item.items if i.adjust_reason)


class ProposalColumns(TableColumns, context="stars"):
    """A row is a ``HouseholdProposals``."""

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
    columns = ProposalColumns

    def replace_household(self, item: HouseholdProposals) -> None:
        for r, old in enumerate(self.rows):
            if old.household_id == item.household_id:
                self.rows[r] = item
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

    def cell(self, item: HouseholdProposals, col: ProposalColumns, role: int):
        if role == TOOLTIP and col in (ProposalColumns.STARS, ProposalColumns.COUNT, ProposalColumns.ADJUSTED):
            return self.figures_text(item)
        if role == FOREGROUND and col == ProposalColumns.ADJUSTED and item.adjusted:
            return QColor("#c8102e")
        return super().cell(item, col, role)


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
