"""审核、公示、异议、冲正: moving entries forward through the reviewed workflow.

entered → reviewed (by someone other than who entered it) → on notice for N days →
effective. A rejected entry stays in the ledger, never counted. Objections are raised
during notice. When the committee upholds one, the entry first takes effect and is
then reversed by a reversal entry carrying the decision's reason: both rows stay in
the ledger, so a printed ranking or statement can always be traced to what happened
(an entry cannot simply disappear once villagers have seen it on the notice board).
Statuses only move forward; every step writes the audit log in its own transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.models import EntryStatus, LedgerEntry, Notice, Objection, Village, now
from pointsapp.services import audit
from pointsapp.services.register import textnorm
from pointsapp.services.audit import ENTITY_ID_LENGTH
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.scoring.entries import withdraw_stars_after_veto
from pointsapp.services.scoring.expiry import reversal_drafts
from pointsapp.services.scoring.ledger import append, make_effective
from pointsapp.services.signing import writes as signing
from pointsapp.text import domain_label, translate


def _reason(reason: str, what: str) -> str:
    reason = textnorm.free_text(reason, translate("services.review", "原因"))
    if not reason:
        raise UserError(translate("services.review", "{0}必须填写原因。").format(what))
    return reason


_WORKFLOW_FIELDS = (LedgerEntry.id, LedgerEntry.village, LedgerEntry.status, LedgerEntry.created_by,
                    LedgerEntry.notice)


def _entries(entry_ids: Sequence[int], *, full: bool = True) -> list[LedgerEntry]:
    """The entries asked for (all of them, or an error naming the missing). ``full=False``: workflow columns only."""
    ids = list(dict.fromkeys(int(i) for i in entry_ids))
    if not ids:
        raise UserError(translate("services.review", "没有选择任何积分记录。"))
    found = {}
    query = LedgerEntry.select() if full else LedgerEntry.select(*_WORKFLOW_FIELDS)
    for start in range(0, len(ids), 500):
        found.update((e.id, e) for e in query.where(LedgerEntry.id.in_(ids[start:start + 500])))
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise UserError(translate("services.review", "找不到积分记录 #{0}。").format(', #'.join(missing)))
    return [found[i] for i in ids]


def _id_label(ids: list[int]) -> str:
    """The audit row's entity id: the ids themselves while they fit the column, else first…last (the full
    list is in the row's new value either way)."""
    joined = ",".join(map(str, ids))
    return joined if len(joined) <= ENTITY_ID_LENGTH else f"{ids[0]}…{ids[-1]}（{len(ids)} 条）"


def review(*, actor: Actor, entry_ids: Sequence[int], approve: bool, reason: str = "") -> int:
    """Approve (→ reviewed) or reject (→ rejected, with a reason) entries awaiting review."""
    require(actor, Permission.ENTRY_REVIEW)
    if not approve:
        reason = _reason(reason, translate("services.review", "驳回"))
    with write_transaction():
        entries = _entries(entry_ids, full=False)
        for e in entries:
            if e.status != EntryStatus.ENTERED:
                raise UserError(translate("services.review", "积分记录 #{0} 的状态是“{1}”，不在待审核状态。").format(
                    e.id, domain_label(EntryStatus.LABELS[e.status])))
            if e.created_by_id == actor.user_id:
                raise UserError(translate("services.review", "积分记录 #{0} 是您本人录入的，须由另一位审核员审核。").format(e.id))
        ids = [e.id for e in entries]
        new_status = EntryStatus.REVIEWED if approve else EntryStatus.REJECTED
        stamp = now()
        for start in range(0, len(ids), 500):
            LedgerEntry.update(status=new_status, reviewed_by=actor.user_id, reviewed_at=stamp).where(
                LedgerEntry.id.in_(ids[start:start + 500]), LedgerEntry.status == EntryStatus.ENTERED).execute()
        signing.sign_status(ids, by=actor.user_id, status=new_status, reviewer=True)
        # one row per decision, naming every entry it covered (a month's sheet is one decision)
        audit.record(actor, "entry.approve" if approve else "entry.reject", "ledger_entry", _id_label(ids),
                     {"status": EntryStatus.ENTERED}, {"status": new_status, "reason": reason, "entries": ids})
    return len(ids)


