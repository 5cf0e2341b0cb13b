"""Who is scored: townships, villages, groups, grids, households, members, tags."""
from __future__ import annotations

from peewee import (
    AutoField, BooleanField, CharField, CompositeKey, DateField, DateTimeField,
    ForeignKeyField, IntegerField, TextField,
)

from pointsapp.models.base import BaseModel, now


class Township(BaseModel):
    id = AutoField()
    name = CharField(max_length=60)
    code = CharField(max_length=20, unique=True)


class Village(BaseModel):
    """A village (行政村) with its own rules, workflow and points settings."""

    WORKFLOW_SIMPLE = "simple"      # entries take effect at once
    WORKFLOW_REVIEWED = "reviewed"  # entered -> reviewed -> notice -> effective
    EXPIRY_NONE = "none"
    EXPIRY_YEAR_END = "year_end"

    id = AutoField()
    township = ForeignKeyField(Township, null=True, backref="villages", on_delete="RESTRICT")
    name = CharField(max_length=60)
    code = CharField(max_length=20, unique=True)
    workflow = CharField(max_length=12, default=WORKFLOW_SIMPLE)
    notice_days = IntegerField(default=7)
    expiry_policy = CharField(max_length=12, default=EXPIRY_NONE)
    objection_contact = CharField(max_length=120, default="")  # where villagers raise objections
    created_at = DateTimeField(default=now)


class Group(BaseModel):
    """村民小组, e.g. "1组"."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="groups", on_delete="RESTRICT")
    name = CharField(max_length=40)
    sort_order = IntegerField(default=0)

    class Meta:
        table_name = "village_group"
        indexes = ((("village", "name"), True),)


class Grid(BaseModel):
    """网格: a unit of about 200 households with a grid worker (网格员)."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="grids", on_delete="RESTRICT")
    name = CharField(max_length=40)
    keeper = CharField(max_length=40, default="")

    class Meta:
        indexes = ((("village", "name"), True),)


class Household(BaseModel):
    """户: the scored unit, numbered per village. Archived, never deleted."""

    STATUS_ACTIVE = "active"
    STATUS_ARCHIVED = "archived"

    id = AutoField()
    village = ForeignKeyField(Village, backref="households", on_delete="RESTRICT")
    group = ForeignKeyField(Group, backref="households", on_delete="RESTRICT")
    grid = ForeignKeyField(Grid, null=True, backref="households", on_delete="SET NULL")
    household_no = CharField(max_length=30)
    head_name = CharField(max_length=40, default="")  # kept equal to the head member's name
    search_key = CharField(max_length=400, default="")  # names, pinyin initials, phones: for search
    address = CharField(max_length=200, default="")
    phone = CharField(max_length=20, default="")
    status = CharField(max_length=10, default=STATUS_ACTIVE, index=True)
    joined_on = DateField(null=True)
    archived_at = DateTimeField(null=True)
    note = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)

    class Meta:
        indexes = ((("village", "household_no"), True),)


class Member(BaseModel):
    """家庭成员, one of them the head (户主)."""

    id = AutoField()
    household = ForeignKeyField(Household, backref="members", on_delete="RESTRICT")
    name = CharField(max_length=40)
    relation = CharField(max_length=20, default="")
    is_head = BooleanField(default=False)
    id_number = CharField(max_length=18, null=True, unique=True)
    sex = CharField(max_length=2, default="")
    birth_date = DateField(null=True)
    phone = CharField(max_length=20, default="")
    pinyin = CharField(max_length=120, default="")  # initials and full pinyin, lowercase
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)


class Tag(BaseModel):
    """标签 such as 党员户, 脱贫户, 低保户."""

    id = AutoField()
    name = CharField(max_length=30, unique=True)


class HouseholdTag(BaseModel):
    household = ForeignKeyField(Household, backref="tag_links", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="household_links", on_delete="CASCADE")

    class Meta:
        primary_key = CompositeKey("household", "tag")
