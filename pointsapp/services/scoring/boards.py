"""红黑榜: the month's best households per heading (category) on the red board, and every deduction of the
period on the black board with the rule it was for.

The black board lists deductions, not low totals: a household is on it for what it did (乱倒垃圾, 参与赌博),
once per effective deduction not reversed. The same list over a year counts a household's black-board
entries for the village rule "N entries in a year withdraw stars" (``services.stars.black_board``).
Nothing here carries an ID number, a phone or an address: the rows are what a public board may show.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN, fn

from pointsapp.db import cursor_date
from pointsapp.models import Category, EntryKind, EntryStatus, Group, Household, LedgerEntry, Rule, Village
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.periods import Period
from pointsapp.services.scoring.rankings import RankingRow, ranking, scope, tagged

RED_PER_HEADING = 3  # households on the red board under each heading


@dataclass(frozen=True)
class RedEntry:
    rank: int
    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    points: int


@dataclass
class RedHeading:
    code: str
    name: str
    rows: list[RedEntry] = field(default_factory=list)


@dataclass(frozen=True)
class BlackEntry:
    entry_id: int
    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    occurred_on: dt.date
    rule: str       # the deduction's rule, as published (e.g. 乱堆乱放、乱倒垃圾)
    category: str
    points: int     # negative
    year_count: int = 0  # which time this year the entry puts its household on the board (1, 2, 3 …)


@dataclass
class RedBlackBoard:
    period: Period
    title: str
    tag: str
    red: list[RedHeading]
    black: list[BlackEntry]
    per_heading: int


def _unreversed():
    """Deductions no effective reversal cancels (a reversal still pending leaves the deduction standing)."""
    reversal = LedgerEntry.alias("reversal")
    return ~fn.EXISTS(reversal.select(reversal.id).where(reversal.reverses == LedgerEntry.id,
                                                          reversal.status == EntryStatus.EFFECTIVE))


def black_entries(*, village_ids: list[int], start: dt.date, end: dt.date, group_id: int | None = None,
                  tag: str | None = None) -> list[BlackEntry]:
    """Every effective deduction of ``start``–``end`` in these villages, not reversed, oldest first."""
    query = (LedgerEntry
             .select(LedgerEntry.id, Household.id, Household.household_no, Household.head_name, Village.name,
                     Group.name, LedgerEntry.occurred_on, Rule.title, Category.name, LedgerEntry.points)
             .join(Household, on=(LedgerEntry.household == Household.id))
             .join(Village, on=(Household.village == Village.id))
             .switch(Household).join(Group, on=(Household.group == Group.id))
             .switch(LedgerEntry).join(Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
             .switch(LedgerEntry).join(Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
             .where(LedgerEntry.village.in_(village_ids), LedgerEntry.kind == EntryKind.DEDUCTION,
                    LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.occurred_on.between(start, end),
                    _unreversed())
             .order_by(LedgerEntry.occurred_on, Household.household_no, LedgerEntry.id))
    if group_id is not None:
        query = query.where(Household.group == group_id)
    if tag:
        query = query.where(Household.id.in_(tagged(tag)))
    out = []
    for eid, hid, no, head, village, group, day, rule, category, points in query.tuples():
        out.append(BlackEntry(eid, hid, no, head, village, group, cursor_date(day), rule or "", category or "", points))
    return out


def black_counts(*, village_ids: list[int], year: int, until: dt.date | None = None) -> dict[int, int]:
    """Black-board entries per household in ``year`` (up to ``until``): the count the star rule reads."""
    counts: dict[int, int] = {}
    end = min(until, dt.date(year, 12, 31)) if until else dt.date(year, 12, 31)
    for entry in black_entries(village_ids=village_ids, start=dt.date(year, 1, 1), end=end):
        counts[entry.household_id] = counts.get(entry.household_id, 0) + 1
    return counts


def _red(rows: list[RankingRow], categories: list[tuple[str, str]], per_heading: int) -> list[RedHeading]:
    """Under each heading the households with the most points in it (more than none); households equal to the
    last place share it and stay on the board."""
    headings = []
    for code, name in categories:
        scored = sorted((r for r in rows if r.by_category.get(code, 0) > 0),
                        key=lambda r: (-r.by_category[code], r.village, r.household_no))
        heading = RedHeading(code, name)
        previous, rank = None, 0
        for position, row in enumerate(scored, start=1):
            points = row.by_category[code]
            if points != previous:
                if position > per_heading:
                    break
                rank, previous = position, points
            heading.rows.append(RedEntry(rank, row.household_id, row.household_no, row.head_name, row.village,
                                         row.group, points))
        if heading.rows:
            headings.append(heading)
    return headings


def red_black_board(*, actor: Actor, period: Period, village_id: int | None = None, group_id: int | None = None,
                    tag: str | None = None, per_heading: int = RED_PER_HEADING) -> RedBlackBoard:
    """The 红黑榜 of a period (usually a month) for a village, a group or the township, of one tag's households
    when ``tag`` is given."""
    if not actor.can(Permission.PRINT):
        require(actor, Permission.REPORT_VIEW)
    board = ranking(actor=actor, period=period, village_id=village_id, group_id=group_id, tag=tag)
    village_ids, _title = scope(village_id, group_id)
    black = black_entries(village_ids=village_ids, start=period.start, end=period.end, group_id=group_id, tag=tag)
    if black:  # which time this year each entry puts its household on the board (the 3rd one shows 3)
        ordinal: dict[int, int] = {}
        seen: dict[int, int] = {}
        for e in black_entries(village_ids=village_ids, start=dt.date(period.end.year, 1, 1), end=period.end):
            seen[e.household_id] = seen.get(e.household_id, 0) + 1
            ordinal[e.entry_id] = seen[e.household_id]
        black = [dataclasses.replace(e, year_count=ordinal.get(e.entry_id, 0)) for e in black]
    return RedBlackBoard(period, board.title, board.tag, _red(board.rows, board.categories, max(1, per_heading)),
                         black, max(1, per_heading))
