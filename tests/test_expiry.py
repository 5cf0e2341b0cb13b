"""积分清零: an explicit run clears available points as of a cutoff; earned points and rankings stay."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from pointsapp.models import AuditLog, EntryKind, ExpiryRun, LedgerEntry, Village
from pointsapp.services import periods
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import expiry
from pointsapp.services.scoring import rankings
from pointsapp.services.scoring import review
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.services.scoring.ledger import cached_balance
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2027, 1, 10)


def _add(admin, village, n, code, day):
    entries.add_entry(actor=admin, household_id=household(village, n).id, rule_id=rule(village, code).id,
                      occurred_on=day, today=TODAY)


def test_year_end_run_clears_available_but_not_earned(admin):
    village = make_village(admin, households=3)
    expiry.set_policy(actor=admin, village_id=village.id, policy=Village.EXPIRY_YEAR_END)
    _add(admin, village, 1, "PA03", dt.date(2026, 5, 1))
    _add(admin, village, 1, "PA01", dt.date(2027, 1, 5))  # after the cutoff: kept
    _add(admin, village, 2, "HY05", dt.date(2026, 5, 1))  # a household below zero is left alone
    run = expiry.run_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)
    assert (run.households, run.points) == (1, 10)
    h1 = household(village, 1)
    assert cached_balance(h1.id).available == 5 and cached_balance(h1.id).earned_total == 15
    cleared = LedgerEntry.get(LedgerEntry.kind == EntryKind.EXPIRY)
    assert cleared.points == -10 and cleared.earned is False and cleared.occurred_on == dt.date(2026, 12, 31)
    year = rankings.ranking(actor=admin, period=periods.parse("2026"), village_id=village.id)
    assert {r.household_no: r.total for r in year.rows}["T1001"] == 10
    assert AuditLog.select().where(AuditLog.action == "expiry.run").count() == 1
    assert check.run_checks() == []
    with pytest.raises(UserError, match="不能重复执行"):
        expiry.run_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)


def test_no_expiry_policy_refuses_the_run(admin):
    village = make_village(admin)
    with pytest.raises(UserError, match="不清零"):
        expiry.run_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)
    assert ExpiryRun.select().count() == 0


def test_only_permitted_users_run_expiry(admin, actor_of):
    village = make_village(admin)
    expiry.set_policy(actor=admin, village_id=village.id, policy=Village.EXPIRY_YEAR_END)
    with pytest.raises(PermissionDenied):
        expiry.run_expiry(actor=actor_of(Role.SCORER), village_id=village.id, cutoff=dt.date(2026, 12, 31),
                          today=TODAY)


def test_preview_shows_what_the_run_then_clears_and_writes_nothing(admin):
    village = make_village(admin, households=3)
    expiry.set_policy(actor=admin, village_id=village.id, policy=Village.EXPIRY_YEAR_END)
    _add(admin, village, 1, "PA03", dt.date(2026, 5, 1))
    _add(admin, village, 3, "PA01", dt.date(2026, 6, 1))
    before = LedgerEntry.select().count()
    preview = expiry.preview_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)
    assert LedgerEntry.select().count() == before and ExpiryRun.select().count() == 0
    run = expiry.run_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)
    assert (preview.households, preview.points) == (run.households, run.points) == (2, 15)
    assert [(r.cutoff, r.run_by) for r in expiry.list_runs(actor=admin, village_id=village.id)] == [
        (dt.date(2026, 12, 31), admin.name)]
    with pytest.raises(UserError, match="不能重复执行"):  # the preview refuses what the run would refuse
        expiry.preview_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)


def _balance(village, n):
    balance = cached_balance(household(village, n).id)
    return balance.available, balance.earned_total


def _year_end_village(admin, **kw):
    village = make_village(admin, households=3, **kw)
    expiry.set_policy(actor=admin, village_id=village.id, policy=Village.EXPIRY_YEAR_END)
    return village


def _run(admin, village):
    return expiry.run_expiry(actor=admin, village_id=village.id, cutoff=dt.date(2026, 12, 31), today=TODAY)


def test_an_award_reversed_after_a_clearance_took_it_gives_the_cleared_points_back(admin):
    village = _year_end_village(admin)
    _add(admin, village, 1, "PA03", dt.date(2026, 5, 1))  # 10, cleared at the year's end
    _add(admin, village, 1, "PA01", dt.date(2026, 6, 1))  # 5, cleared too; then found to be a mistake
    _add(admin, village, 1, "PA01", dt.date(2027, 1, 5))  # 5, after the cutoff: kept
    _run(admin, village)
    assert _balance(village, 1) == (5, 20)
    mistake = LedgerEntry.get(LedgerEntry.rule == rule(village, "PA01").id, LedgerEntry.occurred_on == dt.date(2026, 6, 1))
    review.reverse_entry(actor=admin, entry_id=mistake.id, reason="登记错户")
    # as if the award had never been made: the run would have cleared 10, the 5 after the cutoff stay
    assert _balance(village, 1) == (5, 15)
    back = LedgerEntry.get(LedgerEntry.kind == EntryKind.EXPIRY, LedgerEntry.points > 0)
    assert (back.points, back.earned, back.occurred_on) == (5, False, dt.date(2026, 12, 31))
    assert f"记录 #{mistake.id} 已冲正" in back.note
    assert json.loads(AuditLog.get(AuditLog.action == "entry.reverse").new_value)["expiry_returned"] == 5
    assert check.run_checks() == []


def test_two_reversed_awards_never_get_back_more_than_the_clearance_took(admin):
    village = _year_end_village(admin)
    _add(admin, village, 1, "PA03", dt.date(2026, 5, 1))  # 10
    _add(admin, village, 1, "HY05", dt.date(2026, 6, 1))  # -3: the run clears 7
    _run(admin, village)
    assert _balance(village, 1) == (0, 7)
    award = LedgerEntry.get(LedgerEntry.rule == rule(village, "PA03").id)
    review.reverse_entry(actor=admin, entry_id=award.id, reason="重复登记")
    # without the award the household would have 0 - 3: the deduction still counts, the run cleared nothing
    assert _balance(village, 1) == (-3, -3)
    deduction = LedgerEntry.get(LedgerEntry.rule == rule(village, "HY05").id)
    review.reverse_entry(actor=admin, entry_id=deduction.id, reason="误扣")
    assert _balance(village, 1) == (0, 0)
    assert sum(e.points for e in LedgerEntry.select().where(LedgerEntry.kind == EntryKind.EXPIRY)) == 0
    assert check.run_checks() == []


def test_an_award_the_run_did_not_count_gets_nothing_back(admin, actor_of, monkeypatch):
    reviewer = actor_of(Role.REVIEWER)
    reviewed = _year_end_village(admin, workflow=Village.WORKFLOW_REVIEWED, code="R1", name="审核村")
    simple = _year_end_village(admin, code="S1", name="简单村")
    _add(admin, simple, 1, "PA03", dt.date(2026, 5, 1))
    _add(admin, reviewed, 1, "PA03", dt.date(2026, 5, 1))
    _add(admin, reviewed, 1, "PA01", dt.date(2026, 6, 1))
    first, pending = LedgerEntry.select().where(LedgerEntry.village == reviewed.id).order_by(LedgerEntry.id)
    review.review(actor=reviewer, entry_ids=[first.id], approve=True)
    notice = review.put_on_notice(actor=reviewer, village_id=reviewed.id, starts_on=dt.date(2026, 12, 1))
    monkeypatch.setenv("POINTSAPP_TODAY", "2027-01-08 10:00")
    review.close_notices(actor=reviewer, today=TODAY)
    monkeypatch.setenv("POINTSAPP_TODAY", "2027-01-08 11:00")
    _run(admin, reviewed)
    _run(admin, simple)
    assert _balance(reviewed, 1) == (0, 10) and _balance(simple, 1) == (0, 10)
    # the second award was under review at the run; the one made on paper in May is written (backdated) after it
    monkeypatch.setenv("POINTSAPP_TODAY", "2027-01-08 12:00")
    review.review(actor=reviewer, entry_ids=[pending.id], approve=True)
    review.put_on_notice(actor=reviewer, village_id=reviewed.id, starts_on=dt.date(2026, 12, 20))
    review.close_notices(actor=reviewer, today=TODAY)
    _add(admin, simple, 1, "PA01", dt.date(2026, 5, 2))
    assert _balance(reviewed, 1) == (5, 15) and _balance(simple, 1) == (5, 15)
    for village in (reviewed, simple):
        late = LedgerEntry.get(LedgerEntry.village == village.id, LedgerEntry.rule == rule(village, "PA01").id)
        review.reverse_entry(actor=admin, entry_id=late.id, reason="登记有误")
        assert _balance(village, 1) == (0, 10)
    # the first award was counted by the run: reversed, its 10 cleared points come back and nothing is owed
    review.reverse_entry(actor=admin, entry_id=first.id, reason="登记有误")
    assert _balance(reviewed, 1) == (0, 0)
    assert notice.id and check.run_checks() == []


def test_points_spent_after_the_cutoff_come_out_of_the_cleared_ones_not_the_new(admin):
    village = _year_end_village(admin)
    _add(admin, village, 1, "PA03", dt.date(2026, 5, 1))  # 10 before the cutoff
    _add(admin, village, 1, "HY05", dt.date(2027, 1, 3))  # -3 after it: taken from the oldest points
    _add(admin, village, 1, "PA01", dt.date(2027, 1, 5))  # 5 after it: kept whole
    run = _run(admin, village)
    assert (run.households, run.points) == (1, 7)
    assert _balance(village, 1) == (5, 12)
    assert check.run_checks() == []


def test_a_deduction_reversed_after_the_cutoff_does_not_count_as_spent(admin):
    village = _year_end_village(admin)
    _add(admin, village, 1, "PA03", dt.date(2026, 5, 1))
    _add(admin, village, 1, "HY05", dt.date(2027, 1, 3))
    deduction = LedgerEntry.get(LedgerEntry.rule == rule(village, "HY05").id)
    review.reverse_entry(actor=admin, entry_id=deduction.id, reason="误扣")
    assert _run(admin, village).points == 10
    assert _balance(village, 1) == (0, 10)
