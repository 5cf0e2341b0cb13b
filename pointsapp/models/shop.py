"""积分超市: products, stock moves, redemptions, stocktakes, and household cards."""
from __future__ import annotations

from peewee import (
    AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField,
)

from pointsapp.models.base import BaseModel, now
from pointsapp.models.ledger import LedgerEntry
from pointsapp.models.org import Household, Village
from pointsapp.models.users import User


class Product(BaseModel):
    id = AutoField()
    village = ForeignKeyField(Village, null=True, backref="products", on_delete="RESTRICT")
    sku = CharField(max_length=40, unique=True)  # barcode or the shop's own code
    name = CharField(max_length=80)
    category = CharField(max_length=30, default="")
    unit = CharField(max_length=10, default="件")
    price = IntegerField()  # points, integer
    stock = IntegerField(default=0)  # cached; check proves it equals the stock moves
    low_stock = IntegerField(default=5)
    shelf_life_days = IntegerField(null=True)
    limit_quantity = IntegerField(null=True)  # at most so many per household per ``limit_period`` (限兑)
    limit_period = CharField(max_length=8, default="")  # "month", "quarter", "year"; "" when unlimited
    active = BooleanField(default=True)
    created_at = DateTimeField(default=now)


class Redemption(BaseModel):
    """兑换: one basket at the cashier. ``token`` makes confirming twice harmless."""

    STATUS_DONE = "done"
    STATUS_VOIDED = "voided"

    id = AutoField()
    token = CharField(max_length=64, unique=True)
    household = ForeignKeyField(Household, backref="redemptions", on_delete="RESTRICT")
    card_serial = IntegerField(null=True)
    total_points = IntegerField()  # points taken from the household (the ledger entry)
    cash_fen = IntegerField(default=0)  # money taken for the rest (分), when cash made up a shortfall
    cash_points = IntegerField(default=0)  # the points' worth of goods the cash paid for
    status = CharField(max_length=8, default=STATUS_DONE)
    ledger_entry = ForeignKeyField(LedgerEntry, backref="+", on_delete="RESTRICT")
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now, index=True)
    voided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    voided_at = DateTimeField(null=True)
    void_reason = TextField(default="")
    void_entry = ForeignKeyField(LedgerEntry, null=True, backref="+", on_delete="RESTRICT")


class RedemptionLine(BaseModel):
    id = AutoField()
    redemption = ForeignKeyField(Redemption, backref="lines", on_delete="RESTRICT")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    quantity = IntegerField()
    unit_price = IntegerField()  # the price at the moment of redemption
    points = IntegerField()


class Stocktake(BaseModel):
    """盘点: counted quantities against the books; differences become stock moves."""

    id = AutoField()
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now)
    note = TextField(default="")


class StockMove(BaseModel):
    """入库 / 出库 / 调整 / 兑换 / 作废 / 盘点. ``quantity`` is signed."""

    KIND_IN = "in"
    KIND_OUT = "out"
    KIND_ADJUST = "adjust"
    KIND_REDEEM = "redeem"
    KIND_VOID = "void"
    KIND_STOCKTAKE = "stocktake"
    SOURCE_BUDGET = "budget"
    SOURCE_DONATION = "donation"

    id = AutoField()
    product = ForeignKeyField(Product, backref="moves", on_delete="RESTRICT")
    kind = CharField(max_length=10)
    quantity = IntegerField()
    source = CharField(max_length=10, default="")
    donor = CharField(max_length=80, default="")
    reason = TextField(default="")
    expires_on = DateField(null=True)
    produced_on = DateField(null=True)  # a stock-in is a lot: its production date, its expiry, its cost
    unit_cost_fen = IntegerField(null=True)
    redemption = ForeignKeyField(Redemption, null=True, backref="stock_moves", on_delete="RESTRICT")
    stocktake = ForeignKeyField(Stocktake, null=True, backref="moves", on_delete="RESTRICT")
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now, index=True)


class StocktakeLine(BaseModel):
    id = AutoField()
    stocktake = ForeignKeyField(Stocktake, backref="lines", on_delete="RESTRICT")
    product = ForeignKeyField(Product, on_delete="RESTRICT")
    expected = IntegerField()
    counted = IntegerField()


class Card(BaseModel):
    """积分卡: a household's QR card. Reissuing raises the serial and revokes the old card."""

    id = AutoField()
    household = ForeignKeyField(Household, backref="cards", on_delete="RESTRICT")
    serial = IntegerField()
    issued_at = DateTimeField(default=now)
    issued_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
    revoked_at = DateTimeField(null=True)
    revoked_reason = TextField(default="")
    token_hash = CharField(max_length=64, null=True)  # SHA-256 of the payload as printed; the token is never stored

    class Meta:
        indexes = ((("household", "serial"), True),)
