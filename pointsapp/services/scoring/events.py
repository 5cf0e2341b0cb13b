"""活动签到: events that award one rule to every household that turned out, checked in by card.

An event is created open (name, date, rule, points per household, an optional cap of households). Each
check-in — a scanned card, a typed household number, a tick in the register — is written at once, so a
crash loses no scan; a household checks in once (a second scan is "已签到" and adds nothing). Closing the
event writes the points of everyone present as ONE batch of ledger entries in one transaction: entered for
review in a reviewed village, effective at once in a village without review. A household whose rule limit
(每月一次, 年度上限) is already reached is kept as present but gets no entry, with the reason.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp import clock
from pointsapp.db.connection import is_sqlite, write_transaction
from pointsapp.errors import NotFound, UserError
from pointsapp.models import (
    Batch, EntryStatus, Event, EventAttendance, Group, Household, LedgerEntry, Rule, Village, now,
)
from pointsapp.services import audit, limits, periods
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import cards, textnorm
from pointsapp.services.scoring.entries import (
    _check_household, _check_rule, _draft, household_label, initial_status, withdraw_stars_after_veto,
)
from pointsapp.services.scoring.gatherings import Gathering
from pointsapp.services.scoring.ledger import append
from pointsapp.services.scoring.rules import limit_problem, usage
from pointsapp.text import translate

STATUS_LABELS = Event.LABELS            # 签到中 / 已结束 (listed for translation in ui/event_labels.py)
HOW_LABELS = EventAttendance.LABELS     # 刷卡 / 输入户号 / 名册勾选
ENTRY_STATUS_LABELS = EntryStatus.LABELS


@dataclass(frozen=True)
class EventInfo(Gathering):
    rule_id: int
    rule_code: str
    rule_title: str
    points: int
    cap: int | None
    status: str
    present: int
    awarded: int
    batch_id: int | None

    @property
    def is_open(self) -> bool:
        return self.status == Event.STATUS_OPEN


@dataclass(frozen=True)
class CheckIn:
    """The answer to one scan: ``outcome`` is "new" (checked in now) or "already" (nothing added)."""

    outcome: str
    household_id: int
    household_no: str
    head_name: str
    group: str
    present: int  # households present now
    points: int

    @property
    def new(self) -> bool:
        return self.outcome == "new"


@dataclass(frozen=True)
class Present:
    """A household on an event's sign-in list."""

    household_id: int
    household_no: str
    head_name: str
    group: str
    how: str
    checked_in_at: dt.datetime
    entry_id: int | None
    note: str
    entry_status: str = ""  # where its entry is in the workflow (entered … effective, or rejected)


@dataclass(frozen=True)
class CloseResult:
    event_id: int
    batch_id: int | None
    entries: int
    points: int
    skipped: list[tuple[str, str]]  # (household label, why no points)
    status: str                      # the entries' status: entered or effective


def _event(event_id: int, *, lock_open: bool = False) -> Event:
    """The event; with ``lock_open``, one still open, its row locked on PostgreSQL until the transaction ends (two
    stations scanning at once cannot both take the last place, nor check in while another closes the event;
    SQLite's write transaction already runs one at a time)."""
    query = Event.select().where(Event.id == event_id)
    if lock_open and not is_sqlite():
        query = query.for_update()
    event = query.first()
    if event is None:
        raise NotFound(translate("services.events", "找不到活动 #{0}。").format(event_id))
    if lock_open and event.status != Event.STATUS_OPEN:
        raise UserError(translate("services.events", "活动“{0}”已经结束，不能再签到或修改。").format(event.title))
    return event


def _info(event: Event) -> EventInfo:
    rule = Rule.get_by_id(event.rule_id)
    village = Village.get_by_id(event.village_id)
    present = EventAttendance.select().where(EventAttendance.event == event.id).count()
    awarded = EventAttendance.select().where(EventAttendance.event == event.id,
                                             EventAttendance.entry_id.is_null(False)).count()
    return EventInfo(event.id, village.id, village.name, event.title, event.held_on, event.place, rule.id,
                     rule.code, rule.title, event.points, event.cap, event.status, present, awarded, event.batch_id)


