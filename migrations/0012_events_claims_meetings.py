"""Step 12: event check-in (活动签到), villagers' claims (申报) and review meetings (评议会), issue 25.

New tables only: ``event`` and ``event_attendance`` (one row per household per event, unique), a village's
``claim_policy`` (whether the group head checks claims), ``review_meeting`` with its ``meeting_attendee`` rows
and ``meeting_decision`` rows, ``claim`` and ``claim_evidence`` (photos copied into the data folder). Defines its
tables inline; the tables it refers to are named by stubs that are never created here.
"""
from peewee import (
    AutoField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField,
)


def apply(db):
    class M(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Village(M):
        id = AutoField()

    class Household(M):
        id = AutoField()

    class Member(M):
        id = AutoField()

    class Rule(M):
        id = AutoField()

    class User(M):
        id = AutoField()

    class Batch(M):
        id = AutoField()

    class LedgerEntry(M):
        id = AutoField()

    class Event(M):
        id = AutoField()
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        title = CharField(120); held_on = DateField(); place = CharField(120, default="")
        rule = ForeignKeyField(Rule, on_delete="RESTRICT")
        points = IntegerField(); cap = IntegerField(null=True); status = CharField(8, default="open")
        batch = ForeignKeyField(Batch, null=True, on_delete="RESTRICT")
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField()
        closed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
        closed_at = DateTimeField(null=True)

    class EventAttendance(M):
        id = AutoField()
        event = ForeignKeyField(Event, on_delete="RESTRICT")
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        how = CharField(10); checked_in_at = DateTimeField()
        checked_in_by = ForeignKeyField(User, on_delete="RESTRICT")
        entry_id = IntegerField(null=True); note = CharField(200, default="")

        class Meta:
            table_name = "event_attendance"
            indexes = ((("event", "household"), True),)

    class ClaimPolicy(M):
        village = ForeignKeyField(Village, primary_key=True, backref="+", on_delete="RESTRICT")
        group_check = BooleanField(default=True)

        class Meta:
            table_name = "claim_policy"

    class ReviewMeeting(M):
        id = AutoField()
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        title = CharField(120); held_on = DateField(); place = CharField(120, default="")
        chair = CharField(40, default=""); recorder = CharField(40, default=""); summary = TextField(default="")
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField()

        class Meta:
            table_name = "review_meeting"

    class MeetingAttendee(M):
        id = AutoField()
        meeting = ForeignKeyField(ReviewMeeting, on_delete="RESTRICT")
        name = CharField(40); role = CharField(40, default=""); sort_order = IntegerField(default=0)

        class Meta:
            table_name = "meeting_attendee"

    class Claim(M):
        id = AutoField()
        village = ForeignKeyField(Village, on_delete="RESTRICT")
        household = ForeignKeyField(Household, on_delete="RESTRICT")
        member = ForeignKeyField(Member, null=True, on_delete="RESTRICT")
        rule = ForeignKeyField(Rule, on_delete="RESTRICT")
        deed = TextField(); occurred_on = DateField(); claimant = CharField(40, default="")
        status = CharField(12)
        created_by = ForeignKeyField(User, on_delete="RESTRICT"); created_at = DateTimeField()
        group_head = CharField(40, default=""); group_checked_at = DateTimeField(null=True)
        group_checked_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
        group_note = TextField(default="")
        meeting = ForeignKeyField(ReviewMeeting, null=True, on_delete="RESTRICT")
        decided_at = DateTimeField(null=True)
        decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
        reason = TextField(default="")
        entry = ForeignKeyField(LedgerEntry, null=True, backref="+", on_delete="RESTRICT")

    class ClaimEvidence(M):
        id = AutoField()
        claim = ForeignKeyField(Claim, on_delete="RESTRICT")
        path = CharField(300); original_name = CharField(200, default=""); sha256 = CharField(64)
        size = IntegerField(); added_at = DateTimeField()

        class Meta:
            table_name = "claim_evidence"

    class MeetingDecision(M):
        id = AutoField()
        meeting = ForeignKeyField(ReviewMeeting, on_delete="RESTRICT")
        claim = ForeignKeyField(Claim, null=True, backref="+", on_delete="RESTRICT")
        batch = ForeignKeyField(Batch, null=True, backref="+", on_delete="RESTRICT")
        outcome = CharField(10); reason = TextField(default="")
        entries = IntegerField(default=0); points = IntegerField(default=0)
        decided_by = ForeignKeyField(User, on_delete="RESTRICT"); decided_at = DateTimeField()

        class Meta:
            table_name = "meeting_decision"

    db.create_tables([Event, EventAttendance, ClaimPolicy, ReviewMeeting, MeetingAttendee, Claim, ClaimEvidence,
                      MeetingDecision], safe=True)
