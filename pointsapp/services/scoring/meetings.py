"""评议会: the review meeting — its date, place, who attended in which role, and every decision it took.

A meeting decides villagers' claims (``claims.decide_claim``) and batches of entries waiting for review (an
event's check-ins, a month's inspection sheet): a batch approved or rejected at the meeting goes through the
existing review (``review.review``: a second person, a reason to reject) and is linked to the meeting. Its
minutes (``minutes``) print as an A4 record with signature lines.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.errors import UserError
from pointsapp.models import (
    Batch, Claim, EntryStatus, Household, LedgerEntry, MeetingAttendee, MeetingDecision, ReviewMeeting, Rule,
    Village,
)
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import textnorm
from pointsapp.services.scoring import review
from pointsapp.services.scoring.gatherings import Gathering
from pointsapp.text import translate

MAX_ATTENDEES = 200


def require_recorder(actor: Actor | None) -> Actor:
    """Who may record a meeting and its decisions on claims: the office clerk who keeps the minutes, or a
    reviewer."""
    if actor is not None and actor.can(Permission.ENTRY_REVIEW):
        return actor
    return require(actor, Permission.ENTRY_CREATE)


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str


@dataclass(frozen=True)
class Decision:
    """One line of the minutes."""

    what: str        # "claim" or "batch"
    subject: str     # 申报 #3 张三 孝敬老人… / 批次 #5 活动签到：…
    outcome: str     # approved / rejected
    reason: str
    entries: int
    points: int

    @property
    def approved(self) -> bool:
        return self.outcome == MeetingDecision.OUTCOME_APPROVED


@dataclass(frozen=True)
class MeetingInfo(Gathering):
    chair: str
    recorder: str
    summary: str
    attendees: tuple[Attendee, ...]
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class BatchWaiting:
    """A batch with entries still waiting for review: what a meeting can decide."""

    batch_id: int
    title: str
    period: str
    entries: int
    points: int


def _meeting(meeting_id: int) -> ReviewMeeting:
    return ReviewMeeting.by_id(meeting_id, translate("services.meetings", "找不到评议会 #{0}。"))


def _attendees(rows) -> list[Attendee]:
    out = []
    for row in rows or []:
        name, role = (row if isinstance(row, (tuple, list)) else (getattr(row, "name"), getattr(row, "role")))
        name = textnorm.checked(name or "", translate("services.meetings", "参会人员"), name=True, max_length=40)
        role = textnorm.checked(role or "", translate("services.meetings", "职务"), max_length=40)
        if name:
            out.append(Attendee(name, role))
    if not out:
        raise UserError(translate("services.meetings", "请填写参会人员（至少一人）。"))
    if len(out) > MAX_ATTENDEES:
        raise UserError(translate("services.meetings", "参会人员最多 {0} 人。").format(MAX_ATTENDEES))
    return out


def create_meeting(*, actor: Actor, village_id: int, held_on: dt.date | None = None, place: str = "",
                   attendees=(), title: str = "", chair: str = "", recorder: str = "",
                   summary: str = "") -> MeetingInfo:
    """Record a review meeting: date, place, attendees as (name, role); its decisions are added one by one."""
    require_recorder(actor)
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.meetings", "找不到这个村。"))
    held_on = held_on or clock.today()
    if held_on > clock.today():
        raise UserError(translate("services.meetings", "评议会日期 {0} 还没到：开会后再记录。").format(held_on))
    people = _attendees(attendees)
    place = textnorm.checked(place or "", translate("services.meetings", "地点"), max_length=120)
    chair = textnorm.checked(chair or "", translate("services.meetings", "主持人"), name=True, max_length=40)
    recorder = textnorm.checked(recorder or "", translate("services.meetings", "记录人"), name=True, max_length=40)
    summary = textnorm.free_text(summary or "", translate("services.meetings", "会议情况"))
    title = textnorm.checked(title or "", translate("services.meetings", "会议名称"), max_length=120) or \
        translate("services.meetings", "{0}{1}年{2}月积分评议会").format(village.name, held_on.year, held_on.month)
    with write_transaction():
        meeting = ReviewMeeting.create(village=village.id, title=title[:120], held_on=held_on, place=place,
                                       chair=chair, recorder=recorder, summary=summary, created_by=actor.user_id)
        for n, person in enumerate(people):
            MeetingAttendee.create(meeting=meeting.id, name=person.name, role=person.role, sort_order=n)
        audit.record(actor, "meeting.create", "review_meeting", meeting.id, None,
                     {"title": meeting.title, "held_on": held_on, "place": place, "attendees": len(people)})
    return minutes(actor=actor, meeting_id=meeting.id)


def record_decision(actor: Actor, meeting: ReviewMeeting, *, approve: bool, reason: str, claim_id: int | None = None,
                    batch_id: int | None = None, entries: int = 0, points: int = 0) -> None:
    """The decision's line in the minutes (inside the caller's transaction)."""
    MeetingDecision.create(meeting=meeting.id, claim=claim_id, batch=batch_id, reason=reason, entries=entries,
                           points=points, decided_by=actor.user_id,
                           outcome=MeetingDecision.OUTCOME_APPROVED if approve else MeetingDecision.OUTCOME_REJECTED)


def decide_batch(*, actor: Actor, meeting_id: int, batch_id: int, approve: bool, reason: str = "") -> int:
    """The meeting approves or rejects a batch's entries waiting for review, through the existing review (a
    second person; a reason to reject). Returns how many entries it moved."""
    require(actor, Permission.ENTRY_REVIEW)
    with write_transaction():
        meeting = _meeting(meeting_id)
        batch = Batch.get_or_none(Batch.id == batch_id)
        if batch is None:
            raise UserError(translate("services.meetings", "找不到批次 #{0}。").format(batch_id))
        if batch.village_id != meeting.village_id:
            raise UserError(translate("services.meetings", "批次 #{0} 不是这次评议会所在村的。").format(batch_id))
        waiting = [(i, p) for i, p in LedgerEntry.select(LedgerEntry.id, LedgerEntry.points).where(
            LedgerEntry.batch == batch.id, LedgerEntry.status == EntryStatus.ENTERED).tuples()]
        if not waiting:
            raise UserError(translate("services.meetings", "批次 #{0} 没有待审核的积分记录。").format(batch_id))
        count = review.review(actor=actor, entry_ids=[i for i, _p in waiting], approve=approve, reason=reason)
        record_decision(actor, meeting, batch_id=batch.id, approve=approve, reason=(reason or "").strip(),
                        entries=count, points=sum(p for _i, p in waiting))
        audit.record(actor, "meeting.decide_batch", "review_meeting", meeting.id, None,
                     {"batch": batch.id, "approve": approve, "entries": count, "reason": (reason or "").strip()})
    return count


def batches_waiting(*, actor: Actor, village_id: int) -> list[BatchWaiting]:
    """The village's batches with entries waiting for review, oldest first."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = (LedgerEntry.select(Batch.id, Batch.title, Batch.period, fn.COUNT(LedgerEntry.id), fn.SUM(LedgerEntry.points))
             .join(Batch, on=(LedgerEntry.batch == Batch.id))
             .where(LedgerEntry.village == village_id, LedgerEntry.status == EntryStatus.ENTERED)
             .group_by(Batch.id, Batch.title, Batch.period).order_by(Batch.id))
    return [BatchWaiting(b, t, p, int(c), int(s or 0)) for b, t, p, c, s in query.tuples()]


