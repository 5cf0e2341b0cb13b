"""The monthly category sums the database keeps beside the ledger (migration 0005) always equal the ledger."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pointsapp.models import EntryStatus, LedgerEntry, User, Village
from pointsapp.models.ledger import LedgerMonth
from pointsapp import demo
from pointsapp.services.scoring import ledger_months
from pointsapp.services.scoring import review
from pointsapp.services.ops import users
from pointsapp.services.ops.users import actor_for
from tests.scoring_helpers import kept_in_a_copy_equals_the_source

TODAY = dt.date(2026, 11, 23)


def recount() -> dict[tuple[int, int, str], int]:
    """The sums straight from the ledger: effective, earned, with a category."""
    out: dict[tuple[int, int, str], int] = defaultdict(int)
    for e in LedgerEntry.select().where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.earned == True,  # noqa: E712
                                        LedgerEntry.category.is_null(False)):
        out[(e.village_id, e.category_id, f"{e.occurred_on:%Y-%m}")] += e.points
    return dict(out)


def kept() -> dict[tuple[int, int, str], int]:
    return {(r.village_id, r.category_id, r.month): int(r.points) for r in LedgerMonth.select()}


def test_monthly_sums_follow_entries_written_reviewed_rejected_and_reversed(db):
    demo.generate(households=30, villages=2, years=2, seed=6, today=TODAY)  # the second village is reviewed
    assert Village.get(Village.name == demo.VILLAGE_NAMES[1]).workflow == Village.WORKFLOW_REVIEWED
    assert LedgerEntry.select().where(LedgerEntry.status == EntryStatus.REJECTED).exists()
    assert kept() == recount() and len(kept()) > 20
    # entries waiting for review count once they are effective, not before
    waiting = [e.id for e in LedgerEntry.select().where(LedgerEntry.status == EntryStatus.ENTERED,
                                                        LedgerEntry.earned == True)  # noqa: E712
               .order_by(LedgerEntry.id).limit(5)]
    assert waiting
    reviewer = actor_for(User.get(User.username == "shenhe"))
    before = kept()
    review.review(actor=reviewer, entry_ids=waiting, approve=True)
    assert kept() == before  # reviewed is not effective yet
    from pointsapp.services.scoring.ledger import make_effective

    make_effective(waiting)
    assert kept() == recount() != before
    # a reversal takes the points back out of the original's month
    entry = LedgerEntry.get_by_id(waiting[0])
    review.reverse_entry(actor=reviewer, entry_id=entry.id, reason="录错了")
    assert kept() == recount()


def test_rebuilding_gives_what_the_triggers_kept(db):
    demo.generate(households=20, villages=1, years=2, seed=8, today=TODAY)
    before = kept()
    ledger_months.rebuild()
    assert kept() == before == recount()


def test_a_copy_to_another_database_sums_its_ledger_again(tmp_path):
    kept_in_a_copy_equals_the_source(tmp_path, kept, recount, today=TODAY)


def test_a_bulk_load_with_the_triggers_suspended_ends_with_the_same_sums_and_the_triggers_back(db):
    with ledger_months.suspended():
        demo.generate(households=20, villages=1, years=2, seed=3, today=TODAY)
    assert kept() == recount() and kept()
    entry = (LedgerEntry.select().where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.kind == "award",
                                        LedgerEntry.category.is_null(False)).order_by(LedgerEntry.id).first())
    before = kept()
    review.reverse_entry(actor=users.ensure_admin(), entry_id=entry.id, reason="录错了")
    assert kept() == recount() != before  # the triggers are back


def test_check_reports_monthly_sums_that_no_longer_equal_the_ledger(db):
    from pointsapp.services.ops import check

    demo.generate(households=20, villages=1, years=1, seed=9, today=TODAY)
    assert ledger_months.differences() == [] and check.run_checks() == []
    row = LedgerMonth.select().order_by(LedgerMonth.month).first()
    LedgerMonth.update(points=LedgerMonth.points + 7).where(
        (LedgerMonth.village_id == row.village_id) & (LedgerMonth.category_id == row.category_id)
        & (LedgerMonth.month == row.month)).execute()
    problems = check.run_checks()
    assert len(problems) == 1 and row.month in problems[0] and "月度汇总" in problems[0]
    ledger_months.rebuild()
    assert check.run_checks() == []