def put_on_notice(*, actor: Actor, village_id: int, entry_ids: Sequence[int] | None = None,
                  starts_on: dt.date | None = None, days: int | None = None, title: str = "") -> Notice:
    """Post the village's reviewed entries (or the ones given) on public notice."""
    require(actor, Permission.ENTRY_REVIEW)
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.review", "找不到这个村。"))
    days = village.notice_days if days is None else days
    if days < 1:
        raise UserError(translate("services.review", "公示天数至少为 1 天。"))
    starts_on = starts_on or clock.today()
    with write_transaction():
        if entry_ids is not None:
            entries = _entries(entry_ids, full=False)
            for e in entries:
                if e.village_id != village.id or e.status != EntryStatus.REVIEWED:
                    raise UserError(translate("services.review", "积分记录 #{0} 不是{1}已审核待公示的记录。").format(
                        e.id, village.name))
            ids = [e.id for e in entries]
        else:
            ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
                LedgerEntry.village == village.id, LedgerEntry.status == EntryStatus.REVIEWED).tuples()]
        if not ids:
            raise UserError(translate("services.review", "{0}没有已审核待公示的积分记录。").format(village.name))
        ends_on = starts_on + dt.timedelta(days=days - 1)
        notice = Notice.create(village=village.id, kind="entries", created_by=actor.user_id,
                               title=title or f"{village.name}积分公示（{starts_on:%Y年%m月%d日}起）",
                               starts_on=starts_on, ends_on=ends_on)
        for start in range(0, len(ids), 500):
            LedgerEntry.update(status=EntryStatus.NOTICE, notice=notice.id).where(
                LedgerEntry.id.in_(ids[start:start + 500]), LedgerEntry.status == EntryStatus.REVIEWED).execute()
        signing.sign_status(ids, by=actor.user_id, status=EntryStatus.NOTICE, notice=notice.id)
        audit.record(actor, "notice.create", "notice", notice.id, None,
                     {"village": village.name, "entries": len(ids), "starts_on": starts_on, "ends_on": ends_on})
    return notice


@dataclass
class CloseResult:
    closed: list[int]
    effective: int
    waiting: dict[int, list[int]]  # notice id -> open objection ids that keep it open


def close_notices(*, actor: Actor, village_id: int | None = None, today: dt.date | None = None,
                  notice_id: int | None = None) -> CloseResult:
    """Close notices whose notice period has ended: their entries take effect.

    A notice with an objection still undecided stays open until it is decided.
    """
    require(actor, Permission.ENTRY_REVIEW)
    today = today or clock.today()
    query = Notice.select().where(Notice.closed_at.is_null(), Notice.kind == "entries")
    if village_id is not None:
        query = query.where(Notice.village == village_id)
    if notice_id is not None:
        query = query.where(Notice.id == notice_id)
        notice = Notice.get_or_none(Notice.id == notice_id)
        if notice is None:
            raise UserError(translate("services.review", "找不到公示 #{0}。").format(notice_id))
        if notice.ends_on >= today:
            raise UserError(translate("services.review", "公示 #{0} 到 {1} 才结束，公示期满后才能生效。").format(
                notice_id, notice.ends_on))
    result = CloseResult([], 0, {})
    for notice in query.where(Notice.ends_on < today).order_by(Notice.id):
        open_ids = [o.id for o in Objection.select(Objection.id)
                    .join(LedgerEntry, on=(Objection.entry == LedgerEntry.id))
                    .where(LedgerEntry.notice == notice.id, Objection.status == Objection.STATUS_OPEN)]
        if open_ids:
            result.waiting[notice.id] = open_ids
            continue
        with write_transaction():
            ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
                LedgerEntry.notice == notice.id, LedgerEntry.status == EntryStatus.NOTICE).tuples()]
            count = make_effective(ids, by=actor.user_id)
            withdraw_stars_after_veto(actor=actor, entry_ids=ids)
            Notice.update(closed_at=now()).where(Notice.id == notice.id).execute()
            audit.record(actor, "notice.close", "notice", notice.id, None, {"effective": count})
        result.closed.append(notice.id)
        result.effective += count
    return result


def record_objection(*, actor: Actor, entry_id: int, raised_by: str, content: str,
                     raised_on: dt.date | None = None) -> Objection:
    """登记异议: a villager questions an entry while it is on notice."""
    require(actor, Permission.OBJECTION_RECORD)
    raised_by = textnorm.checked(raised_by, translate("services.review", "提出人"), name=True, max_length=40)
    content = textnorm.free_text(content, translate("services.review", "异议内容"))
    if not raised_by or not content:
        raise UserError(translate("services.review", "异议须写明提出人和异议内容。"))
    raised_on = raised_on or clock.today()
    with write_transaction():
        entry = _entries([entry_id])[0]
        if entry.status != EntryStatus.NOTICE:
            raise UserError(translate("services.review", "积分记录 #{0} 不在公示期内（状态：{1}），"
                                      "不能登记异议；已生效的记录如有错误请冲正。").format(
                                entry.id, domain_label(EntryStatus.LABELS[entry.status])))
        notice = Notice.get_by_id(entry.notice_id)
        if not notice.starts_on <= raised_on <= notice.ends_on:
            raise UserError(translate("services.review", "异议日期 {0} 不在公示期（{1} 至 {2}）内。").format(
                raised_on, notice.starts_on, notice.ends_on))
        objection = Objection.create(entry=entry.id, raised_by=raised_by, raised_on=raised_on, content=content,
                                     recorded_by=actor.user_id)
        audit.record(actor, "objection.record", "objection", objection.id, None,
                     {"entry": entry.id, "raised_by": raised_by, "content": content})
    return objection


