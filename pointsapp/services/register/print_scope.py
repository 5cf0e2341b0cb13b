"""A household by its number, for the command line's prints (the screens use ``choices``)."""
from __future__ import annotations

from pointsapp.models import Household, Village
from pointsapp.errors import UserError
from pointsapp.text import translate


def find_household(village_id: int, household_no: str) -> Household:
    """The household with this number in the village (archived ones too: their statements stay printable)."""
    household_no = (household_no or "").strip()
    household = Household.get_or_none(Household.village == village_id, Household.household_no == household_no)
    if household is None:
        village = Village.get_or_none(Village.id == village_id)
        raise UserError(translate("services.print_scope", "{0}没有户号为“{1}”的户。").format(
            village.name if village else '', household_no))
    return household
