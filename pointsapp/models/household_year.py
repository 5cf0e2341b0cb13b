"""What the database keeps beside the ledger and the stars for the ranking and the household list (migration 0015):
the yearly sums per household and category, and the stars each household holds."""
from peewee import BigIntegerField, CompositeKey, IntegerField

from pointsapp.models.base import BaseModel


class KeptEarnedSums(BaseModel):
    """Effective earned points of a household in a village over a period, kept by database triggers as ledger rows
    are inserted or become effective: all of them, the awards and the deductions as the ranking splits them (net of
    their reversals; deductions negative). Written only by the triggers, never by the app, and not copied by
    ``transfer`` (the target's triggers make them again), hence not in ``ALL_MODELS``; ``check`` proves each
    table of them equal to the ledger. Each subclass says its period and keys."""

    village_id = IntegerField()
    household_id = IntegerField()
    points = BigIntegerField()
    awards = BigIntegerField()
    deductions = BigIntegerField()


class HouseholdYear(KeptEarnedSums):
    """The ranking's sums per village, year, household and category (migration 0015; category 0: an earned entry
    without one); ``services/scoring/household_years.py`` proves them."""

    year = IntegerField()
    category_id = IntegerField()

    class Meta:
        table_name = "household_year"
        primary_key = CompositeKey("village_id", "year", "household_id", "category_id")


class HouseholdStars(BaseModel):
    """户持有星数: how many stars each household holds now (``rankings.held_awards_query``); households holding
    none have no row. Written only by database triggers (migration 0015) on every change to awards, to an
    evaluation's current flag and to a household's village; ``check`` proves it equal to the definition."""

    household_id = IntegerField(primary_key=True)
    stars = IntegerField()

    class Meta:
        table_name = "household_stars"
