"""What a print can be chosen for: villages with their groups, and a household by its number."""
from __future__ import annotations

from dataclasses import dataclass, field

from pointsapp.models import Group, Household, Village
from pointsapp.errors import UserError
from pointsapp.text import translate


@dataclass(frozen=True)
class VillageChoice:
    id: int
    name: str
    code: str
    groups: list[tuple[int, str]] = field(default_factory=list)  # (group id, name) in display order


def villages_and_groups() -> list[VillageChoice]:
    groups: dict[int, list[tuple[int, str]]] = {}
    for gid, vid, name in (Group.select(Group.id, Group.village, Group.name)
                           .order_by(Group.sort_order, Group.name).tuples()):
        groups.setdefault(vid, []).append((gid, name))
    return [VillageChoice(v.id, v.name, v.code, groups.get(v.id, []))
            for v in Village.select().order_by(Village.code)]


def find_household(village_id: int, household_no: str) -> Household:
    """The household with this number in the village (archived ones too: their statements stay printable)."""
    household_no = (household_no or "").strip()
    household = Household.get_or_none(Household.village == village_id, Household.household_no == household_no)
    if household is None:
        village = Village.get_or_none(Village.id == village_id)
        raise UserError(translate("services.print_scope", "{0}没有户号为“{1}”的户。").format(
            village.name if village else '', household_no))
    return household
