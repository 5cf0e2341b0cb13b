"""积分记录: the append-only points ledger and what hangs off it.

An entry's content (household, kind, points, rule, dates, who) is written once and
covered by ``hash``, chained per household through ``prev_hash``. Only the workflow
columns (status, reviewer, notice, effective time) move forward, and never after
the entry is effective or rejected; corrections are reversal entries.
"""
from __future__ import annotations

from peewee import (
    AutoField, BigIntegerField, BlobField, BooleanField, CharField, CompositeKey, DateField, DateTimeField,
    ForeignKeyField, IntegerField, TextField,
)

from pointsapp.models.base import BaseModel, now
from pointsapp.models.org import Group, Household, Member, Village
from pointsapp.models.rules import Category, Rule
from pointsapp.models.users import User


class BytesField(BlobField):
    """A blob that reads back as ``bytes`` on every backend (psycopg2 gives a memoryview)."""

    def python_value(self, value):
        return bytes(value) if value is not None else None


class EntryKind:
    AWARD = "award"            # 加分
    DEDUCTION = "deduction"    # 扣分
    REVERSAL = "reversal"      # 冲正
    REDEMPTION = "redemption"  # 兑换
    EXPIRY = "expiry"          # 清零

    LABELS = {AWARD: "加分", DEDUCTION: "扣分", REVERSAL: "冲正", REDEMPTION: "兑换", EXPIRY: "清零"}


class EntryStatus:
    ENTERED = "entered"      # 已录入, waiting for review
    REVIEWED = "reviewed"    # 已审核, not yet on notice
    NOTICE = "notice"        # 公示中
    EFFECTIVE = "effective"  # 已生效: counts in balances
    REJECTED = "rejected"    # 审核未通过: never counted

    LABELS = {ENTERED: "待审核", REVIEWED: "已审核", NOTICE: "公示中", EFFECTIVE: "已生效", REJECTED: "未通过"}


class Batch(BaseModel):
    """批次: one monthly inspection sheet (or any set of entries saved together)."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="batches", on_delete="RESTRICT")
    group = ForeignKeyField(Group, null=True, backref="batches", on_delete="RESTRICT")
    period = CharField(max_length=7)  # "2026-10"
    title = CharField(max_length=120, default="")
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now)


class Notice(BaseModel):
    """公示: a set of entries (or a star evaluation) posted for villagers to see and object to."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="notices", on_delete="RESTRICT")
    kind = CharField(max_length=12, default="entries")  # "entries" or "stars"
    title = CharField(max_length=120, default="")
    starts_on = DateField()
    ends_on = DateField()
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now)
    closed_at = DateTimeField(null=True)


class LedgerEntry(BaseModel):
    id = AutoField()
    household = ForeignKeyField(Household, backref="entries", on_delete="RESTRICT")
    village = ForeignKeyField(Village, on_delete="RESTRICT")
    seq = IntegerField()  # 1, 2, 3 … per household: a gap means a deleted row
    kind = CharField(max_length=12)
    points = IntegerField()  # signed; integers only
    earned = BooleanField()  # counts toward earned points (awards, deductions and their reversals)
    rule = ForeignKeyField(Rule, null=True, on_delete="RESTRICT")
    category = ForeignKeyField(Category, null=True, on_delete="RESTRICT")
    occurred_on = DateField()  # the day of the deed or inspection; a reversal keeps the original's
    note = TextField(default="")
    reverses = ForeignKeyField("self", null=True, backref="reversed_by", on_delete="RESTRICT")
    batch = ForeignKeyField(Batch, null=True, backref="entries", on_delete="RESTRICT")
    created_by = ForeignKeyField(User, backref="entries_created", on_delete="RESTRICT")
    created_at = DateTimeField(default=now)
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)
    # workflow: moves forward only, never after EFFECTIVE or REJECTED
    status = CharField(max_length=10, default=EntryStatus.EFFECTIVE)
    reviewed_by = ForeignKeyField(User, null=True, backref="entries_reviewed", on_delete="RESTRICT")
    reviewed_at = DateTimeField(null=True)
    notice = ForeignKeyField(Notice, null=True, backref="entries", on_delete="RESTRICT")
    effective_at = DateTimeField(null=True)
    # the member the entry is about (migration 0013); hashed only when set, so older rows' hashes hold
    member = ForeignKeyField(Member, null=True, backref="entries", on_delete="RESTRICT")
    # the signed write that appended the row (services/signing); null: written before signing (migration 0009)
    signed_write = IntegerField(null=True, index=True, column_name="signed_write_id")

    class Meta:
        indexes = (
            (("household", "seq"), True),
            # covers the ranking query: effective earned points per household and category in a period, split by
            # kind into awards and deductions (migration 0014 added ``kind``; named ledger_entry_ranking_covering)
            (("village", "status", "occurred_on", "earned", "household", "category", "kind", "points"), False),
            (("status",), False),
            # rules.usage: what a household already has from a rule in a year (migration 0004)
            (("household", "rule", "occurred_on"), False),
        )


