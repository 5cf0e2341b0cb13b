"""申报与评议会: a villager's claim, the group head's check, the meeting that decides it, and what it recorded."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from pointsapp.errors import UserError
from pointsapp.models import (
    Claim, ClaimEvidence, EntryStatus, HouseholdBalance, LedgerEntry, Member, MeetingDecision, Village,
)
from pointsapp.paths import data_dir
from pointsapp.services.auth import Role
from pointsapp.services.scoring import claims, events, meetings
from tests.scoring_helpers import household, make_village, rule

DAY = dt.date(2026, 11, 10)
MEETING_DAY = dt.date(2026, 11, 24)
PEOPLE = [("李书记", "村党支部书记"), ("王主任", "村委会主任"), ("赵大妈", "村民代表"), ("钱组长", "1组组长")]


def _earned(h) -> int:
    row = HouseholdBalance.get_or_none(HouseholdBalance.household == h.id)
    return row.earned_total if row else 0


def _photo(tmp_path, name="照片.jpg", content=b"\xff\xd8\xff\xe0 a photo of the neighbour's yard"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_claim_checked_by_the_group_head_and_passed_at_the_meeting_becomes_an_effective_entry(db, admin, tmp_path):
    village = make_village(admin, households=3)
    h1 = household(village, 1)
    member = Member.create(household=h1, name="张小红", relation="长女")
    photo = _photo(tmp_path)
    claim = claims.submit_claim(actor=admin, household_id=h1.id, member_id=member.id, rule_id=rule(village, "CV02").id,
                                deed="调解邻居两家宅基地纠纷", occurred_on=DAY, claimant="张小红", photos=[photo])
    assert claim.status == Claim.STATUS_GROUP_CHECK and claim.member == "张小红" and claim.typed_by == "管理员"
    [stored] = ClaimEvidence.select()
    copy = data_dir() / stored.path
    assert copy.read_bytes() == photo.read_bytes() and copy != photo
    assert stored.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest() and stored.original_name == "照片.jpg"
    assert [(f.path, f.intact) for f in claims.evidence_files(actor=admin, claim_id=claim.id)] == [(copy, True)]
    copy.write_bytes(b"another picture")  # changed behind the program's back: no longer the evidence given
    assert [f.intact for f in claims.evidence_files(actor=admin, claim_id=claim.id)] == [False]

    meeting = meetings.create_meeting(actor=admin, village_id=village.id, held_on=MEETING_DAY, place="村委会议室",
                                      attendees=PEOPLE, chair="李书记", recorder="王主任")
    with pytest.raises(UserError, match="待评议"):  # the group head has not checked it yet
        claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=meeting.id, approve=True)
    checked = claims.group_check(actor=admin, claim_id=claim.id, group_head="钱组长", confirmed=True, note="属实")
    assert checked.status == Claim.STATUS_PENDING and checked.group_head == "钱组长"
    decided = claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=meeting.id, approve=True)
    assert decided.status == Claim.STATUS_APPROVED and decided.meeting_id == meeting.id
    entry = LedgerEntry.get_by_id(decided.entry_id)
    assert (entry.points, entry.status, entry.occurred_on, entry.rule.code) == (5, EntryStatus.EFFECTIVE, DAY, "CV02")
    assert f"申报 #{claim.id}" in entry.note and _earned(h1) == 5
    minutes = meetings.minutes(actor=admin, meeting_id=meeting.id)
    assert [a.name for a in minutes.attendees] == [p[0] for p in PEOPLE]
    assert len(minutes.decisions) == 1 and minutes.decisions[0].approved and "调解邻居" in minutes.decisions[0].subject
    with pytest.raises(UserError, match="待评议"):  # decided once
        claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=meeting.id, approve=False, reason="x")


def test_a_claim_not_passed_keeps_its_reason_and_writes_no_points(db, admin):
    village = make_village(admin, households=2)
    assert claims.claim_policy(actor=admin, village_id=village.id)  # the group head checks unless told otherwise
    claims.set_claim_policy(actor=admin, village_id=village.id, group_check=False)
    assert not claims.claim_policy(actor=admin, village_id=village.id)
    h = household(village, 2)
    claim = claims.submit_claim(actor=admin, household_id=h.id, rule_id=rule(village, "VT01").id,
                                deed="照顾邻居孤寡老人", occurred_on=DAY)
    assert claim.status == Claim.STATUS_PENDING  # no group head's check in this village
    meeting = meetings.create_meeting(actor=admin, village_id=village.id, held_on=MEETING_DAY, attendees=PEOPLE)
    with pytest.raises(UserError, match="理由"):
        claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=meeting.id, approve=False)
    decided = claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=meeting.id, approve=False,
                                  reason="经核实为亲属关系，不属于孝老爱亲细则所指")
    assert decided.status == Claim.STATUS_REJECTED and "亲属关系" in decided.reason and decided.entry_id is None
    assert LedgerEntry.select().count() == 0
    assert MeetingDecision.get().outcome == MeetingDecision.OUTCOME_REJECTED


def test_the_group_head_finding_a_claim_untrue_ends_it_with_the_reason(db, admin):
    village = make_village(admin, households=1)
    claim = claims.submit_claim(actor=admin, household_id=household(village, 1).id,
                                rule_id=rule(village, "PA04").id, deed="捐款修路", occurred_on=DAY)
    with pytest.raises(UserError, match="原因"):
        claims.group_check(actor=admin, claim_id=claim.id, group_head="钱组长", confirmed=False)
    done = claims.group_check(actor=admin, claim_id=claim.id, group_head="钱组长", confirmed=False,
                              note="捐款名单上没有这一户")
    assert done.status == Claim.STATUS_REJECTED and "捐款名单" in done.reason


def test_claims_are_refused_with_nothing_written_when_wrong(db, admin, actor_of, tmp_path):
    village = make_village(admin, households=2)
    other = make_village(admin, households=1, code="T2", name="邻村")
    h = household(village, 1)
    cases = [
        (dict(rule_id=rule(village, "CV04").id, deed="x"), "扣分"),
        (dict(rule_id=rule(other, "CV02").id, deed="x"), "不属于"),
        (dict(rule_id=rule(village, "CV02").id, deed="  "), "事迹"),
        (dict(rule_id=rule(village, "CV02").id, deed="x", photos=[_photo(tmp_path, "a.exe")]), "照片"),
        (dict(rule_id=rule(village, "CV02").id, deed="x", occurred_on=dt.date(2027, 1, 1)), "还没到"),
        (dict(rule_id=rule(village, "CV02").id, deed="x",
              member_id=Member.create(household=household(village, 2), name="外人").id), "家庭成员"),
    ]
    for kwargs, message in cases:
        with pytest.raises(UserError, match=message):
            claims.submit_claim(actor=admin, household_id=h.id, **{"occurred_on": DAY, **kwargs})
    with pytest.raises(UserError, match="权限"):
        claims.submit_claim(actor=actor_of(Role.CASHIER), household_id=h.id, rule_id=rule(village, "CV02").id,
                            deed="x", occurred_on=DAY)
    assert Claim.select().count() == 0 and ClaimEvidence.select().count() == 0
    with pytest.raises(UserError, match="参会人员"):
        meetings.create_meeting(actor=admin, village_id=village.id, held_on=MEETING_DAY, attendees=[])
    claim = claims.submit_claim(actor=admin, household_id=h.id, rule_id=rule(village, "CV02").id, deed="劝和",
                                occurred_on=DAY)
    claims.group_check(actor=admin, claim_id=claim.id, group_head="钱组长", confirmed=True)
    elsewhere = meetings.create_meeting(actor=admin, village_id=other.id, held_on=MEETING_DAY, attendees=PEOPLE)
    with pytest.raises(UserError, match="所在村"):
        claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=elsewhere.id, approve=True)
    early = meetings.create_meeting(actor=admin, village_id=village.id, held_on=DAY - dt.timedelta(days=1),
                                    attendees=PEOPLE)
    with pytest.raises(UserError, match="早于"):
        claims.decide_claim(actor=admin, claim_id=claim.id, meeting_id=early.id, approve=True)
    assert LedgerEntry.select().count() == 0 and MeetingDecision.select().count() == 0


def test_a_month_end_to_end_events_by_card_claims_checked_and_decided_at_a_meeting_then_reviewed(db, admin, actor_of):
    """The month the reports describe, in a village with review: a clean-up day checked in by card, two claims
    checked by the group head, a review meeting that decides the claims and the event's batch, then public
    notice and the entries in effect; the meeting's record names everything it decided."""
    from pointsapp.services.register import cards
    from pointsapp.services.scoring import review

    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, households=4)
    clerk, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    hs = [household(village, n) for n in (1, 2, 3, 4)]
    issued = cards.issue_cards(actor=admin, household_ids=[h.id for h in hs])

    event = events.create_event(actor=clerk, village_id=village.id, title="11月环境整治日", held_on=DAY,
                                rule_id=rule(village, "PA03").id)
    for h in hs[:3]:
        assert events.check_in(actor=clerk, event_id=event.id, payload=issued[h.id].payload).new
    assert events.check_in(actor=clerk, event_id=event.id, payload=issued[hs[0].id].payload).outcome == "already"
    closed = events.close_event(actor=clerk, event_id=event.id)
    assert (closed.entries, closed.status) == (3, EntryStatus.ENTERED)

    good = claims.submit_claim(actor=clerk, household_id=hs[3].id, rule_id=rule(village, "CV02").id,
                               deed="帮邻居调解家庭矛盾", occurred_on=DAY + dt.timedelta(days=2), claimant="户主4")
    weak = claims.submit_claim(actor=clerk, household_id=hs[1].id, rule_id=rule(village, "PA04").id,
                               deed="给村小学捐书", occurred_on=DAY + dt.timedelta(days=3))
    for c in (good, weak):
        claims.group_check(actor=clerk, claim_id=c.id, group_head="钱组长", confirmed=True)

    meeting = meetings.create_meeting(actor=clerk, village_id=village.id, held_on=MEETING_DAY, place="村委会议室",
                                      attendees=PEOPLE, chair="李书记", recorder="王主任")
    assert [b.batch_id for b in meetings.batches_waiting(actor=clerk, village_id=village.id)] == [closed.batch_id]
    claims.decide_claim(actor=clerk, claim_id=good.id, meeting_id=meeting.id, approve=True)
    claims.decide_claim(actor=clerk, claim_id=weak.id, meeting_id=meeting.id, approve=False, reason="无捐赠凭证")
    with pytest.raises(UserError, match="另一位审核员"):  # the one who closed the event may not approve it
        meetings.decide_batch(actor=_as_reviewer(admin, clerk), meeting_id=meeting.id,
                              batch_id=closed.batch_id, approve=True)
    assert meetings.decide_batch(actor=reviewer, meeting_id=meeting.id, batch_id=closed.batch_id, approve=True) == 3

    record = meetings.minutes(actor=reviewer, meeting_id=meeting.id)
    assert [(d.what, d.approved) for d in record.decisions] == [("claim", True), ("claim", False), ("batch", True)]
    assert {c.id for c in claims.claims(actor=reviewer, meeting_id=meeting.id)} == {good.id, weak.id}

    # the claim's entry waits for review like any typed entry; then notice, then effect
    waiting = [e.id for e in review.pending(actor=reviewer, village_id=village.id)]
    assert len(waiting) == 1 and LedgerEntry.get_by_id(waiting[0]).household_id == hs[3].id
    review.review(actor=reviewer, entry_ids=waiting, approve=True)
    notice = review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=MEETING_DAY)
    assert notice.entries.count() == 4
    review.close_notices(actor=reviewer, village_id=village.id, today=MEETING_DAY + dt.timedelta(days=8))
    assert [_earned(h) for h in hs] == [10, 10, 10, 5]
    from pointsapp.services.ops import check

    assert check.run_checks() == []


def _as_reviewer(admin, actor):
    """The clerk, given review rights by the administrator (a signed role change, as `check` wants every one):
    still the one who entered the batch."""
    from pointsapp.services.auth import Actor
    from pointsapp.services.ops import users

    users.set_role(actor=admin, username=actor.username, role=Role.ADMIN)
    return Actor(actor.user_id, actor.username, Role.ADMIN)