def _subject(decision: MeetingDecision) -> tuple[str, str]:
    if decision.claim_id:
        claim = Claim.get_by_id(decision.claim_id)
        household = Household.get_by_id(claim.household_id)
        rule = Rule.get_by_id(claim.rule_id)
        return "claim", translate("services.meetings", "申报 #{0}：{1} {2}，{3}（{4} {5}）").format(
            claim.id, household.household_no, household.head_name, claim.deed, rule.code, rule.title)
    batch = Batch.get_by_id(decision.batch_id)
    return "batch", translate("services.meetings", "批次 #{0}：{1}").format(batch.id, batch.title)


def minutes(*, actor: Actor, meeting_id: int) -> MeetingInfo:
    """A meeting as its minutes record it: who attended, and each decision in the order taken."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    meeting = _meeting(meeting_id)
    village = Village.get_by_id(meeting.village_id)
    people = tuple(Attendee(a.name, a.role) for a in MeetingAttendee.select().where(
        MeetingAttendee.meeting == meeting.id).order_by(MeetingAttendee.sort_order, MeetingAttendee.id))
    decisions = []
    for d in MeetingDecision.select().where(MeetingDecision.meeting == meeting.id).order_by(MeetingDecision.id):
        what, subject = _subject(d)
        decisions.append(Decision(what, subject, d.outcome, d.reason, d.entries, d.points))
    return MeetingInfo(meeting.id, village.id, village.name, meeting.title, meeting.held_on, meeting.place,
                       meeting.chair, meeting.recorder, meeting.summary, people, tuple(decisions))


def meetings(*, actor: Actor, village_id: int | None = None) -> list[MeetingInfo]:
    """Meetings, newest first."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = ReviewMeeting.select(ReviewMeeting.id).order_by(ReviewMeeting.held_on.desc(), ReviewMeeting.id.desc())
    if village_id is not None:
        query = query.where(ReviewMeeting.village == village_id)
    return [minutes(actor=actor, meeting_id=m) for (m,) in query.tuples()]
