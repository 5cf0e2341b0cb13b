"""The dashboard's figures the database keeps (migration 0016) always equal their sources, on SQLite and PostgreSQL:
each household's month (``household_month``) the ledger, the stars held per village and star (``village_stars``) the
awards, the lots on the shelf (``lot_on_hand``) each product's stock shared out in Python; and the dashboard read
from them gives what the ledger-summing reads give. ``check`` names a kept row that is wrong."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pointsapp import clock, demo
from pointsapp.models import (
    EntryKind, EntryStatus, Household, HouseholdMonth, LedgerEntry, LotOnHand, Product, StarAward, StarEvaluation,
    StockMove, User, Village, VillageStars,
)
from pointsapp.services import periods
from pointsapp.services.ops import check, users
from pointsapp.services.ops.users import actor_for
from pointsapp.services.reports import dashboard, dashboard_reads, kept_figures, liability
from pointsapp.services.scoring import review
from pointsapp.services.scoring.ledger import make_effective
from pointsapp.services.shop import lots, stock
from pointsapp.services.stars import awards as star_awards
from tests.scoring_helpers import kept_in_a_copy_equals_the_source

TODAY = dt.date(2026, 11, 23)


def month_recount() -> dict:
    """Each household's months straight from the ledger, entry by entry in Python."""
    out: dict = defaultdict(lambda: [0, 0, 0, 0])
    for e in LedgerEntry.select().where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.earned == True):  # noqa: E712
        sums = out[(e.village_id, f"{e.occurred_on:%Y-%m}", e.household_id)]
        sums[0] += e.points
        if e.kind == EntryKind.AWARD or (e.kind == EntryKind.REVERSAL and e.points < 0):
            sums[1] += e.points
        elif e.kind == EntryKind.DEDUCTION or (e.kind == EntryKind.REVERSAL and e.points > 0):
            sums[2] += e.points
        sums[3] += e.kind == EntryKind.AWARD
    return {key: tuple(sums) for key, sums in out.items()}


def star_recount() -> dict:
    """Active households holding each star of each village now, award by award in Python."""
    out: dict = defaultdict(int)
    for a in StarAward.select().where(StarAward.withdrawn_at.is_null()):
        evaluation, h = a.evaluation, a.household
        if evaluation and evaluation.is_current and h.village_id == evaluation.village_id and h.status == "active":
            out[(evaluation.village_id, a.star_id)] += 1
    return dict(out)


def kept_stars() -> dict:
    return {k: n for k, n in kept_figures.star_kept().items() if n}


def lot_shares() -> dict:
    return {lot.move_id: (lot.product_id, lot.on_hand) for lot in lots.lots_on_hand()}


def reads_agree(village_ids: list[int], months: list[str]) -> None:
    """The kept reads give what the ledger-summing ones give."""
    for code in months:
        period = periods.parse(code)
        assert dashboard_reads.participation_by_group(code, village_ids) == [
            tuple(vars(g).values()) for g in dashboard.participation_by_group(period, village_ids)]
        assert dashboard_reads.award_totals(code, village_ids) == dashboard.award_totals(period, village_ids)
    assert dashboard_reads.held_stars(village_ids) == dashboard.held_stars(village_ids)


def test_monthly_sums_follow_entries_written_reviewed_and_reversed(db):
    demo.generate(households=30, villages=2, years=1, seed=6, today=TODAY)  # the second village is reviewed
    assert kept_figures.month_kept() == month_recount() and len(month_recount()) > 100
    waiting = [e.id for e in LedgerEntry.select().where(LedgerEntry.status == EntryStatus.ENTERED,
                                                        LedgerEntry.earned == True)  # noqa: E712
               .order_by(LedgerEntry.id).limit(5)]
    assert waiting
    reviewer = actor_for(User.get(User.username == "shenhe"))
    before = kept_figures.month_kept()
    review.review(actor=reviewer, entry_ids=waiting, approve=True)
    assert kept_figures.month_kept() == before  # reviewed is not in effect yet
    make_effective(waiting)
    assert kept_figures.month_kept() == month_recount() != before
    review.reverse_entry(actor=reviewer, entry_id=waiting[0], reason="录错了")
    assert kept_figures.month_kept() == month_recount()
    assert kept_figures.month_differences() == []
    ids = [v.id for v in Village.select()]
    reads_agree(ids, ["2026-11", "2026-10", "2026-01"])
    reads_agree(ids[1:], ["2026-11"])


