"""One household as the detail form shows it: members, tags, place and balances; private data masked."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp.models import (
    Card, Household, HouseholdBalance, HouseholdTag, LedgerEntry, Member, Redemption, StarAward, StarProposal, Tag,
)
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import idnumber
from pointsapp.services.register.household_list import mask_phone
from pointsapp.text import translate


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


def get_household(household_id: int) -> Household:
    return Household.by_id(household_id, translate("services.households", "找不到编号为 {0} 的户。"))


def has_history(household_id: int) -> bool:
    """Whether anything refers to the household that must be kept: ledger, redemptions, stars, cards."""
    return any(model.select().where(model.household == household_id).exists()
               for model in (LedgerEntry, Redemption, StarAward, StarProposal, Card))


def tag_names(household_id: int) -> list[str]:
    return [t.name for t in Tag.select().join(HouseholdTag).where(HouseholdTag.household == household_id)
            .order_by(Tag.name)]
