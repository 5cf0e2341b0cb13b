"""The ranking's yearly sums the database keeps beside the ledger (migration 0015) always equal the ledger."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pointsapp import demo
from pointsapp.models import EntryKind, EntryStatus, HouseholdYear, LedgerEntry, User, Village
from pointsapp.services.ops import check, users
from pointsapp.services.ops.users import actor_for
from pointsapp.services.scoring import household_years, review
from pointsapp.services.scoring.ledger import make_effective
from tests.scoring_helpers import kept_in_a_copy_equals_the_source

TODAY = dt.date(2026, 11, 23)


def recount() -> dict[tuple[int, int, int, int], tuple[int, int, int]]:
    """The sums straight from the ledger, entry by entry in Python: effective, earned; awards and deductions net of
    their reversals (a reversal of an award is negative, of a deduction positive)."""
    out: dict[tuple[int, int, int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for e in LedgerEntry.select().where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.earned == True):  # noqa: E712
        sums = out[(e.village_id, e.occurred_on.year, e.household_id, e.category_id or 0)]
        sums[0] += e.points
        if e.kind == EntryKind.AWARD or (e.kind == EntryKind.REVERSAL and e.points < 0):
            sums[1] += e.points
        elif e.kind == EntryKind.DEDUCTION or (e.kind == EntryKind.REVERSAL and e.points > 0):
            sums[2] += e.points
    return {key: tuple(sums) for key, sums in out.items()}


def kept() -> dict[tuple[int, int, int, int], tuple[int, int, int]]:
    return {(r.village_id, r.year, r.household_id, r.category_id): (int(r.points), int(r.awards), int(r.deductions))
            for r in HouseholdYear.select()}


def test_yearly_sums_follow_entries_written_reviewed_rejected_and_reversed(db):
    demo.generate(households=30, villages=2, years=2, seed=6, today=TODAY)  # the second village is reviewed
    assert Village.get(Village.name == demo.VILLAGE_NAMES[1]).workflow == Village.WORKFLOW_REVIEWED
    assert LedgerEntry.select().where(LedgerEntry.status == EntryStatus.REJECTED).exists()
    assert kept() == recount() and len(kept()) > 100
    assert {year for (_v, year, _h, _c) in kept()} == {2025, 2026}
    assert any(deductions < 0 for _p, _a, deductions in kept().values())
    # entries waiting for review count once they are effective, not before
    waiting = [e.id for e in LedgerEntry.select().where(LedgerEntry.status == EntryStatus.ENTERED,
                                                        LedgerEntry.earned == True)  # noqa: E712
               .order_by(LedgerEntry.id).limit(5)]
    assert waiting
    reviewer = actor_for(User.get(User.username == "shenhe"))
    before = kept()
    review.review(actor=reviewer, entry_ids=waiting, approve=True)
    assert kept() == before  # reviewed is not effective yet
    make_effective(waiting)
    assert kept() == recount() != before
    # a reversal takes the points back out of the original's year, from its awards
    entry = LedgerEntry.get_by_id(waiting[0])
    key = (entry.village_id, entry.occurred_on.year, entry.household_id, entry.category_id)
    before = kept()[key]
    review.reverse_entry(actor=reviewer, entry_id=entry.id, reason="录错了")
    assert kept() == recount()
    if LedgerEntry.get(LedgerEntry.reverses == entry.id).status == EntryStatus.EFFECTIVE:
        assert kept()[key][0] == before[0] - entry.points
    assert household_years.differences() == []


def test_rebuilding_gives_what_the_triggers_kept(db):
    demo.generate(households=20, villages=1, years=2, seed=8, today=TODAY)
    before = kept()
    household_years.rebuild()
    assert kept() == before == recount() and before


def test_a_copy_to_another_database_sums_its_ledger_again(tmp_path):
    kept_in_a_copy_equals_the_source(tmp_path, kept, recount, today=TODAY)


def test_a_bulk_load_with_the_triggers_suspended_ends_with_the_same_sums_and_the_triggers_back(db):
    with household_years.suspended():
        demo.generate(households=20, villages=1, years=2, seed=3, today=TODAY)
        assert kept() == {}  # nothing summed meanwhile
    assert kept() == recount() and kept()
    entry = (LedgerEntry.select().where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.kind == "award",
                                        LedgerEntry.category.is_null(False)).order_by(LedgerEntry.id).first())
    before = kept()
    review.reverse_entry(actor=users.ensure_admin(), entry_id=entry.id, reason="录错了")
    assert kept() == recount() != before  # the triggers are back


def test_check_names_a_yearly_sum_that_no_longer_equals_the_ledger(db):
    demo.generate(households=20, villages=1, years=1, seed=9, today=TODAY)
    assert household_years.differences() == [] and check.run_checks() == []
    row = HouseholdYear.select().order_by(HouseholdYear.household_id, HouseholdYear.category_id).first()
    where = ((HouseholdYear.village_id == row.village_id) & (HouseholdYear.year == row.year)
             & (HouseholdYear.household_id == row.household_id) & (HouseholdYear.category_id == row.category_id))
    HouseholdYear.update(awards=HouseholdYear.awards + 7).where(where).execute()
    problems = check.run_checks()
    assert len(problems) == 1, problems
    assert "年度汇总" in problems[0] and f"户 #{row.household_id}" in problems[0] and str(row.year) in problems[0]
    assert f"类别 #{row.category_id}" in problems[0]
    HouseholdYear.delete().where(where).execute()  # a row gone is named too
    problems = check.run_checks()
    assert len(problems) == 1 and f"户 #{row.household_id}" in problems[0] and "合计 0" in problems[0]
    household_years.rebuild()
    assert check.run_checks() == []
