"""The benchmark runner's output and its PostgreSQL copy, on a tiny data set (nothing here is timed)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.timing import CaseResult
from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.models import ALL_MODELS, User
from pointsapp.models.ledger import LedgerMonth
from pointsapp.services.ops import check

ROOT = Path(__file__).resolve().parent.parent
TINY = "40,2,2,45"  # households, villages, years, products
CASE_KEYS = {"name", "value", "unit", "baseline", "ratio", "target_ratio", "backend", "ok"}


def run_bench(tmp_path: Path, *args: str, env: dict | None = None,
              rounds: int | None = 2) -> tuple[subprocess.CompletedProcess, dict]:
    """``bench/run.py`` on the tiny data set; ``rounds`` of each case (the runner is checked here, not timed), or
    the run's own number of rounds where ``rounds`` is None."""
    out = tmp_path / "results.json"
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BENCH_OUT": str(out),
                "BENCH_CACHE": str(tmp_path / "cache")}
    full_env.pop("BENCH_PG_DSN", None)  # only the server a test gives
    full_env.update(env or {})
    rounds_args = ["--rounds", str(rounds)] if rounds is not None else []
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--size", TINY, *rounds_args, *args],
                            capture_output=True, text=True, env=full_env, timeout=600, cwd=ROOT)
    return result, (json.loads(out.read_text(encoding="utf-8")) if out.exists() else {})


def test_bench_writes_every_case_with_its_baseline_ratio_target_and_backend(tmp_path):
    result, report = run_bench(tmp_path, "--only", "ranking,dashboard", "--no-postgres")
    assert report, result.stderr[-2000:]
    assert report["size"] == {"households": 40, "villages": 2, "years": 2, "products": 45}
    assert {"python", "platform", "cpus"} <= set(report["machine"])
    names = [c["name"] for c in report["cases"]]
    assert names == ["ranking: one village, one year", "ranking: whole township, one year",
                     "dashboard: whole township, this month", "dashboard: one village, this month"]
    for case in report["cases"]:
        assert CASE_KEYS <= set(case) and case["backend"] == "SQLite"
        assert case["value"] > 0 and case["baseline"] > 0
        assert case["ratio"] == pytest.approx(case["value"] / case["baseline"], rel=0.02)  # both rounded
    dashboard = report["cases"][2]
    assert dashboard["target_value"] == 1000.0 and dashboard["unit"] == "ms"
    assert dashboard["ok"] == (dashboard["value"] <= 1000.0)
    # the table printed is the same cases
    assert all(name in result.stdout for name in names)
    # the data set is cached under a name that carries every option
    cached = [p.name for p in (tmp_path / "cache").glob("township-*.db")]
    assert len(cached) == 1 and cached[0].startswith("township-40h-2v-2y-45p-s1-")
    # and BENCHMARKS.md's table is made from the same file
    table = subprocess.run([sys.executable, "-m", "bench.markdown", str(tmp_path / "results.json")],
                           capture_output=True, text=True, cwd=ROOT, check=True).stdout.splitlines()
    assert table[0].startswith("40 households, 2 villages, 2 years:")
    rows = [line for line in table if line.startswith("| ") and not line.startswith("| case")]
    assert [r.split(" | ")[0][2:] for r in rows] == names
    assert rows[2].endswith(f"| ≤ 1000 ms | {'yes' if dashboard['ok'] else '**no**'} |")
    assert f"| {report['cases'][0]['ratio']:.2f} | ≤ 1.5 |" in rows[0]
    # the ranking's baseline is the faster of two ways to its numbers, and the table names which
    which = report["cases"][0]["note"].removeprefix("baseline: ")
    assert which in ("pivot", "grouped") and f" ({which}) |" in rows[0]


def test_the_page_cases_time_every_page_against_a_bare_table_and_switching_back(tmp_path):
    result, report = run_bench(tmp_path, "--only", "pages", "--no-postgres")
    assert report, result.stderr[-2000:]
    cases = report["cases"]
    keys = ("households", "entry", "ranking", "stars", "shop", "dashboard")
    first = [c for c in cases if "first show" in c["name"]]
    switch = [c for c in cases if "switch back" in c["name"]]
    assert [c["name"].split("(")[1].split(")")[0] for c in first] == list(keys)
    assert [c["name"].split("(")[1].split(")")[0] for c in switch] == list(keys)
    for case in first:  # a ratio to the bare table, and the absolute median as the value
        assert case["target_ratio"] == 3.0 and case["unit"] == "ms" and case["value"] > 0 and case["baseline"] > 0
        assert case["ratio"] == pytest.approx(case["value"] / case["baseline"], rel=0.02)
        assert case["ok"] == (case["ratio"] <= 3.0)
    households = first[0]["name"]
    assert households.endswith(", 40 rows")  # every household of the data set, archived ones too
    for case in switch:  # absolute: 50 ms median
        assert case["target_value"] == 50.0 and case["ratio"] is None and case["value"] > 0
        assert case["ok"] == (case["value"] <= 50.0)