def create_event(*, actor: Actor, village_id: int, title: str, held_on: dt.date | None = None, rule_id: int,
                 points: int | None = None, cap: int | None = None, place: str = "") -> EventInfo:
    """A new event, open for check-in. ``points``: per household present, the rule's points when not given
    (same sign as the rule); ``cap``: at most this many households (名额)."""
    require(actor, Permission.ENTRY_CREATE)
    title = textnorm.checked(title, translate("services.events", "活动名称"), max_length=120)
    place = textnorm.checked(place or "", translate("services.events", "活动地点"), max_length=120)
    if not title:
        raise UserError(translate("services.events", "请填写活动名称。"))
    held_on = held_on or clock.today()
    if held_on > clock.today():
        raise UserError(translate("services.events", "活动日期 {0} 还没到：活动当天再开始签到。").format(held_on))
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.events", "找不到这个村。"))
    rule = Rule.get_or_none(Rule.id == rule_id)
    if rule is None or rule.village_id != village.id:
        raise UserError(translate("services.events", "所选细则不属于{0}。").format(village.name))
    if not rule.active:
        raise UserError(translate("services.entries", "细则“{0} {1}”已停用，不能再录入。").format(rule.code, rule.title))
    if rule.points <= 0:
        raise UserError(translate("services.events", "活动签到只能记加分细则；“{0} {1}”是扣分细则。").format(
            rule.code, rule.title))
    points = rule.points if points is None else points
    if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
        raise UserError(translate("services.events", "每户分值必须是正整数。"))
    limits.bounded(points, translate("services.events", "每户分值"), 1, limits.POINTS_PER_ENTRY)
    if cap is not None:
        if not isinstance(cap, int) or isinstance(cap, bool) or cap < 1:
            raise UserError(translate("services.events", "名额必须是正整数，或不填表示不限。"))
        limits.bounded(cap, translate("services.events", "名额"), 1, 100_000)
    with write_transaction():
        event = Event.create(village=village.id, title=title, held_on=held_on, place=place, rule=rule.id,
                             points=points, cap=cap, created_by=actor.user_id)
        audit.record(actor, "event.create", "event", event.id, None,
                     {"title": title, "held_on": held_on, "rule": rule.code, "points": points, "cap": cap})
    return _info(event)


def _household_from(event: Event, *, payload: str | None, household_no: str | None,
                    household_id: int | None) -> tuple[Household, str]:
    if payload:
        check, found = cards.scan(payload)
        if not check.valid:
            raise UserError(check.reason)
        household = Household.get_by_id(found.household_id)
        how = EventAttendance.HOW_CARD
    elif household_no:
        household = Household.get_or_none(Household.village == event.village_id,
                                          Household.household_no == household_no.strip())
        if household is None:
            raise UserError(translate("services.events", "本村没有户号为“{0}”的户。").format(household_no.strip()))
        how = EventAttendance.HOW_NUMBER
    elif household_id is not None:
        household = Household.get_or_none(Household.id == household_id)
        how = EventAttendance.HOW_REGISTER
    else:
        raise UserError(translate("services.events", "请刷卡、输入户号或从名册中勾选一户。"))
    if household is None:
        raise UserError(translate("services.entries", "找不到这一户。"))
    if household.village_id != event.village_id:
        raise UserError(translate("services.events", "{0} 不是本村的户，不能在这个活动签到。").format(
            household_label(household)))
    _check_household(household, event.held_on)
    return household, how


def check_in(*, actor: Actor, event_id: int, payload: str | None = None, household_no: str | None = None,
             household_id: int | None = None) -> CheckIn:
    """签到 one household: by its card's ``payload`` (verified as at the till), its number, or its id (a tick in
    the register). Once per household: a second check-in answers "already" and writes nothing."""
    require(actor, Permission.ENTRY_CREATE)
    with write_transaction():
        event = _event(event_id, lock_open=True)
        household, how = _household_from(event, payload=payload, household_no=household_no,
                                         household_id=household_id)
        group = Group.get_by_id(household.group_id).name
        seen = EventAttendance.get_or_none(EventAttendance.event == event.id,
                                           EventAttendance.household == household.id)
        present = EventAttendance.select().where(EventAttendance.event == event.id).count()
        if seen is not None:
            return CheckIn("already", household.id, household.household_no, household.head_name, group, present,
                           0)
        if event.cap is not None and present >= event.cap:
            raise UserError(translate("services.events", "名额已满：本次活动限 {0} 户，已签到 {1} 户。").format(
                event.cap, present))
        EventAttendance.create(event=event.id, household=household.id, how=how, checked_in_by=actor.user_id)
        audit.record(actor, "event.check_in", "event", event.id, None,
                     {"household": household.household_no, "how": how})
    return CheckIn("new", household.id, household.household_no, household.head_name, group, present + 1,
                   event.points)


def cancel_check_in(*, actor: Actor, event_id: int, household_id: int) -> int:
    """Take back a check-in made by mistake (wrong tick) while the event is open. Returns households present."""
    require(actor, Permission.ENTRY_CREATE)
    with write_transaction():
        event = _event(event_id, lock_open=True)
        row = EventAttendance.get_or_none(EventAttendance.event == event.id,
                                          EventAttendance.household == household_id)
        if row is None:
            raise UserError(translate("services.events", "这一户没有在这个活动签到。"))
        household = Household.get_by_id(household_id)
        row.delete_instance()
        audit.record(actor, "event.cancel_check_in", "event", event.id, {"household": household.household_no},
                     None)
        return EventAttendance.select().where(EventAttendance.event == event.id).count()


