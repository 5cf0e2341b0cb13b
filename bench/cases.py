"""The benchmark cases. Each returns CaseResults: the app's figure, its baseline, the ratio, the target."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.backends import Backend, signed_in_admin, sqlite_raw
from bench.timing import CaseResult, compare, percentile, seconds
from pointsapp import clock
from pointsapp.models import Group, Household, Rule, Village
from pointsapp.services import periods

# the best single statement found for a ranking's numbers: each household with its category columns pivoted from
from pointsapp.services.register import cards
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import rankings
from pointsapp.services.shop import redemption
# the ledger (FILTER per category code), awards, deductions and the stars held now (as
# ``rankings.held_stars_query``: the awards, not withdrawn, of each village's current star evaluation)
RANKING_SQL = """
SELECT h.id, h.household_no, h.head_name, v.name, g.name, COALESCE(s.awards, 0), COALESCE(s.deductions, 0),
       COALESCE(st.n, 0), {columns}
FROM household h JOIN village v ON v.id = h.village_id JOIN village_group g ON g.id = h.group_id
LEFT JOIN (
  SELECT e.household_id, {sums},
         SUM(e.points) FILTER (WHERE e.kind = 'award' OR (e.kind = 'reversal' AND e.points < 0)) AS awards,
         SUM(e.points) FILTER (WHERE e.kind = 'deduction' OR (e.kind = 'reversal' AND e.points > 0)) AS deductions
  FROM ledger_entry e
  WHERE e.village_id IN ({villages}) AND e.status = 'effective' AND e.earned = TRUE
    AND e.occurred_on BETWEEN ? AND ?
  GROUP BY e.household_id) s ON s.household_id = h.id
LEFT JOIN (
  SELECT a.household_id, COUNT(*) AS n FROM star_award a
  JOIN star_evaluation se ON se.id = a.evaluation_id
  JOIN household h2 ON h2.id = a.household_id AND h2.village_id = se.village_id
  WHERE se.is_current = TRUE AND a.withdrawn_at IS NULL AND se.village_id IN ({villages})
  GROUP BY a.household_id) st ON st.household_id = h.id
WHERE h.village_id IN ({villages}) AND h.status = 'active'
"""


# the same numbers in three statements, folded by the caller: the (household, category) sums, the stars held,
# the households. On SQLite across many villages this is the faster way (each pivot column's category list has
# an id per village, looked up for every ledger row); everywhere else the pivot is
GROUPED_SQL = """
SELECT e.household_id, e.category_id, SUM(e.points),
       SUM(CASE WHEN e.kind = 'award' OR (e.kind = 'reversal' AND e.points < 0) THEN e.points ELSE 0 END),
       SUM(CASE WHEN e.kind = 'deduction' OR (e.kind = 'reversal' AND e.points > 0) THEN e.points ELSE 0 END)
FROM ledger_entry e
WHERE e.village_id IN ({villages}) AND e.status = 'effective' AND e.earned = TRUE
  AND e.occurred_on BETWEEN ? AND ?