def test_a_household_with_entries_in_two_villages_of_the_scope_counts_in_its_own_group(db):
    demo.generate(households=30, villages=2, years=1, seed=6, today=TODAY)
    first, second = list(Village.select().order_by(Village.id))
    month = "2026-10"
    mover = (Household.select().join(LedgerEntry, on=(LedgerEntry.household == Household.id))
             .where(Household.village == first.id, LedgerEntry.kind == EntryKind.AWARD,
                    LedgerEntry.status == EntryStatus.EFFECTIVE,
                    LedgerEntry.occurred_on.between(dt.date(2026, 10, 1), dt.date(2026, 10, 31))).first())
    # moved to the second village (the services refuse it once a household has entries; the register did it)
    group = second.groups.first()
    Household.update(village=second.id, group=group.id, household_no="M" + mover.household_no).where(
        Household.id == mover.id).execute()
    both = [first.id, second.id]
    groups = {g[2]: g for g in dashboard_reads.participation_by_group(month, both)}
    assert groups[group.id][5] >= 1  # it takes part in its new group with its old village's awards
    reads_agree(both, [month, "2026-11"])
    reads_agree([second.id], [month])
    reads_agree([first.id], [month])


def test_held_stars_follow_awards_withdrawals_evaluations_moves_and_archiving(db):
    demo.generate(households=30, villages=2, years=2, seed=6, today=TODAY)
    assert kept_stars() == star_recount() and len(star_recount()) > 3
    admin = users.ensure_admin()
    award = StarAward.select().join(StarEvaluation).where(StarEvaluation.is_current == True,  # noqa: E712
                                                          StarAward.withdrawn_at.is_null()).first()
    h = award.household
    star_awards.withdraw(actor=admin, household_id=h.id, star_id=award.star_id, reason="群众举报属实")
    assert kept_stars() == star_recount()
    holder = (Household.select().join(StarAward).join(StarEvaluation)
              .where(StarEvaluation.is_current == True, StarAward.withdrawn_at.is_null()).first())  # noqa: E712
    Household.update(status="archived").where(Household.id == holder.id).execute()
    assert kept_stars() == star_recount()
    Household.update(status="active").where(Household.id == holder.id).execute()
    other = Village.select().where(Village.id != holder.village_id).first()
    Household.update(village=other.id, group=other.groups.first().id, household_no="M" + holder.household_no).where(
        Household.id == holder.id).execute()
    assert kept_stars() == star_recount()
    Household.update(village=holder.village_id, group=holder.group_id, household_no=holder.household_no).where(
        Household.id == holder.id).execute()
    current = StarEvaluation.get(StarEvaluation.is_current == True, StarEvaluation.village == holder.village_id)  # noqa: E712
    StarEvaluation.update(is_current=False).where(StarEvaluation.id == current.id).execute()
    assert kept_stars() == star_recount()
    StarEvaluation.update(is_current=True).where(StarEvaluation.id == current.id).execute()
    StarAward.delete().where(StarAward.household == holder.id).execute()
    assert kept_stars() == star_recount() != {}
    assert kept_figures.star_differences() == []
    reads_agree([v.id for v in Village.select()], ["2026-11"])


def test_lots_on_the_shelf_follow_stock_ins_sales_and_write_offs(db):
    demo.generate(households=20, villages=1, years=1, seed=8, today=TODAY)
    assert kept_figures.lot_kept() == lot_shares() != {}
    admin = users.ensure_admin()
    product = Product.select().where(Product.stock > 0).order_by(Product.id).first()
    stock.stock_in(actor=admin, product_id=product.id, quantity=7, unit_cost_fen=120,
                   expires_on=TODAY + dt.timedelta(days=400))
    stock.stock_in(actor=admin, product_id=product.id, quantity=3, source=StockMove.SOURCE_DONATION, donor="乡贤")
    assert kept_figures.lot_kept() == lot_shares()
    stock.stock_out(actor=admin, product_id=product.id, quantity=product.stock + 8, reason="损坏")
    assert kept_figures.lot_kept() == lot_shares()
    stock.adjust(actor=admin, product_id=product.id, delta=5, reason="盘盈")
    assert kept_figures.lot_kept() == lot_shares()
    assert kept_figures.lot_differences() == []


