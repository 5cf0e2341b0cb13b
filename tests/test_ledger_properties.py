"""Property: any sequence of entries, reviews, notices, objections, reversals and expiry keeps every invariant."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pointsapp.db import close_database, open_database
from pointsapp.models import EntryStatus, Household, LedgerEntry, Notice, Objection, Village
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import expiry
from pointsapp.services.scoring import review
from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.errors import UserError
from pointsapp.services.scoring.ledger import cached_balance, ledger_balance
from tests.conftest import make_actor
from tests.scoring_helpers import make_village

YEAR_START = dt.date(2026, 1, 1)
TODAY = dt.date(2026, 12, 31)
CODES = ["HY01", "HY05", "CV01", "CV06", "PA01", "LW01", "LW03", "PT01"]

day = st.integers(min_value=0, max_value=364)
pick = st.integers(min_value=0, max_value=10_000)
operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 5), st.sampled_from(CODES), day, st.booleans()),
    st.tuples(st.just("review"), pick, st.booleans(), st.booleans()),
    st.tuples(st.just("notice"), st.booleans(), day),
    st.tuples(st.just("close"), day),
    st.tuples(st.just("objection"), pick),
    st.tuples(st.just("decide"), pick, st.booleans()),
    st.tuples(st.just("reverse"), pick),
    st.tuples(st.just("expiry"), st.booleans(), day),
)


def _nth(query, n):
    rows = list(query)
    return rows[n % len(rows)] if rows else None


def _apply(op, ctx) -> None:
    admin, scorer, reviewer, villages, households = ctx
    kind = op[0]
    if kind == "add":
        _, hh, code, offset, by_scorer = op
        h = households[hh]
        from pointsapp.services.scoring.rules import find_rule

        entries.add_entry(actor=scorer if by_scorer else admin, household_id=h.id,
                          rule_id=find_rule(h.village_id, code).id,
                          occurred_on=YEAR_START + dt.timedelta(days=offset), today=TODAY)
    elif kind == "review":
        _, n, approve, as_admin = op
        entry = _nth(LedgerEntry.select().where(LedgerEntry.status == EntryStatus.ENTERED).order_by(LedgerEntry.id), n)
        if entry:
            review.review(actor=admin if as_admin else reviewer, entry_ids=[entry.id], approve=approve,
                          reason="" if approve else "不符合细则")
    elif kind == "notice":
        _, second, offset = op
        review.put_on_notice(actor=reviewer, village_id=villages[1 if second else 0].id,
                             starts_on=YEAR_START + dt.timedelta(days=offset))
    elif kind == "close":
        review.close_notices(actor=reviewer, today=YEAR_START + dt.timedelta(days=op[1]))
    elif kind == "objection":
        entry = _nth(LedgerEntry.select().where(LedgerEntry.status == EntryStatus.NOTICE).order_by(LedgerEntry.id),
                     op[1])
        if entry:
            notice = Notice.get_by_id(entry.notice_id)
            review.record_objection(actor=scorer, entry_id=entry.id, raised_by="村民", content="有误",
                                    raised_on=notice.starts_on)
    elif kind == "decide":
        objection = _nth(Objection.select().where(Objection.status == Objection.STATUS_OPEN).order_by(Objection.id),
                         op[1])
        if objection:
            review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=op[2], reason="经核实")
    elif kind == "reverse":
        entry = _nth(LedgerEntry.select().order_by(LedgerEntry.id), op[1])
        if entry:
            review.reverse_entry(actor=reviewer, entry_id=entry.id, reason="录错了")
    elif kind == "expiry":
        _, second, offset = op
        expiry.run_expiry(actor=admin, village_id=villages[1 if second else 0].id,
                          cutoff=YEAR_START + dt.timedelta(days=offset), today=TODAY)


# derandomize: the same 30 sequences on every run, so the suite is the same on every run (a new search finds
# new sequences; the one found on 2026-12-07 is kept below as its own test)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(operation, min_size=1, max_size=40))
def test_any_sequence_of_operations_keeps_the_ledger_consistent(ops):
    _check_sequence(ops)


def test_an_award_reversed_after_its_points_were_cleared_leaves_nothing_owed():
    _check_sequence([("add", 0, "HY01", 0, False), ("expiry", False, 0), ("add", 0, "HY01", 0, False),
                     ("reverse", 0)])


def _check_sequence(ops) -> None:
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "p.db")
        try:
            admin = users.ensure_admin()
            scorer, reviewer = make_actor(Role.SCORER), make_actor(Role.REVIEWER)
            simple = make_village(admin, households=3, code="S1", name="简单村")
            reviewed = make_village(admin, households=3, code="R1", name="审核村",
                                    workflow=Village.WORKFLOW_REVIEWED)
            Village.update(expiry_policy=Village.EXPIRY_YEAR_END).execute()
            households = list(Household.select().order_by(Household.id))
            ctx = (admin, scorer, reviewer, [simple, reviewed], households)
            for op in ops:
                try:
                    _apply(op, ctx)
                except UserError:
                    pass  # refused operations must leave no trace either: the checks below prove it
            assert check.run_checks() == []
            for h in households:
                assert cached_balance(h.id) == ledger_balance(h.id)
                assert cached_balance(h.id).available >= 0 or _has_deductions(h.id)
            # statuses of the simple village never leave effective
            assert not LedgerEntry.select().where(LedgerEntry.village == simple.id,
                                                  LedgerEntry.status != EntryStatus.EFFECTIVE).exists()
        finally:
            close_database()


def _has_deductions(household_id: int) -> bool:
    return LedgerEntry.select().where(LedgerEntry.household == household_id, LedgerEntry.points < 0,
                                      LedgerEntry.kind == "deduction").exists()