GROUP BY e.household_id, e.category_id
"""
GROUPED_STARS_SQL = """
SELECT a.household_id, COUNT(*) FROM star_award a
JOIN star_evaluation se ON se.id = a.evaluation_id
JOIN household h ON h.id = a.household_id AND h.village_id = se.village_id
WHERE se.is_current = TRUE AND a.withdrawn_at IS NULL AND se.village_id IN ({villages})
GROUP BY a.household_id
"""
GROUPED_HOUSEHOLDS_SQL = """
SELECT h.id, h.household_no, h.head_name, v.name, g.name FROM household h
JOIN village v ON v.id = h.village_id JOIN village_group g ON g.id = h.group_id
WHERE h.village_id IN ({villages}) AND h.status = 'active'
"""


def ranking_sql(conn, village_ids: list[int]) -> str:
    """RANKING_SQL for these villages: one column per category code (the ids it has in them), looked up now,
    outside the timed part (the app looks them up each time)."""
    marks = ",".join(map(str, village_ids))
    columns: dict[str, list[int]] = {}
    for cid, code in conn.execute(f"SELECT id, code FROM category WHERE village_id IN ({marks}) "
                                  "ORDER BY sort_order, code, id").fetchall():
        columns.setdefault(code, []).append(cid)
    sums = ", ".join(f"SUM(e.points) FILTER (WHERE e.category_id IN ({','.join(map(str, ids))})) AS c{i}"
                     for i, ids in enumerate(columns.values()))
    return RANKING_SQL.format(villages=marks, sums=sums,
                              columns=", ".join(f"COALESCE(s.c{i}, 0)" for i in range(len(columns))))


raw = sqlite_raw  # the later cases' SQLite-only baselines


def ranking_cases(backend: Backend, rounds: int) -> list[CaseResult]:
    actor = signed_in_admin()
    year = periods.year(clock.today().year)
    conn = backend.raw()
    village_ids = [v.id for v in Village.select(Village.id)]
    period = [year.start.isoformat(), year.end.isoformat()]
    village_sql, township_sql = ranking_sql(conn, village_ids[:1]), ranking_sql(conn, village_ids)

    def grouped(ids: list[int]):
        villages = ",".join(map(str, ids))
        return (conn.execute(GROUPED_SQL.format(villages=villages), period).fetchall(),
                conn.execute(GROUPED_STARS_SQL.format(villages=villages)).fetchall(),
                conn.execute(GROUPED_HOUSEHOLDS_SQL.format(villages=villages)).fetchall())

    def baselines(sql: str, ids: list[int]) -> dict:
        return {"pivot": lambda: conn.execute(sql, period).fetchall(), "grouped": lambda: grouped(ids)}

    out = [
        compare(f"ranking: one village, one year{backend.suffix}",
                lambda: rankings.ranking(actor=actor, period=year, village_id=village_ids[0]),
                baselines(village_sql, village_ids[:1]), target=1.5, rounds=rounds, backend=backend.name),
        compare(f"ranking: whole township, one year{backend.suffix}", lambda: rankings.ranking(actor=actor, period=year),
                baselines(township_sql, village_ids), target=1.5, rounds=rounds, backend=backend.name),
    ]
    conn.close()
    return out


CARD_SQL = """
SELECT h.id, h.household_no, h.head_name, g.name, v.name, b.available, b.earned_total, c.serial, c.revoked_at,
       (SELECT COUNT(*) FROM star_award s JOIN star_evaluation e ON e.id = s.evaluation_id
        WHERE s.household_id = h.id AND s.withdrawn_at IS NULL AND e.is_current = TRUE AND e.village_id = h.village_id)
