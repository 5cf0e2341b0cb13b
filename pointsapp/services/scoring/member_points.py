"""成员积分: the entries that name a household member (党员积分, 好媳妇, 志愿服务), the member's own history and yearly
total. The household stays the scored unit: these are the same ledger rows the household's balances count,
read by member — nothing here adds to or changes a household's total.

A member's yearly total counts effective awards and deductions net of their reversals (a reversal names the
member of the entry it cancels), exactly as the household's earned points do.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from pointsapp.db import cursor_date
from pointsapp.errors import NotFound
from pointsapp.models import Category, EntryKind, EntryStatus, LedgerEntry, Member, Rule
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.text import translate


@dataclass(frozen=True)
class MemberTotal:
    member_id: int
    name: str
    relation: str
    active: bool
    points: int      # effective earned points in the year
    awards: int
    deductions: int  # negative
    entries: int     # effective awards and deductions in the year (reversed ones included, and their reversals)


@dataclass(frozen=True)
class MemberEntry:
    entry_id: int
    occurred_on: dt.date
    kind: str
    rule_code: str
    rule: str
    category: str
    points: int
    status: str
    note: str

    @property
    def status_label(self) -> str:
        """The status in the office's words (已生效, 待审核 …), as the household's ledger shows it."""
        return EntryStatus.LABELS.get(self.status, self.status)


def _year(year: int):
    return LedgerEntry.occurred_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))


def member_totals(*, actor: Actor, household_id: int, year: int) -> list[MemberTotal]:
    """Every member of the household (the head first), with what entries naming them earned in ``year``; a
    member who left the register appears while entries name them."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    points = LedgerEntry.points
    sums = dict((m, (int(p or 0), int(a or 0), int(d or 0), int(n or 0))) for m, p, a, d, n in (
        LedgerEntry.select(LedgerEntry.member, fn.SUM(points),
                           fn.SUM(points).filter((LedgerEntry.kind == EntryKind.AWARD)
                                                 | ((LedgerEntry.kind == EntryKind.REVERSAL) & (points < 0))),
                           fn.SUM(points).filter((LedgerEntry.kind == EntryKind.DEDUCTION)
                                                 | ((LedgerEntry.kind == EntryKind.REVERSAL) & (points > 0))),
                           fn.COUNT(LedgerEntry.id))
        .where(LedgerEntry.household == household_id, LedgerEntry.member.is_null(False),
               LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.earned == True, _year(year))  # noqa: E712
        .group_by(LedgerEntry.member).tuples()))
    members = (Member.select().where(Member.household == household_id,
                                     (Member.active == True) | Member.id.in_(list(sums) or [0]))  # noqa: E712
               .order_by(Member.active.desc(), Member.is_head.desc(), Member.id))
    return [MemberTotal(m.id, m.name, m.relation, m.active, *sums.get(m.id, (0, 0, 0, 0))) for m in members]


def member_history(*, actor: Actor, member_id: int, year: int | None = None) -> list[MemberEntry]:
    """The entries naming the member (of ``year`` when given), newest first, whatever their status."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    if not Member.select().where(Member.id == member_id).exists():
        raise NotFound(translate("services.member_points", "找不到这位家庭成员。"))
    query = (LedgerEntry
             .select(LedgerEntry.id, LedgerEntry.occurred_on, LedgerEntry.kind, Rule.code, Rule.title, Category.name,
                     LedgerEntry.points, LedgerEntry.status, LedgerEntry.note)
             .join(Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
             .switch(LedgerEntry).join(Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
             .where(LedgerEntry.member == member_id)
             .order_by(LedgerEntry.occurred_on.desc(), LedgerEntry.id.desc()))
    if year is not None:
        query = query.where(_year(year))
    out = []
    for eid, day, kind, code, title, category, pts, status, note in query.tuples():
        out.append(MemberEntry(eid, cursor_date(day), kind, code or "", title or "", category or "", pts, status, note or ""))
    return out


def find_member(*, actor: Actor, household_id: int, name: str) -> int:
    """The id of the household's current member called ``name`` (as the register writes it)."""
    from pointsapp.errors import UserError
    from pointsapp.services.register import textnorm

    require(actor, Permission.HOUSEHOLD_VIEW)
    wanted = textnorm.clean_name(name)
    member = Member.get_or_none(Member.household == household_id, Member.name == wanted,
                                Member.active == True)  # noqa: E712
    if member is None:
        raise UserError(translate("services.member_points", "这一户没有名叫“{0}”的家庭成员。").format(wanted))
    return member.id


def member_choices(*, actor: Actor, household_id: int) -> list[tuple[int, str]]:
    """``(member id, "name（relation）")`` of the household's current members, the head first: for pickers."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return [(m.id, f"{m.name}（{m.relation}）" if m.relation else m.name)
            for m in Member.select().where(Member.household == household_id, Member.active == True)  # noqa: E712
            .order_by(Member.is_head.desc(), Member.id)]
