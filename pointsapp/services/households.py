"""户籍: creating households with their members, and finding them fast."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN, fn

from pointsapp.models import Group, Household, HouseholdBalance, Member, StarAward, Village, now
from pointsapp.services import audit, idnumber, pinyin
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.errors import UserError


@dataclass
class MemberData:
    name: str
    relation: str = ""
    id_number: str | None = None
    sex: str = ""
    phone: str = ""
    is_head: bool = False


@dataclass
class HouseholdData:
    household_no: str
    group_name: str
    members: list[MemberData] = field(default_factory=list)
    address: str = ""
    phone: str = ""
    joined_on: dt.date | None = None


def search_key(household_no: str, members: list[MemberData] | list[Member], phone: str = "") -> str:
    parts = [household_no, phone]
    for m in members:
        parts.append(pinyin.search_terms(m.name))
        if m.phone:
            parts.append(m.phone)
    return " ".join(p for p in parts if p).lower()[:400]


def validate(data: HouseholdData) -> list[str]:
    """Problems with a household's data, in Chinese; empty when it may be saved."""
    problems = []
    if not data.household_no.strip():
        problems.append("户号不能为空")
    heads = [m for m in data.members if m.is_head]
    if len(heads) != 1:
        problems.append("每户必须有且只有一位户主" if heads else "这一户没有户主")
    for m in data.members:
        if not m.name.strip():
            problems.append("成员姓名不能为空")
        if m.id_number:
            why = idnumber.problem(m.id_number)
            if why:
                problems.append(f"{m.name}：{why}")
    return problems


def create_household(*, actor: Actor, village: Village, data: HouseholdData) -> Household:
    require(actor, Permission.HOUSEHOLD_EDIT)
    problems = validate(data)
    if problems:
        raise UserError("；".join(problems))
    if Household.get_or_none(Household.village == village, Household.household_no == data.household_no):
        raise UserError(f"{village.name}已有户号为“{data.household_no}”的户。")
    from pointsapp.services.villages import group_by_name

    with Household._meta.database.atomic():
        group = group_by_name(village, data.group_name, create=True)
        head = next(m for m in data.members if m.is_head)
        household = Household.create(
            village=village, group=group, household_no=data.household_no, head_name=head.name,
            search_key=search_key(data.household_no, data.members, data.phone), address=data.address,
            phone=data.phone or head.phone, joined_on=data.joined_on)
        for m in data.members:
            Member.create(household=household, name=m.name, relation=m.relation, is_head=m.is_head,
                          id_number=m.id_number or None, sex=m.sex, phone=m.phone,
                          pinyin=f"{pinyin.initials(m.name)} {pinyin.full(m.name)}")
        audit.record(actor, "household.create", "household", household.id, None,
                     {"household_no": data.household_no, "head": head.name, "members": len(data.members)})
    return household


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    household_no: str
    head_name: str
    village: str
    group: str
    members: int
    phone: str
    status: str
    earned: int
    available: int
    stars: int


def list_households(*, actor: Actor, search: str | None = None, village_id: int | None = None,
                    include_archived: bool = False, limit: int | None = None) -> list[HouseholdRow]:
    """Households with balances and star counts, in one query (no N+1)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    member_count = (Member.select(Member.household, fn.COUNT(Member.id).alias("n"))
                    .where(Member.active == True).group_by(Member.household).alias("mc"))  # noqa: E712
    star_count = (StarAward.select(StarAward.household, fn.COUNT(StarAward.id).alias("n"))
                  .where(StarAward.withdrawn_at.is_null(), StarAward.period == str(dt.date.today().year - 1))
                  .group_by(StarAward.household).alias("sc"))
    query = (Household
             .select(Household.id, Household.household_no, Household.head_name, Village.name.alias("village_name"),
                     Group.name.alias("group_name"), Household.phone, Household.status,
                     fn.COALESCE(member_count.c.n, 0).alias("members"),
                     fn.COALESCE(HouseholdBalance.earned_total, 0).alias("earned"),
                     fn.COALESCE(HouseholdBalance.available, 0).alias("available"),
                     fn.COALESCE(star_count.c.n, 0).alias("stars"))
             .join(Village, on=(Household.village == Village.id))
             .switch(Household).join(Group, on=(Household.group == Group.id))
             .switch(Household).join(HouseholdBalance, JOIN.LEFT_OUTER, on=(HouseholdBalance.household == Household.id))
             .switch(Household).join(member_count, JOIN.LEFT_OUTER, on=(member_count.c.household_id == Household.id))
             .switch(Household).join(star_count, JOIN.LEFT_OUTER, on=(star_count.c.household_id == Household.id))
             .order_by(Village.code, Group.sort_order, Household.household_no))
    if village_id:
        query = query.where(Household.village == village_id)
    if not include_archived:
        query = query.where(Household.status == Household.STATUS_ACTIVE)
    if search:
        query = query.where(Household.search_key.contains(search.strip().lower()))
    if limit:
        query = query.limit(limit)
    show_phone = actor.can(Permission.PRIVATE_VIEW)
    return [
        HouseholdRow(r["id"], r["household_no"], r["head_name"], r["village_name"], r["group_name"], r["members"],
                     r["phone"] if show_phone else mask_phone(r["phone"]), r["status"], r["earned"], r["available"],
                     r["stars"])
        for r in query.dicts()
    ]


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else ("*" * len(phone))


def touch(household: Household) -> None:
    household.updated_at = now()
