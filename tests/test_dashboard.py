"""The dashboard's figures match the ledger, counted independently row by row."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from pointsapp import clock
from pointsapp.models import EntryKind, EntryStatus, Household, LedgerEntry
from pointsapp.services import periods
from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.services.reports.dashboard import as_dict, dashboard
from pointsapp.errors import PermissionDenied
from tests.dashboard_data import add_extra


def _effective_earned(period):
    return [e for e in LedgerEntry.select()
            if e.status == EntryStatus.EFFECTIVE and e.earned and period.start <= e.occurred_on <= period.end]


def test_dashboard_figures_match_the_ledger_row_by_row(demo_db):
    today = clock.today()
    extra = add_extra(today)
    board = dashboard(actor=users.ensure_admin(), today=today)
    month = periods.month(today)
    assert board.period == month

    active = {h.id: h for h in Household.select() if h.status == Household.STATUS_ACTIVE}
    assert extra.archived_household not in active
    assert board.households == len(active)

    rows = _effective_earned(month)
    awarded = sum(e.points for e in rows if e.kind == EntryKind.AWARD
                  or (e.kind == EntryKind.REVERSAL and e.points < 0))
    deducted = -sum(e.points for e in rows if e.kind == EntryKind.DEDUCTION
                    or (e.kind == EntryKind.REVERSAL and e.points > 0))
    assert awarded > 0
    assert (board.awarded, board.deducted) == (awarded, deducted)

    participating = {e.household_id for e in rows if e.kind == EntryKind.AWARD and e.household_id in active}
    assert board.participating == len(participating)
    per_group = defaultdict(lambda: [0, 0, 0])
    earned_by_household = defaultdict(int)
    for e in rows:
        earned_by_household[e.household_id] += e.points
    for hid, h in active.items():
        item = per_group[h.group_id]
        item[0] += 1
        item[1] += hid in participating
        item[2] += earned_by_household[hid]
    assert {g.group_id: [g.households, g.participating, g.earned] for g in board.groups} == dict(per_group)

    ranked = sorted(per_group.items(), key=lambda kv: -kv[1][2] / kv[1][0])
    assert board.top_groups(1)[0].group_id == ranked[0][0]
    weakest = [ranked[-1][0]] if len(ranked) > 1 else []  # a lone group is named once, among the best
    assert [g.group_id for g in board.bottom_groups(1)] == weakest

    assert len(board.months) == 12 and board.months[-1] == month.code
    by_category_month = defaultdict(int)
    first = periods.parse(board.months[0]).start
    for e in LedgerEntry.select():
        if e.status == EntryStatus.EFFECTIVE and e.earned and first <= e.occurred_on <= month.end and e.category:
            by_category_month[(e.category.code, f"{e.occurred_on:%Y-%m}")] += e.points
    shown = {(c.code, m): p for c in board.categories for m, p in zip(board.months, c.points) if p}
    assert shown == {k: v for k, v in by_category_month.items() if v}

    assert (board.redemptions, board.redeemed_points) == (extra.redemptions_this_month, extra.redeemed_points)
    assert dict(board.stars) == extra.star_holders
    assert board.star_households == 6


def test_participation_rate_counts_households_with_an_award_over_active_households(demo_db):
    today = clock.today()
    add_extra(today)
    board = dashboard(actor=users.ensure_admin(), today=today)
    for g in board.groups:
        assert 0 <= g.participating <= g.households
        assert g.participation == pytest.approx(g.participating / g.households)
    assert board.participation == pytest.approx(board.participating / board.households)
    # a month nobody was scored in: nobody participated
    empty = dashboard(actor=users.ensure_admin(), month=periods.parse("2001-01"))
    assert empty.participating == 0 and empty.awarded == 0 and empty.participation == 0
    assert empty.households == board.households


def test_stock_warnings_list_active_products_at_or_below_their_level(demo_db):
    today = clock.today()
    extra = add_extra(today)
    board = dashboard(actor=users.ensure_admin(), today=today)
    assert {w.sku for w in board.stock_warnings} == extra.low_stock_skus
    assert [w.stock for w in board.stock_warnings] == sorted(w.stock for w in board.stock_warnings)
    data = as_dict(board)
    assert {w["name"] for w in data["stock_warnings"]} == {"食用盐", "菜籽油"}


def test_one_village_and_the_township_agree_when_there_is_one_village(demo_db):
    today = clock.today()
    add_extra(today)
    admin = users.ensure_admin()
    township = dashboard(actor=admin, today=today)
    village = dashboard(actor=admin, today=today, village_id=township.groups[0].village_id)
    assert township.scope.title == "全镇" and village.scope.title == township.groups[0].village
    assert as_dict(township) | {"scope": ""} == as_dict(village) | {"scope": ""}


def test_a_cashier_may_not_see_the_dashboard(demo_db, actor_of):
    with pytest.raises(PermissionDenied):
        dashboard(actor=actor_of(Role.CASHIER))


def test_entries_not_yet_in_effect_are_counted_apart_and_leave_the_figures_alone(db, actor_of):
    """A village that reviews its entries: what waits for review (or is on notice) is named on the dashboard,
    and counts in participation and points only once it takes effect."""
    from pointsapp.models import Village
    from pointsapp.services.scoring import entries
    from pointsapp.services.scoring import review
    from tests.scoring_helpers import household, make_village, rule

    admin = users.ensure_admin()
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, households=3)
    day = dt.date(2026, 5, 5)
    made = [entries.add_entry(actor=admin, household_id=household(village, n).id, rule_id=rule(village, "PA01").id,
                              occurred_on=day, today=day) for n in (1, 2, 3)]
    entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                      occurred_on=dt.date(2026, 4, 5), today=day)  # another month
    may = periods.parse("2026-05")
    board = dashboard(actor=admin, village_id=village.id, month=may)
    assert (board.awaiting, board.participating, board.awarded) == (3, 0, 0)

    reviewer = actor_of(Role.REVIEWER)  # never the one who entered them
    review.review(actor=reviewer, entry_ids=[made[0].id], approve=False, reason="重复录入")
    review.review(actor=reviewer, entry_ids=[made[1].id], approve=True)
    board = dashboard(actor=admin, village_id=village.id, month=may)
    assert board.awaiting == 2  # one rejected (never counts), one reviewed and still on its way
    assert as_dict(board)["awaiting"] == 2


def test_best_and_weakest_groups_never_name_the_same_group():
    from pointsapp.services.reports.dashboard import Dashboard, GroupFigures, Scope

    def board(n_groups):
        groups = [GroupFigures(1, "村", g, f"{g}组", households=10, participating=g, earned=10 * g)
                  for g in range(1, n_groups + 1)]
        return Dashboard(Scope(1, "村", [1]), periods.parse("2026-05"), 10 * n_groups, 0, 0, groups, [], [], [], 0,
                         0, 0)

    assert [g.group_id for g in board(12).top_groups()] == [12, 11, 10, 9, 8]
    assert [g.group_id for g in board(12).bottom_groups()] == [1, 2, 3, 4, 5]
    assert [g.group_id for g in board(4).top_groups()] == [4, 3]
    assert [g.group_id for g in board(4).bottom_groups()] == [1, 2]
    assert [g.group_id for g in board(5).top_groups()] == [5, 4, 3]
    assert [g.group_id for g in board(5).bottom_groups()] == [1, 2]
    assert [g.group_id for g in board(1).top_groups()] == [1] and board(1).bottom_groups() == []
