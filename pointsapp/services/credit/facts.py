"""What a points certificate or the whole-village credit list says of a household: points earned in each of the
last years, available now, stars held, black-board entries per year — read from the ledger, nothing written."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pointsapp.models import (
    EntryStatus,
    Group,
    Household,
    HouseholdBalance,
    LedgerEntry,
    Member,
    Village,
)
from pointsapp.services.register import idnumber
from pointsapp.services.scoring.boards import BlackEntry, black_entries
from pointsapp.services.stars.awards import star_summary

DEFAULT_YEARS = 3
MAX_YEARS = 10


@dataclass
class HouseholdFacts:
    household_id: int
    village_id: int
    village: str
    village_code: str
    group: str
    household_no: str
    head_name: str
    head_id_masked: str          # 6101**********1234, or "" when none is on record
    members: int
    years: list[tuple[int, int]]  # (year, earned that year), oldest first; the last year up to ``as_of``
    available: int
    stars: list[str] = field(default_factory=list)  # names of the stars held now
    black: list[BlackEntry] = field(default_factory=list)  # black-board entries of those years

    def black_per_year(self) -> list[tuple[int, int]]:
        counts = {year: 0 for year, _ in self.years}
        for entry in self.black:
            counts[entry.occurred_on.year] = counts.get(entry.occurred_on.year, 0) + 1
        return sorted(counts.items())


def year_span(as_of: dt.date, years: int) -> list[int]:
    return list(range(as_of.year - years + 1, as_of.year + 1))


def _earned_by_year(household_ids: list[int], first: dt.date, as_of: dt.date) -> dict[int, dict[int, int]]:
    out: dict[int, dict[int, int]] = {}
    for start in range(0, len(household_ids), 500):
        chunk = household_ids[start:start + 500]
        query = (LedgerEntry.select(LedgerEntry.household, LedgerEntry.occurred_on, LedgerEntry.points)
                 .where(LedgerEntry.household.in_(chunk), LedgerEntry.earned == True,
                        LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.occurred_on.between(first, as_of)))
        for hid, day, points in query.tuples():
            year = int(str(day)[:4])
            per = out.setdefault(hid, {})
            per[year] = per.get(year, 0) + points
    return out


def gather(households: list[Household], *, as_of: dt.date, years: int = DEFAULT_YEARS) -> list[HouseholdFacts]:
    """The facts of ``households`` (with their village and group joined) as of ``as_of``, in the given order."""
    span = year_span(as_of, years)
    first = dt.date(span[0], 1, 1)
    ids = [h.id for h in households]
    earned = _earned_by_year(ids, first, as_of)
    balances = dict(HouseholdBalance.select(HouseholdBalance.household, HouseholdBalance.available)
                    .where(HouseholdBalance.household.in_(ids)).tuples()) if ids else {}
    stars = star_summary(ids)
    heads: dict[int, str] = {}
    counts: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        for hid, is_head, number in (Member.select(Member.household, Member.is_head, Member.id_number)
                                     .where(Member.household.in_(ids[start:start + 500]), Member.active == True)
                                     .tuples()):
            counts[hid] = counts.get(hid, 0) + 1
            if is_head and number:
                heads[hid] = idnumber.mask(number)
    black: dict[int, list[BlackEntry]] = {}
    for village_id in sorted({h.village_id for h in households}):
        for entry in black_entries(village_ids=[village_id], start=first, end=as_of):
            black.setdefault(entry.household_id, []).append(entry)
    out = []
    for h in households:
        per = earned.get(h.id, {})
        out.append(HouseholdFacts(
            household_id=h.id, village_id=h.village_id, village=h.village.name, village_code=h.village.code,
            group=h.group.name, household_no=h.household_no, head_name=h.head_name, head_id_masked=heads.get(h.id, ""),
            members=counts.get(h.id, 0), years=[(y, per.get(y, 0)) for y in span],
            available=balances.get(h.id, 0), stars=[name for name, _color in stars.get(h.id, (0, []))[1]],
            black=black.get(h.id, [])))
    return out


def households_of(*, village_id: int | None = None, household_id: int | None = None) -> list[Household]:
    query = (Household.select(Household, Village, Group).join(Village).switch(Household).join(Group))
    if household_id is not None:
        query = query.where(Household.id == household_id)
    if village_id is not None:
        query = query.where(Household.village == village_id, Household.status == Household.STATUS_ACTIVE)
    return list(query.order_by(Household.household_no))
