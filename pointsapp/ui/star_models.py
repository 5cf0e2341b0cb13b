"""Table models of the stars page: proposals, the scheme, the summary and a household's history."""
from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont

from pointsapp.services.stars.awards import AwardRecord, SummaryRow
from pointsapp.services.stars.scheme import StarSpec
from pointsapp.services.stars.evaluation import HouseholdProposals, explain
from pointsapp.ui.table_model import (
    ALIGNMENT, CENTER, DECORATION, DISPLAY, FONT, FOREGROUND, TOOLTIP, ListTableModel, TableColumns,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("stars", text)


class ProposalColumns(TableColumns, context="stars"):
    NO = QT_TRANSLATE_NOOP("stars", "户号")
    HEAD = QT_TRANSLATE_NOOP("stars", "户主")
    GROUP = QT_TRANSLATE_NOOP("stars", "小组")
    COUNT = QT_TRANSLATE_NOOP("stars", "星数")
    STARS = QT_TRANSLATE_NOOP("stars", "建议授予的星级")
    ADJUSTED = QT_TRANSLATE_NOOP("stars", "委员会调整")


class ProposalsModel(ListTableModel):
    columns = ProposalColumns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category_names: dict[str, str] = {}

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
        if role == DISPLAY:
            if col == ProposalColumns.STARS:
                return "、".join(i.name for i in item.included) or QCoreApplication.translate("stars", "（无）")
            if col == ProposalColumns.ADJUSTED:
                return "；".join(f"{'+' if i.included else '−'}{i.name}：{i.adjust_reason}"
                                for i in item.items if i.adjust_reason)
            return {ProposalColumns.NO: item.household_no, ProposalColumns.HEAD: item.head_name,
                    ProposalColumns.GROUP: item.group, ProposalColumns.COUNT: len(item.included)}[col]
        if role == TOOLTIP and col in (ProposalColumns.STARS, ProposalColumns.COUNT, ProposalColumns.ADJUSTED):
            return self.figures_text(item)
        if role == ALIGNMENT and col == ProposalColumns.COUNT:
            return CENTER
        if role == FOREGROUND and col == ProposalColumns.ADJUSTED and item.adjusted:
            return QColor("#c8102e")
        return None


class SchemeColumns(TableColumns, context="stars"):
    ORDER = QT_TRANSLATE_NOOP("stars", "序号")
    CODE = QT_TRANSLATE_NOOP("stars", "代码")
    NAME = QT_TRANSLATE_NOOP("stars", "名称")
    COLOR = QT_TRANSLATE_NOOP("stars", "颜色")
    CRITERION = QT_TRANSLATE_NOOP("stars", "评星条件")
    ACTIVE = QT_TRANSLATE_NOOP("stars", "状态")


class SchemeModel(ListTableModel):
    columns = SchemeColumns

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category_names: dict[str, str] = {}

    def cell(self, spec: StarSpec, col: SchemeColumns, role: int):
        if role == DISPLAY:
            return {SchemeColumns.ORDER: spec.sort_order, SchemeColumns.CODE: spec.code,
                    SchemeColumns.NAME: spec.name, SchemeColumns.COLOR: spec.color,
                    SchemeColumns.CRITERION: spec.criterion.describe(self.category_names),
                    SchemeColumns.ACTIVE: QCoreApplication.translate("stars", "启用") if spec.active else QCoreApplication.translate("stars", "停用")}[col]
        if role == DECORATION and col in (SchemeColumns.COLOR, SchemeColumns.NAME):
            return QColor(spec.color)
        if role == FOREGROUND and not spec.active:
            return QColor("#999999")
        return None


class SummaryColumns(TableColumns, context="stars"):
    VILLAGE = QT_TRANSLATE_NOOP("stars", "村")
    GROUP = QT_TRANSLATE_NOOP("stars", "小组")
    HOUSEHOLDS = QT_TRANSLATE_NOOP("stars", "户数")
    STARRED = QT_TRANSLATE_NOOP("stars", "获星户数")
    STARS = QT_TRANSLATE_NOOP("stars", "星总数")
    SPREAD = QT_TRANSLATE_NOOP("stars", "星数分布（户）")


class SummaryModel(ListTableModel):
    columns = SummaryColumns

    def cell(self, r: SummaryRow, col: SummaryColumns, role: int):
        if role == DISPLAY:
            spread = "  ".join(QCoreApplication.translate("stars", "{0}星 {1}").format(k, v) for k, v in sorted(r.by_count.items(), reverse=True))
            return {SummaryColumns.VILLAGE: r.village, SummaryColumns.GROUP: r.group or QCoreApplication.translate("stars", "全村合计"),
                    SummaryColumns.HOUSEHOLDS: r.households, SummaryColumns.STARRED: r.starred,
                    SummaryColumns.STARS: r.stars, SummaryColumns.SPREAD: spread}[col]
        if role == TOOLTIP:
            return "\n".join(QCoreApplication.translate("stars", "{0}：{1} 户").format(name, n)
                             for name, n in r.by_star.items())
        if role == FONT and not r.group:
            font = QFont()
            font.setBold(True)
            return font
        return None


class HistoryColumns(TableColumns, context="stars"):
    PERIOD = QT_TRANSLATE_NOOP("stars", "期间")
    STAR = QT_TRANSLATE_NOOP("stars", "星级")
    AWARDED_ON = QT_TRANSLATE_NOOP("stars", "授星日期")
    AWARDED_BY = QT_TRANSLATE_NOOP("stars", "授星人")
    WITHDRAWN_AT = QT_TRANSLATE_NOOP("stars", "摘星时间")
    REASON = QT_TRANSLATE_NOOP("stars", "摘星原因")


class HistoryModel(ListTableModel):
    columns = HistoryColumns

    def cell(self, r: AwardRecord, col: HistoryColumns, role: int):
        if role == DISPLAY:
            return {HistoryColumns.PERIOD: r.period, HistoryColumns.STAR: r.star,
                    HistoryColumns.AWARDED_ON: str(r.awarded_on), HistoryColumns.AWARDED_BY: r.awarded_by,
                    HistoryColumns.WITHDRAWN_AT: str(r.withdrawn_at or ""),
                    HistoryColumns.REASON: r.withdrawn_reason}[col]
        if role == DECORATION and col == HistoryColumns.STAR:
            return QColor(r.color if r.withdrawn_at is None else "#bbbbbb")
        if role == FOREGROUND and r.withdrawn_at is not None:
            return QColor("#999999")
        return None
