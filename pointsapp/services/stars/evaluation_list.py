"""An evaluation as the star screen lists it: one line per household (the stars proposed, what the committee
changed), read with one statement folded by the database, not every proposal with its figures.

A village's evaluation holds a proposal per household and star (1,000 households × 10 stars); the list shows per
household only the names of the stars it would get and the committee's changes. The database folds each
household's proposals into the ids of its included stars and the number it changed (one row per household);
Python turns each distinct set of ids into names once (households share a few dozen sets). The figures behind a
household's proposals (the explanation in the detail pane and the tooltip, the adjust dialog) are read for that
household when they are wanted: ``evaluation.proposals(..., household_id=…)``.
"""
from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import cursor_rows
from pointsapp.models import Group, Household, Star, StarProposal


@dataclass(slots=True)
class Adjustment:
    """A star the committee granted (``included``) or refused against the proposal, and why."""
    included: bool
    star: str  # its name
    reason: str


@dataclass(slots=True)
class ProposedStars:
    """One household's line of an evaluation: the names of the stars it would get (the committee's changes
    included), in the scheme's order, and each change the committee made, in the same order."""
    household_id: int
    household_no: str
    head_name: str
    group: str
    included: tuple[str, ...]
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def adjusted(self) -> bool:
        return bool(self.adjustments)

    @classmethod
    def of(cls, household) -> ProposedStars:
        """The line of a household's proposals read in full (``evaluation.HouseholdProposals``)."""
        return cls(household.household_id, household.household_no, household.head_name, household.group,
                   tuple(i.name for i in household.items if i.included),
                   tuple(Adjustment(i.included, i.name, i.adjust_reason) for i in household.items if i.adjust_reason))


def listed(evaluation_id: int, village_id: int) -> list[ProposedStars]:
    """Every household of the evaluation (its village ``village_id``) in group and household-number order."""
    p = StarProposal
    ids = (fn.GROUP_CONCAT(p.star) if is_sqlite() else fn.string_agg(p.star.cast("text"), ",").order_by(p.star))
    per_household = (p.select(p.household, ids.filter(p.included == True).alias("included"),  # noqa: E712
                              fn.COUNT(p.id).filter(p.adjust_reason != "").alias("adjusted"))
                     .where(p.evaluation == evaluation_id).group_by(p.household).alias("p"))
    rows = cursor_rows(
        Household.select(Household.id, Household.household_no, Household.head_name, Group.name,
                         per_household.c.included, per_household.c.adjusted)
        .join(per_household, on=(per_household.c.household_id == Household.id))
        .switch(Household).join(Group, on=(Household.group == Group.id))
        .order_by(Group.sort_order, Household.household_no))
    stars = _stars(village_id)
    names: dict[str | None, tuple[str, ...]] = {None: (), "": ()}  # a set of star ids as the database gave it
    adjusted = _adjustments(evaluation_id, [r[0] for r in rows if r[5]], stars)
    out = []
    for household_id, no, head, group, included, changed in rows:
        found = names.get(included)
        if found is None:
            found = names[included] = _names(included, stars)
        out.append(ProposedStars(household_id, no, head, group, found,
                                 adjusted.get(household_id, ()) if changed else ()))
    return out


def _stars(village_id: int) -> dict[int, tuple[int, int, str]]:
    """star id → (sort order, id, name): the village's stars, the retired ones too (an old evaluation has them)."""
    return {sid: (order, sid, name) for sid, order, name in cursor_rows(
        Star.select(Star.id, Star.sort_order, Star.name).where(Star.village == village_id))}


def _names(ids: str, stars: dict[int, tuple[int, int, str]]) -> tuple[str, ...]:
    found = [int(i) for i in ids.split(",")]
    if any(i not in stars for i in found):  # a star of another village (never written so): read it by id
        stars.update({sid: (order, sid, name) for sid, order, name in cursor_rows(
            Star.select(Star.id, Star.sort_order, Star.name).where(Star.id.in_(found)))})
    return tuple(name for _order, _id, name in sorted(stars[i] for i in found))


def _adjustments(evaluation_id: int, household_ids: list[int],
                 stars: dict[int, tuple[int, int, str]]) -> dict[int, tuple[Adjustment, ...]]:
    """The committee's changes to the proposals of the households named (those it changed), in star order."""
    if not household_ids:
        return {}
    p = StarProposal
    found: dict[int, list] = {}
    for household_id, star_id, included, reason in cursor_rows(
            p.select(p.household, p.star, p.included, p.adjust_reason)
            .where(p.evaluation == evaluation_id, p.household.in_(household_ids), p.adjust_reason != "")):
        if star_id not in stars:
            _names(str(star_id), stars)
        found.setdefault(household_id, []).append((stars[star_id], bool(included), reason))
    return {household_id: tuple(Adjustment(included, star[2], reason) for star, included, reason in sorted(changes))
            for household_id, changes in found.items()}
