"""The ``pointsapp`` command: a thin shell over the services.

Each module in this package registers its sub-commands with ``register(subparsers)``
and sets ``handler`` (and optionally ``needs_db=False``). Errors a user can fix are
one Chinese line on stderr with a non-zero exit; anything else is logged with its
traceback and reported as one line too.
"""
from __future__ import annotations

import argparse
import codecs
import importlib
import os
import pkgutil
import sys
from typing import Sequence

from pointsapp import APP_TITLE, __version__
from pointsapp.cli._exit import EXIT_FAILED, EXIT_INTERNAL


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's messages, in one line, exit 2 as usual
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_INTERNAL)


# Which modules of this package add to each command (several add to ``print``, ``export``, ``stars`` …). A
# command runs with only its own modules imported and registered: importing all of them, with the services
# each one pulls in, cost a third of a second of every command. tests/test_cli_commands.py keeps this table
# equal to what the modules register; ``--help`` and an unknown command build the whole parser.
COMMAND_MODULES = {
    "audit": ("audit",), "backup": ("backup",), "backups": ("backup",), "card": ("card",),
    "certificate": ("certificate",), "check": ("check",), "claim": ("claims",), "dashboard": ("report",),
    "demo": ("demo",), "entries": ("entries", "entry_sheets"), "event": ("events",), "expiry": ("entries",),
    "export": ("audit", "households", "ranking"), "households": ("households", "member_points"),
    "import": ("households",), "manual": ("manual",), "meeting": ("claims",), "migrate-to": ("migrate_to",),
    "pg-roles": ("pg_roles",), "print": ("boards", "prints", "stars"), "products": ("shop",),
    "ranking": ("ranking",), "redeem": ("shop",), "report": ("report",), "restore": ("backup",),
    "rules": ("rules",), "selftest": ("selftest",), "shop": ("shop",), "stars": ("boards", "stars"),
    "stock": ("shop",), "users": ("users",),
}


def command_word(argv: Sequence[str], parser: argparse.ArgumentParser | None = None) -> str | None:
    """The command ``argv`` names (the first word after the global options), or None: no command, or help
    asked for before it. Which global options take a value is read from the parser that declares them."""
    takes_value = {option for action in (parser or _global_parser())._actions if action.nargs != 0
                   for option in action.option_strings}
    tokens = iter(argv)
    for token in tokens:
        if token in takes_value:
            next(tokens, None)
        elif token in ("-h", "--help"):
            return None
        elif not token.startswith("-"):
            return token
    return None


def all_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def _global_parser() -> argparse.ArgumentParser:
    """The parser with the options that come before a command."""
    parser = _Parser(prog="pointsapp", description=f"{APP_TITLE}。不带命令运行时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"pointsapp {__version__}")
    parser.add_argument("--db", help="数据库：SQLite 文件路径或 postgresql://… 地址（也可用环境变量 POINTSAPP_DB）")
    parser.add_argument("--user", help="您的用户名（也可用环境变量 POINTSAPP_USER）。密码在终端提示时输入；"
                                       "脚本中用环境变量 POINTSAPP_PASSWORD 提供，不能写在命令参数里")
    parser.add_argument("--lang", choices=["zh_CN", "en"],
                        help="语言：命令的 PDF、导出文件和错误信息（命令行本身的说明仍是中文）；不带命令时为界面语言"
                             "（默认取设置）")
    return parser


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command, or, given the ``argv`` it will parse, just that command's."""
    parser = _global_parser()
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    word = command_word(argv, parser) if argv is not None else None
    for name in COMMAND_MODULES.get(word, ()) or all_modules():
        register = getattr(importlib.import_module(f"{__name__}.{name}"), "register", None)
        if register:
            register(sub)
    return parser


def _geta(error: UnicodeEncodeError):
    """A character the console's code page lacks (张𠈌 on a GBK console, an emoji) prints as 〓, the mark Chinese
    printing has long used for a missing glyph, instead of ending the command with a UnicodeEncodeError."""
    return "〓" * (error.end - error.start), error.end


codecs.register_error("pointsapp-geta", _geta)


def tolerant_output() -> None:
    """stdout and stderr never fail on a name: on a GBK (code page 936) console or a redirected file the
    characters outside the code page become 〓."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
        if reconfigure is not None and encoding not in ("utf8", "utf8sig", "utf16", "utf32"):
            try:
                reconfigure(errors="pointsapp-geta")
            except (ValueError, OSError):  # a closed or unusual stream: leave it
                pass


def main(argv: Sequence[str] | None = None) -> int:
    tolerant_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not args.command:
        from pointsapp.ui.app import run_gui

        if args.lang:  # read by ui.app.choose_language before the language setting
            os.environ["POINTSAPP_LANG"] = args.lang
        return run_gui(db_target=args.db)
    from pointsapp.cli._context import run_command
    from pointsapp.cli._language import use_language
    from pointsapp.errors import UserError

    try:
        use_language(args.lang or "zh_CN")
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_FAILED
    return run_command(args)
