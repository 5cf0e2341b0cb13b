"""A village's shop policy (cash, point price, redemption days) and the cashier's drawer counts (日结点钞)."""
from __future__ import annotations

from peewee import AutoField, BigIntegerField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from pointsapp.models.base import BaseModel, now
from pointsapp.models.org import Village
from pointsapp.models.users import User


class ShopPolicy(BaseModel):
    """How a village's 积分超市 takes payment and when it opens for redemption. No row: the defaults."""

    village = ForeignKeyField(Village, primary_key=True, backref="+", on_delete="RESTRICT")
    cash_allowed = BooleanField(default=False)
    point_price_fen = IntegerField(default=100)  # money (分) one point is worth when cash makes up a shortfall
    redemption_days = CharField(max_length=200, default="")  # "1-5, 15, 2027-01-20"; empty: every day

    class Meta:
        table_name = "shop_policy"


class DrawerCount(BaseModel):
    """点钞: the cash a cashier counted in the drawer at the daily close, against what the books expect."""

    id = AutoField()
    day = DateField()
    cashier = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    expected_fen = BigIntegerField()
    counted_fen = BigIntegerField()
    reason = TextField(default="")
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "drawer_count"
