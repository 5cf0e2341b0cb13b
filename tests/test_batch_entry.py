"""Inspection sheets (add_batch) after the speed work: every household check still refuses, caps stay cheap."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from pointsapp.db.connection import is_sqlite
from pointsapp.models import Batch, Household, HouseholdBalance, LedgerEntry, database
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.errors import UserError
from pointsapp.services.register.households import archive_household
from pointsapp.services.scoring.ledger import GENESIS, entry_hash
from pointsapp.services.scoring.rules import usage
from pointsapp.services.scoring.sql import rule_usage_sql as usage_sql
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)


def _nothing_written(before: int) -> bool:
    return LedgerEntry.select().count() == before and Batch.select().count() == 0


def test_sheet_with_an_archived_household_is_refused_and_nothing_is_written(admin):
    village = make_village(admin, households=3, groups=1)
    hy01 = rule(village, "HY01")
    h1, h2 = household(village, 1), household(village, 2)
    archive_household(actor=admin, household_id=h2.id, reason="迁出")
    before = LedgerEntry.select().count()
    with pytest.raises(UserError) as info:
        entries.add_batch(actor=admin, group_id=village.groups[0].id, period_code="2026-10",
                          marks={h1.id: {hy01.id}, h2.id: {hy01.id}}, today=TODAY)
    assert h2.household_no in info.value.message and "已归档" in info.value.message
    assert _nothing_written(before)


def test_sheet_naming_a_household_of_another_group_or_one_not_yet_joined_is_refused(admin):
    village = make_village(admin, households=4, groups=2)
    first, second = list(village.groups.order_by(village.groups.model.sort_order))
    hy01 = rule(village, "HY01")
    h1, h2 = household(village, 1), household(village, 2)  # 1组 and 2组
    before = LedgerEntry.select().count()
    with pytest.raises(UserError) as info:
        entries.add_batch(actor=admin, group_id=first.id, period_code="2026-10",
                          marks={h1.id: {hy01.id}, h2.id: {hy01.id}}, today=TODAY)
    assert h2.household_no in info.value.message and first.name in info.value.message
    Household.update(joined_on=dt.date(2026, 11, 1)).where(Household.id == h1.id).execute()
    with pytest.raises(UserError) as info:
        entries.add_batch(actor=admin, group_id=first.id, period_code="2026-10", marks={h1.id: {hy01.id}},
                          today=TODAY)
    assert "才入户" in info.value.message and h1.household_no in info.value.message
    with pytest.raises(UserError, match="找不到这一户"):
        entries.add_batch(actor=admin, group_id=second.id, period_code="2026-10", marks={10**6: {hy01.id}},
                          today=TODAY)
    assert _nothing_written(before)


def test_sheets_move_balances_and_chain_each_household_on_from_its_last_entry(admin):
    village = make_village(admin, households=4, groups=1)
    group = village.groups[0]
    hy01, hy02 = rule(village, "HY01"), rule(village, "HY02")
    h1, h2 = household(village, 1), household(village, 2)
    entries.add_entry(actor=admin, household_id=h1.id, rule_id=rule(village, "PA01").id,
                      occurred_on=dt.date(2026, 9, 2), today=TODAY)
    for month in ("2026-09", "2026-10"):
        entries.add_batch(actor=admin, group_id=group.id, period_code=month,
                          marks={h1.id: {hy01.id, hy02.id}, h2.id: {hy01.id}}, today=TODAY)
    seqs = [e.seq for e in LedgerEntry.select().where(LedgerEntry.household == h1.id).order_by(LedgerEntry.seq)]
    assert seqs == [1, 2, 3, 4, 5]
    balance = HouseholdBalance.get(HouseholdBalance.household == h1.id)
    assert balance.available == sum(e.points for e in LedgerEntry.select().where(LedgerEntry.household == h1.id))
    assert balance.last_seq == 5
    assert check.run_checks() == []


def test_entry_hash_is_the_documented_sha256_so_older_ledgers_still_verify():
    """The hash text is fixed forever: rows hashed by earlier versions must keep verifying."""
    fields = dict(household_id=12, seq=3, kind="award", points=5, earned=True, rule_id=None, category_id=4,
                  occurred_on=dt.date(2026, 5, 1), note="月度检查", reverses_id=None, batch_id=9, created_by=1,
                  created_at=dt.datetime(2026, 5, 31, 8, 5, 9), prev_hash=GENESIS)
    text = f"12|3|award|5|1||4|2026-05-01||9|1|2026-05-31 08:05:09|月度检查|{GENESIS}"
    assert entry_hash(**fields) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    as_read_back = {**fields, "created_at": "2026-05-31 08:05:09", "earned": 1}  # SQLite text, integer flag
    assert entry_hash(**as_read_back) == entry_hash(**fields)


def test_caps_check_reads_only_each_household_rule_and_year(admin):
    """However many years the ledger holds, a sheet's cap check seeks (household, rule, year) ranges."""
    village = make_village(admin, households=2, groups=1)
    hy01 = rule(village, "HY01")
    h1 = household(village, 1)
    entries.add_batch(actor=admin, group_id=village.groups[0].id, period_code="2025-10",
                      marks={h1.id: {hy01.id}}, today=TODAY)
    assert usage([hy01.id], [h1.id], 2026)[(h1.id, hy01.id)].count == 0
    assert usage([hy01.id], [h1.id], 2025)[(h1.id, hy01.id)].months == {10}
    if not is_sqlite():
        return  # PostgreSQL plans by its own statistics
    sql, params = usage_sql([hy01.id], [h1.id], 2026)
    plan = " ".join(str(row[-1]) for row in database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "ledger_entry_household_id_rule_id_occurred_on" in plan and "occurred_on>" in plan, plan
