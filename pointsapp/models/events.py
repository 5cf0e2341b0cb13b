"""活动签到: an event (clean-up day, meeting, training) and the households that turned out for it.

Each check-in is written as it happens (a crash loses no scan); closing the event writes its points as one
``Batch`` of ledger entries, which then follows the village's workflow like any other batch.
"""
from __future__ import annotations

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from pointsapp.models.base import BaseModel, now
from pointsapp.models.ledger import Batch
from pointsapp.models.org import Household, Village
from pointsapp.models.rules import Rule
from pointsapp.models.users import User


class Event(BaseModel):
    """活动: one turn-out that earns the households present one rule's points."""

    STATUS_OPEN = "open"      # 签到中
    STATUS_CLOSED = "closed"  # 已结束: its batch is written

    LABELS = {STATUS_OPEN: "签到中", STATUS_CLOSED: "已结束"}

    id = AutoField()
    village = ForeignKeyField(Village, backref="events", on_delete="RESTRICT")
    title = CharField(max_length=120)
    held_on = DateField()
    place = CharField(max_length=120, default="")
    rule = ForeignKeyField(Rule, on_delete="RESTRICT")
    points = IntegerField()                  # per household present (the rule's points unless set)
    cap = IntegerField(null=True)            # at most this many households (名额), or no limit
    status = CharField(max_length=8, default=STATUS_OPEN)
    batch = ForeignKeyField(Batch, null=True, backref="events", on_delete="RESTRICT")
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now)
    closed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    closed_at = DateTimeField(null=True)


class EventAttendance(BaseModel):
    """签到: one household present at one event, once."""

    HOW_CARD = "card"          # 刷卡
    HOW_NUMBER = "number"      # 输入户号
    HOW_REGISTER = "register"  # 从户籍勾选

    LABELS = {HOW_CARD: "刷卡", HOW_NUMBER: "输入户号", HOW_REGISTER: "名册勾选"}

    id = AutoField()
    event = ForeignKeyField(Event, backref="attendance", on_delete="RESTRICT")
    household = ForeignKeyField(Household, on_delete="RESTRICT")
    how = CharField(max_length=10)
    checked_in_at = DateTimeField(default=now)
    checked_in_by = ForeignKeyField(User, on_delete="RESTRICT")
    entry_id = IntegerField(null=True)       # the ledger entry its points went to, once closed
    note = CharField(max_length=200, default="")  # why no points (a rule's limit reached), once closed

    class Meta:
        table_name = "event_attendance"
        indexes = ((("event", "household"), True),)