def test_the_dashboards_stock_and_shelf_figures_equal_the_lots_shared_out_in_python(db):
    demo.generate(households=20, villages=2, years=1, seed=8, today=TODAY)
    admin = users.ensure_admin()
    product = Product.select().where(Product.stock > 0).order_by(Product.id).first()
    stock.stock_in(actor=admin, product_id=product.id, quantity=4, source=StockMove.SOURCE_DONATION, donor="乡贤",
                   unit_cost_fen=300)  # no expiry: the latest of its product's lots, on the shelf
    stock.stock_in(actor=admin, product_id=product.id, quantity=2, expires_on=TODAY + dt.timedelta(days=3))
    for village_id in (None, *[v.id for v in Village.select()]):
        # as of today (the clock's: the stock-ins above were made today), where the dashboard reads the kept lots
        old = liability.liability(actor=admin, at=clock.today(), village_id=village_id)
        new = liability.liability(actor=admin, at=clock.today(), village_id=village_id,
                                  stock=dashboard_reads.stock_lines(liability.LiabilityLine))
        assert new.lines() == old.lines()
        assert new.total.stock_units > 0 and new.total.donated_cost_fen >= 1200
    for days in (0, 60, 400):
        warned = lots.shelf_warnings(today=TODAY, days=days)
        expired = sum(1 for w in warned if w.state == lots.STATE_EXPIRED)
        assert dashboard_reads.shelf_counts(TODAY, days) == {"expired_lots": expired,
                                                             "expiring_lots": len(warned) - expired}


def test_rebuilding_gives_what_the_triggers_kept(db):
    demo.generate(households=20, villages=1, years=1, seed=8, today=TODAY)
    before = (kept_figures.month_kept(), kept_stars(), kept_figures.lot_kept())
    kept_figures.rebuild()
    assert (kept_figures.month_kept(), kept_stars(), kept_figures.lot_kept()) == before
    assert all(before)


def test_a_bulk_load_with_the_monthly_triggers_suspended_ends_with_the_same_sums(db):
    with kept_figures.months_suspended():
        demo.generate(households=20, villages=1, years=1, seed=3, today=TODAY)
        assert kept_figures.month_kept() == {}
    assert kept_figures.month_kept() == month_recount() != {}
    entry = (LedgerEntry.select().where(LedgerEntry.status == EntryStatus.EFFECTIVE, LedgerEntry.kind == "award")
             .order_by(LedgerEntry.id).first())
    review.reverse_entry(actor=users.ensure_admin(), entry_id=entry.id, reason="录错了")
    assert kept_figures.month_kept() == month_recount()  # the triggers are back


def test_a_copy_to_another_database_keeps_the_months_again(tmp_path):
    kept_in_a_copy_equals_the_source(tmp_path, kept_figures.month_kept, month_recount, today=TODAY)


def test_a_copy_to_another_database_counts_the_held_stars_again(tmp_path):
    kept_in_a_copy_equals_the_source(tmp_path, kept_stars, star_recount, today=TODAY)


def test_a_copy_to_another_database_shares_out_the_stock_again(tmp_path):
    kept_in_a_copy_equals_the_source(tmp_path, kept_figures.lot_kept, lot_shares, today=TODAY)


def test_check_names_each_kept_row_that_is_wrong(db):
    demo.generate(households=20, villages=1, years=1, seed=9, today=TODAY)
    assert check.run_checks() == []
    row = HouseholdMonth.select().order_by(HouseholdMonth.household_id, HouseholdMonth.month).first()
    HouseholdMonth.update(award_entries=HouseholdMonth.award_entries + 1).where(
        HouseholdMonth.village_id == row.village_id, HouseholdMonth.month == row.month,
        HouseholdMonth.household_id == row.household_id).execute()
    problems = check.run_checks()
    assert len(problems) == 1 and f"户 #{row.household_id}" in problems[0] and row.month in problems[0], problems
    kept_figures.rebuild()
    star = VillageStars.select().where(VillageStars.households > 0).first()
    VillageStars.update(households=VillageStars.households + 2).where(
        VillageStars.village_id == star.village_id, VillageStars.star_id == star.star_id).execute()
    problems = check.run_checks()
    assert problems == [(f"村 #{star.village_id} 星级 #{star.star_id} 记录的持有户数 {star.households + 2} "
                         f"与它的评定结果 {star.households} 不符")]
    kept_figures.rebuild()
    lot = LotOnHand.select().order_by(LotOnHand.move_id).first()
    LotOnHand.delete().where(LotOnHand.move_id == lot.move_id).execute()  # a lot gone is named too
    problems = check.run_checks()
    assert problems == [(f"入库批次 #{lot.move_id} 记录的在库数（无）与按库存分配的结果"
                         f"（商品 #{lot.product_id} 在库 {lot.on_hand}）不符")]
    kept_figures.rebuild()
    assert check.run_checks() == []
