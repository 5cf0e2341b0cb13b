"""Ledger entries as the screens list them (who, what, points, status), and the objections raised against them:
plain rows read in one joined query, with the labels (Chinese) the screens translate."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from pointsapp.models import (
    Category, EntryKind, EntryStatus, Group, Household, LedgerEntry, Objection, Rule, User,
)
from pointsapp.db import cursor_date
from pointsapp.db.sql import cursor_rows
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.scoring import entries

OBJECTION_LABELS = {Objection.STATUS_OPEN: "待处理", Objection.STATUS_UPHELD: "成立（已冲正）",
                    Objection.STATUS_REJECTED: "驳回"}


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each field through object.__setattr__, and a review
class EntryLine:         # page reads thousands of these (1,000 rows: 1.4 ms → 0.3 ms)
    id: int
    household_no: str
    head: str
    group: str
    date: dt.date
    category: str
    rule: str          # the rule's title, or the kind's label for points no rule gave (redemption, expiry …)
    points: int
    note: str
    status: str        # the status's label
    entered_by: str


@dataclass(frozen=True)
class ObjectionLine:
    id: int
    entry_id: int
    household_no: str
    head: str
    raised_by: str
    raised_on: dt.date
    content: str
    status: str        # the status's label
    decision_reason: str
    open: bool = False  # still waiting for a decision


def _lines(query) -> list[EntryLine]:
    rows = (query
            .select(LedgerEntry.id, Household.household_no, Household.head_name, Group.name, LedgerEntry.occurred_on,
                    Category.name, Rule.title, LedgerEntry.points, LedgerEntry.note, LedgerEntry.status,
                    LedgerEntry.kind, User.display_name, User.username)
            .join_from(LedgerEntry, Household, on=(LedgerEntry.household == Household.id))
            .join_from(Household, Group, on=(Household.group == Group.id))
            .join_from(LedgerEntry, Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
            .join_from(LedgerEntry, Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
            .join_from(LedgerEntry, User, on=(LedgerEntry.created_by == User.id)))
    # straight from the cursor: peewee's per-value conversion (its date parsing above all) cost more than the query
    # on a review page of a thousand entries; SQLite hands dates back as text
    days: dict = {}  # a month's entries share a handful of dates: each parsed once

    def day_of(value):
        found = days.get(value)
        if found is None:
            found = days[value] = cursor_date(value)
        return found
    return [EntryLine(i, no, head, group, day_of(day), cat or "", rule or EntryKind.LABELS.get(kind, kind), points,
                      note, EntryStatus.LABELS.get(status, status), disp or user)
            for i, no, head, group, day, cat, rule, points, note, status, kind, disp, user
            in cursor_rows(rows)]


def recent(*, actor: Actor, limit: int = 20) -> list[EntryLine]:
    """What ``actor`` entered last, newest first (``entries.recent_entries``)."""
    return _lines(entries.recent_entries(actor=actor, limit=limit))


def in_state(*, actor: Actor, village_id: int, status: str) -> list[EntryLine]:
    """A village's entries in one workflow state (``EntryStatus``), oldest first."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return _lines(LedgerEntry.select().where(LedgerEntry.village == village_id, LedgerEntry.status == status)
                  .order_by(LedgerEntry.id))


def awaiting_review(*, actor: Actor, village_id: int) -> list[EntryLine]:
    return in_state(actor=actor, village_id=village_id, status=EntryStatus.ENTERED)


def on_notice(*, actor: Actor, village_id: int) -> list[EntryLine]:
    return in_state(actor=actor, village_id=village_id, status=EntryStatus.NOTICE)


def reviewed_count(*, actor: Actor, village_id: int) -> int:
    """How many of the village's entries are reviewed and wait to be put on notice."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return (LedgerEntry.select().where(LedgerEntry.village == village_id,
                                       LedgerEntry.status == EntryStatus.REVIEWED).count())


def objections(*, actor: Actor, village_id: int, open_only: bool = False) -> list[ObjectionLine]:
    """The village's objections, with the household each is about (one joined query)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = (Objection
             .select(Objection.id, Objection.entry, Household.household_no, Household.head_name, Objection.raised_by,
                     Objection.raised_on, Objection.content, Objection.status, Objection.decision_reason)
             .join(LedgerEntry, on=(Objection.entry == LedgerEntry.id))
             .join(Household, on=(LedgerEntry.household == Household.id))
             .where(LedgerEntry.village == village_id)
             .order_by(Objection.id))
    if open_only:
        query = query.where(Objection.status == Objection.STATUS_OPEN)
    return [ObjectionLine(i, entry, no, head, by, on, content, OBJECTION_LABELS.get(status, status), reason,
                          status == Objection.STATUS_OPEN)
            for i, entry, no, head, by, on, content, status, reason in query.tuples()]
