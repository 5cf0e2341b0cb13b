"""活动签到: cards scanned one after another, once per household, the event closed as one batch."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.errors import UserError
from pointsapp.models import AuditLog, Batch, EntryStatus, EventAttendance, HouseholdBalance, LedgerEntry, Village
from pointsapp.services.auth import Role
from pointsapp.services.register import cards
from pointsapp.services.scoring import events, review
from tests.scoring_helpers import household, make_village, rule
from tests.shop_helpers import tampered

DAY = dt.date(2026, 11, 20)


def _cards(admin, village, numbers):
    ids = [household(village, n).id for n in numbers]
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    return [issued[i].payload for i in ids]


def _balance(h) -> int:
    row = HouseholdBalance.get_or_none(HouseholdBalance.household == h.id)
    return row.earned_total if row else 0


def test_cards_scanned_at_a_clean_up_day_award_each_household_once_in_one_batch(db, admin):
    village = make_village(admin, households=5)
    card1, card2, card3 = _cards(admin, village, [1, 2, 3])
    event = events.create_event(actor=admin, village_id=village.id, title="11月环境整治日", held_on=DAY,
                                rule_id=rule(village, "PA03").id)
    assert event.points == 10 and event.is_open
    first = events.check_in(actor=admin, event_id=event.id, payload=card1)
    assert first.new and first.head_name == "户主1" and first.present == 1
    again = events.check_in(actor=admin, event_id=event.id, payload=card1.lower())  # Caps Lock on the scanner
    assert again.outcome == "already" and again.present == 1 and again.points == 0
    events.check_in(actor=admin, event_id=event.id, payload=card2)
    events.check_in(actor=admin, event_id=event.id, household_no="T1004")       # came without a card
    events.check_in(actor=admin, event_id=event.id, household_id=household(village, 5).id)  # ticked
    with pytest.raises(UserError, match="伪造"):
        events.check_in(actor=admin, event_id=event.id, payload=tampered(card3))
    assert EventAttendance.select().count() == 4
    assert LedgerEntry.select().count() == 0  # nothing counted before the event closes

    result = events.close_event(actor=admin, event_id=event.id)
    assert (result.entries, result.points, result.status) == (4, 40, EntryStatus.EFFECTIVE)
    batch = Batch.get_by_id(result.batch_id)
    assert batch.period == "2026-11" and "环境整治日" in batch.title
    rows = list(LedgerEntry.select().where(LedgerEntry.batch == batch.id))
    assert sorted(r.household.household_no for r in rows) == ["T1001", "T1002", "T1004", "T1005"]
    assert {(r.points, r.occurred_on, r.rule.code) for r in rows} == {(10, DAY, "PA03")}
    assert [_balance(household(village, n)) for n in (1, 2, 3, 4, 5)] == [10, 10, 0, 10, 10]
    assert {p.household_no: p.entry_id is not None for p in events.attendance(actor=admin, event_id=event.id)} \
        == {"T1001": True, "T1002": True, "T1004": True, "T1005": True}
    with pytest.raises(UserError, match="已经结束"):
        events.check_in(actor=admin, event_id=event.id, payload=card3)
    with pytest.raises(UserError, match="已经结束"):
        events.close_event(actor=admin, event_id=event.id)
    assert [e.present for e in events.events(actor=admin, village_id=village.id)] == [4]
    assert AuditLog.select().where(AuditLog.action == "event.check_in").count() == 4


def test_in_a_reviewed_village_the_event_batch_waits_for_a_second_person(db, admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, households=3)
    clerk = actor_of(Role.SCORER)
    event = events.create_event(actor=clerk, village_id=village.id, title="村民代表会议", held_on=DAY,
                                rule_id=rule(village, "PA02").id)
    for n in (1, 2):
        events.check_in(actor=clerk, event_id=event.id, household_no=f"T100{n}")
    result = events.close_event(actor=clerk, event_id=event.id)
    assert result.status == EntryStatus.ENTERED
    ids = [e.id for e in LedgerEntry.select().where(LedgerEntry.batch == result.batch_id)]
    assert {LedgerEntry.get_by_id(i).status for i in ids} == {EntryStatus.ENTERED}
    assert _balance(household(village, 1)) == 0
    with pytest.raises(UserError, match="另一位审核员"):
        review.review(actor=clerk_reviewer(clerk), entry_ids=ids, approve=True)
    review.review(actor=actor_of(Role.REVIEWER), entry_ids=ids, approve=False, reason="会议未达法定人数")
    assert {LedgerEntry.get_by_id(i).status for i in ids} == {EntryStatus.REJECTED}
    # the sign-in list says so: present, but the points were not given
    assert {p.entry_status for p in events.attendance(actor=clerk, event_id=event.id)} == {EntryStatus.REJECTED}




def clerk_reviewer(clerk):
    """The clerk who closed the event, as a reviewer too (an administrator): still not a second person."""
    from pointsapp.models import User
    from pointsapp.services.auth import Actor

    User.update(role=Role.ADMIN.value).where(User.id == clerk.user_id).execute()
    return Actor(clerk.user_id, clerk.username, Role.ADMIN)


def test_the_cap_of_households_refuses_the_next_one_and_a_mistaken_tick_can_be_taken_back(db, admin):
    village = make_village(admin, households=4)
    event = events.create_event(actor=admin, village_id=village.id, title="技能培训", held_on=DAY,
                                rule_id=rule(village, "EN02").id, cap=2, points=3)
    events.check_in(actor=admin, event_id=event.id, household_no="T1001")
    events.check_in(actor=admin, event_id=event.id, household_no="T1002")
    with pytest.raises(UserError, match="名额已满"):
        events.check_in(actor=admin, event_id=event.id, household_no="T1003")
    assert events.cancel_check_in(actor=admin, event_id=event.id, household_id=household(village, 2).id) == 1
    assert events.check_in(actor=admin, event_id=event.id, household_no="T1003").new


def test_a_household_over_the_rules_limit_is_present_but_gets_nothing_and_the_reason_is_kept(db, admin):
    village = make_village(admin, households=2)
    from pointsapp.services.scoring import entries

    for _ in range(5):  # EN02: +3 each, at most 15 a year
        entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "EN02").id,
                          occurred_on=DAY - dt.timedelta(days=3))
    event = events.create_event(actor=admin, village_id=village.id, title="技能培训", held_on=DAY,
                                rule_id=rule(village, "EN02").id)
    events.check_in(actor=admin, event_id=event.id, household_no="T1001")
    events.check_in(actor=admin, event_id=event.id, household_no="T1002")
    result = events.close_event(actor=admin, event_id=event.id)
    assert result.entries == 1 and len(result.skipped) == 1 and "年度上限" in result.skipped[0][1]
    notes = {p.household_no: p.note for p in events.attendance(actor=admin, event_id=event.id)}
    assert "年度上限" in notes["T1001"] and notes["T1002"] == ""


def test_refusals_leave_nothing_behind(db, admin, actor_of):
    village = make_village(admin, households=2)
    other = make_village(admin, households=1, code="T2", name="邻村")
    with pytest.raises(UserError, match="扣分"):
        events.create_event(actor=admin, village_id=village.id, title="x", held_on=DAY,
                            rule_id=rule(village, "HY05").id)
    with pytest.raises(UserError, match="还没到"):
        events.create_event(actor=admin, village_id=village.id, title="x", held_on=dt.date(2030, 1, 1),
                            rule_id=rule(village, "PA01").id)
    with pytest.raises(UserError, match="权限"):
        events.create_event(actor=actor_of(Role.CASHIER), village_id=village.id, title="x", held_on=DAY,
                            rule_id=rule(village, "PA01").id)
    event = events.create_event(actor=admin, village_id=village.id, title="志愿服务", held_on=DAY,
                                rule_id=rule(village, "PA01").id)
    [stranger] = _cards(admin, other, [1])
    with pytest.raises(UserError, match="不是本村"):
        events.check_in(actor=admin, event_id=event.id, payload=stranger)
    with pytest.raises(UserError, match="没有人签到"):
        events.close_event(actor=admin, event_id=event.id)
    assert EventAttendance.select().count() == 0 and Batch.select().count() == 0
