"""Exporting households and members to .xlsx in the roster layout (so that the file can be imported again)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peewee import JOIN

from pointsapp import clock
from pointsapp.models import Grid, Group, Household, HouseholdTag, Member, Tag, Village
from pointsapp.services import audit
from pointsapp.services.register import idnumber
from pointsapp.services.exports import cells
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register.households import mask_phone
from pointsapp.text import translate

PRIVATE_SUFFIX = "_含身份证号"
HEADERS = ["序号", "组别", "户号", "户主姓名", "与户主关系", "姓名", "性别", "身份证号码", "联系电话", "家庭住址",
           "网格", "标签", "状态"]
WIDTHS = [6, 8, 10, 10, 10, 10, 6, 22, 14, 24, 10, 16, 8]


@dataclass
class ExportResult:
    path: Path
    households: int
    people: int
    private: bool  # full ID and phone numbers in the file


def export_path(path: str | Path, private: bool) -> Path:
    """A file with full ID numbers says so in its name, so that nobody posts it by mistake."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    if private and not path.stem.endswith(PRIVATE_SUFFIX):
        path = path.with_name(path.stem + PRIVATE_SUFFIX + path.suffix)
    return path


def export_households(*, actor: Actor, path: str | Path, village_id: int | None = None,
                      include_archived: bool = False, private: bool | None = None) -> ExportResult:
    """Write every member row; ``private`` defaults to what the actor may see (full IDs need PRIVATE_VIEW)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    allowed = actor.can(Permission.PRIVATE_VIEW)
    private = allowed if private is None else (private and allowed)
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    query = (Member.select(Member, Household.household_no, Household.head_name, Household.address,
                           Household.status, Group.name.alias("group_name"), Grid.name.alias("grid_name"),
                           Household.id.alias("hid"), Village.name.alias("village_name"))
             .join(Household).join(Village)
             .switch(Household).join(Group)
             .switch(Household).join(Grid, JOIN.LEFT_OUTER)
             .where(Member.active == True)  # noqa: E712
             .order_by(Village.code, Group.sort_order, Household.household_no, Member.is_head.desc(), Member.id))
    if village_id:
        query = query.where(Household.village == village_id)
    if not include_archived:
        query = query.where(Household.status == Household.STATUS_ACTIVE)
    tags: dict[int, list[str]] = {}
    for hid, name in HouseholdTag.select(HouseholdTag.household, Tag.name).join(Tag).order_by(Tag.name).tuples():
        tags.setdefault(hid, []).append(name)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    villages = {r["village_name"] for r in query.dicts().limit(1000)}  # cheap: the title only
    title = (next(iter(villages)) if len(villages) == 1 else "") + "村民花名册"
    cells.append(ws, [f"{title}（导出于 {clock.today():%Y-%m-%d}）" + ("——含完整身份证号码和电话" if private else "")])
    ws.append(["注意：本表含完整身份证号码和联系电话，属于个人信息，请妥善保管，不得张贴或外传。" if private
               else "身份证号码和电话已隐去部分数字，不能用来重新导入。"])
    ws.append(HEADERS)
    ws["A1"].font = Font(size=14, bold=True)
    ws["A2"].font = Font(bold=True, color="C8102E" if private else "666666")
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F6F1EA")
        cell.alignment = Alignment(horizontal="center")
    households: set[int] = set()
    n = 0
    for r in query.dicts().iterator():
        n += 1
        households.add(r["hid"])
        number = r["id_number"] or ""
        cells.append(ws, [n, r["group_name"], r["household_no"], r["head_name"], r["relation"], r["name"], r["sex"],
                   number if private else idnumber.mask(number), r["phone"] if private else mask_phone(r["phone"]),
                   r["address"], r["grid_name"] or "", "、".join(tags.get(r["hid"], [])),
                   "已归档" if r["status"] == Household.STATUS_ARCHIVED else ""])
        for col in (3, 8, 9):  # text, never numbers: Excel would turn 18 digits into 6.10124E+17
            ws.cell(row=n + 3, column=col).number_format = "@"
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A4"
    target = export_path(path, private)
    cells.save_workbook(wb, target, translate("services.roster_export", "无法写入文件 {0}：{1}"), make_folder=True)
    audit.record(actor, "roster.export", "file", target.name, None,
                 {"households": len(households), "people": n, "private": private})
    return ExportResult(target, len(households), n, private)
