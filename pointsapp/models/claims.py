"""申报与评议会: a villager's own claim for points, the group head's check, and the monthly review meeting
that decides claims and batches, with who attended and what it decided."""
from __future__ import annotations

from peewee import (
    AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField,
)

from pointsapp.models.base import BaseModel, now
from pointsapp.models.ledger import Batch, LedgerEntry
from pointsapp.models.org import Household, Member, Village
from pointsapp.models.rules import Rule
from pointsapp.models.users import User


class ClaimPolicy(BaseModel):
    """A village's way with claims: whether the group head (组长) checks a claim before the meeting."""

    village = ForeignKeyField(Village, primary_key=True, backref="+", on_delete="RESTRICT")
    group_check = BooleanField(default=True)

    class Meta:
        table_name = "claim_policy"


class ReviewMeeting(BaseModel):
    """评议会: the committee's or villagers' review meeting; its minutes print with signature lines."""

    id = AutoField()
    village = ForeignKeyField(Village, backref="review_meetings", on_delete="RESTRICT")
    title = CharField(max_length=120)
    held_on = DateField()
    place = CharField(max_length=120, default="")
    chair = CharField(max_length=40, default="")      # 主持人
    recorder = CharField(max_length=40, default="")   # 记录人
    summary = TextField(default="")                   # 会议情况 beyond the decisions
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "review_meeting"


class MeetingAttendee(BaseModel):
    """参会人员: a name and the role in which they attended (村支书, 村民代表, 组长 …)."""

    id = AutoField()
    meeting = ForeignKeyField(ReviewMeeting, backref="attendees", on_delete="RESTRICT")
    name = CharField(max_length=40)
    role = CharField(max_length=40, default="")
    sort_order = IntegerField(default=0)

    class Meta:
        table_name = "meeting_attendee"


class Claim(BaseModel):
    """申报: household (and member) claiming a rule's points for a deed, typed in by a clerk for the villager."""

    STATUS_GROUP_CHECK = "group_check"  # 待组长核实
    STATUS_PENDING = "pending"          # 待评议
    STATUS_APPROVED = "approved"        # 通过
    STATUS_REJECTED = "rejected"        # 不通过

    LABELS = {STATUS_GROUP_CHECK: "待组长核实", STATUS_PENDING: "待评议", STATUS_APPROVED: "通过",
              STATUS_REJECTED: "不通过"}

    id = AutoField()
    village = ForeignKeyField(Village, backref="claims", on_delete="RESTRICT")
    household = ForeignKeyField(Household, backref="claims", on_delete="RESTRICT")
    member = ForeignKeyField(Member, null=True, on_delete="RESTRICT")
    rule = ForeignKeyField(Rule, on_delete="RESTRICT")
    deed = TextField()
    occurred_on = DateField()
    claimant = CharField(max_length=40, default="")   # the villager who came to claim
    status = CharField(max_length=12)
    created_by = ForeignKeyField(User, on_delete="RESTRICT")   # who typed it in for the villager
    created_at = DateTimeField(default=now)
    group_head = CharField(max_length=40, default="")  # 组长 who checked it
    group_checked_at = DateTimeField(null=True)
    group_checked_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    group_note = TextField(default="")
    meeting = ForeignKeyField(ReviewMeeting, null=True, backref="claims", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    reason = TextField(default="")                      # why not (不通过), or the group head's refusal
    entry = ForeignKeyField(LedgerEntry, null=True, backref="+", on_delete="RESTRICT")


class ClaimEvidence(BaseModel):
    """证据照片 of a claim: a copy in the data folder (``path`` relative to it) and its SHA-256."""

    id = AutoField()
    claim = ForeignKeyField(Claim, backref="evidence", on_delete="RESTRICT")
    path = CharField(max_length=300)
    original_name = CharField(max_length=200, default="")
    sha256 = CharField(max_length=64)
    size = IntegerField()
    added_at = DateTimeField(default=now)

    class Meta:
        table_name = "claim_evidence"


class MeetingDecision(BaseModel):
    """One decision of a meeting, in the order taken: a claim passed or not, a batch approved or rejected."""

    OUTCOME_APPROVED = "approved"
    OUTCOME_REJECTED = "rejected"

    id = AutoField()
    meeting = ForeignKeyField(ReviewMeeting, backref="decisions", on_delete="RESTRICT")
    claim = ForeignKeyField(Claim, null=True, backref="+", on_delete="RESTRICT")
    batch = ForeignKeyField(Batch, null=True, backref="+", on_delete="RESTRICT")
    outcome = CharField(max_length=10)
    reason = TextField(default="")
    entries = IntegerField(default=0)  # ledger entries the decision moved
    points = IntegerField(default=0)
    decided_by = ForeignKeyField(User, on_delete="RESTRICT")
    decided_at = DateTimeField(default=now)

    class Meta:
        table_name = "meeting_decision"
