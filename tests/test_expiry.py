"""积分清零: an explicit run clears available points as of a cutoff; earned points and rankings stay."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.models import AuditLog, EntryKind, ExpiryRun, LedgerEntry, Village
from pointsapp.services import periods
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import expiry
from pointsapp.services.scoring import rankings
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
