"""``make bench`` / ``make bench-quick``: run every case, write JSON to $BENCH_OUT, print a table.

Every case runs on the SQLite file; the database-bound ones run again on PostgreSQL when a server can be
had ($BENCH_PG_DSN, or a throwaway local server as the tests start one), with " [PostgreSQL]" in the name.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import cases, cases_audit, cases_dashboard, cases_more, cases_review  # noqa: E402
from bench.backends import Backend  # noqa: E402
from bench import cases_pages  # noqa: E402
from bench.dataset import FULL, QUICK, cache_name, township_db  # noqa: E402
from bench import timing  # noqa: E402
from bench.timing import CaseResult, DataSetTooSmall  # noqa: E402
from pointsapp.db import close_database, open_database  # noqa: E402

GROUPS = ("ranking", "card", "batch", "redemption", "dashboard", "pdf", "roster", "filter", "review", "gui",
          "check", "audit")
# what the database answers; the others time drawing, workbook reading or Qt, the same on either backend
PG_GROUPS = ("ranking", "card", "batch", "redemption", "dashboard", "check")
PAGE_GROUPS = ("pages",)  # every page's first show and switching back (issue 23), before review adds its village


def machine() -> dict:
    import sqlite3

    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(), "sqlite": sqlite3.sqlite_version,
            "load_average": [round(x, 2) for x in os.getloadavg()]}  # a shared machine: how busy it was


def database_steps(backend: Backend, rounds: int) -> list[tuple[str, object]]:
    return [("check", lambda: cases_more.check_case(backend)),  # first: the cases below write bare baseline rows
            ("ranking", lambda: cases.ranking_cases(backend, rounds)),
            ("card", lambda: cases.card_scan_cases(backend, 1000)),
            ("batch", lambda: [cases.batch_entry_case(backend, 1000, rounds)]),
            ("redemption", lambda: cases_more.redemption_case(backend, rounds)),
            ("dashboard", lambda: cases_dashboard.dashboard_cases(backend, rounds))]


def run_sqlite(db_path: Path, rounds: int, want) -> list[CaseResult]:
    backend = Backend("SQLite", str(db_path))
    steps = database_steps(backend, rounds) + [
        ("pdf", lambda: cases_more.cards_pdf_case(db_path, rounds)),
        ("roster", lambda: cases_more.roster_import_case(db_path, rounds)),
        ("filter", lambda: cases_more.household_filter_case(db_path, rounds)),
        # before review: the pages show the data set's first village, and review adds one (审核基准村) that sorts
        # first and has no star evaluation (the stars page would show none of its rows)
        ("pages", lambda: cases_pages.page_cases(rounds)),
        ("review", lambda: cases_review.review_page_case(rounds)),  # late: it adds a village of its own
        ("audit", lambda: cases_audit.audit_log_cases(rounds))]  # last: it adds 100,000 rows of log, unsealed
    results: list[CaseResult] = []
    open_database(db_path)
    try:
        for group, step in steps:
            if want(group):
                results += step()
        for extra in cases.EXTRA_CASES:
            if want("extra"):
                results += extra(db_path, rounds)
    finally:
        close_database()
    if want("gui"):
        results += cases.gui_cases(db_path, 15)  # a start is ~0.3 s: fifteen each, interleaved, for a steady median
    return results


def run_postgres(db_path: Path, rounds: int, want, log) -> tuple[list[CaseResult], dict]:
    """Load the same data set into PostgreSQL and run the database cases there."""
    from bench.pg import PgPlace, load

    if not any(want(g) for g in PG_GROUPS):
        return [], {"skipped": "no PostgreSQL case selected"}
    place = PgPlace().start()
    if not place.url:
        log(f"PostgreSQL cases skipped: {place.reason}")
        return [], {"skipped": place.reason}
    try:
        seconds = load(db_path, place.url, log=log)
        backend = Backend("PostgreSQL", place.url)
        results: list[CaseResult] = []
        open_database(place.url)
        try:
            for group, step in database_steps(backend, rounds):
                if want(group):
                    results += step()
        finally:
            close_database()
        return results, {"load_seconds": round(seconds, 1), "version": backend.server_version(),
                         "server": "BENCH_PG_DSN" if os.environ.get("BENCH_PG_DSN") else "throwaway local server"}
    finally:
        place.stop()


def table(results: list[CaseResult]) -> str:
    lines = [f"{'case':72} {'value':>11} {'baseline':>10} {'ratio':>6} {'target':>8}  ok"]
    for r in results:
        base = f"{r.baseline:.3f}" if r.baseline is not None else "-"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        target = " ".join(t for t in (f"≤{r.target_ratio:g}" if r.target_ratio is not None else "",
                                      f"≤{r.target_value:g}{r.unit}" if r.target_value is not None else "") if t)
        lines.append(f"{r.name:72} {r.value:>9.3f}{r.unit:>2} {base:>10} {ratio:>6} {target:>8}  "
                     f"{'yes' if r.ok else 'NO'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="pointsapp benchmark suite")
    parser.add_argument("--quick", action="store_true", help="about a tenth of the township size")
    parser.add_argument("--only", default="", help="comma-separated case groups: " + ",".join(GROUPS + PAGE_GROUPS)
                        + " (default: all)")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL variants")
    parser.add_argument("--rounds", type=int, default=None,
                        help="exactly this many rounds of every case, short ones too: for checking the runner "
                             "(its tests), not for figures")
    parser.add_argument("--size", default="", help="households,villages,years,products instead of the full or "
                        "quick size (for tests and trials)")
    args = parser.parse_args(argv)
    only = {w.strip() for w in args.only.split(",") if w.strip()}
    want = lambda group: not only or group in only  # noqa: E731
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    size = QUICK if args.quick else FULL
    if args.size:
        size = dict(zip(("households", "villages", "years", "products"), map(int, args.size.split(","))))
    rounds = 5 if args.quick else 3
    if args.rounds is not None:
        rounds = timing.EXACT_ROUNDS = max(1, args.rounds)
    out_path = Path(os.environ.get("BENCH_OUT", ROOT / "bench" / "results.json"))
    cache = Path(os.environ.get("BENCH_CACHE", ROOT / "bench" / ".cache"))
    started = time.time()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    db_path = township_db(cache, size, log=log)
    built = time.time() - started
    try:
        results = run_sqlite(db_path, rounds, want)
        postgres: dict = {"skipped": "--no-postgres"}
        if not args.no_postgres:  # PostgreSQL gets the data set as built (the cached file), not the SQLite copy
            pg_results, postgres = run_postgres(cache / cache_name(size), rounds, want, log)
            results += pg_results
    except DataSetTooSmall as exc:
        print(f"bench: the data set is too small: {exc}", file=sys.stderr)
        return 2
    report = {"size": size, "seconds": round(time.time() - started, 1), "dataset_seconds": round(built, 1),
              "machine": {**machine(), "load_average_at_start": load_at_start}, "postgres": postgres, "cases": [r.as_json() for r in results]}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))
    print(f"written to {out_path} in {report['seconds']} s (data set ready after {report['dataset_seconds']} s)")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
