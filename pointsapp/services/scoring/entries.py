"""积分录入: single entries and monthly inspection batches, checked against caps and frequencies.

In a village with the simple workflow entries take effect at once; in a reviewed
village they start as entered (录入) and wait for review (see ``review``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from pointsapp import clock
from pointsapp.db import cursor_date, write_transaction
from pointsapp.models import (
    Batch, EntryKind, EntryStatus, Evidence, Group, Household, LedgerEntry, Rule, Village, now,
)
from pointsapp.services import audit, periods
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import NotFound, UserError
from pointsapp.services.scoring.expiry import reversal_drafts
from pointsapp.services.scoring.ledger import EntryDraft, append
from pointsapp.services.scoring import sql
from pointsapp.services.scoring.rules import limit_problem, usage
from pointsapp.services.signing import writes as signing
from pointsapp.text import translate

MAX_EVIDENCE_BYTES = 8 * 1024 * 1024


def initial_status(village: Village) -> str:
    return EntryStatus.ENTERED if village.workflow == Village.WORKFLOW_REVIEWED else EntryStatus.EFFECTIVE


def household_label(household: Household) -> str:
    return translate("services.entries", "{0} 户（{1}）").format(
        household.household_no, household.head_name or translate("services.entries", "户主未填"))


def _draft(household: Household, rule: Rule, day: dt.date, note: str, status: str,
           batch_id: int | None = None) -> EntryDraft:
    return EntryDraft(household_id=household.id, village_id=household.village_id,
                      kind=EntryKind.AWARD if rule.points > 0 else EntryKind.DEDUCTION, points=rule.points,
                      occurred_on=day, note=note, rule_id=rule.id, category_id=rule.category_id,
                      batch_id=batch_id, status=status)


def _check_household(household: Household | None, day: dt.date) -> Household:
    if household is None:
        raise UserError(translate("services.entries", "找不到这一户。"))
    if household.status != Household.STATUS_ACTIVE:
        raise UserError(translate("services.entries", "{0} 已归档，不能再录入积分。").format(household_label(household)))
    if household.joined_on and day < household.joined_on:
        raise UserError(translate("services.entries", "{0} 于 {1} 才入户，不能记 {2} 的积分。").format(
            household_label(household), household.joined_on, day))
    return household


def _check_rule(rule: Rule | None, household: Household) -> Rule:
    if rule is None:
        raise UserError(translate("services.entries", "找不到这条细则。"))
    if rule.village_id != household.village_id:
        raise UserError(translate("services.entries", "细则“{0}”不属于 {1} 所在的村。").format(
            rule.code, household_label(household)))
    if not rule.active:
        raise UserError(translate("services.entries", "细则“{0} {1}”已停用，不能再录入。").format(rule.code, rule.title))
    return rule


def _check_member(member_id: int | None, household: Household) -> int | None:
    """The member an entry names: one of the household's current members."""
    if member_id is None:
        return None
    from pointsapp.models import Member

    member = Member.get_or_none(Member.id == member_id)
    if member is None or member.household_id != household.id or not member.active:
        raise UserError(translate("services.entries", "{0} 没有这位家庭成员。").format(household_label(household)))
    return member.id


def _check_day(day: dt.date, today: dt.date | None) -> None:
    if day > (today or clock.today()):
        raise UserError(translate("services.entries", "日期 {0} 还没到，不能预先录入积分。").format(day))


def withdraw_stars_after_veto(*, actor: Actor, entry_ids: list[int]) -> None:
    """摘星: a veto deduction that takes effect withdraws the household's stars (same transaction)."""
    from pointsapp.services.stars.awards import after_entries_effective  # stars build on the ledger, not back

    after_entries_effective(actor=actor, entry_ids=entry_ids)


def add_entry(*, actor: Actor, household_id: int, rule_id: int, occurred_on: dt.date | None = None,
              note: str = "", evidence: bytes | None = None, evidence_name: str = "evidence.jpg",
              evidence_mime: str = "image/jpeg", today: dt.date | None = None,
              member_id: int | None = None) -> LedgerEntry:
    """One entry (a household volunteered on 5 May …), with an optional evidence photo; ``member_id``: the
    household member it is about (counted to the household as any entry)."""
    require(actor, Permission.ENTRY_CREATE)
    day = occurred_on or today or clock.today()
    _check_day(day, today)
    if evidence is not None and len(evidence) > MAX_EVIDENCE_BYTES:
        raise UserError(translate("services.entries", "证据照片太大（超过 8 MB），请缩小后再上传。"))
    with write_transaction():  # the limit check and the write see the same ledger
        household = _check_household(Household.get_or_none(Household.id == household_id), day)
        rule = _check_rule(Rule.get_or_none(Rule.id == rule_id), household)
        used = usage([rule.id], [household.id], day.year)[(household.id, rule.id)]
        problem = limit_problem(rule, used, day, household_label(household))
        if problem:
            raise UserError(problem)
        village = Village.get_by_id(household.village_id)
        draft = _draft(household, rule, day, textnorm.free_text(note, translate("services.entries", "说明")), initial_status(village))
        draft.member_id = _check_member(member_id, household)
        [entry_id] = append([draft], created_by=actor.user_id)
        if draft.status == EntryStatus.EFFECTIVE:
            withdraw_stars_after_veto(actor=actor, entry_ids=[entry_id])
        if evidence is not None:
            Evidence.create(entry=entry_id, filename=evidence_name or "evidence.jpg", mime=evidence_mime,
                            data=evidence)
        audit.record(actor, "entry.create", "ledger_entry", entry_id, None,
                     {"household": household.household_no, "rule": rule.code, "points": rule.points,
                      "occurred_on": day, "status": draft.status, "evidence": evidence is not None,
                      **({"member": draft.member_id} if draft.member_id else {})})
    return LedgerEntry.get_by_id(entry_id)


