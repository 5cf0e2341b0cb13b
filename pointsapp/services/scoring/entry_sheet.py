"""积分录入表 (.xlsx) for one group and one month, to fill in on paper's place (a 网格员's laptop) and import.

Two ways to fill it, one workbook: the sheet 检查表 is the households × rules grid (a mark — √, 1, or how many
times — under a rule for a household), dated the month's inspection day; the sheet 明细 is a list of household,
rule, date, note (and the member the entry is about), one entry a line. The sheet 细则 lists the rules for
reference; a hidden sheet says which village, group and month the workbook is for, so that a sheet filled for
1组 is never imported into 2组 (``entry_import``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pointsapp.errors import UserError
from pointsapp.models import Group, Household, Rule, Village
from pointsapp.services import periods
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.exports import cells
from pointsapp.text import translate

GRID_SHEET = "检查表"
LIST_SHEET = "明细"
RULES_SHEET = "细则"
META_SHEET = "_template"
GRID_HEADER_ROW = 3   # row 1: title, row 2: how to fill it, row 3: the header, households from row 4
LIST_HEADER = ["户号", "户主", "细则代码", "日期", "说明", "成员"]
LIST_ROWS = 200       # blank lines the list sheet offers (more may be added)


@dataclass(frozen=True)
class SheetScope:
    village_id: int
    village: str
    village_code: str
    group_id: int
    group: str
    period: periods.Period


def scope(group_id: int, period_code: str) -> SheetScope:
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise UserError(translate("services.entry_sheet", "找不到这个村民小组。"))
    period = periods.parse(period_code)
    if period.start.day != 1 or period.end.month != period.start.month or period.start.year != period.end.year:
        raise UserError(translate("services.entries", "检查批次的期间必须是一个月，例如 2026-10。"))
    village = Village.get_by_id(group.village_id)
    return SheetScope(village.id, village.name, village.code, group.id, group.name, period)


def sheet_rules(village_id: int) -> list[Rule]:
    """The rules a sheet offers: active ones of the village, inspection items first, then by code."""
    return list(Rule.select().where(Rule.village == village_id, Rule.active == True)  # noqa: E712
                .order_by(Rule.inspection_item.desc(), Rule.code))


def rule_header(rule: Rule) -> str:
    """A grid column's header: the code first (what the import reads), then the title and points."""
    return f"{rule.code} {rule.title}（{rule.points:+d}）"


def write_template(*, actor: Actor, group_id: int, period_code: str, path: str | Path) -> int:
    """Write the group's entry sheet for the month to ``path`` (.xlsx); returns the number of households on it."""
    require(actor, Permission.ENTRY_CREATE)
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    where = scope(group_id, period_code)
    households = list(Household.select(Household.household_no, Household.head_name)
                      .where(Household.group == group_id, Household.status == Household.STATUS_ACTIVE)
                      .order_by(Household.household_no).tuples())
    rules = sheet_rules(where.village_id)
    book = openpyxl.Workbook()
    grid = book.active
    grid.title = GRID_SHEET
    title = translate("services.entry_sheet", "{0}{1} {2} 积分录入表").format(where.village, where.group,
                                                                          where.period.label)
    cells.set_cell(grid, 1, 1, title).font = Font(bold=True, size=14)
    cells.set_cell(grid, 2, 1, translate("services.entry_sheet", "在户的行、细则的列里打 √（或填次数）；不得分的留空。"
                                         "日期记为本月检查日。另有“明细”表可逐条填写日期和说明。"))
    header = ["户号", "户主"] + [rule_header(r) for r in rules]
    for column, text in enumerate(header, start=1):
        cell = cells.set_cell(grid, GRID_HEADER_ROW, column, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="F7E3E3")
    for row, (number, head) in enumerate(households, start=GRID_HEADER_ROW + 1):
        cells.set_cell(grid, row, 1, number)
        cells.set_cell(grid, row, 2, head)
    grid.freeze_panes = grid.cell(row=GRID_HEADER_ROW + 1, column=3)
    grid.column_dimensions["A"].width, grid.column_dimensions["B"].width = 12, 16
    for column in range(3, len(header) + 1):
        grid.column_dimensions[openpyxl.utils.get_column_letter(column)].width = 14
    grid.row_dimensions[GRID_HEADER_ROW].height = 60

    listing = book.create_sheet(LIST_SHEET)
    cells.set_cell(listing, 1, 1, title).font = Font(bold=True, size=14)
    cells.set_cell(listing, 2, 1, translate("services.entry_sheet", "一行一条：户号、细则代码必填；日期须在本月内"
                                            "（空着记为本月检查日）；成员可填这条积分说的是哪位家庭成员。"))
    for column, text in enumerate(LIST_HEADER, start=1):
        cells.set_cell(listing, GRID_HEADER_ROW, column, text).font = Font(bold=True)
    for letter, width in zip("ABCDEF", (12, 16, 12, 12, 30, 14)):
        listing.column_dimensions[letter].width = width
    codes = DataValidation(type="list", formula1=f"={RULES_SHEET}!$A$2:$A${len(rules) + 1}", allow_blank=True)
    listing.add_data_validation(codes)
    codes.add(f"C{GRID_HEADER_ROW + 1}:C{GRID_HEADER_ROW + LIST_ROWS}")
    for row in range(GRID_HEADER_ROW + 1, GRID_HEADER_ROW + LIST_ROWS + 1):
        listing.cell(row=row, column=4).number_format = "yyyy-mm-dd"

    reference = book.create_sheet(RULES_SHEET)
    cells.append(reference, ["细则代码", "细则", "类别", "分值", "频次"])
    for r in rules:
        cells.append(reference, [r.code, r.title, r.category.name, r.points, r.frequency])
    meta = book.create_sheet(META_SHEET)
    for key, value in (("village_code", where.village_code), ("group", where.group), ("period", where.period.code)):
        cells.append(meta, [key, value])
    meta.sheet_state = "hidden"
    book.save(str(path))
    return len(households)
