"""The demo over several years, more villages and a bigger shop: the benchmark's township data set, small."""
from __future__ import annotations

import datetime as dt

import pytest
from peewee import fn

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.models import (
    Household, LedgerEntry, Product, Redemption, StarAward, StarEvaluation, StockMove, Village,
)
from pointsapp.services.ops import check
from pointsapp import demo
from pointsapp.demo.step_shop import CATALOGUE, ean13
from pointsapp.errors import UserError
from tests.cli_helpers import run_cli

TODAY = dt.date(2026, 11, 23)


def _entries_per_year() -> dict[int, int]:
    rows = LedgerEntry.select(LedgerEntry.occurred_on).where(LedgerEntry.kind.in_(["award", "deduction"])).tuples()
    out: dict[int, int] = {}
    for (day,) in rows:
        year = (dt.date.fromisoformat(day) if isinstance(day, str) else day).year
        out[year] = out.get(year, 0) + 1
    return out


def test_three_years_of_demo_fill_each_year_grow_towards_this_one_and_pass_check(demo_db):
    per_year = _entries_per_year()
    assert sorted(per_year) == [2024, 2025, 2026]
    assert per_year[2024] < per_year[2025] < per_year[2026]  # the scheme grew; this year is the busiest
    # every year's stars were evaluated and awarded, once per village
    periods = {p for (p,) in StarEvaluation.select(StarEvaluation.period).tuples()}
    assert periods == {"2024", "2025", "2026"}
    assert {p for (p,) in StarAward.select(StarAward.period).distinct().tuples()} == periods
    # the shop ran every year, its tokens never repeat, and stock is what the moves add up to
    years = {r.created_at.year for r in Redemption.select(Redemption.created_at)}
    assert years == {2024, 2025, 2026}
    assert Redemption.select(fn.COUNT(fn.DISTINCT(Redemption.token))).scalar() == Redemption.select().count()
    moved = dict(StockMove.select(StockMove.product, fn.SUM(StockMove.quantity)).group_by(StockMove.product).tuples())
    assert all(p.stock == moved.get(p.id, 0) and p.stock >= 0 for p in Product.select())
    assert check.run_checks() == []


def test_past_years_went_all_the_way_through_review_and_notice(demo_db):
    from pointsapp.models import EntryStatus

    reviewed = Village.select().where(Village.workflow == Village.WORKFLOW_REVIEWED)
    assert reviewed.count() >= 1
    open_statuses = [EntryStatus.ENTERED, EntryStatus.REVIEWED, EntryStatus.NOTICE]
    waiting = (LedgerEntry.select(LedgerEntry.status, fn.COUNT(LedgerEntry.id))
               .where(LedgerEntry.village.in_(reviewed), LedgerEntry.status.in_(open_statuses))
               .group_by(LedgerEntry.status))
    # last December was reviewed and noticed in January like every other month; only this year's work is open
    assert dict(waiting.where(LedgerEntry.occurred_on < dt.date(TODAY.year, 1, 1)).tuples()) == {}
    assert dict(waiting.where(LedgerEntry.occurred_on >= dt.date(TODAY.year, 11, 1)).tuples())


def _three_years() -> None:
    demo.generate(households=40, villages=2, years=3, seed=5, today=TODAY)


BUILT_DEMO = ("demo-3y-40h", _three_years)  # what ``demo_db`` gives this module's tests: built once, copied for each


def test_same_seed_and_years_give_the_same_ledger(tmp_path):
    """The same entries (corrections made "now" carry today's clock in their hash, so not hashes)."""
    ledgers = []
    for name in ("a.db", "b.db"):
        open_database(tmp_path / name)
        try:
            demo.generate(households=12, villages=1, years=2, seed=9, today=TODAY)
            ledgers.append(list(LedgerEntry.select(
                LedgerEntry.household, LedgerEntry.seq, LedgerEntry.kind, LedgerEntry.points, LedgerEntry.rule,
                LedgerEntry.occurred_on, LedgerEntry.note, LedgerEntry.status).order_by(LedgerEntry.id).tuples()))
        finally:
            close_database()
    assert len(ledgers[0]) > 100 and ledgers[0] == ledgers[1]


def test_a_township_of_more_than_twenty_villages_has_distinct_names_and_codes(db):
    demo.generate(households=25, villages=25, years=1, seed=2, today=TODAY)
    villages = list(Village.select())
    assert len(villages) == 25
    assert len({v.name for v in villages}) == 25 and len({v.code for v in villages}) == 25
    assert all(Household.select().where(Household.village == v).count() == 1 for v in villages)


def test_more_villages_than_the_demo_names_are_refused_and_nothing_is_written(db):
    with pytest.raises(UserError):
        demo.generate(households=60, villages=len(demo.VILLAGE_NAMES) + 1, today=TODAY)
    with pytest.raises(UserError):
        demo.generate(households=60, villages=1, years=0, today=TODAY)
    assert Household.select().count() == 0 and LedgerEntry.select().count() == 0


def test_the_shop_can_sell_three_hundred_products_in_other_packs(db):
    demo.generate(households=20, villages=1, years=1, products=300, seed=4, today=TODAY)
    products = list(Product.select())
    assert len(products) == 300 > len(CATALOGUE)
    assert len({p.sku for p in products}) == 300 and all(ean13(p.sku[:12]) == p.sku for p in products)
    assert len({p.name for p in products}) == 300  # other packs carry their pack in the name
    assert any("（家庭装）" in p.name for p in products)


def test_demo_command_takes_years_and_products(tmp_path):
    db = tmp_path / "demo.db"
    result = run_cli("demo", "--households", "10", "--years", "2", "--products", "50", db=db)
    assert result.returncode == 0, result.stderr
    open_database(db)
    try:
        assert Product.select().count() == 50
        years = {e.occurred_on.year for e in LedgerEntry.select(LedgerEntry.occurred_on)}
        assert years == {clock.today().year - 1, clock.today().year}
    finally:
        close_database()
