"""导出积分账本: every ledger row to .xlsx (headers, kind and status in the chosen language), who entered and
approved it, its hash."""
from __future__ import annotations

import enum
from pathlib import Path

from openpyxl import Workbook
from peewee import JOIN

from pointsapp.models import (
    Category, EntryKind, EntryStatus, Group, Household, LedgerEntry, Member, Rule, User, Village,
)
from pointsapp.services import audit
from pointsapp.services.exports import cells
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import domain_label, translate


class Columns(enum.IntEnum):
    ID = 0
    VILLAGE = 1
    GROUP = 2
    HOUSEHOLD_NO = 3
    HEAD = 4
    SEQ = 5
    OCCURRED_ON = 6
    KIND = 7
    CATEGORY = 8
    RULE_CODE = 9
    RULE = 10
    POINTS = 11
    EARNED = 12
    STATUS = 13
    NOTE = 14
    REVERSES = 15
    BATCH = 16
    NOTICE = 17
    ENTERED_BY = 18
    CREATED_AT = 19
    APPROVED_BY = 20
    REVIEWED_AT = 21
    EFFECTIVE_AT = 22
    PREV_HASH = 23
    HASH = 24
    MEMBER = 25  # the member an entry is about (migration 0013); last, so earlier columns keep their places


HEADERS = {
    Columns.ID: "记录号", Columns.VILLAGE: "村", Columns.GROUP: "小组", Columns.HOUSEHOLD_NO: "户号",
    Columns.HEAD: "户主", Columns.SEQ: "户内序号", Columns.OCCURRED_ON: "日期", Columns.KIND: "类型",
    Columns.CATEGORY: "类别", Columns.RULE_CODE: "细则代码", Columns.RULE: "细则", Columns.POINTS: "积分",
    Columns.EARNED: "计入累计积分", Columns.STATUS: "状态", Columns.NOTE: "说明", Columns.REVERSES: "冲正的记录号",
    Columns.BATCH: "批次", Columns.NOTICE: "公示", Columns.ENTERED_BY: "录入人", Columns.CREATED_AT: "录入时间",
    Columns.APPROVED_BY: "审核人", Columns.REVIEWED_AT: "审核时间", Columns.EFFECTIVE_AT: "生效时间",
    Columns.PREV_HASH: "前一条校验值", Columns.HASH: "校验值", Columns.MEMBER: "成员",
}
WIDTHS = {Columns.NOTE: 30, Columns.RULE: 30, Columns.HASH: 66, Columns.PREV_HASH: 66, Columns.CREATED_AT: 20,
          Columns.REVIEWED_AT: 20, Columns.EFFECTIVE_AT: 20}


def _user(display, username) -> str:
    return display or username or ""


MEMBER_HEADERS = ["村", "户号", "户主", "成员", "与户主关系", "年度", "积分", "记录条数"]


def _member_sheet(workbook, village_id: int | None) -> None:
    """成员积分: each member's yearly total from the entries naming them (effective, net of reversals, as the
    household's earned points count them)."""
    query = (LedgerEntry
             .select(Village.name, Household.household_no, Household.head_name, Member.name, Member.relation,
                     LedgerEntry.occurred_on, LedgerEntry.points)
             .join(Member, on=(LedgerEntry.member == Member.id))
             .switch(LedgerEntry).join(Household, on=(LedgerEntry.household == Household.id))
             .join(Village, on=(Household.village == Village.id))
             .where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.earned == True)  # noqa: E712
             .order_by(Village.name, Household.household_no, Member.id).tuples())
    if village_id is not None:
        query = query.where(LedgerEntry.village == village_id)
    totals: dict[tuple, list[int]] = {}
    for village, no, head, name, relation, day, points in query.iterator():
        key = (village, no, head, name, relation, str(day)[:4])
        item = totals.setdefault(key, [0, 0])
        item[0] += points
        item[1] += 1
    sheet = workbook.create_sheet(translate("services.ledger_export", "成员积分"))
    cells.append(sheet, [domain_label(h) for h in MEMBER_HEADERS])
    for key in sorted(totals, key=lambda k: (k[0], k[1], k[5])):
        cells.append(sheet, [*key[:5], int(key[5]), *totals[key]])


def export_ledger(*, actor: Actor, path: str | Path, village_id: int | None = None) -> int:
    """Write the ledger (one village or all) to ``path``; returns the number of rows."""
    require(actor, Permission.REPORT_VIEW)
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(translate("services.ledger_export", "导出文件名须以 .xlsx 结尾。"))
    entered, approved = User.alias(), User.alias()
    query = (LedgerEntry
             .select(LedgerEntry.id, Village.name, Group.name, Household.household_no, Household.head_name,
                     LedgerEntry.seq, LedgerEntry.occurred_on, LedgerEntry.kind, Category.name, Rule.code, Rule.title,
                     LedgerEntry.points, LedgerEntry.earned, LedgerEntry.status, LedgerEntry.note,
                     LedgerEntry.reverses, LedgerEntry.batch, LedgerEntry.notice,
                     entered.display_name, entered.username, LedgerEntry.created_at,
                     approved.display_name, approved.username, LedgerEntry.reviewed_at, LedgerEntry.effective_at,
                     LedgerEntry.prev_hash, LedgerEntry.hash, Member.name)
             .join(Household, on=(LedgerEntry.household == Household.id))
             .join(Village, on=(Household.village == Village.id))
             .switch(Household).join(Group, on=(Household.group == Group.id))
             .switch(LedgerEntry).join(Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
             .switch(LedgerEntry).join(Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
             .switch(LedgerEntry).join(entered, on=(LedgerEntry.created_by == entered.id))
             .switch(LedgerEntry).join(approved, JOIN.LEFT_OUTER, on=(LedgerEntry.reviewed_by == approved.id))
             .switch(LedgerEntry).join(Member, JOIN.LEFT_OUTER, on=(LedgerEntry.member == Member.id))
             .order_by(LedgerEntry.id).tuples())
    if village_id is not None:
        query = query.where(LedgerEntry.village == village_id)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(translate("services.ledger_export", "积分账本"))
    for column, width in WIDTHS.items():
        sheet.column_dimensions[chr(ord("A") + column)].width = width
    cells.append(sheet, [domain_label(HEADERS[c]) for c in Columns])  # listed in ui/domain_labels.py
    yes, no = translate("services.ledger_export", "是"), translate("services.ledger_export", "否")
    count = 0
    for (entry_id, village, group, no, head, seq, day, kind, category, rule_code, rule, points, earned, status,
         note, reverses, batch, notice, e_disp, e_user, created_at, a_disp, a_user, reviewed_at, effective_at,
         prev_hash, digest, member) in query.iterator():
        cells.append(sheet, [entry_id, village, group, no, head, seq, day, domain_label(EntryKind.LABELS.get(kind, kind)),
                      category or "", rule_code or "", rule or "", points, yes if earned else no,
                      domain_label(EntryStatus.LABELS.get(status, status)), note, reverses or "", batch or "",
                      notice or "",
                      _user(e_disp, e_user), created_at, _user(a_disp, a_user), reviewed_at or "",
                      effective_at or "", prev_hash, digest, member or ""])
        count += 1
    _member_sheet(workbook, village_id)
    cells.save_workbook(workbook, path, translate("services.ledger_export", "无法写入文件 {0}：{1}"))
    audit.record(actor, "ledger.export", "ledger", "", None, {"file": str(path), "rows": count})
    return count
