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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pointsapp", description=f"{APP_TITLE}。不带命令运行时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"pointsapp {__version__}")
    parser.add_argument("--db", help="数据库：SQLite 文件路径或 postgresql://… 地址（也可用环境变量 POINTSAPP_DB）")
    parser.add_argument("--user", help="您的用户名（也可用环境变量 POINTSAPP_USER）。密码在终端提示时输入；"
                                       "脚本中用环境变量 POINTSAPP_PASSWORD 提供，不能写在命令参数里")
    parser.add_argument("--lang", choices=["zh_CN", "en"],
                        help="语言：命令的 PDF、导出文件和错误信息（命令行本身的说明仍是中文）；不带命令时为界面语言"
                             "（默认取设置）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
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
    parser = build_parser()
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
