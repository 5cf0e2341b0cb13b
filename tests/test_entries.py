"""Single entries and inspection batches: caps, frequencies, evidence, workflow status."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.models import Batch, EntryStatus, Evidence, LedgerEntry, Village
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.services.scoring.ledger import cached_balance
from pointsapp.services.scoring.review import reverse_entry
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)


def test_simple_village_entry_counts_at_once_and_keeps_its_photo(admin):
    village = make_village(admin)
    h = household(village, 1)
    entry = entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, "PA01").id,
                              occurred_on=dt.date(2026, 5, 5), note="清扫村道", evidence=b"\xff\xd8photo",
                              today=TODAY)
    assert entry.status == EntryStatus.EFFECTIVE
    assert entry.points == 5 and entry.note == "清扫村道"
    assert cached_balance(h.id).earned_total == 5
    [photo] = entries.evidence_of(entry.id)
    assert photo.data == b"\xff\xd8photo"
    assert check.run_checks() == []


def test_reviewed_village_entry_waits_and_does_not_count(admin):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    h = household(village, 1)
    entry = entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, "PA01").id,
                              occurred_on=dt.date(2026, 5, 5), today=TODAY)
    assert entry.status == EntryStatus.ENTERED
    assert cached_balance(h.id).earned_total == 0


def test_cap_refuses_with_household_and_rule_named(admin):
    village = make_village(admin)
    h = household(village, 2)
    cv01 = rule(village, "CV01")  # +10, cap 20 a year
    for day in (dt.date(2026, 3, 1), dt.date(2026, 4, 1)):
        entries.add_entry(actor=admin, household_id=h.id, rule_id=cv01.id, occurred_on=day, today=TODAY)
    with pytest.raises(UserError) as info:
        entries.add_entry(actor=admin, household_id=h.id, rule_id=cv01.id, occurred_on=dt.date(2026, 5, 1),
                          today=TODAY)
    assert h.household_no in info.value.message and "CV01" in info.value.message and "上限" in info.value.message
    # a new year starts afresh
    entries.add_entry(actor=admin, household_id=h.id, rule_id=cv01.id, occurred_on=dt.date(2025, 5, 1), today=TODAY)
    assert LedgerEntry.select().where(LedgerEntry.household == h.id).count() == 3


def test_reversed_entry_frees_its_place_under_the_frequency_limit(admin):
    village = make_village(admin)
    h = household(village, 1)
    lw01 = rule(village, "LW01")  # once a year
    first = entries.add_entry(actor=admin, household_id=h.id, rule_id=lw01.id, occurred_on=dt.date(2026, 1, 5),
                              today=TODAY)
    with pytest.raises(UserError, match="每年只能一次"):
        entries.add_entry(actor=admin, household_id=h.id, rule_id=lw01.id, occurred_on=dt.date(2026, 6, 5),
                          today=TODAY)
    reverse_entry(actor=admin, entry_id=first.id, reason="户号录错")
    entries.add_entry(actor=admin, household_id=h.id, rule_id=lw01.id, occurred_on=dt.date(2026, 6, 5), today=TODAY)
    assert cached_balance(h.id).earned_total == 10


def test_retired_rule_and_future_date_are_refused(admin):
    from pointsapp.services.scoring.rules import set_rule_active

    village = make_village(admin)
    h = household(village, 1)
    r = rule(village, "PA02")
    with pytest.raises(UserError, match="还没到"):
        entries.add_entry(actor=admin, household_id=h.id, rule_id=r.id, occurred_on=dt.date(2026, 12, 1),
                          today=TODAY)
    set_rule_active(actor=admin, rule_id=r.id, active=False)
    with pytest.raises(UserError, match="已停用"):
        entries.add_entry(actor=admin, household_id=h.id, rule_id=r.id, occurred_on=dt.date(2026, 5, 1),
                          today=TODAY)


def test_batch_saves_a_group_month_as_one_batch(admin):
    village = make_village(admin, households=6, groups=2)
    group = village.groups.order_by(village.groups.model.sort_order)[0]
    hy01, hy02 = rule(village, "HY01"), rule(village, "HY02")
    members = [household(village, n) for n in (1, 3, 5)]
    marks = {members[0].id: {hy01.id, hy02.id}, members[1].id: {hy01.id}, members[2].id: set()}
    result = entries.add_batch(actor=admin, group_id=group.id, period_code="2026-10", marks=marks, today=TODAY)
    assert (result.entries, result.points) == (3, 13)
    assert Batch.select().count() == 1
    assert {e.occurred_on for e in result.batch.entries} == {dt.date(2026, 10, 31)}
    assert entries.batch_marks(actor=admin, group_id=group.id, period_code="2026-10") == {
        members[0].id: {hy01.id, hy02.id}, members[1].id: {hy01.id}}
    assert check.run_checks() == []


def test_batch_with_one_bad_row_writes_nothing(admin):
    village = make_village(admin, households=4, groups=1)
    group = village.groups[0]
    hy01 = rule(village, "HY01")
    h1, h2 = household(village, 1), household(village, 2)
    entries.add_entry(actor=admin, household_id=h2.id, rule_id=hy01.id, occurred_on=dt.date(2026, 10, 3), today=TODAY)
    before = LedgerEntry.select().count()
    with pytest.raises(UserError) as info:
        entries.add_batch(actor=admin, group_id=group.id, period_code="2026-10",
                          marks={h1.id: {hy01.id}, h2.id: {hy01.id}}, today=TODAY)
    assert h2.household_no in info.value.message and "每月只能一次" in info.value.message
    assert LedgerEntry.select().count() == before and Batch.select().count() == 0


def test_batch_refuses_a_non_inspection_rule(admin):
    village = make_village(admin)
    with pytest.raises(UserError, match="不是月度检查项目"):
        entries.add_batch(actor=admin, group_id=village.groups[0].id, period_code="2026-10",
                          marks={household(village, 1).id: {rule(village, "PA01").id}}, today=TODAY)


def test_a_cashier_cannot_enter_points(admin, actor_of):
    village = make_village(admin)
    with pytest.raises(PermissionDenied):
        entries.add_entry(actor=actor_of(Role.CASHIER), household_id=household(village, 1).id,
                          rule_id=rule(village, "PA01").id, today=TODAY)
    assert Evidence.select().count() == 0


def test_recent_entries_are_ones_own_scores_not_the_shops_or_reversals(admin, actor_of):
    from pointsapp.services.shop import redemption
    from tests.shop_helpers import make_shop

    shop = make_shop(admin, points=100)  # its households' points are awards by admin too
    before = [e.id for e in entries.recent_entries(actor=admin)]
    village = make_village(admin)
    h = household(village, 1)
    mine = [entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, code).id,
                              occurred_on=dt.date(2026, 6, day), today=TODAY)
            for day, code in ((1, "LW01"), (2, "HY01"))]
    clerk = actor_of(Role.SCORER)
    theirs = entries.add_entry(actor=clerk, household_id=h.id, rule_id=rule(village, "HY01").id,
                               occurred_on=dt.date(2026, 7, 3), today=TODAY)
    reverse_entry(actor=admin, entry_id=mine[0].id, reason="户号录错")  # a reversal row by admin
    redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
    assert LedgerEntry.select().where(LedgerEntry.created_by == admin.user_id,
                                      LedgerEntry.kind.in_(["reversal", "redemption"])).count() >= 2
    assert [e.id for e in entries.recent_entries(actor=admin)] == [mine[1].id, mine[0].id] + before
    assert [e.id for e in entries.recent_entries(actor=admin, limit=1)] == [mine[1].id]
    assert [e.id for e in entries.recent_entries(actor=clerk)] == [theirs.id]


def test_a_clerk_undoes_an_entry_that_took_effect_with_a_reversal_row(admin, actor_of):
    village = make_village(admin)
    h = household(village, 1)
    clerk = actor_of(Role.SCORER)
    entry = entries.add_entry(actor=clerk, household_id=h.id, rule_id=rule(village, "HY01").id, today=TODAY)
    assert entry.status == EntryStatus.EFFECTIVE and cached_balance(h.id).earned_total == entry.points > 0
    undone = entries.undo_entry(actor=clerk, entry_id=entry.id)
    reversal = LedgerEntry.get_by_id(undone.reversal_id)
    assert reversal.reverses_id == entry.id and reversal.points == -entry.points and "录入人撤销" in reversal.note
    assert cached_balance(h.id).earned_total == 0 and cached_balance(h.id).available == 0
    assert LedgerEntry.get_by_id(entry.id).status == EntryStatus.EFFECTIVE  # kept, cancelled by the reversal
    with pytest.raises(UserError, match="已经冲正过了"):
        entries.undo_entry(actor=clerk, entry_id=entry.id)
    assert LedgerEntry.select().where(LedgerEntry.reverses == entry.id).count() == 1
    # the month's once-only rule is free again, as after any reversal
    entries.add_entry(actor=clerk, household_id=h.id, rule_id=rule(village, "HY01").id, today=TODAY)
    assert check.run_checks() == []


def test_an_entry_waiting_for_review_is_withdrawn_not_reversed(admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    h = household(village, 1)
    clerk = actor_of(Role.SCORER)
    entry = entries.add_entry(actor=clerk, household_id=h.id, rule_id=rule(village, "PA01").id, today=TODAY)
    undone = entries.undo_entry(actor=clerk, entry_id=entry.id)
    assert undone.reversal_id is None
    assert LedgerEntry.get_by_id(entry.id).status == EntryStatus.REJECTED
    assert LedgerEntry.select().where(LedgerEntry.reverses == entry.id).count() == 0
    assert cached_balance(h.id).earned_total == 0
    from pointsapp.models import AuditLog
    assert AuditLog.select().where(AuditLog.action == "entry.undo").count() == 1


def test_what_a_clerk_may_not_undo_is_refused_and_left_as_it_was(admin, actor_of):
    village = make_village(admin)
    h = household(village, 1)
    clerk, other = actor_of(Role.SCORER), actor_of(Role.SCORER, "scorer2")
    theirs = entries.add_entry(actor=other, household_id=h.id, rule_id=rule(village, "PA01").id, today=TODAY)
    with pytest.raises(UserError, match="不是您录入的"):
        entries.undo_entry(actor=clerk, entry_id=theirs.id)
    mine = entries.add_entry(actor=clerk, household_id=h.id, rule_id=rule(village, "HY01").id, today=TODAY)
    later = LedgerEntry.get_by_id(mine.id).created_at + dt.timedelta(minutes=entries.UNDO_MINUTES + 1)
    with pytest.raises(UserError, match="超过 10 分钟"):
        entries.undo_entry(actor=clerk, entry_id=mine.id, at=later)
    veto = entries.add_entry(actor=clerk, household_id=h.id, rule_id=rule(village, "LW03").id, note="违法建设",
                             today=TODAY)
    with pytest.raises(UserError, match="一票否决"):
        entries.undo_entry(actor=clerk, entry_id=veto.id)
    with pytest.raises(PermissionDenied):
        entries.undo_entry(actor=actor_of(Role.VIEWER), entry_id=mine.id)
    assert LedgerEntry.select().where(LedgerEntry.kind == "reversal").count() == 0
    assert cached_balance(h.id).earned_total == theirs.points + mine.points + veto.points
