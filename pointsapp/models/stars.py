"""星级文明户: star schemes, yearly evaluations, awards and withdrawals."""
from __future__ import annotations

from peewee import (
    AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField,
)

from pointsapp.models.base import BaseModel, now
from pointsapp.models.ledger import Notice
from pointsapp.models.org import Household, Village
from pointsapp.models.users import User


class Star(BaseModel):
    """One star of a village's scheme. ``criterion`` is JSON, e.g.
    ``{"categories": ["hygiene"], "min_points": 30, "no_veto": true}``."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="stars", on_delete="RESTRICT")
    code = CharField(max_length=20)
    name = CharField(max_length=30)
    color = CharField(max_length=9, default="#d4262c")
    sort_order = IntegerField(default=0)
    criterion = TextField(default="{}")
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("village", "code"), True),)


class StarEvaluation(BaseModel):
    """评星: one evaluation run for a village and a year (or half-year).

    ``is_current`` marks the village's current evaluation: its latest APPLIED one by period
    (``services.stars.period_order``), whose awards (not withdrawn) are the stars households
    hold now. At most one per village (a partial unique index, migration 0006); kept by
    ``services.star_awards.apply``.
    """

    STATUS_DRAFT = "draft"
    STATUS_NOTICE = "notice"
    STATUS_APPLIED = "applied"

    id = AutoField()
    village = ForeignKeyField(Village, backref="star_evaluations", on_delete="RESTRICT")
    period = CharField(max_length=7)  # "2026" or "2026-H1"
    status = CharField(max_length=8, default=STATUS_DRAFT)
    notice = ForeignKeyField(Notice, null=True, on_delete="RESTRICT")
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now)
    applied_at = DateTimeField(null=True)
    is_current = BooleanField(default=False)


class StarProposal(BaseModel):
    """What the evaluation proposes for one household and star, with the figures behind it."""

    id = AutoField()
    evaluation = ForeignKeyField(StarEvaluation, backref="proposals", on_delete="RESTRICT")
    household = ForeignKeyField(Household, on_delete="RESTRICT")
    star = ForeignKeyField(Star, on_delete="RESTRICT")
    qualified = BooleanField()  # what the criterion says
    included = BooleanField()  # what the committee decided (differs only with a reason)
    figures = TextField(default="{}")  # JSON: points per category, veto entries …
    adjusted_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    adjust_reason = TextField(default="")

    class Meta:
        indexes = ((("evaluation", "household", "star"), True),)


class StarAward(BaseModel):
    """授星; ``withdrawn_at`` set when the star is taken back (摘星)."""

    id = AutoField()
    household = ForeignKeyField(Household, backref="star_awards", on_delete="RESTRICT")
    star = ForeignKeyField(Star, on_delete="RESTRICT")
    period = CharField(max_length=7)
    evaluation = ForeignKeyField(StarEvaluation, null=True, on_delete="RESTRICT")
    awarded_on = DateField()
    awarded_by = ForeignKeyField(User, on_delete="RESTRICT")
    withdrawn_at = DateTimeField(null=True)
    withdrawn_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    withdrawn_reason = TextField(default="")

    class Meta:
        indexes = ((("household", "star", "period"), True),
                   (("household", "withdrawn_at", "star"), False))  # a household's held stars, by index (0005)
