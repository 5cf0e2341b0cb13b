"""Step 2: the points supermarket, household QR cards, and star households."""
from peewee import (
    AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField,
)


def apply(db):
    class M(Model):
        class Meta:
            database = db
            legacy_table_names = False

    # references to tables of step 1, by name only
    class Village(M):
        id = AutoField()

    class Household(M):
        id = AutoField()

    class User(M):
        id = AutoField()

    class LedgerEntry(M):
        id = AutoField()

    class Notice(M):
        id = AutoField()

    class Product(M):
        id = AutoField(); village = ForeignKeyField(Village, null=True, on_delete="RESTRICT")
        sku = CharField(40, unique=True); name = CharField(80); category = CharField(30, default="")
        unit = CharField(10, default="件"); price = IntegerField(); stock = IntegerField(default=0)
        low_stock = IntegerField(default=5); shelf_life_days = IntegerField(null=True)
        active = BooleanField(default=True); created_at = DateTimeField()

    class Redemption(M):
        id = AutoField(); token = CharField(64, unique=True)
        household = ForeignKeyField(Household, on_delete="RESTRICT"); card_serial = IntegerField(null=True)
        total_points = IntegerField(); status = CharField(8, default="done")
        ledger_entry = ForeignKeyField(LedgerEntry, backref="a", on_delete="RESTRICT")
        created_by = ForeignKeyField(User, backref="a", on_delete="RESTRICT")
        created_at = DateTimeField(index=True)
        voided_by = ForeignKeyField(User, null=True, backref="b", on_delete="RESTRICT")
        voided_at = DateTimeField(null=True); void_reason = TextField(default="")
        void_entry = ForeignKeyField(LedgerEntry, null=True, backref="b", on_delete="RESTRICT")

    class RedemptionLine(M):
        id = AutoField(); redemption = ForeignKeyField(Redemption, on_delete="RESTRICT")
        product = ForeignKeyField(Product, on_delete="RESTRICT")
        quantity = IntegerField(); unit_price = IntegerField(); points = IntegerField()

    class Stocktake(M):
        id = AutoField(); created_by = ForeignKeyField(User, on_delete="RESTRICT")
        created_at = DateTimeField(); note = TextField(default="")

    class StockMove(M):
        id = AutoField(); product = ForeignKeyField(Product, on_delete="RESTRICT")
        kind = CharField(10); quantity = IntegerField(); source = CharField(10, default="")
        donor = CharField(80, default=""); reason = TextField(default=""); expires_on = DateField(null=True)
        redemption = ForeignKeyField(Redemption, null=True, on_delete="RESTRICT")
        stocktake = ForeignKeyField(Stocktake, null=True, on_delete="RESTRICT")
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField(index=True)

    class StocktakeLine(M):
        id = AutoField(); stocktake = ForeignKeyField(Stocktake, on_delete="RESTRICT")
        product = ForeignKeyField(Product, on_delete="RESTRICT"); expected = IntegerField(); counted = IntegerField()

    class Card(M):
        id = AutoField(); household = ForeignKeyField(Household, on_delete="RESTRICT")
        serial = IntegerField(); issued_at = DateTimeField()
        issued_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
        revoked_at = DateTimeField(null=True); revoked_reason = TextField(default="")

        class Meta:
            indexes = ((("household", "serial"), True),)

    class Star(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        code = CharField(20); name = CharField(30); color = CharField(9, default="#d4262c")
        sort_order = IntegerField(default=0); criterion = TextField(default="{}"); active = BooleanField(default=True)

        class Meta:
            indexes = ((("village", "code"), True),)

    class StarEvaluation(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        period = CharField(7); status = CharField(8, default="draft")
        notice = ForeignKeyField(Notice, null=True, on_delete="RESTRICT")
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField()
        applied_at = DateTimeField(null=True)

    class StarProposal(M):
        id = AutoField(); evaluation = ForeignKeyField(StarEvaluation, on_delete="RESTRICT")
        household = ForeignKeyField(Household, on_delete="RESTRICT"); star = ForeignKeyField(Star, on_delete="RESTRICT")
        qualified = BooleanField(); included = BooleanField(); figures = TextField(default="{}")
        adjusted_by = ForeignKeyField(User, null=True, on_delete="RESTRICT"); adjust_reason = TextField(default="")

        class Meta:
            indexes = ((("evaluation", "household", "star"), True),)

    class StarAward(M):
        id = AutoField(); household = ForeignKeyField(Household, on_delete="RESTRICT")
        star = ForeignKeyField(Star, on_delete="RESTRICT"); period = CharField(7)
        evaluation = ForeignKeyField(StarEvaluation, null=True, on_delete="RESTRICT")
        awarded_on = DateField(); awarded_by = ForeignKeyField(User, backref="x", on_delete="RESTRICT")
        withdrawn_at = DateTimeField(null=True)
        withdrawn_by = ForeignKeyField(User, null=True, backref="y", on_delete="RESTRICT")
        withdrawn_reason = TextField(default="")

        class Meta:
            indexes = ((("household", "star", "period"), True),)

    db.create_tables([Product, Redemption, RedemptionLine, Stocktake, StockMove, StocktakeLine,
                      Card, Star, StarEvaluation, StarProposal, StarAward])
