"""``make bench`` / ``make bench-quick``: run every case, write JSON to $BENCH_OUT, print a table."""
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

from bench import cases, cases_more  # noqa: E402
from bench.dataset import FULL, QUICK, township_db  # noqa: E402
from pointsapp.db import close_database, open_database  # noqa: E402


def machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="pointsapp benchmark suite")
    parser.add_argument("--quick", action="store_true", help="about a tenth of the township size")
    parser.add_argument("--only", default="", help="comma-separated case groups: ranking,card,batch,redemption,"
                        "pdf,roster,filter,gui (default: all)")
    args = parser.parse_args(argv)
    only = {w.strip() for w in args.only.split(",") if w.strip()}
    want = lambda group: not only or group in only  # noqa: E731
    size = QUICK if args.quick else FULL
    rounds = 5 if args.quick else 3
    out_path = Path(os.environ.get("BENCH_OUT", ROOT / "bench" / "results.json"))
    cache = Path(os.environ.get("BENCH_CACHE", ROOT / "bench" / ".cache"))
    started = time.time()
    db_path = township_db(cache, size, log=lambda m: print(m, file=sys.stderr))
    open_database(db_path)
    results = []
    try:
        steps = [("ranking", lambda: cases.ranking_cases(db_path, rounds)),
                 ("card", lambda: cases.card_scan_cases(db_path, 1000)),
                 ("batch", lambda: [cases.batch_entry_case(db_path, 1000, rounds)]),
                 ("redemption", lambda: cases_more.redemption_case(db_path, rounds)),
                 ("pdf", lambda: cases_more.cards_pdf_case(db_path, rounds)),
                 ("roster", lambda: cases_more.roster_import_case(db_path, rounds)),
                 ("filter", lambda: cases_more.household_filter_case(db_path, rounds))]
        for group, step in steps:
            if want(group):
                results += step()
        for extra in cases.EXTRA_CASES:
            if not only:
                results += extra(db_path, rounds)
    finally:
        close_database()
    if want("gui"):
        results += cases.gui_cases(db_path, 3)
    report = {"size": size, "seconds": round(time.time() - started, 1), "machine": machine(),
              "cases": [r.as_json() for r in results]}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{'case':58} {'value':>10} {'baseline':>10} {'ratio':>7} {'target':>7}  ok")
    for r in results:
        base = f"{r.baseline:.3f}" if r.baseline is not None else "-"
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        target = f"{r.target_ratio:g}" if r.target_ratio is not None else "-"
        print(f"{r.name:58} {r.value:>8.3f}{r.unit:>2} {base:>10} {ratio:>7} {target:>7}  {'yes' if r.ok else 'NO'}")
    print(f"written to {out_path} in {report['seconds']} s")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
