"""公示名单: the entries of a village now on public notice, grouped by notice, for the notice board.

Reads only. An entry on notice without a ``Notice`` row (possible in older data) is
listed under its own section, its notice ending ``notice_days`` after review.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from pointsapp.models import Category, EntryKind, EntryStatus, Group, Household, LedgerEntry, Notice, Rule, Village
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate


@dataclass(frozen=True)
class NoticeItem:
    entry_id: int
    household_no: str
    head_name: str
    group: str
    category: str
    what: str          # the rule's title, with the entry's note when there is one
    kind_label: str    # 加分, 扣分, 冲正
    points: int
    occurred_on: dt.date


@dataclass
class NoticeSection:
    title: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    items: list[NoticeItem] = field(default_factory=list)


@dataclass
class NoticeBoard:
    village: str
    objection_contact: str
    notice_days: int
    sections: list[NoticeSection] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(s.items) for s in self.sections)


def entry_what(rule: str | None, note: str | None) -> str:
    """What an entry is for, as prints show it: the rule, with the note in brackets unless it says nothing
    more (a note "月度卫生检查" beside the rule "室内卫生干净（月度检查）" is the same inspection twice)."""
    rule, bare = (rule or "").strip(), (note or "").strip().strip("（）() ")
    if not rule:
        return bare or "—"
    tag = rule[rule.rfind("（") + 1:-1] if rule.endswith("）") and "（" in rule else ""
    if not bare or bare in rule or (tag.endswith("检查") and bare.endswith("检查")):
        return rule
    return translate("services.notice_board", "{0}（{1}）").format(rule, bare)


def notice_board(*, actor: Actor, village_id: int) -> NoticeBoard:
    """Every entry of the village with status 公示中, by notice (earliest end first), then group and number."""
    require(actor, Permission.PRINT)
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.notice_board", "找不到这个村。"))
    query = (LedgerEntry
             .select(LedgerEntry.id, LedgerEntry.kind, LedgerEntry.points, LedgerEntry.occurred_on, LedgerEntry.note,
                     LedgerEntry.reviewed_at, LedgerEntry.created_at, Household.household_no, Household.head_name,
                     Group.name, Category.name, Rule.title, Notice.id, Notice.title, Notice.starts_on, Notice.ends_on)
             .join(Household, on=(LedgerEntry.household == Household.id))
             .join(Group, on=(Household.group == Group.id))
             .switch(LedgerEntry).join(Category, JOIN.LEFT_OUTER, on=(LedgerEntry.category == Category.id))
             .switch(LedgerEntry).join(Rule, JOIN.LEFT_OUTER, on=(LedgerEntry.rule == Rule.id))
             .switch(LedgerEntry).join(Notice, JOIN.LEFT_OUTER, on=(LedgerEntry.notice == Notice.id))
             .where(LedgerEntry.village == village_id, LedgerEntry.status == EntryStatus.NOTICE)
             .order_by(Group.sort_order, Group.name, Household.household_no, LedgerEntry.seq)
             .tuples())
    sections: dict[object, NoticeSection] = {}
    for (entry_id, kind, points, occurred_on, note, reviewed_at, created_at, no, head, group, category, rule,
         notice_id, notice_title, starts_on, ends_on) in query:
        if notice_id is None:
            started = (reviewed_at or created_at).date()
            key = ("loose", started)
            title, ends_on, starts_on = (translate("services.notice_board", "待公示积分"),
                                         started + dt.timedelta(days=max(1, village.notice_days) - 1), started)
        else:
            key, title = notice_id, notice_title or translate("services.notice_board", "积分公示")
        section = sections.setdefault(key, NoticeSection(title, starts_on, ends_on))
        section.items.append(NoticeItem(entry_id, no, head, group, category or "", entry_what(rule, note),
                                        EntryKind.LABELS.get(kind, kind), points, occurred_on))
    ordered = sorted(sections.values(), key=lambda s: (s.ends_on or dt.date.max, s.title))
    return NoticeBoard(village.name, village.objection_contact, village.notice_days, ordered)