def decide_objection(*, actor: Actor, objection_id: int, uphold: bool, reason: str) -> Objection:
    """Uphold (the entry takes effect and is reversed with the reason) or reject an objection."""
    require(actor, Permission.OBJECTION_DECIDE)
    reason = _reason(reason, translate("services.review", "处理异议"))
    with write_transaction():
        objection = Objection.get_or_none(Objection.id == objection_id)
        if objection is None:
            raise UserError(translate("services.review", "找不到异议 #{0}。").format(objection_id))
        if objection.status != Objection.STATUS_OPEN:
            raise UserError(translate("services.review", "异议 #{0} 已经处理过了。").format(objection.id))
        entry = LedgerEntry.get_by_id(objection.entry_id)
        reversal_id = None
        if uphold:
            if entry.status == EntryStatus.NOTICE:
                make_effective([entry.id], by=actor.user_id)
                entry = LedgerEntry.get_by_id(entry.id)
            if not LedgerEntry.select().where(LedgerEntry.reverses == entry.id).exists():
                reversal_id, *_ = append(reversal_drafts(entry, f"异议成立：{reason}"), created_by=actor.user_id)
            else:  # an earlier objection on the same entry already reversed it
                reversal_id = LedgerEntry.get(LedgerEntry.reverses == entry.id).id
        objection.status = Objection.STATUS_UPHELD if uphold else Objection.STATUS_REJECTED
        objection.decided_by, objection.decided_at = actor.user_id, now()
        objection.decision_reason, objection.reversal = reason, reversal_id
        objection.save()
        audit.record(actor, "objection.uphold" if uphold else "objection.reject", "objection", objection.id,
                     {"status": Objection.STATUS_OPEN},
                     {"status": objection.status, "reason": reason, "reversal": reversal_id})
    return objection


def reverse_entry(*, actor: Actor, entry_id: int, reason: str) -> LedgerEntry:
    """冲正: cancel an effective entry by a new entry with the opposite points and a reason."""
    require(actor, Permission.ENTRY_REVERSE)
    with write_transaction():
        entry = _entries([entry_id])[0]
        drafts = reversal_drafts(entry, reason)  # the reversal, then what clearances give back
        reversal_id, *_ = append(drafts, created_by=actor.user_id)
        audit.record(actor, "entry.reverse", "ledger_entry", entry.id, None,
                     {"reversal": reversal_id, "points": -entry.points, "reason": reason.strip()}
                     | ({"expiry_returned": sum(d.points for d in drafts[1:])} if drafts[1:] else {}))
    return LedgerEntry.get_by_id(reversal_id)


def pending(*, actor: Actor, village_id: int | None = None, status: str = EntryStatus.ENTERED) -> list[LedgerEntry]:
    """Entries in one workflow state (awaiting review by default), oldest first."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = LedgerEntry.select().where(LedgerEntry.status == status).order_by(LedgerEntry.id)
    if village_id is not None:
        query = query.where(LedgerEntry.village == village_id)
    return list(query)


@dataclass(frozen=True)
class NoticeView:
    """A public notice (公示) still open, as the review page names it."""
    id: int
    starts_on: dt.date
    ends_on: dt.date


def open_notices(*, actor: Actor, village_id: int | None = None) -> list[NoticeView]:
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = (Notice.select(Notice.id, Notice.starts_on, Notice.ends_on)
             .where(Notice.closed_at.is_null(), Notice.kind == "entries").order_by(Notice.id))
    if village_id is not None:
        query = query.where(Notice.village == village_id)
    return [NoticeView(*row) for row in query.tuples()]


def objections(*, actor: Actor, village_id: int | None = None, open_only: bool = False) -> list[Objection]:
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = (Objection.select(Objection, LedgerEntry)
             .join(LedgerEntry, on=(Objection.entry == LedgerEntry.id)).order_by(Objection.id))
    if village_id is not None:
        query = query.where(LedgerEntry.village == village_id)
    if open_only:
        query = query.where(Objection.status == Objection.STATUS_OPEN)
    return list(query)