@dataclass
class BatchResult:
    batch: Batch | None
    entries: int
    points: int


def inspection_day(period_code: str, today: dt.date | None = None) -> dt.date:
    """The day a month's inspection is dated: the month's last day, or today within the current month."""
    period = periods.parse(period_code)
    if period.start.day != 1 or period.end.month != period.start.month:
        raise UserError(translate("services.entries", "检查批次的期间必须是一个月，例如 2026-10。"))
    today = today or clock.today()
    if period.start > today:
        raise UserError(translate("services.entries", "{0}还没到，不能录入检查结果。").format(period.label))
    return min(period.end, today)


class SheetHousehold(NamedTuple):
    """The fields of a household an inspection sheet checks (read with plain SQL, ``scoring.sql.sheet_households``:
    building whole peewee models, or even peewee's SQL for a long IN list, cost more than the checks)."""

    id: int
    household_no: str
    head_name: str
    status: str
    joined_on: dt.date | None
    group_id: int
    village_id: int


def _sheet_households(ids: list[int]) -> dict[int, SheetHousehold]:
    found: dict[int, SheetHousehold] = {}
    for start in range(0, len(ids), 500):
        for hid, number, head, status, joined, group_id, village_id in sql.sheet_households(ids[start:start + 500]):
            found[hid] = SheetHousehold(hid, number, head, status, cursor_date(joined), group_id, village_id)
    return found


def add_batch(*, actor: Actor, group_id: int, period_code: str, marks: dict[int, set[int]],
              title: str = "", occurred_on: dt.date | None = None, today: dt.date | None = None) -> BatchResult:
    """Save one group's monthly inspection sheet as one Batch in one transaction.

    ``marks`` maps household id → the ids of the inspection rules it earned. Every
    household and rule is checked first; one problem and nothing is written.
    """
    require(actor, Permission.ENTRY_CREATE)
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise UserError(translate("services.entries", "找不到这个村民小组。"))
    day = occurred_on or inspection_day(period_code, today)
    if periods.month(day).code != periods.parse(period_code).code:
        raise UserError(translate("services.entries", "检查日期 {0} 不在 {1} 这个月里。").format(day, period_code))
    _check_day(day, today)
    marks = {hid: set(rids) for hid, rids in marks.items() if rids}
    if not marks:
        raise UserError(translate("services.entries", "这张检查表上没有勾选任何项目，没有可保存的内容。"))
    village = Village.get_by_id(group.village_id)
    with write_transaction():
        households = _sheet_households(list(marks))
        rule_ids = {rid for rids in marks.values() for rid in rids}
        rules = {r.id: r for r in Rule.select().where(Rule.id.in_(list(rule_ids)))}
        used = usage(rule_ids, households, day.year)
        drafts_args = []
        for hid in sorted(marks, key=lambda h: households[h].household_no if h in households else ""):
            household = _check_household(households.get(hid), day)
            if household.group_id != group.id:
                raise UserError(translate("services.entries", "{0} 不在{1}。").format(
                    household_label(household), group.name))
            for rid in sorted(marks[hid]):
                rule = _check_rule(rules.get(rid), household)
                if not rule.inspection_item:
                    raise UserError(translate("services.entries", "细则“{0} {1}”不是月度检查项目，请用单条录入。").format(
                        rule.code, rule.title))
                problem = limit_problem(rule, used[(hid, rid)], day, household_label(household))
                if problem:
                    raise UserError(problem)
                drafts_args.append((household, rule))
        batch = Batch.create(village=village.id, group=group.id, period=periods.month(day).code,
                             title=(title or f"{group.name}{periods.month(day).label}卫生检查").strip(),
                             created_by=actor.user_id)
        status = initial_status(village)
        drafts = [_draft(h, r, day, "月度检查", status, batch.id) for h, r in drafts_args]
        append(drafts, created_by=actor.user_id, return_ids=False)
        total = sum(d.points for d in drafts)
        audit.record(actor, "batch.create", "batch", batch.id, None,
                     {"group": group.name, "period": batch.period, "entries": len(drafts), "points": total,
                      "status": status})
    return BatchResult(batch, len(drafts), total)


