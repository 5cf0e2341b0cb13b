"""报表: the township's monthly report, category trends and inspection completion, as data and .xlsx.

Each report is computed with a few grouped queries (the same building blocks as the
dashboard) and turns into a :class:`ReportTable` (title, columns declared once with
their widths, rows) that the screen, the .xlsx export and the PDF all use.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from peewee import fn

from pointsapp import clock
from pointsapp.models import Batch, EntryKind, EntryStatus, Group, Household, LedgerEntry, Rule, StarAward, Village
from pointsapp.services import periods
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.reports.dashboard import (
    CategoryMonth, award_totals, last_months, participation_by_group, points_by_category, redemptions_by_village,
    scope_of,
)
from pointsapp.errors import UserError
from pointsapp.services.periods import Period
from pointsapp.services.scoring.rankings import held_awards_query
from pointsapp.text import MONTHS, domain_label, translate


@dataclass
class ReportTable:
    """What a report shows: every view and export reads the columns from here."""

    title: str
    subtitle: str
    columns: list[tuple[str, int]]  # (header in the chosen language, width in characters)
    rows: list[list]
    numeric: set[int] = field(default_factory=set)  # column indexes aligned right

    @property
    def headers(self) -> list[str]:
        return [h for h, _ in self.columns]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


# --- monthly report ---------------------------------------------------------------------------

@dataclass
class VillageLine:
    village_id: int | None
    village: str
    households: int = 0
    participating: int = 0
    awarded: int = 0
    deducted: int = 0
    redemptions: int = 0
    redeemed_points: int = 0
    star_households: int = 0
    available: int = 0      # 积分负债 at the month's end (or today): points the households can still spend
    expiring: int = 0       # of which cleared at the year's end under 年底清零
    owed: str = "0.00"      # the available points in 元 at the village's point price
    stock_cost: str = "0.00"  # stock on hand at cost, 元 (the total adds the products shared by the township)

    @property
    def participation(self) -> str:
        return _percent(self.participating, self.households)


@dataclass
class MonthlyReport:
    period: Period
    lines: list[VillageLine]
    total: VillageLine
    months: list[str]  # the 12 months of the trend chart, ending with ``period``
    trends: list[CategoryMonth]

    COLUMNS = [("村", 12), ("户数", 8), ("参与户数", 10), ("参与率", 9), ("加分", 10), ("扣分", 10),
               ("兑换笔数", 10), ("兑换积分", 10), ("星级户", 9), ("可用积分", 10), ("年底清零", 10),
               ("积分负债（元）", 12), ("库存成本（元）", 12)]

    def table(self) -> ReportTable:
        rows = [[ln.village, ln.households, ln.participating, ln.participation, ln.awarded, ln.deducted,
                 ln.redemptions, ln.redeemed_points, ln.star_households, ln.available, ln.expiring, ln.owed,
                 ln.stock_cost] for ln in self.lines + [self.total]]
        return ReportTable(translate("services.reports", "全镇积分工作月报（{0}）").format(self.period.label),
                           translate("services.reports", "统计期间：{0} 至 {1}").format(self.period.start,
                                                                                    self.period.end),
                           _translated(self.COLUMNS), rows, numeric=set(range(1, len(self.COLUMNS))))


def _translated(columns: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The declared Chinese headers (listed for translation in ui/domain_labels.py) in the chosen language."""
    return [(domain_label(header), width) for header, width in columns]


def _star_households_by_village(village_ids: list[int]) -> dict[int, int]:
    """Active households holding stars now (``rankings.held_awards_query``), per village."""
    query = (held_awards_query(villages=village_ids)
             .select(Household.village, fn.COUNT(fn.DISTINCT(StarAward.household)))
             .where(Household.status == Household.STATUS_ACTIVE)
             .group_by(Household.village).tuples())
    return {vid: int(n) for vid, n in query}


