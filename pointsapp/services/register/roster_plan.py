"""The plan of a 花名册 import, made before anything is written: which village it goes to, each household's and
person's changes (matched by village + 户号 and by ID number), the faults only the database can reveal, and the
pinyin worked out before any lock (most of an import's CPU time). Reads, never writes;
:mod:`pointsapp.services.register.roster_import` writes the plan."""
from __future__ import annotations

from dataclasses import dataclass, field

from pointsapp.errors import UserError
from pointsapp.models import Household, HouseholdTag, Member, Tag, Village
from pointsapp.services.register import idnumber, textnorm
from pointsapp.services.register.households import member_pinyin, search_key
from pointsapp.services.register.roster_read import Fault, Roster, RosterHousehold, RosterPerson
from pointsapp.text import translate


def village_code(name: str) -> str:
    base = (textnorm.name_initials(name) or "v").upper()[:12]
    code, n = base, 1
    while Village.select().where(Village.code == code).exists():
        n += 1
        code = f"{base}{n}"
    return code


def target_village(wanted: str | int | None, guess: str) -> tuple[Village | None, str]:
    """The village to import into, or (None, name) when a first village must be created."""
    if isinstance(wanted, int):
        village = Village.get_or_none(Village.id == wanted)
        if village is None:
            raise UserError(translate("services.roster_import", "找不到要导入的村。"))
        return village, village.name
    villages = list(Village.select().limit(50))
    if wanted:
        village = Village.get_or_none((Village.code == wanted) | (Village.name == wanted))
        if village is not None:
            return village, village.name
        return None, wanted  # a new village, created when the import is written
    if len(villages) == 1:
        if guess and guess != villages[0].name:
            raise UserError(translate("services.roster_import", "花名册标题写的是“{0}”，数据库里只有“{1}”。"
                                      "请指定导入到哪个村（--village），新村名会新建一个村。").format(guess, villages[0].name))
        return villages[0], villages[0].name
    if villages:
        match = [v for v in villages if guess and v.name == guess]
        if len(match) == 1:
            return match[0], match[0].name
        raise UserError(translate("services.roster_import", "数据库里有多个村，请指定导入到哪个村（--village 村名或村代码；新村名会新建一个村）。"))
    if not guess:
        raise UserError(translate("services.roster_import", "数据库里还没有村，花名册标题里也看不出村名。请用 --village 指定村名。"))
    return None, guess


@dataclass
class Plan:
    roster_household: RosterHousehold
    household: Household | None
    fields: dict  # household columns that change
    creates: list[RosterPerson] = field(default_factory=list)
    updates: list[tuple[Member, dict]] = field(default_factory=list)
    unchanged: int = 0
    removes: list[Member] = field(default_factory=list)
    tags: list[str] | None = None

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.creates or self.updates or self.removes or self.tags is not None)


def member_values(p: RosterPerson) -> dict:
    return {"name": p.name, "relation": p.relation, "is_head": p.is_head, "id_number": p.id_number, "sex": p.sex,
            "phone": p.phone, "birth_date": idnumber.birth_date(p.id_number) if p.id_number else None,
            "pinyin": pinyin_of(p.name), "active": True}


PINYIN: dict[str, str] = {}  # filled by prepare before the write lock is taken, emptied after the import (roster_import)


def pinyin_of(name: str) -> str:
    return PINYIN.get(name) or member_pinyin(name)


def prepare(roster: Roster) -> dict[str, str]:
    """What depends on the file alone, worked out before any lock is taken (pinyin is most of an import's CPU
    time): the members' pinyin and each household's search key. A cashier's redemption waits only for writes."""
    keys = {}
    for rh in roster.households.values():
        for p in rh.people:
            if p.name not in PINYIN:
                PINYIN[p.name] = member_pinyin(p.name)
        head = rh.head
        keys[rh.household_no] = search_key(rh.household_no, rh.people, head.phone if head else "")
    return keys


def in_chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def plan_changes(roster: Roster, village: Village | None) -> tuple[list[Plan], list[Fault], set[int]]:
    """What the import would change, and faults only the database can reveal. Reads, never writes."""
    existing: dict[str, Household] = {}
    if village is not None:
        existing = {h.household_no: h for h in Household.select().where(Household.village == village)}
    numbers = [p.id_number for h in roster.households.values() for p in h.people if p.id_number]
    by_id: dict[str, Member] = {}
    for chunk in in_chunks(numbers):
        by_id.update({m.id_number: m for m in Member.select().where(Member.id_number.in_(chunk))})
    matched_ids = [h.id for no, h in existing.items() if no in roster.households]
    members_of: dict[int, list[Member]] = {}
    for chunk in in_chunks(matched_ids):
        for m in Member.select().where(Member.household.in_(chunk), Member.active == True):  # noqa: E712
            members_of.setdefault(m.household_id, []).append(m)
    group_names, grid_names = {}, {}
    if village is not None:
        from pointsapp.models import Grid, Group

        group_names = dict(Group.select(Group.id, Group.name).where(Group.village == village).tuples())
        grid_names = dict(Grid.select(Grid.id, Grid.name).where(Grid.village == village).tuples())
    roster_numbers = set(roster.households)
    plans, faults, touched_elsewhere = [], [], set()
    taken: set[int] = set()
    own_of: list[list[Member]] = []
    for rh in roster.households.values():
        household = existing.get(rh.household_no)
        plan = Plan(rh, household, {}, tags=rh.tags)
        own = list(members_of.get(household.id, [])) if household else []
        for p in rh.people:
            member = by_id.get(p.id_number) if p.id_number else None
            if member is None and household is not None:
                member = next((m for m in own if m.id not in taken and m.name == p.name
                               and (not m.id_number or not p.id_number)), None)
            if member is None:
                plan.creates.append(p)
                continue
            taken.add(member.id)
            if household is None or member.household_id != household.id:
                other = Household.get_by_id(member.household_id)
                if other.village_id == (village.id if village else None) and other.household_no in roster_numbers:
                    pass  # moves between two households of this roster
                elif member.is_head:
                    faults.append(Fault(p.row, translate("services.roster_import", "身份证号码 {0} 已是{1}户号 "
                                                         "{2} 的户主，不能登记到户号 {3}").format(
                        p.id_number, other.village.name, other.household_no, rh.household_no)))
                    continue
                else:
                    touched_elsewhere.add(other.id)
            values = member_values(p)
            diff = {k: v for k, v in values.items() if getattr(member, k) != v}
            if household is None or member.household_id != household.id:
                diff["household"] = None  # set to the new household when written
            if diff:
                plan.updates.append((member, diff))
            else:
                plan.unchanged += 1
        own_of.append(own)
        if household is not None:
            wanted = {"address": rh.address, "group": rh.group, "grid": rh.grid,
                      "phone": rh.head.phone if rh.head else ""}
            current = {"address": household.address, "phone": household.phone,
                       "group": group_names.get(household.group_id, ""),
                       "grid": grid_names.get(household.grid_id, "") if household.grid_id else ""}
            plan.fields = {k: v for k, v in wanted.items() if v and v != current[k]}
            if plan.tags is not None:
                old = sorted(t.name for t in Tag.select().join(HouseholdTag)
                             .where(HouseholdTag.household == household.id))
                plan.tags = None if old == plan.tags else plan.tags
        plans.append(plan)
    for plan, own in zip(plans, own_of):  # only now is it known which members another household took
        plan.removes = [m for m in own if m.id not in taken]
    return plans, faults, touched_elsewhere
