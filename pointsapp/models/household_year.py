"""户年度分类积分: the ranking's sums for whole years, kept by the database beside the ledger (migration 0015)."""
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
