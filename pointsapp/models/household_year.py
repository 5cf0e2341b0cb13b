"""What the database keeps beside the ledger and the stars for the ranking and the household list (migration 0015):
the yearly sums per household and category, and the stars each household holds."""
from peewee import BigIntegerField, CompositeKey, IntegerField

from pointsapp.models.base import BaseModel


class HouseholdYear(BaseModel):
    """Effective earned points per village, year, household and category, split into awards and deductions as the
    ranking splits them (net of their reversals; deductions negative); category 0: an earned entry without one.

    Written only by database triggers (migration 0015) as ledger rows are inserted or become effective; never by
    the app, and not copied by ``transfer`` (the target's triggers rebuild it), hence not in ``ALL_MODELS``;
    ``check`` proves it equal to the ledger (``services/scoring/household_years.py``).
    """

    village_id = IntegerField()
    year = IntegerField()
    household_id = IntegerField()
    category_id = IntegerField()
    points = BigIntegerField()
    awards = BigIntegerField()
    deductions = BigIntegerField()

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
