"""The argument shapes many commands share (which village, a record's number, an output file, a yes/no decision
with its reason, ``--json``) and the list printing that goes with ``--json``."""
from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from pointsapp.cli._context import print_json
from pointsapp.services.register.villages import find_village

T = TypeVar("T")

VILLAGE = "村名或村代码"
VILLAGE_IF_SEVERAL = "村名或村代码（有多个村时必填）"
VILLAGE_IF_ONE = "村名或村代码（只有一个村时可省略）"
PDF_OUT = "输出的 PDF 文件"


def village_option(parser, help: str = VILLAGE, **kw) -> None:
    parser.add_argument("--village", help=help, **kw)


def json_option(parser, help: str | None = "以 JSON 输出") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def record_id(parser, dest: str, help: str) -> None:
    """The positional number of the record a command acts on (``pointsapp event close 12``)."""
    parser.add_argument(dest, type=int, metavar="ID", help=help)


def out_option(parser, help: str = PDF_OUT) -> None:
    parser.add_argument("--out", required=True, help=help)


def decision_options(parser, yes: tuple[str, str], no: tuple[str, str], *,
                     reason: tuple[str, str] = ("--reason", "理由"), reason_required: bool = False) -> None:
    """Exactly one of two flags (``--approve``/``--reject`` …), then the free text that explains it."""
    decision = parser.add_mutually_exclusive_group(required=True)
    for flag, help in (yes, no):
        decision.add_argument(flag, action="store_true", help=help)
    flag, help = reason
    if reason_required:
        parser.add_argument(flag, required=True, help=help)
    else:
        parser.add_argument(flag, default="", help=help)


def command(group, name: str, help: str, handler: Callable, *, record: tuple[str, str] | None = None,
            village: str | bool = False, json: bool = False, out: str | bool = False):
    """The sub-command ``name`` run by ``handler``, with those of the shared arguments it takes, in this order: the
    number of the record it acts on (``record`` = (dest, help)), ``--village``, ``--json``, ``--out`` (required);
    ``village`` and ``out`` are True for the usual help text or the help text itself. The caller adds the
    command's own arguments after them."""
    parser = group.add_parser(name, help=help)
    parser.set_defaults(handler=handler)
    if record is not None:
        record_id(parser, *record)
    if village:
        village_option(parser, VILLAGE if village is True else village)
    if json:
        json_option(parser)
    if out:
        out_option(parser, PDF_OUT if out is True else out)
    return parser


def village_id_or_all(text: str | None) -> int | None:
    """The village ``--village`` names, or None (every village) when it was left out."""
    return find_village(text).id if text else None


def print_listing(found: Iterable[T], as_json: bool, row: Callable[[T], object], line: Callable[[T], str]) -> int:
    """A list command's output: every item as JSON (``row``) or one line each (``line``)."""
    if as_json:
        print_json([row(item) for item in found])
        return 0
    for item in found:
        print(line(item))
    return 0