def batch_marks(*, actor: Actor, group_id: int, period_code: str) -> dict[int, set[int]]:
    """What the group's households already have this month from inspection rules (not rejected, not reversed)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    period = periods.parse(period_code)
    household_ids = [h for (h,) in Household.select(Household.id).where(Household.group == group_id).tuples()]
    rule_ids = [r for (r,) in Rule.select(Rule.id).where(Rule.inspection_item == True).tuples()]  # noqa: E712
    out: dict[int, set[int]] = {}
    for (hid, rid), used in usage(rule_ids, household_ids, period.year).items():
        if period.start.month in used.months:
            out.setdefault(hid, set()).add(rid)
    return out


def evidence_of(entry_id: int) -> list[Evidence]:
    return list(Evidence.select().where(Evidence.entry == entry_id).order_by(Evidence.id))


def recent_entries(*, actor: Actor, limit: int = 20):
    """The awards and deductions ``actor`` entered last, newest first: the clerk's "最近录入" list. Points moved
    by the supermarket, expiry runs and reversals are the ledger's, not what the clerk typed in."""
    return (LedgerEntry.select()
            .where(LedgerEntry.created_by == actor.user_id,
                   LedgerEntry.kind.in_([EntryKind.AWARD, EntryKind.DEDUCTION]))
            .order_by(LedgerEntry.id.desc()).limit(limit))


UNDO_MINUTES = 10  # how long the one who typed an entry may take it back without a reviewer


@dataclass(frozen=True)
class Undone:
    entry_id: int
    reversal_id: int | None  # the reversal row when the entry had taken effect; None: withdrawn before review


def undo_entry(*, actor: Actor, entry_id: int, at: dt.datetime | None = None) -> Undone:
    """撤销: the clerk takes back an award or deduction they entered minutes ago (wrong household, wrong rule).

    Nothing is deleted. An entry that took effect (a village without review) gets a reversal row; one still
    waiting for review is withdrawn (未通过) with the reason. Someone else's entry, an older one, one already in
    review or on notice, and a veto (its stars are the committee's to give back) go through the reviewer's 冲正.
    ``at``: the moment of asking (now).
    """
    require(actor, Permission.ENTRY_CREATE)
    reason = translate("services.entries", "录入人撤销：录入有误")
    with write_transaction():
        entry = LedgerEntry.get_or_none(LedgerEntry.id == entry_id)
        if entry is None:
            raise NotFound(translate("services.entries", "积分记录 #{0} 不存在。").format(entry_id))
        if entry.created_by_id != actor.user_id:
            raise UserError(translate("services.entries", "积分记录 #{0} 不是您录入的，不能撤销；请由审核人冲正。").format(
                entry.id))
        if entry.kind not in (EntryKind.AWARD, EntryKind.DEDUCTION):
            raise UserError(translate("services.entries", "只有加分、扣分记录可以撤销。"))
        if (at or now()) - entry.created_at > dt.timedelta(minutes=UNDO_MINUTES):
            raise UserError(translate("services.entries", "积分记录 #{0} 录入已超过 {1} 分钟，不能再撤销；请由审核人冲正。").format(
                entry.id, UNDO_MINUTES))
        if entry.rule_id and Rule.get_by_id(entry.rule_id).is_veto:
            raise UserError(translate("services.entries", "一票否决的记录不能自行撤销，请由审核人冲正。"))
        before = {"status": entry.status}
        if entry.status == EntryStatus.ENTERED:
            LedgerEntry.update(status=EntryStatus.REJECTED, reviewed_by=actor.user_id, reviewed_at=now()).where(
                LedgerEntry.id == entry.id, LedgerEntry.status == EntryStatus.ENTERED).execute()
            signing.sign_status([entry.id], by=actor.user_id, status=EntryStatus.REJECTED, reviewer=True)
            audit.record(actor, "entry.undo", "ledger_entry", entry.id, before,
                         {"status": EntryStatus.REJECTED, "reason": reason})
            return Undone(entry.id, None)
        if entry.status != EntryStatus.EFFECTIVE:
            raise UserError(translate("services.entries", "积分记录 #{0} 已经审核，不能自行撤销；请由审核人冲正。").format(
                entry.id))
        reversal_id, *_ = append(reversal_drafts(entry, reason), created_by=actor.user_id)
        audit.record(actor, "entry.undo", "ledger_entry", entry.id, before,
                     {"reversal": reversal_id, "points": -entry.points, "reason": reason})
        return Undone(entry.id, reversal_id)
