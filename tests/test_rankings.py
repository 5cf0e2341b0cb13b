"""Rankings: earned points per period with per-category columns, fair ties; check names tampered rows."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import LedgerEntry, Village, database
from pointsapp.services import periods
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import household_years, rankings
from pointsapp.services.scoring import review
from tests.scoring_helpers import household, make_village, rule
from tests.conftest import bypass_append_only_triggers

TODAY = dt.date(2026, 11, 20)


def _add(admin, village, n, code, day=dt.date(2026, 10, 5)):
    return entries.add_entry(actor=admin, household_id=household(village, n).id, rule_id=rule(village, code).id,
                             occurred_on=day, today=TODAY)


def test_ties_fewer_deductions_then_more_awards_then_shared_rank(admin):
    village = make_village(admin, households=5)
    _add(admin, village, 1, "PA03")                      # 10 = 10 awards, no deductions
    _add(admin, village, 2, "LW01"), _add(admin, village, 2, "PA01"), _add(admin, village, 2, "HY05")  # 10+5-3 = 12
    _add(admin, village, 3, "PA01"), _add(admin, village, 3, "PA01")  # 10, no deductions, same as #1
    _add(admin, village, 4, "CV01"), _add(admin, village, 4, "PA02"), _add(admin, village, 4, "HY05")  # 10+3-3 = 10
    result = rankings.ranking(actor=admin, period=periods.parse("2026-10"), village_id=village.id)
    order = [(r.household_no, r.rank, r.total) for r in result.rows]
    assert order == [("T1002", 1, 12), ("T1001", 2, 10), ("T1003", 2, 10), ("T1004", 4, 10), ("T1005", 5, 0)]
    row4 = result.rows[3]
    assert (row4.awards, row4.deductions) == (13, 3)
    assert row4.by_category["civility"] == 10 and row4.by_category["hygiene"] == -3


def test_ranking_counts_only_effective_entries_in_the_period_and_nets_reversals(admin, actor_of):
    from pointsapp.services.auth import Role

    village = make_village(admin, households=2)
    first = _add(admin, village, 1, "PA03")
    _add(admin, village, 1, "PA02", day=dt.date(2026, 9, 30))  # September: not in October
    review.reverse_entry(actor=admin, entry_id=first.id, reason="重复录入")
    _add(admin, village, 2, "PA01")
    reviewed = make_village(admin, households=1, workflow=Village.WORKFLOW_REVIEWED, code="T2", name="二村")
    entries.add_entry(actor=actor_of(Role.SCORER), household_id=household(reviewed, 1).id,
                      rule_id=rule(reviewed, "PA03").id, occurred_on=dt.date(2026, 10, 5), today=TODAY)
    october = rankings.ranking(actor=admin, period=periods.parse("2026-10"))
    totals = {r.household_no: r.total for r in october.rows}
    assert totals == {"T1001": 0, "T1002": 5, "T2001": 0}  # the reviewed village's entry is still pending
    # two villages, the same default categories: one column per category code, each village's entries in it
    codes = [code for code, _name in october.categories]
    assert len(codes) == len(set(codes)) and "participation" in codes
    row = next(r for r in october.rows if r.household_no == "T1002")
    assert row.by_category == {code: 5 if code == rule(village, "PA01").category.code else 0 for code in codes}
    q4 = rankings.ranking(actor=admin, period=periods.parse("2026-Q3"), village_id=village.id)
    assert {r.household_no: r.total for r in q4.rows} == {"T1001": 3, "T1002": 0}


def test_group_ranking_holds_only_that_group(admin):
    village = make_village(admin, households=4, groups=2)
    for n in (1, 2, 3, 4):
        _add(admin, village, n, "PA01")
    group2 = village.groups.order_by(village.groups.model.sort_order)[1]
    result = rankings.ranking(actor=admin, period=periods.parse("2026"), group_id=group2.id)
    assert [r.household_no for r in result.rows] == ["T1002", "T1004"]
    assert result.title.endswith("2组")


def test_a_tampered_ledger_row_is_named_by_check(admin):
    village = make_village(admin, households=2)
    entry = _add(admin, village, 1, "PA01")
    _add(admin, village, 1, "PA02")
    assert check.run_checks() == []
    bypass_append_only_triggers()
    database.obj.execute_sql(f"UPDATE ledger_entry SET points = 50 WHERE id = {database.obj.param}", (entry.id,))
    problems = check.run_checks()
    assert any(f"#{entry.id}" in p and "改动" in p for p in problems)
    # the ranking, read straight from the ledger, shows the forged points: check is what catches them
    result = rankings.ranking(actor=admin, period=periods.parse("2026-10"), village_id=village.id)
    assert result.rows[0].total == 53


def test_a_deleted_row_is_named_by_check(admin):
    village = make_village(admin, households=1)
    _add(admin, village, 1, "PA01")
    middle = _add(admin, village, 1, "PA02")
    _add(admin, village, 1, "PA03")
    bypass_append_only_triggers()
    LedgerEntry.delete().where(LedgerEntry.id == middle.id).execute()
    problems = check.run_checks()
    assert any("跳到" in p for p in problems)


def test_stars_read_the_same_way_for_every_count():
    """★★★★ beside ★×10 made four stars look like more than ten: lists and prints use one form."""
    from pointsapp.services.scoring.rankings import stars_text

    assert [stars_text(n) for n in (0, 1, 4, 10)] == ["", "★×1", "★×4", "★×10"]
    assert stars_text(7, spelled_out=10) == "★" * 7  # the till's big display draws them


def test_the_sums_grouped_and_folded_here_equal_the_sums_the_database_folds(admin):
    """The ranking reads its sums one way on SQLite and another on PostgreSQL (each the faster on its engine):
    both ways, on both engines, give every household the same columns, awards and deductions."""
    from pointsapp.db.sql import cursor_rows

    village = make_village(admin, households=4)
    _add(admin, village, 1, "PA03"), _add(admin, village, 1, "HY05"), _add(admin, village, 2, "CV01")
    _add(admin, village, 2, "LW01"), _add(admin, village, 3, "PA01")
    reversed_award = _add(admin, village, 3, "PA02")
    reversed_deduction = _add(admin, village, 4, "HY05")
    review.reverse_entry(actor=admin, entry_id=reversed_award.id, reason="重复录入")
    review.reverse_entry(actor=admin, entry_id=reversed_deduction.id, reason="扣错了")
    period = periods.parse("2026")
    columns, _names = rankings._columns([village.id])
    ids = list(columns.values())
    grouped = rankings.pivot(cursor_rows(rankings.sums_query(period, [village.id])), ids)
    folded = {h: [int(v or 0) for v in sums]
              for h, *sums in cursor_rows(rankings.pivoted_sums_query(period, [village.id], ids))}
    assert grouped == folded and len(grouped) == 4
    assert rankings.household_sums(period, [village.id], ids) == grouped
    # a whole year is read from the sums the database keeps per household and year (migration 0015): the same
    assert household_years.sums(2026, [village.id], ids) == grouped
    assert rankings.ledger_sums(period, [village.id], ids) == grouped
    hygiene = columns["hygiene"]  # ranked by one category: its awards and deductions only, both ways
    by_hygiene = rankings.ledger_sums(period, [village.id], [hygiene], hygiene)
    assert household_years.sums(2026, [village.id], [hygiene], hygiene) == by_hygiene
    assert by_hygiene[household(village, 1).id] == [-3, 0, -3]
    awards_and_deductions = {household(village, n).id: grouped[household(village, n).id][-2:] for n in (1, 3, 4)}
    assert awards_and_deductions[household(village, 3).id][0] > 0  # the reversed award came off, the other stays
    assert awards_and_deductions[household(village, 4).id] == [0, 0]  # a deduction and its reversal


def test_a_years_ranking_read_from_the_kept_sums_equals_the_one_summed_from_the_ledger(admin, actor_of):
    """Entries of two years, one waiting for review, one reversed: the year's ranking from the kept sums (what the
    page opens on) equals the ranking summed from the ledger entry by entry, for the total and by one category."""
    from pointsapp.services.auth import Role

    village = make_village(admin, households=4, workflow=Village.WORKFLOW_REVIEWED)
    _add(admin, village, 1, "PA03"), _add(admin, village, 1, "HY05"), _add(admin, village, 2, "CV01")
    _add(admin, village, 3, "PA01", day=dt.date(2025, 12, 31))  # last year: not in this year's ranking
    _add(admin, village, 3, "PA02", day=dt.date(2026, 1, 1))
    waiting = _add(admin, village, 4, "PA03")  # entered, not reviewed: not counted
    reversed_award = _add(admin, village, 2, "PA02")
    pending = {e.id for e in (waiting,)}
    effective = [e.id for e in LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.id.not_in(pending))]
    review.review(actor=actor_of(Role.REVIEWER), entry_ids=effective, approve=True)
    from pointsapp.services.scoring.ledger import make_effective

    make_effective(effective)
    review.reverse_entry(actor=admin, entry_id=reversed_award.id, reason="重复录入")

    def both(**kw):
        kept = rankings.ranking(actor=admin, period=periods.parse("2026"), village_id=village.id, **kw)
        original = rankings.household_sums
        rankings.household_sums = rankings.ledger_sums  # the same ranking, summed from the ledger itself
        try:
            summed = rankings.ranking(actor=admin, period=periods.parse("2026"), village_id=village.id, **kw)
        finally:
            rankings.household_sums = original
        return kept.rows, summed.rows

    kept, summed = both()
    assert kept == summed
    by_no = {r.household_no: r for r in kept}
    assert by_no["T1003"].total == 3 and by_no["T1004"].total == 0  # 2025's 5 and the waiting entry left out
    assert by_no["T1002"].total == 10  # the reversed award came off
    kept, summed = both(category="hygiene")
    assert kept == summed and {r.household_no: r.total for r in kept}["T1001"] == -3


def test_a_household_that_moved_village_has_the_kept_sums_of_both_villages(admin):
    """The kept sums are read one village at a time: a household with entries in two villages (it moved) gets
    both, as the ledger gives them."""
    from pointsapp.models import Household

    first = make_village(admin, households=2)
    second = make_village(admin, households=1, code="T2", name="二村")
    mover = household(first, 1)
    _add(admin, first, 1, "PA03"), _add(admin, first, 1, "HY05"), _add(admin, first, 2, "PA01")
    Household.update(village=second.id, group=second.groups.first().id, household_no="T2009").where(
        Household.id == mover.id).execute()
    entries.add_entry(actor=admin, household_id=mover.id, rule_id=rule(second, "PA01").id,
                      occurred_on=dt.date(2026, 10, 6), today=TODAY)
    villages = [first.id, second.id]
    columns, _names = rankings._columns(villages)
    ids = list(columns.values())
    kept = household_years.sums(2026, villages, ids)
    assert kept == rankings.ledger_sums(periods.parse("2026"), villages, ids)
    participation = list(columns).index(rule(first, "PA01").category.code)
    assert kept[mover.id][participation] == 15 and kept[mover.id][-2:] == [15, -3]  # 10 + 5, and the -3
