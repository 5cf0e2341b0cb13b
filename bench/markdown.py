"""The BENCHMARKS.md table of a results file: ``python -m bench.markdown [bench/results.json]``.

One row per case as the tables in BENCHMARKS.md have them (app, baseline, ratio, target, ok), PostgreSQL
variants marked, and a line naming the run (size, seconds, load average at its start), so the document is
updated from the JSON a run wrote rather than by hand.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if value >= 1000:
        text = f"{value:,.0f}"
    elif value >= 10:
        text = f"{value:.1f}"
    elif value >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".strip()


def row(case: dict) -> str:
    name, backend = case["name"], case.get("backend", "SQLite")
    if backend != "SQLite" and f"[{backend}]" not in name:  # the runner's names carry it already
        name += f" [{backend}]"
    targets = [f"≤ {case['target_ratio']:g}" if case.get("target_ratio") is not None else "",
               f"≤ {case['target_value']:g} {case['unit']}" if case.get("target_value") is not None else ""]
    ratio = f"{case['ratio']:.2f}" if case.get("ratio") is not None else "–"
    baseline = amount(case.get("baseline"), case["unit"])
    _, named, which = case.get("note", "").partition("baseline: ")  # the fastest of several ways (bench.timing)
    if named:
        baseline += f" ({which.split(';')[0]})"
    return (f"| {name} | {amount(case['value'], case['unit'])} | {baseline} "
            f"| {ratio} | {', '.join(t for t in targets if t)} | {'yes' if case['ok'] else '**no**'} |")


def markdown(report: dict) -> str:
    size = report["size"]
    load = report["machine"].get("load_average_at_start", ["?"])[0]
    lines = [f"{size['households']:,} households, {size['villages']} villages, {size['years']} years: "
             f"{report['seconds']:.0f} s in all, the data set ready after {report['dataset_seconds']:.0f} s; "
             f"load average {load} at the start.", "",
             "| case | app | baseline | ratio | target | ok |", "|---|---|---|---|---|---|"]
    lines += [row(case) for case in report["cases"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else Path(__file__).parent / "results.json")
    print(markdown(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