class Evidence(BaseModel):
    """A photo or scan kept with an entry (证据照片)."""

    id = AutoField()
    entry = ForeignKeyField(LedgerEntry, backref="evidence", on_delete="RESTRICT")
    filename = CharField(max_length=200)
    mime = CharField(max_length=60, default="image/jpeg")
    data = BytesField()
    created_at = DateTimeField(default=now)


class HouseholdBalance(BaseModel):
    """Cached balances and chain head per household; ``check`` proves them equal to the ledger."""

    household = ForeignKeyField(Household, primary_key=True, backref="balance_row", on_delete="RESTRICT")
    earned_total = IntegerField(default=0)
    available = IntegerField(default=0)
    last_seq = IntegerField(default=0)
    last_hash = CharField(max_length=64, default="")


class Objection(BaseModel):
    """异议 raised by a villager during public notice."""

    STATUS_OPEN = "open"
    STATUS_UPHELD = "upheld"
    STATUS_REJECTED = "rejected"

    id = AutoField()
    entry = ForeignKeyField(LedgerEntry, backref="objections", on_delete="RESTRICT")
    raised_by = CharField(max_length=40)
    raised_on = DateField()
    content = TextField()
    status = CharField(max_length=10, default=STATUS_OPEN)
    recorded_by = ForeignKeyField(User, on_delete="RESTRICT")
    decided_by = ForeignKeyField(User, null=True, backref="objections_decided", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")
    reversal = ForeignKeyField(LedgerEntry, null=True, backref="+", on_delete="RESTRICT")


class ExpiryRun(BaseModel):
    """An explicit, logged run clearing available points (年底清零)."""

    id = AutoField()
    village = ForeignKeyField(Village, on_delete="RESTRICT")
    cutoff = DateField()
    run_by = ForeignKeyField(User, on_delete="RESTRICT")
    run_at = DateTimeField(default=now)
    households = IntegerField(default=0)
    points = IntegerField(default=0)


class LedgerMonth(BaseModel):
    """月度分类积分: effective earned points per village, category and month (the dashboard's trend).

    Written only by database triggers (migration 0005) as ledger rows are inserted or become
    effective; never by the app, and not copied by ``transfer`` (the target's triggers rebuild it).
    """

    village_id = IntegerField()
    category_id = IntegerField()
    month = CharField(max_length=7)  # "2026-11"
    points = BigIntegerField()

    class Meta:
        table_name = "ledger_month"
        primary_key = CompositeKey("village_id", "category_id", "month")


class PublishedFingerprint(BaseModel):
    """已发布的账本指纹: the ledger's fingerprint as printed on a public paper (see
    ``services/scoring/fingerprint.py``); the frontier lets a later check name the rows that changed."""

    id = AutoField()
    code = CharField(max_length=14, index=True)  # "XXXX-XXXX-XXXX"
    root = CharField(max_length=64)              # the tree's head, hex
    size = BigIntegerField()                     # ledger rows covered
    frontier = TextField()                       # JSON list of the perfect subtrees' roots (hex), left to right
    document = CharField(max_length=200, default="")  # what was printed
    published_at = DateTimeField(default=now)
    published_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

    class Meta:
        table_name = "published_fingerprint"
