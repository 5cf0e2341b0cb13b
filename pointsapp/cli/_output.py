"""Printing rows as an aligned table, CSV or JSON (the ``--format`` choices)."""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from typing import Sequence

from pointsapp.services.exports.cells import write_csv
from pointsapp.text import translate


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """Text safe for a terminal: a control character or bidi override stored before names were checked at the door
    (an ESC would drive the terminal, U+202E would turn the line around) shows as �."""
    return _CONTROL.sub("\ufffd", text)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def print_rows(headers: Sequence[str], keys: Sequence[str], rows: Sequence[dict], fmt: str = "table") -> None:
    if fmt == "json":
        print(json.dumps([{k: r[k] for k in keys} for r in rows], ensure_ascii=False, indent=2, default=str))
        return
    headers = [translate("cli.columns", h) for h in headers]  # heads listed in cli._column_labels
    if fmt == "csv":
        write_csv(sys.stdout, [headers] + [[r[k] for k in keys] for r in rows], lineterminator="\n")
        return
    cells = [[visible(str(r[k])) for k in keys] for r in rows]
    widths = [max([display_width(h)] + [display_width(c[i]) for c in cells]) for i, h in enumerate(headers)]
    print("  ".join(_pad(h, w) for h, w in zip(headers, widths)).rstrip())
    for c in cells:
        print("  ".join(_pad(v, w) for v, w in zip(c, widths)).rstrip())


def add_format_option(parser, default: str = "table") -> None:
    parser.add_argument("--format", choices=["table", "csv", "json"], default=default, help="输出格式")