FROM household h JOIN village v ON v.id = h.village_id JOIN village_group g ON g.id = h.group_id
LEFT JOIN household_balance b ON b.household_id = h.id
LEFT JOIN card c ON c.household_id = h.id AND c.serial = ?
WHERE v.code = ? AND h.household_no = ?
"""


def card_scan_cases(backend: Backend, lookups: int) -> list[CaseResult]:
    actor = signed_in_admin()
    ids = [h for (h,) in Household.select(Household.id).where(Household.status == Household.STATUS_ACTIVE)
           .order_by(Household.id).limit(lookups).tuples()]
    issued = cards.issue_cards(actor=actor, household_ids=ids)
    payloads = [issued[h].payload for h in ids]
    conn = backend.raw()
    app_times, base_times = [], []
    for payload in payloads:
        app_times.append(seconds(lambda: redemption.read_card(actor=actor, payload=payload)))
        _, village, number, serial, _mac = payload.split(":")
        base_times.append(seconds(lambda: conn.execute(CARD_SQL, (int(serial), village, number)).fetchone()))
    conn.close()
    results = []
    for label, p in (("median", 50), ("p95", 95)):
        a, b = percentile(app_times, p) * 1000, percentile(base_times, p) * 1000
        results.append(CaseResult(f"card scan → household, balances, stars ({label} of {lookups}){backend.suffix}",
                                  round(a, 3), "ms", round(b, 3), round(a / b, 2), 5.0, backend=backend.name))
    return results


def batch_entry_case(backend: Backend, marks: int, rounds: int) -> CaseResult:
    """Saving monthly inspection sheets (entries.add_batch, caps checked, audited) totalling ``marks`` marks."""
    actor = signed_in_admin()
    rule = Rule.select().where(Rule.inspection_item == True).order_by(Rule.id).first()  # noqa: E712
    rules = [r.id for r in Rule.select().where(Rule.inspection_item == True, Rule.active == True,  # noqa: E712
                                                Rule.village == rule.village_id).order_by(Rule.id)]
    sheets: list[tuple[int, dict[int, set[int]]]] = []
    left = marks
    for group in Group.select().where(Group.village == rule.village_id).order_by(Group.id):
        sheet: dict[int, set[int]] = {}
        for (h,) in (Household.select(Household.id).where(Household.group == group.id,
                                                          Household.status == Household.STATUS_ACTIVE)
                     .order_by(Household.id).tuples()):
            take = min(left, len(rules))
            if take:
                sheet[h] = set(rules[:take])
                left -= take
        if sheet:
            sheets.append((group.id, sheet))
        if not left:
            break
    pairs = [(h, r) for _g, sheet in sheets for h, rids in sheet.items() for r in sorted(rids)]
    points = {r.id: r for r in Rule.select().where(Rule.id.in_(rules))}
    conn = backend.raw()
    years = iter(range(2100, 2200))  # each round in its own (future) year, so yearly caps never interfere
    counter = iter(range(10**9))

    def app():
        year = next(years)
        for group_id, sheet in sheets:
            entries.add_batch(actor=actor, group_id=group_id, period_code=f"{year}-06", marks=sheet,
                              today=dt.date(year, 12, 31))

    def baseline():
        n = next(counter)
        rows = [(h, rule.village_id, 1_000_000 + n * 10_000 + i, "award", points[r].points, True, r,
                 points[r].category_id, "2100-06-30", "月度检查", actor.user_id, "2026-01-01 00:00:00", "x" * 64,
                 "y" * 64, "effective") for i, (h, r) in enumerate(pairs)]
        conn.begin()
        conn.insert_many(
            "ledger_entry (household_id, village_id, seq, kind, points, earned, rule_id, category_id,"
            " occurred_on, note, created_by_id, created_at, prev_hash, hash, status)", rows)
        conn.execute("COMMIT")

    result = compare(f"batch entry of {len(pairs)} inspection marks ({len(sheets)} group sheets){backend.suffix}",
                     app, baseline, target=3.0, rounds=rounds, backend=backend.name)
    # the baseline's rows are not real entries; the app never deletes, so only this scratch copy drops the guard
    conn.execute("DROP TRIGGER IF EXISTS ledger_entry_no_delete" + (" ON ledger_entry" if conn.postgres else ""))
    conn.execute("DELETE FROM ledger_entry WHERE seq >= 1000000")
    conn.close()
    return result


def _gui_probe(mode: str, db_path: Path | None) -> dict:
    args = [sys.executable, str(Path(__file__).with_name("gui_probe.py")), mode] + ([str(db_path)] if db_path else [])
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=Path(__file__).parent.parent)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    data = json.loads(out.stdout.strip().splitlines()[-1])
    # to the window shown, not to the process's end: at exit the app still waits for its background
    # tasks (the dashboard's first figures), which is not start-up (perf_counter is the system's monotonic
    # clock on Linux, the same in both processes)
    data["elapsed"] = data["shown"] - start if 0 < data["shown"] - start <= elapsed else elapsed
    return data


def compile_bytecode() -> None:
    """Start from bytecode, as an installed app (or the bundle) does: this machine sets PYTHONDONTWRITEBYTECODE,
    so without it every start compiles the app's modules from source (~20 ms of a ~200 ms start)."""
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "pointsapp")], check=True,
                   capture_output=True)


def gui_cases(db_path: Path, rounds: int) -> list[CaseResult]:
    compile_bytecode()
    app_runs = []
    bare_runs = []
    for _ in range(rounds):
        app_runs.append(_gui_probe("app", db_path))
        bare_runs.append(_gui_probe("bare", None))
    med = lambda runs, key: sorted(r[key] for r in runs)[len(runs) // 2]  # noqa: E731
    a, b = med(app_runs, "elapsed"), med(bare_runs, "elapsed")
    ma, mb = med(app_runs, "rss_mb"), med(bare_runs, "rss_mb")
    return [
        CaseResult("GUI cold start to main window shown", round(a, 3), "s", round(b, 3), round(a / b, 2), 2.0),
        CaseResult("GUI peak memory on the township database", round(ma, 1), "MB", round(mb, 1),
                   round(ma / mb, 2), 4.0),
    ]
EXTRA_CASES: list = []  # cases added by later features: f(db_path, rounds) -> list[CaseResult]
