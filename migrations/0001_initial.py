"""Step 1: organisation, households, users, audit log, settings, rules and the ledger.

Defines its tables inline (never imports today's models, which move on).
"""
from peewee import (
    AutoField, BlobField, BooleanField, CharField, CompositeKey, DateField, DateTimeField,
    ForeignKeyField, IntegerField, Model, TextField,
)


def apply(db):
    class M(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Township(M):
        id = AutoField(); name = CharField(60); code = CharField(20, unique=True)

    class Village(M):
        id = AutoField()
        township = ForeignKeyField(Township, null=True, on_delete="RESTRICT")
        name = CharField(60); code = CharField(20, unique=True)
        workflow = CharField(12, default="simple"); notice_days = IntegerField(default=7)
        expiry_policy = CharField(12, default="none"); objection_contact = CharField(120, default="")
        created_at = DateTimeField()

    class Group(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        name = CharField(40); sort_order = IntegerField(default=0)

        class Meta:
            table_name = "village_group"
            indexes = ((("village", "name"), True),)

    class Grid(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        name = CharField(40); keeper = CharField(40, default="")

        class Meta:
            indexes = ((("village", "name"), True),)

    class Household(M):
        id = AutoField()
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        group = ForeignKeyField(Group, on_delete="RESTRICT")
        grid = ForeignKeyField(Grid, null=True, on_delete="SET NULL")
        household_no = CharField(30); head_name = CharField(40, default="")
        search_key = CharField(400, default=""); address = CharField(200, default="")
        phone = CharField(20, default=""); status = CharField(10, default="active", index=True)
        joined_on = DateField(null=True); archived_at = DateTimeField(null=True)
        note = TextField(default=""); created_at = DateTimeField(); updated_at = DateTimeField()

        class Meta:
            indexes = ((("village", "household_no"), True),)

    class Member(M):
        id = AutoField(); household = ForeignKeyField(Household, on_delete="RESTRICT")
        name = CharField(40); relation = CharField(20, default=""); is_head = BooleanField(default=False)
        id_number = CharField(18, null=True, unique=True); sex = CharField(2, default="")
        birth_date = DateField(null=True); phone = CharField(20, default="")
        pinyin = CharField(120, default=""); active = BooleanField(default=True); created_at = DateTimeField()

    class Tag(M):
        id = AutoField(); name = CharField(30, unique=True)

    class HouseholdTag(M):
        household = ForeignKeyField(Household, on_delete="CASCADE")
        tag = ForeignKeyField(Tag, on_delete="CASCADE")

        class Meta:
            primary_key = CompositeKey("household", "tag")

    class User(M):
        id = AutoField(); username = CharField(40, unique=True); display_name = CharField(40, default="")
        role = CharField(12); password_hash = CharField(200, default="")
        failed_attempts = IntegerField(default=0); locked_until = DateTimeField(null=True)
        must_change_password = BooleanField(default=False); active = BooleanField(default=True)
        created_at = DateTimeField()

    class AuditLog(M):
        id = AutoField(); at = DateTimeField(index=True); user_id = IntegerField(null=True, index=True)
        username = CharField(40, default=""); action = CharField(40, index=True)
        entity = CharField(40, default=""); entity_id = CharField(40, default="")
        old_value = TextField(default=""); new_value = TextField(default="")

    class Setting(M):
        key = CharField(60, primary_key=True); value = TextField(default="")

    class Category(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        code = CharField(20); name = CharField(40); sort_order = IntegerField(default=0)

        class Meta:
            indexes = ((("village", "code"), True),)

    class Rule(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        category = ForeignKeyField(Category, on_delete="RESTRICT")
        code = CharField(20); title = CharField(120); points = IntegerField()
        frequency = CharField(8, default="event"); cap = IntegerField(null=True)
        is_veto = BooleanField(default=False); inspection_item = BooleanField(default=False)
        active = BooleanField(default=True); description = TextField(default="")
        created_at = DateTimeField(); retired_at = DateTimeField(null=True)

        class Meta:
            indexes = ((("village", "code"), True),)

    class Batch(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        group = ForeignKeyField(Group, null=True, on_delete="RESTRICT")
        period = CharField(7); title = CharField(120, default="")
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField()

    class Notice(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        kind = CharField(12, default="entries"); title = CharField(120, default="")
        starts_on = DateField(); ends_on = DateField()
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField()
        closed_at = DateTimeField(null=True)

    class LedgerEntry(M):
        id = AutoField()
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        seq = IntegerField(); kind = CharField(12); points = IntegerField(); earned = BooleanField()
        rule = ForeignKeyField(Rule, null=True, on_delete="RESTRICT")
        category = ForeignKeyField(Category, null=True, on_delete="RESTRICT")
        occurred_on = DateField(); note = TextField(default="")
        reverses = ForeignKeyField("self", null=True, on_delete="RESTRICT")
        batch = ForeignKeyField(Batch, null=True, on_delete="RESTRICT")
        created_by = ForeignKeyField(User, backref="c", on_delete="RESTRICT"); created_at = DateTimeField()
        prev_hash = CharField(64); hash = CharField(64)
        status = CharField(10, default="effective")
        reviewed_by = ForeignKeyField(User, null=True, backref="r", on_delete="RESTRICT")
        reviewed_at = DateTimeField(null=True)
        notice = ForeignKeyField(Notice, null=True, on_delete="RESTRICT")
        effective_at = DateTimeField(null=True)

        class Meta:
            indexes = (
                (("household", "seq"), True),
                (("village", "status", "occurred_on", "earned", "household", "category", "points"), False),
                (("status",), False),
            )

    class Evidence(M):
        id = AutoField(); entry = ForeignKeyField(LedgerEntry, on_delete="RESTRICT")
        filename = CharField(200); mime = CharField(60, default="image/jpeg"); data = BlobField()
        created_at = DateTimeField()

    class HouseholdBalance(M):
        household = ForeignKeyField(Household, primary_key=True, on_delete="RESTRICT")
        earned_total = IntegerField(default=0); available = IntegerField(default=0)
        last_seq = IntegerField(default=0); last_hash = CharField(64, default="")

    class Objection(M):
        id = AutoField(); entry = ForeignKeyField(LedgerEntry, on_delete="RESTRICT")
        raised_by = CharField(40); raised_on = DateField(); content = TextField()
        status = CharField(10, default="open")
        recorded_by = ForeignKeyField(User, on_delete="RESTRICT")
        decided_by = ForeignKeyField(User, null=True, backref="d", on_delete="RESTRICT")
        decided_at = DateTimeField(null=True); decision_reason = TextField(default="")
        reversal = ForeignKeyField(LedgerEntry, null=True, backref="o", on_delete="RESTRICT")

    class ExpiryRun(M):
        id = AutoField(); village = ForeignKeyField(Village, on_delete="RESTRICT")
        cutoff = DateField(); run_by = ForeignKeyField(User, on_delete="RESTRICT")
        run_at = DateTimeField(); households = IntegerField(default=0); points = IntegerField(default=0)

    db.create_tables([
        Township, Village, Group, Grid, Household, Member, Tag, HouseholdTag, User, AuditLog, Setting,
        Category, Rule, Batch, Notice, LedgerEntry, Evidence, HouseholdBalance, Objection, ExpiryRun,
    ])
