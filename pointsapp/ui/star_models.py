"""Table models of the stars page: proposals, the scheme, the summary and a household's history."""
from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont

from pointsapp.services.stars.awards import AwardRecord, SummaryRow
from pointsapp.services.stars.scheme import StarSpec
from pointsapp.services.stars.evaluation import HouseholdProposals, explain
from pointsapp.ui.table_model import ListTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("stars", text)


class _Table(ListTableModel):
    """The stars page's tables: headers live in the "stars" translation context."""

    header_context = "stars"

    def row(self, index: QModelIndex | int):
        r = index.row() if isinstance(index, QModelIndex) else index
        return self.rows[r] if 0 <= r < len(self.rows) else None


class ProposalColumns(IntEnum):
    NO = 0
    HEAD = 1
    GROUP = 2
    COUNT = 3
    STARS = 4
    ADJUSTED = 5


class ProposalsModel(_Table):
    columns = ProposalColumns
    headers = {ProposalColumns.NO: QT_TRANSLATE_NOOP("stars", "户号"),
               ProposalColumns.HEAD: QT_TRANSLATE_NOOP("stars", "户主"),
               ProposalColumns.GROUP: QT_TRANSLATE_NOOP("stars", "小组"),
               ProposalColumns.COUNT: QT_TRANSLATE_NOOP("stars", "星数"),
               ProposalColumns.STARS: QT_TRANSLATE_NOOP("stars", "建议授予的星级"),
               ProposalColumns.ADJUSTED: QT_TRANSLATE_NOOP("stars", "委员会调整")}

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
        if role == Qt.DisplayRole:
            if col == ProposalColumns.NO:
                return item.household_no
            if col == ProposalColumns.HEAD:
                return item.head_name
            if col == ProposalColumns.GROUP:
                return item.group
            if col == ProposalColumns.COUNT:
                return len(item.included)
            if col == ProposalColumns.STARS:
                return "、".join(i.name for i in item.included) or QCoreApplication.translate("stars", "（无）")
            if col == ProposalColumns.ADJUSTED:
                return "；".join(f"{'+' if i.included else '−'}{i.name}：{i.adjust_reason}"
                                for i in item.items if i.adjust_reason)
        if role == Qt.ToolTipRole and col in (ProposalColumns.STARS, ProposalColumns.COUNT, ProposalColumns.ADJUSTED):
            return self.figures_text(item)
        if role == Qt.TextAlignmentRole and col == ProposalColumns.COUNT:
            return int(Qt.AlignCenter)
        if role == Qt.ForegroundRole and col == ProposalColumns.ADJUSTED and item.adjusted:
            return QColor("#c8102e")
        return None


class SchemeColumns(IntEnum):
    ORDER = 0
    CODE = 1
    NAME = 2
    COLOR = 3
    CRITERION = 4
    ACTIVE = 5


class SchemeModel(_Table):
    columns = SchemeColumns
    headers = {SchemeColumns.ORDER: QT_TRANSLATE_NOOP("stars", "序号"),
               SchemeColumns.CODE: QT_TRANSLATE_NOOP("stars", "代码"),
               SchemeColumns.NAME: QT_TRANSLATE_NOOP("stars", "名称"),
               SchemeColumns.COLOR: QT_TRANSLATE_NOOP("stars", "颜色"),
               SchemeColumns.CRITERION: QT_TRANSLATE_NOOP("stars", "评星条件"),
               SchemeColumns.ACTIVE: QT_TRANSLATE_NOOP("stars", "状态")}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.category_names: dict[str, str] = {}

    def cell(self, spec: StarSpec, col: SchemeColumns, role: int):
        if role == Qt.DisplayRole:
            return {SchemeColumns.ORDER: spec.sort_order, SchemeColumns.CODE: spec.code,
                    SchemeColumns.NAME: spec.name, SchemeColumns.COLOR: spec.color,
                    SchemeColumns.CRITERION: spec.criterion.describe(self.category_names),
                    SchemeColumns.ACTIVE: QCoreApplication.translate("stars", "启用") if spec.active else QCoreApplication.translate("stars", "停用")}[col]
        if role == Qt.DecorationRole and col in (SchemeColumns.COLOR, SchemeColumns.NAME):
            return QColor(spec.color)
        if role == Qt.ForegroundRole and not spec.active:
            return QColor("#999999")
        return None