def monthly_report(*, actor: Actor, month: Period) -> MonthlyReport:
    """Per village: households, participation, points awarded and deducted, redemptions, star households."""
    require(actor, Permission.REPORT_VIEW)
    scope = scope_of(None)
    ids = scope.village_ids
    lines = {vid: VillageLine(vid, name) for vid, name in
             Village.select(Village.id, Village.name).order_by(Village.id).tuples()}
    for g in participation_by_group(month, ids):
        lines[g.village_id].households += g.households
        lines[g.village_id].participating += g.participating
    for vid, (awarded, deducted) in award_totals(month, ids).items():
        lines[vid].awarded, lines[vid].deducted = awarded, deducted
    for vid, (count, points) in redemptions_by_village(month, ids).items():
        lines[vid].redemptions, lines[vid].redeemed_points = count, points
    for vid, count in _star_households_by_village(ids).items():
        lines[vid].star_households = count
    total = VillageLine(None, translate("services.reports", "合计"))
    for ln in lines.values():
        for name in ("households", "participating", "awarded", "deducted", "redemptions", "redeemed_points",
                     "star_households"):
            setattr(total, name, getattr(total, name) + getattr(ln, name))
    _add_liability(actor, month, lines, total)
    months = last_months(month)
    return MonthlyReport(month, list(lines.values()), total, [m.code for m in months],
                         points_by_category(months, ids))


def _add_liability(actor: Actor, month: Period, lines: dict[int, VillageLine], total: VillageLine) -> None:
    """积分负债 as of the month's end (today, for the month under way), from ``reports.liability``."""
    from pointsapp import clock
    from pointsapp.services.reports import liability

    owed = liability.liability(actor=actor, at=min(month.end, clock.today()))
    for line in owed.villages:
        target = lines.get(line.village_id)
        if target is not None:
            row = line.row()
            target.available, target.expiring, target.owed, target.stock_cost = (
                line.available, line.expiring, row["owed"], row["stock_cost"])
    row = owed.total.row()
    total.available, total.expiring, total.owed, total.stock_cost = (
        owed.total.available, owed.total.expiring, row["owed"], row["stock_cost"])


# --- category trends --------------------------------------------------------------------------

@dataclass
class TrendsReport:
    year: int
    scope: str
    months: list[str]
    categories: list[CategoryMonth]

    def table(self) -> ReportTable:
        columns = [(translate("services.reports", "类别"), 12)] \
            + [(translate("services.reports", "{0}月").format(int(m[5:]), MONTHS[int(m[5:]) - 1]), 8)
               for m in self.months] + [(translate("services.reports", "全年"), 10)]
        rows = [[c.name] + list(c.points) + [sum(c.points)] for c in self.categories]
        rows.append([translate("services.reports", "合计")]
                    + [sum(c.points[i] for c in self.categories) for i in range(len(self.months))]
                    + [sum(sum(c.points) for c in self.categories)])
        return ReportTable(translate("services.reports", "{0}各类别积分趋势（{1}年）").format(domain_label(self.scope),
                                                                                     self.year),
                           translate("services.reports", "每月生效的累计积分（加分减扣分），按类别"),
                           columns, rows, numeric=set(range(1, len(columns))))


def category_trends(*, actor: Actor, year: int, village_id: int | None = None,
                    today: dt.date | None = None) -> TrendsReport:
    """Net earned points per category and month of a year (the current year up to this month)."""
    require(actor, Permission.REPORT_VIEW)
    if not 2000 <= year <= 2100:
        raise UserError(translate("services.reports", "年份“{0}”不对。").format(year))
    today = today or clock.today()
    if year > today.year:
        raise UserError(translate("services.reports", "{0}年还没有开始。").format(year))
    scope = scope_of(village_id)
    last = today.month if year == today.year else 12
    months = last_months(periods.parse(f"{year}-{last:02d}"), last)
    return TrendsReport(year, scope.title, [m.code for m in months], points_by_category(months, scope.village_ids))


# --- inspection completion --------------------------------------------------------------------

@dataclass
class InspectionLine:
    village: str
    group_id: int
    group: str
    households: int
    batches: int
    entries: int

    @property
    def inspected(self) -> bool:
        """Marks from the month's inspection items count, in a saved sheet or entered one by one (the demo and
        some offices enter them so), reviewed or not yet: a group is inspected once its households have them."""
        return self.batches > 0 or self.entries > 0


@dataclass
class InspectionReport:
    period: Period
    scope: str
    lines: list[InspectionLine]

    COLUMNS = [("村", 12), ("小组", 10), ("户数", 8), ("检查批次", 10), ("记录条数", 10), ("状态", 10)]

    @property
    def missing(self) -> list[InspectionLine]:
        return [ln for ln in self.lines if not ln.inspected]

    def table(self) -> ReportTable:
        rows = [[ln.village, ln.group, ln.households, ln.batches, ln.entries,
                 translate("services.reports", "已检查") if ln.inspected else translate("services.reports", "未检查")]
                for ln in self.lines]
        done = len(self.lines) - len(self.missing)
        return ReportTable(translate("services.reports", "{0}月度检查完成情况（{1}）").format(domain_label(self.scope),
                                                                                   self.period.label),
                           translate("services.reports", "共 {0} 个小组，已检查 {1} 个，未检查 {2} 个").format(
                               len(self.lines), done, len(self.missing)),
                           _translated(self.COLUMNS), rows, numeric={2, 3, 4})


