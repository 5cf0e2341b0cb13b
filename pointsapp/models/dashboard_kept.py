"""What the database keeps for the dashboard (migration 0016): the month's sums per household, the stars held per
village and star, and the lots on the shelf. Written only by database triggers, never by the app, and not copied
by ``transfer`` (the target's triggers make them again), hence not in ``ALL_MODELS``; ``check`` proves each equal
to its source (``services/reports/dashboard_kept.py``)."""
from peewee import CharField, CompositeKey, IntegerField

from pointsapp.models.base import BaseModel
from pointsapp.models.household_year import KeptEarnedSums


class HouseholdMonth(KeptEarnedSums):
    """The dashboard's sums per village, month ("2026-10") and household, with how many award entries (a household
    with one takes part)."""

    month = CharField(max_length=7)
    award_entries = IntegerField()

    class Meta:
        table_name = "household_month"
        primary_key = CompositeKey("village_id", "month", "household_id")


class VillageStars(BaseModel):
    """How many active households of a village hold a star now (its current evaluation's awards, not withdrawn);
    a count that fell to nothing stays as 0."""

    village_id = IntegerField()
    star_id = IntegerField()
    households = IntegerField()

    class Meta:
        table_name = "village_stars"
        primary_key = CompositeKey("village_id", "star_id")


class LotOnHand(BaseModel):
    """A stock-in still on the shelf and how much of it (``shop.lots.lots_on_hand``); lots used up have no row."""

    move_id = IntegerField(primary_key=True)
    product_id = IntegerField()
    on_hand = IntegerField()

    class Meta:
        table_name = "lot_on_hand"
