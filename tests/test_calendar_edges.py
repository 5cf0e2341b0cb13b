"""The calendar's edges on purpose: the program works on the first and last day of a month, of a half-year and of
a year, and on 29 February. On each day: the demo, ``check``, a redemption and the day's close, the dashboard, a
star evaluation and the benchmark's small data set."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.models import HouseholdBalance, Product, Village
from pointsapp.services import periods
from pointsapp.services.register import cards
from pointsapp.services.ops import check
from pointsapp.services.reports import dashboard
from pointsapp import demo
from pointsapp.services.shop import redemption
from pointsapp.services.shop import reports as shop_reports
from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import evaluation as stars
from pointsapp.services.ops import users
from tests.conftest import clear_star_awards

EDGE_DAYS = ["2027-01-01", "2028-02-29", "2026-06-30", "2026-07-01", "2026-11-01", "2026-11-30", "2026-12-31"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(params=EDGE_DAYS)
def edge_day(request, monkeypatch) -> dt.date:
    monkeypatch.setenv("POINTSAPP_TODAY", request.param)
    day = dt.date.fromisoformat(request.param)
    assert clock.today() == day
    return day


def test_a_village_works_on_the_calendars_edges(edge_day, tmp_path):
    open_database(tmp_path / "edge.db")
    try:
        demo.generate(households=30, villages=1, years=2, seed=5)
        assert check.run_checks() == []
        admin = users.ensure_admin()
        village = Village.get()

        # a redemption today, and the day's close counts it
        product = Product.select().where(Product.active == True, Product.stock > 0).order_by(  # noqa: E712
            Product.price).first()
        household_id = (HouseholdBalance.select(HouseholdBalance.household)
                        .where(HouseholdBalance.available >= product.price).scalar())
        assert product is not None and household_id is not None
        card = cards.issue_cards(actor=admin, household_ids=[household_id])[household_id]
        before = shop_reports.daily_close(actor=admin, day=edge_day)
        result = redemption.redeem(actor=admin, items=[(product.sku, 1)], card_payload=card.payload)
        close = shop_reports.daily_close(actor=admin, day=edge_day)
        assert close.redeemed_count == before.redeemed_count + 1
        assert close.net_points == before.net_points + result.total_points == close.ledger_net

        # the dashboard's month is this month, and its trend ends with it
        board = dashboard.dashboard(actor=admin, village_id=village.id)
        assert board.period.code == periods.month(edge_day).code and board.months[-1] == board.period.code
        assert len(board.months) == 12

        # a star evaluation of this year, on notice from today, applied once the notice is over
        clear_star_awards()
        evaluation = stars.evaluate(actor=admin, village_id=village.id, period=str(edge_day.year))
        notice = star_awards.publish(actor=admin, evaluation_id=evaluation.id, days=7)
        assert notice.starts_on == edge_day and notice.ends_on == edge_day + dt.timedelta(days=6)
        awarded = star_awards.apply(actor=admin, evaluation_id=evaluation.id,
                                    today=edge_day + dt.timedelta(days=7))
        assert awarded >= 0
        assert check.run_checks() == []
    finally:
        close_database()


def test_the_benchmarks_small_data_set_runs_on_the_calendars_edges(edge_day, tmp_path):
    env = {**os.environ, "BENCH_OUT": str(tmp_path / "results.json"), "BENCH_CACHE": str(tmp_path / "cache")}
    env.pop("BENCH_PG_DSN", None)
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--size", "60,2,1,30",
                             "--only", "redemption,dashboard", "--no-postgres"],
                            capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)
    assert (tmp_path / "results.json").exists(), result.stderr[-2000:]
    report = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in report["cases"]][:1] == ["one redemption of 3 items, committed durably"]
    assert all(c["value"] > 0 for c in report["cases"])
    (cached,) = (tmp_path / "cache").glob("township-*.db")
    assert edge_day.isoformat() in cached.name
    open_database(cached)
    try:
        assert check.run_checks() == []
    finally:
        close_database()
