"""公示清单: what a notice posted, line by line, for the notice board print and the review page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from pointsapp.models import Category, Group, Household, LedgerEntry, Notice, Rule, Village
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate


@dataclass
class NoticeLine:
    entry_id: int
    household_no: str
    head_name: str  # unmasked: the print decides whether to mask (张*丰)
    group: str
    occurred_on: dt.date
    category: str
    rule: str
    points: int


@dataclass
class NoticeSheet:
    notice_id: int
    village: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    objection_contact: str  # where villagers raise objections
    closed: bool
    lines: list[NoticeLine] = field(default_factory=list)

    @property
    def total_points(self) -> int:
        return sum(line.points for line in self.lines)


def notice_sheet(*, actor: Actor, notice_id: int) -> NoticeSheet:
    """Every entry put on notice ``notice_id``, by group and household number."""
    if not actor.can(Permission.PRINT):
        require(actor, Permission.REPORT_VIEW)
    notice = Notice.select(Notice, Village).join(Village).where(Notice.id == notice_id).first()
    if notice is None:
        raise UserError(translate("services.notices", "找不到公示 #{0}。").format(notice_id))
    sheet = NoticeSheet(notice.id, notice.village.name, notice.title, notice.starts_on, notice.ends_on,
                        notice.village.objection_contact, notice.closed_at is not None)
    query = (LedgerEntry
             .select(LedgerEntry.id, Household.household_no, Household.head_name, Group.name, LedgerEntry.occurred_on,
                     Category.name, Rule.title, LedgerEntry.points)
             .join(Household, on=(LedgerEntry.household == Household.id))
             .join(Group, on=(Household.group == Group.id))
             .switch(LedgerEntry).join(Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
             .switch(LedgerEntry).join(Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
             .where(LedgerEntry.notice == notice.id)
             .order_by(Group.sort_order, Household.household_no, LedgerEntry.occurred_on, LedgerEntry.id).tuples())
    sheet.lines = [NoticeLine(i, no, head, group, day, cat or "", rule or "", points)
                   for i, no, head, group, day, cat, rule, points in query]
    return sheet