def close_event(*, actor: Actor, event_id: int) -> CloseResult:
    """结束活动: everyone present gets the event's points, written as one batch in one transaction."""
    require(actor, Permission.ENTRY_CREATE)
    with write_transaction():
        event = _event(event_id, lock_open=True)
        village = Village.get_by_id(event.village_id)
        rows = list(EventAttendance.select().where(EventAttendance.event == event.id).order_by(EventAttendance.id))
        if not rows:
            raise UserError(translate("services.events", "活动“{0}”还没有人签到，没有积分可记。").format(event.title))
        households = {h.id: h for h in Household.select().where(Household.id.in_([r.household_id for r in rows]))}
        rule = Rule.get_by_id(event.rule_id)
        # the limit check counts the event's own points: an unsaved copy of the rule carrying them
        as_given = Rule(**{**rule.__data__, "points": event.points})
        used = usage([rule.id], list(households), event.held_on.year)
        status = initial_status(village)
        drafts, awarded, skipped = [], [], []
        for row in sorted(rows, key=lambda r: households[r.household_id].household_no):
            household = households[row.household_id]
            label = household_label(household)
            try:
                _check_household(household, event.held_on)
                _check_rule(rule, household)
            except UserError as exc:
                skipped.append((row, label, exc.message))
                continue
            problem = limit_problem(as_given, used[(household.id, rule.id)], event.held_on, label)
            if problem:
                skipped.append((row, label, problem))
                continue
            draft = _draft(household, rule, event.held_on, f"活动签到：{event.title}", status)
            draft.points = event.points
            drafts.append(draft)
            awarded.append(row)
        batch = None
        if drafts:
            batch = Batch.create(village=village.id, group=None, period=periods.month(event.held_on).code,
                                 title=f"活动签到：{event.title}"[:120], created_by=actor.user_id)
            for draft in drafts:
                draft.batch_id = batch.id
            ids = append(drafts, created_by=actor.user_id)
            for row, entry_id in zip(awarded, ids):
                EventAttendance.update(entry_id=entry_id).where(EventAttendance.id == row.id).execute()
            if status == EntryStatus.EFFECTIVE:
                withdraw_stars_after_veto(actor=actor, entry_ids=ids)
        for row, _label, why in skipped:
            EventAttendance.update(note=why[:200]).where(EventAttendance.id == row.id).execute()
        Event.update(status=Event.STATUS_CLOSED, batch=batch.id if batch else None, closed_by=actor.user_id,
                     closed_at=now()).where(Event.id == event.id).execute()
        total = sum(d.points for d in drafts)
        audit.record(actor, "event.close", "event", event.id, {"status": Event.STATUS_OPEN},
                     {"status": Event.STATUS_CLOSED, "batch": batch.id if batch else None, "entries": len(drafts),
                      "points": total, "skipped": len(skipped), "entry_status": status})
    return CloseResult(event.id, batch.id if batch else None, len(drafts), total,
                       [(label, why) for _row, label, why in skipped], status)


def events(*, actor: Actor, village_id: int | None = None, open_only: bool = False) -> list[EventInfo]:
    """Events, newest first, with how many households were present."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = Event.select().order_by(Event.held_on.desc(), Event.id.desc())
    if village_id is not None:
        query = query.where(Event.village == village_id)
    if open_only:
        query = query.where(Event.status == Event.STATUS_OPEN)
    return [_info(e) for e in query]


def event(*, actor: Actor, event_id: int) -> EventInfo:
    require(actor, Permission.HOUSEHOLD_VIEW)
    return _info(_event(event_id))


def attendance(*, actor: Actor, event_id: int) -> list[Present]:
    """Who checked in, in the order they came."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    _event(event_id)
    query = (EventAttendance.select(EventAttendance, Household, Group)
             .join(Household, on=(EventAttendance.household == Household.id))
             .join(Group, on=(Household.group == Group.id))
             .where(EventAttendance.event == event_id).order_by(EventAttendance.id))
    rows = list(query)
    ids = [r.entry_id for r in rows if r.entry_id]
    status = dict(LedgerEntry.select(LedgerEntry.id, LedgerEntry.status).where(LedgerEntry.id.in_(ids)).tuples()) \
        if ids else {}
    return [Present(r.household.id, r.household.household_no, r.household.head_name, r.household.group.name,
                    r.how, r.checked_in_at, r.entry_id, r.note, status.get(r.entry_id, "")) for r in rows]