def inspection_completion(*, actor: Actor, month: Period, village_id: int | None = None) -> InspectionReport:
    """Which groups were inspected in the month: those with entries from inspection items dated in it (saved
    as a sheet or one by one, awaiting review or in effect; not rejected, reversals not counted), or a batch
    for the month. A batch for a whole village covers the groups of the households it scored."""
    require(actor, Permission.REPORT_VIEW)
    if month.start.day != 1 or month.end.month != month.start.month or month.start.year != month.end.year:
        raise UserError(translate("services.reports", "检查完成情况按月统计，请写成 2026-10 这样的月份。"))
    scope = scope_of(village_id)
    ids = scope.village_ids
    batches: dict[int, set[int]] = {}
    for gid, bid in (Batch.select(Batch.group, Batch.id)
                     .where(Batch.period == month.code, Batch.village.in_(ids), Batch.group.is_null(False))
                     .tuples()):
        batches.setdefault(gid, set()).add(bid)
    for gid, bid in (LedgerEntry
                     .select(Household.group, LedgerEntry.batch)
                     .join(Batch, on=(LedgerEntry.batch == Batch.id))
                     .switch(LedgerEntry).join(Household, on=(LedgerEntry.household == Household.id))
                     .where(Batch.period == month.code, Batch.village.in_(ids))
                     .group_by(Household.group, LedgerEntry.batch).tuples()):
        batches.setdefault(gid, set()).add(bid)
    entries = dict(LedgerEntry
                   .select(Household.group, fn.COUNT(LedgerEntry.id))
                   .join(Rule, on=(LedgerEntry.rule == Rule.id))
                   .switch(LedgerEntry).join(Household, on=(LedgerEntry.household == Household.id))
                   .where(LedgerEntry.village.in_(ids), Rule.inspection_item == True,  # noqa: E712
                          LedgerEntry.occurred_on.between(month.start, month.end),
                          LedgerEntry.kind != EntryKind.REVERSAL, LedgerEntry.status != EntryStatus.REJECTED)
                   .group_by(Household.group).tuples())
    households = dict(Household.select(Household.group, fn.COUNT(Household.id))
                      .where(Household.village.in_(ids), Household.status == Household.STATUS_ACTIVE)
                      .group_by(Household.group).tuples())
    lines = [InspectionLine(vname, gid, gname, int(households.get(gid, 0)), len(batches.get(gid, ())),
                            int(entries.get(gid, 0)))
             for gid, gname, vname in (Group.select(Group.id, Group.name, Village.name)
                                       .join(Village, on=(Group.village == Village.id))
                                       .where(Group.village.in_(ids))
                                       .order_by(Village.id, Group.sort_order, Group.name).tuples())]
    return InspectionReport(month, scope.title, lines)


# --- export -----------------------------------------------------------------------------------

def export_xlsx(table: ReportTable, path: Path | str) -> Path:
    """Write the table to an .xlsx file: title, a Chinese header row, column widths set."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from pointsapp.services.exports import cells

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = translate("services.reports", "报表")
    cells.append(sheet, [table.title])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(table.columns))
    sheet.append(table.headers)
    for col, (_header, width) in enumerate(table.columns, start=1):
        cell = sheet.cell(2, col)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="C8102E")
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    for row in table.rows:
        cells.append(sheet, list(row))
    sheet.append([])
    cells.append(sheet, [table.subtitle])
    sheet.append([translate("services.reports", "制表时间：{0:%Y-%m-%d %H:%M}").format(clock.now())])
    sheet.freeze_panes = "A3"
    book.properties.title = table.title
    cells.save_workbook(book, path, translate("services.reports", "无法保存文件“{0}”：{1}"))
    return path


__all__ = ["InspectionLine", "InspectionReport", "MonthlyReport", "ReportTable", "TrendsReport", "VillageLine",
           "category_trends", "export_xlsx", "inspection_completion", "monthly_report"]
