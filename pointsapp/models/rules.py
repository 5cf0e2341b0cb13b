"""积分细则: categories and rules. A rule may change; entries keep their own points."""
from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from pointsapp.models.base import BaseModel, now
from pointsapp.models.org import Village


class Category(BaseModel):
    """类别 such as 环境卫生, 文明乡风. Rankings have one column per category."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="categories", on_delete="RESTRICT")
    code = CharField(max_length=20)
    name = CharField(max_length=40)
    sort_order = IntegerField(default=0)

    class Meta:
        indexes = ((("village", "code"), True),)


class Rule(BaseModel):
    """One line of the village's rules, with signed points.

    ``frequency``: "event" (each event), "month" (at most once a month per household),
    "year" (at most once a year). ``cap``: the most points (absolute) a household may
    get from this rule in a year, or null for no cap.
    """

    FREQ_EVENT = "event"
    FREQ_MONTH = "month"
    FREQ_YEAR = "year"

    id = AutoField()
    village = ForeignKeyField(Village, backref="rules", on_delete="RESTRICT")
    category = ForeignKeyField(Category, backref="rules", on_delete="RESTRICT")
    code = CharField(max_length=20)
    title = CharField(max_length=120)
    points = IntegerField()
    frequency = CharField(max_length=8, default=FREQ_EVENT)
    cap = IntegerField(null=True)
    is_veto = BooleanField(default=False)
    inspection_item = BooleanField(default=False)  # appears as a column of the monthly inspection grid
    active = BooleanField(default=True)
    description = TextField(default="")
    created_at = DateTimeField(default=now)
    retired_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("village", "code"), True),)