class SummaryColumns(IntEnum):
    VILLAGE = 0
    GROUP = 1
    HOUSEHOLDS = 2
    STARRED = 3
    STARS = 4
    SPREAD = 5


class SummaryModel(_Table):
    columns = SummaryColumns
    headers = {SummaryColumns.VILLAGE: QT_TRANSLATE_NOOP("stars", "村"),
               SummaryColumns.GROUP: QT_TRANSLATE_NOOP("stars", "小组"),
               SummaryColumns.HOUSEHOLDS: QT_TRANSLATE_NOOP("stars", "户数"),
               SummaryColumns.STARRED: QT_TRANSLATE_NOOP("stars", "获星户数"),
               SummaryColumns.STARS: QT_TRANSLATE_NOOP("stars", "星总数"),
               SummaryColumns.SPREAD: QT_TRANSLATE_NOOP("stars", "星数分布（户）")}

    def cell(self, r: SummaryRow, col: SummaryColumns, role: int):
        if role == Qt.DisplayRole:
            spread = "  ".join(QCoreApplication.translate("stars", "{0}星 {1}").format(k, v) for k, v in sorted(r.by_count.items(), reverse=True))
            return {SummaryColumns.VILLAGE: r.village, SummaryColumns.GROUP: r.group or QCoreApplication.translate("stars", "全村合计"),
                    SummaryColumns.HOUSEHOLDS: r.households, SummaryColumns.STARRED: r.starred,
                    SummaryColumns.STARS: r.stars, SummaryColumns.SPREAD: spread}[col]
        if role == Qt.ToolTipRole:
            return "\n".join(QCoreApplication.translate("stars", "{0}：{1} 户").format(name, n)
                             for name, n in r.by_star.items())
        if role == Qt.FontRole and not r.group:
            font = QFont()
            font.setBold(True)
            return font
        return None


class HistoryColumns(IntEnum):
    PERIOD = 0
    STAR = 1
    AWARDED_ON = 2
    AWARDED_BY = 3
    WITHDRAWN_AT = 4
    REASON = 5


class HistoryModel(_Table):
    columns = HistoryColumns
    headers = {HistoryColumns.PERIOD: QT_TRANSLATE_NOOP("stars", "期间"),
               HistoryColumns.STAR: QT_TRANSLATE_NOOP("stars", "星级"),
               HistoryColumns.AWARDED_ON: QT_TRANSLATE_NOOP("stars", "授星日期"),
               HistoryColumns.AWARDED_BY: QT_TRANSLATE_NOOP("stars", "授星人"),
               HistoryColumns.WITHDRAWN_AT: QT_TRANSLATE_NOOP("stars", "摘星时间"),
               HistoryColumns.REASON: QT_TRANSLATE_NOOP("stars", "摘星原因")}

    def cell(self, r: AwardRecord, col: HistoryColumns, role: int):
        if role == Qt.DisplayRole:
            return {HistoryColumns.PERIOD: r.period, HistoryColumns.STAR: r.star,
                    HistoryColumns.AWARDED_ON: str(r.awarded_on), HistoryColumns.AWARDED_BY: r.awarded_by,
                    HistoryColumns.WITHDRAWN_AT: str(r.withdrawn_at or ""),
                    HistoryColumns.REASON: r.withdrawn_reason}[col]
        if role == Qt.DecorationRole and col == HistoryColumns.STAR:
            return QColor(r.color if r.withdrawn_at is None else "#bbbbbb")
        if role == Qt.ForegroundRole and r.withdrawn_at is not None:
            return QColor("#999999")
        return None
