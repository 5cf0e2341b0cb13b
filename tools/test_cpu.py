"""Sum up a ``POINTSAPP_TEST_CPU_LOG`` file (tests/cpu_time.py): CPU seconds by test file, by backend, and the
costliest tests. ``python -m tools.test_cpu FILE [--top N]``."""
from __future__ import annotations

import argparse
import json
from collections import defaultdict


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    rows = [json.loads(line) for line in open(args.log, encoding="utf-8") if line.strip()]
    cost = lambda r: r["cpu"] + r["children"]  # noqa: E731
    total = sum(map(cost, rows))
    print(f"{len(rows)} tests, {total:.0f} s CPU ({sum(r['children'] for r in rows):.0f} s in child processes),"
          f" {sum(r['wall'] for r in rows):.0f} s wall summed over workers")
    by_backend = defaultdict(float)
    for r in rows:
        by_backend["postgres" if "postgres" in r["test"] else "sqlite" if "sqlite" in r["test"] else "neither"] += cost(r)
    print("by backend: " + ", ".join(f"{k} {v:.0f} s" for k, v in sorted(by_backend.items())))
    by_file = defaultdict(lambda: [0.0, 0])
    for r in rows:
        entry = by_file[r["test"].split("::")[0]]
        entry[0] += cost(r)
        entry[1] += 1
    print(f"\n{'CPU s':>7} {'tests':>5}  file")
    for name, (seconds, count) in sorted(by_file.items(), key=lambda kv: -kv[1][0])[:args.top]:
        print(f"{seconds:7.1f} {count:5d}  {name}")
    print(f"\n{'CPU s':>7} {'wall s':>7}  test")
    for r in sorted(rows, key=cost, reverse=True)[:args.top]:
        print(f"{cost(r):7.1f} {r['wall']:7.1f}  {r['test']}")


if __name__ == "__main__":
    main()