def test_the_redemption_case_has_a_household_for_every_round_of_the_full_size_run(tmp_path):
    # without --quick a run takes the full size's rounds (3 per case, at least 11 for short cases): the case
    # once ran out of households after ten, and `make bench` stopped there
    result, report = run_bench(tmp_path, "--only", "redemption", "--no-postgres",
                               "--size", "200,2,1,300", rounds=None)  # enough goods in stock for the basket
    assert report, result.stderr[-2000:]
    (case,) = report["cases"]
    assert case["name"] == "one redemption of 3 items, committed durably" and case["value"] > 0


def test_a_data_set_too_small_for_a_case_is_said_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--size", "6,1,1,2", "--only",
                             "redemption", "--no-postgres"], capture_output=True, text=True, cwd=ROOT, timeout=600,
                            env={**os.environ, "BENCH_OUT": str(tmp_path / "r.json"),
                                 "BENCH_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the data set is too small: the redemption case needs three products on sale; the data set has 2" \
        in result.stderr


def test_a_case_misses_when_its_ratio_or_its_absolute_limit_is_missed():
    fast = CaseResult("x", 900.0, "ms", 600.0, 1.5, None, target_value=1000.0)
    assert fast.ok
    assert not CaseResult("x", 1100.0, "ms", 900.0, 1.22, None, target_value=1000.0).ok
    assert not CaseResult("x", 10.0, "ms", 2.0, 5.0, 3.0).ok
    assert CaseResult("x", 10.0, "ms", 5.0, 2.0, 3.0).as_json()["ok"] is True
    assert set(fast.as_json()) >= CASE_KEYS | {"target_value", "note"}


def test_a_short_case_runs_at_least_its_floor_of_rounds_or_exactly_the_rounds_given(monkeypatch):
    from bench import timing

    ran = []
    for exact, expected in ((None, timing.SHORT_ROUNDS), (2, 2)):
        monkeypatch.setattr(timing, "EXACT_ROUNDS", exact)
        ran.clear()
        timing.compare("x", lambda: ran.append(("app", sum(range(20_000)))),  # some work to time (faketime's clock
                       lambda: ran.append(("base", sum(range(20_000)))), target=3.0, rounds=5)  # has steps)
        sides = [side for side, _work in ran]
        assert sides.count("app") == sides.count("base") == 1 + expected  # one each to warm up, then the rounds


@pytest.mark.postgres
def test_postgres_variants_run_on_a_copy_of_the_same_data_set(tmp_path, pg_server):
    if not pg_server.url:
        pytest.skip(pg_server.reason)
    url = pg_server.create_database(f"pointsapp_bench_test_{os.getpid()}")
    try:
        result, report = run_bench(tmp_path, "--only", "dashboard", env={"BENCH_PG_DSN": url})
        assert report, result.stderr[-2000:]
        by_backend = {}
        for case in report["cases"]:
            by_backend.setdefault(case["backend"], []).append(case["name"])
        assert by_backend["PostgreSQL"] == [n + " [PostgreSQL]" for n in by_backend["SQLite"]]
        assert report["postgres"]["server"] == "BENCH_PG_DSN" and report["postgres"]["load_seconds"] > 0
    finally:
        close_database()
        pg_server.drop_database(f"pointsapp_bench_test_{os.getpid()}")


@pytest.mark.postgres
def test_the_postgres_copy_has_every_row_and_its_ledger_still_verifies(tmp_path, pg_server):
    from bench.pg import load
    from pointsapp import demo

    if not pg_server.url:
        pytest.skip(pg_server.reason)
    source = tmp_path / "demo.db"
    open_database(source)
    try:
        demo.generate(households=30, villages=2, years=2, seed=3)
        counts = {m._meta.table_name: m.select().count() for m in ALL_MODELS}
        monthly = LedgerMonth.select().count()
    finally:
        close_database()
    name = f"pointsapp_bench_load_{os.getpid()}"
    url = pg_server.create_database(name)
    try:
        load(source, url, log=lambda _m: None)
        open_database(url)
        assert {m._meta.table_name: m.select().count() for m in ALL_MODELS} == counts
        assert check.run_checks() == []
        assert LedgerMonth.select().count() == monthly  # the sums the triggers keep, rebuilt after the copy
        User.create(username="after-load", display_name="新用户", role="viewer")  # sequences moved on
    finally:
        close_database()
        pg_server.drop_database(name)


@pytest.mark.postgres
def test_a_dsn_pointing_at_someones_data_is_refused_and_left_alone(tmp_path, pg_server):
    if not pg_server.url:
        pytest.skip(pg_server.reason)
    name = f"pointsapp_village_{os.getpid()}"
    url = pg_server.create_database(name)
    try:
        open_database(url)
        User.create(username="cunzhang", display_name="村长", role="viewer")
        close_database()
        result, _report = run_bench(tmp_path, "--only", "dashboard", env={"BENCH_PG_DSN": url})
        assert result.returncode != 0 and "BENCH_PG_DSN" in result.stderr
        open_database(url)
        assert User.select().where(User.username == "cunzhang").exists()
    finally:
        close_database()
        pg_server.drop_database(name)


def test_the_ranking_baseline_sql_gives_the_apps_numbers(db_target, admin):
    """The ranking cases compare the app with one SQL statement: it must answer the same question."""

    from bench.backends import Backend
    from bench.cases import GROUPED_HOUSEHOLDS_SQL, GROUPED_SQL, GROUPED_STARS_SQL, ranking_sql
    from pointsapp.models import Village
    from pointsapp.services import periods
    from pointsapp import demo
    from pointsapp.services.scoring import rankings

    demo.generate(households=30, villages=2, years=1, seed=5)
    year = periods.year(clock.today().year)
    conn = Backend("PostgreSQL" if db_target.startswith("postgresql") else "SQLite", db_target).raw()
    try:
        for ids in ([Village.select().first().id], [v.id for v in Village.select()]):
            app = rankings.ranking(actor=admin, period=year, village_id=ids[0] if len(ids) == 1 else None)
            rows = conn.execute(ranking_sql(conn, ids), [year.start.isoformat(), year.end.isoformat()]).fetchall()
            expected = {r.household_id: (r.awards, r.deductions, r.stars, *r.by_category.values()) for r in app.rows}
            assert any(r.total for r in app.rows) and any(r.stars for r in app.rows)  # a real ranking
            assert {r[0]: (int(r[5]), -int(r[6]), r[7], *map(int, r[8:])) for r in rows} == expected
            # and the other way to the same numbers, three statements folded here (the faster on SQLite at scale)
            marks, period = ",".join(map(str, ids)), [year.start.isoformat(), year.end.isoformat()]
            code_of = dict(conn.execute(f"SELECT id, code FROM category WHERE village_id IN ({marks})").fetchall())
            stars = dict(conn.execute(GROUPED_STARS_SQL.format(villages=marks)).fetchall())
            folded = {h[0]: [0, 0, stars.get(h[0], 0), dict.fromkeys(code_of.values(), 0)]
                      for h in conn.execute(GROUPED_HOUSEHOLDS_SQL.format(villages=marks)).fetchall()}
            for household_id, category_id, points, awards, deductions in conn.execute(
                    GROUPED_SQL.format(villages=marks), period).fetchall():
                if household_id in folded:
                    item = folded[household_id]
                    item[0], item[1] = item[0] + int(awards), item[1] - int(deductions)
                    item[3][code_of[category_id]] += int(points)
            assert {h: (a, d, n, *[by_code[c] for c, _ in app.categories])
                    for h, (a, d, n, by_code) in folded.items()} == expected
    finally:
        conn.conn.close()


def test_the_audit_log_case_fills_the_log_once_and_times_first_show_and_switching_back(tmp_path):
    """bench/cases_audit.py on the tiny data set: 100,000 rows of log made once, both figures with a baseline."""
    from pointsapp.models import AuditLog

    result, report = run_bench(tmp_path, "--only", "audit", "--no-postgres")
    assert report, result.stderr[-2000:]
    first, back = report["cases"]
    assert first["name"] == "操作日志: first show, 100,000 rows" and first["target_ratio"] == 3.0
    assert back["name"] == "操作日志: switching back to it" and back["target_value"] == 50.0
    for case in (first, back):
        assert case["value"] > 0 and case["baseline"] > 0 and case["unit"] == "ms"
        assert case["ok"] == (case["value"] <= (case["target_value"] or float("inf"))
                              and (case["target_ratio"] is None or case["ratio"] <= case["target_ratio"]))
    open_database(tmp_path / "cache" / "work.db")
    try:
        assert AuditLog.select().count() == 100_000
        made = {a for (a,) in AuditLog.select(AuditLog.action).distinct().tuples()}
        assert {"redemption.create", "entry.create", "user.sign_in", "household.update"} <= made
        from bench.cases_audit import audit_rows

        assert audit_rows() == 100_000  # once: a log that has them is left alone
    finally:
        close_database()
