"""One household as the detail form shows it: members, tags, place and balances; private data masked."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp.models import HouseholdBalance, Member
from pointsapp.services import idnumber
from pointsapp.services.auth import Actor, Permission, require


@dataclass(frozen=True)
class MemberView:
    id: int
    name: str
    relation: str
    is_head: bool
    id_number: str  # full only for an actor with Permission.PRIVATE_VIEW
    sex: str
    birth_date: dt.date | None
    phone: str


@dataclass(frozen=True)
class HouseholdDetail:
    id: int
    village_id: int
    village: str
    group_id: int
    group: str
    grid_id: int | None
    grid: str
    household_no: str
    head_name: str
    address: str
    phone: str
    status: str
    joined_on: dt.date | None
    archived_at: dt.datetime | None
    note: str
    tags: list[str]
    members: list[MemberView]
    earned: int
    available: int
    has_history: bool
    private: bool  # whether ID and phone numbers are shown in full

    @property
    def archived(self) -> bool:
        return self.status == "archived"


def household_detail(*, actor: Actor, household_id: int) -> HouseholdDetail:
    from pointsapp.services.households import get_household, has_history, mask_phone, tag_names

    require(actor, Permission.HOUSEHOLD_VIEW)
    private = actor.can(Permission.PRIVATE_VIEW)
    h = get_household(household_id)
    balance = HouseholdBalance.get_or_none(HouseholdBalance.household == h.id)
    members = (Member.select().where(Member.household == h.id, Member.active == True)  # noqa: E712
               .order_by(Member.is_head.desc(), Member.id))
    views = [MemberView(m.id, m.name, m.relation, m.is_head,
                        (m.id_number or "") if private else idnumber.mask(m.id_number), m.sex, m.birth_date,
                        m.phone if private else mask_phone(m.phone))
             for m in members]
    return HouseholdDetail(
        id=h.id, village_id=h.village_id, village=h.village.name, group_id=h.group_id, group=h.group.name,
        grid_id=h.grid_id, grid=h.grid.name if h.grid_id else "", household_no=h.household_no,
        head_name=h.head_name, address=h.address, phone=h.phone if private else mask_phone(h.phone),
        status=h.status, joined_on=h.joined_on, archived_at=h.archived_at, note=h.note, tags=tag_names(h.id),
        members=views, earned=balance.earned_total if balance else 0, available=balance.available if balance else 0,
        has_history=has_history(h.id), private=private)
