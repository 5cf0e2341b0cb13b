"""What a screen or a print lets a user choose from: villages with their groups, a household by its number.

The one place the village choosers (pages, prints, the command line) read from; plain frozen data, no models."""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.errors import UserError
from pointsapp.models import Group, Household, Village
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.text import translate


@dataclass(frozen=True)
class VillageChoice:
    id: int
    name: str
    code: str
    groups: tuple[tuple[int, str], ...] = ()  # (group id, name) in display order
    workflow: str = Village.WORKFLOW_SIMPLE
    notice_days: int = 7
    expiry_policy: str = Village.EXPIRY_NONE

    @property
    def reviewed(self) -> bool:
        """Entries go through review and public notice in this village."""
        return self.workflow == Village.WORKFLOW_REVIEWED


@dataclass(frozen=True)
class HouseholdRef:
    """A household as a chooser shows it."""
    id: int
    village_id: int
    household_no: str
    head_name: str
    group_id: int
    group_name: str
    archived: bool


def villages(*, actor: Actor) -> list[VillageChoice]:
    """Every village in code order, with its groups (two queries whatever the number of villages)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    groups: dict[int, list[tuple[int, str]]] = {}
    for gid, vid, name in (Group.select(Group.id, Group.village, Group.name)
                           .order_by(Group.sort_order, Group.name).tuples()):
        groups.setdefault(vid, []).append((gid, name))
    return [VillageChoice(v.id, v.name, v.code, tuple(groups.get(v.id, ())), v.workflow, v.notice_days,
                          v.expiry_policy)
            for v in Village.select().order_by(Village.code)]


def village(*, actor: Actor, village_id: int) -> VillageChoice:
    found = next((v for v in villages(actor=actor) if v.id == village_id), None)
    if found is None:
        raise UserError(translate("services.choices", "找不到这个村，可能已被删除。"))
    return found


def find_household(*, actor: Actor, village_id: int | None, household_no: str) -> HouseholdRef | None:
    """The household with this number in the village (archived ones too), or None."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    household_no = (household_no or "").strip()
    if village_id is None or not household_no:
        return None
    row = (Household.select(Household.id, Household.village, Household.household_no, Household.head_name,
                            Group.id, Group.name, Household.status)
           .join(Group, on=(Household.group == Group.id))
           .where(Household.village == village_id, Household.household_no == household_no).tuples().first())
    return HouseholdRef(*row[:6], row[6] == Household.STATUS_ARCHIVED) if row else None


def require_household(*, actor: Actor, village_id: int, household_no: str) -> HouseholdRef:
    """As :func:`find_household`, but a missing household is a :class:`UserError` naming it."""
    found = find_household(actor=actor, village_id=village_id, household_no=household_no)
    if found is None:
        name = next((v.name for v in villages(actor=actor) if v.id == village_id), "")
        raise UserError(translate("services.print_scope", "{0}没有户号为“{1}”的户。").format(
            name, (household_no or "").strip()))
    return found


def group_sheet(*, actor: Actor, group_id: int) -> list[tuple[int, str, str]]:
    """``(id, household number, head)`` of a group's active households in number order: an inspection sheet."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return list(Household.select(Household.id, Household.household_no, Household.head_name)
                .where(Household.group == group_id, Household.status == Household.STATUS_ACTIVE)
                .order_by(Household.household_no).tuples())


def village_of_household(*, actor: Actor, household_id: int) -> int | None:
    """The id of the household's village (None: no such household)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    row = Household.select(Household.village).where(Household.id == household_id).tuples().first()
    return row[0] if row else None
