"""The long and rare data set every print is checked with: a long village and group name and the names real
rosters hold (compound surnames, minority names with a middle dot, CJK Extension A and B, 13+ characters)."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import Group, Household, Member, Village

LONG_VILLAGE = "某某某镇某某某某村"
LONG_GROUP = "第二十三村民小组"
RARE_NAMES = ["欧阳娜娜娜", "阿卜杜热合曼·买买提", "王䶮", "张𠈌", "尼格拉·阿不都热依木江·买买提",
              "爱新觉罗·溥仪", "阿依古丽·艾买提", "司马相如如", "买买提艾力·阿卜杜克热木", "上官婉儿"]
PUBLISHED = dt.date(2026, 11, 23)


def make_long_and_rare(*, households: int = 24, villages: int = 2, seed: int = 7) -> Village:
    """Demo data, then the first village, one of its groups and some heads renamed: the village returned."""
    from pointsapp import demo

    demo.generate(households=households, villages=villages, seed=seed)
    village = Village.select().order_by(Village.id).first()
    Village.update(name=LONG_VILLAGE).where(Village.id == village.id).execute()
    group = Group.select().where(Group.village == village).order_by(Group.sort_order, Group.id).first()
    Group.update(name=LONG_GROUP).where(Group.id == group.id).execute()
    heads = list(Household.select().where(Household.village == village).order_by(Household.household_no))
    for household, name in zip(heads, RARE_NAMES):
        Household.update(head_name=name).where(Household.id == household.id).execute()
        Member.update(name=name).where(Member.household == household.id, Member.relation == "户主").execute()
    return Village.get_by_id(village.id)


NOTES = ["帮助邻居抢收晚稻，连续三天义务出工，受到群众好评（经小组长核实）", "月度检查", "（月度卫生检查）",
         "门前三包不到位，柴草乱堆乱放，经劝导后仍未整改", ""]


def put_on_notice(village: Village, *, admin_id: int, ends_on: dt.date = dt.date(2026, 11, 29)) -> int:
    """The village reviews its entries; one entry of each of its first ten households (the rare names) is on
    notice until ``ends_on``, with long notes. Returns how many."""
    from pointsapp.models import EntryStatus, LedgerEntry, Notice, Rule
    from pointsapp.services.scoring.ledger import EntryDraft, append

    Village.update(workflow=Village.WORKFLOW_REVIEWED).where(Village.id == village.id).execute()
    rules = list(Rule.select().where(Rule.village == village.id).order_by(Rule.id))
    notice = Notice.create(village=village.id, title="2026年11月第二批积分公示", starts_on=ends_on - dt.timedelta(days=6),
                           ends_on=ends_on, created_by=admin_id)
    heads = list(Household.select().where(Household.village == village).order_by(Household.household_no).limit(10))
    stamp = dt.datetime.combine(ends_on - dt.timedelta(days=7), dt.time(10, 30))
    drafts = []
    for i, household in enumerate(heads):
        rule = rules[(i * 7) % len(rules)]
        drafts.append(EntryDraft(household_id=household.id, village_id=village.id, kind="award" if rule.points > 0
                                 else "deduction", points=rule.points, occurred_on=ends_on - dt.timedelta(days=10 + i),
                                 note=NOTES[i % len(NOTES)], rule_id=rule.id, category_id=rule.category_id,
                                 status=EntryStatus.NOTICE, reviewed_by=admin_id, reviewed_at=stamp,
                                 created_at=stamp))  # a fixed time: the statement's chain hash is the same each run
    ids = append(drafts, created_by=admin_id)
    LedgerEntry.update(notice=notice.id).where(LedgerEntry.id.in_(ids)).execute()
    return len(ids)
