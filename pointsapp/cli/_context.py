"""Running one CLI command: open the database, sign the user in, report errors as one line.

Every command that reads the register or changes anything acts as a signed-in user: ``--user`` (or
``POINTSAPP_USER``) and that user's password, typed at the terminal's prompt or, for scripts, in
``POINTSAPP_PASSWORD`` — never as an argument, where other users of the PC could read it. With neither a
terminal nor the variable, the command refuses at once instead of waiting for input nobody can give.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import logging
import sqlite3
import sys
from dataclasses import dataclass
from typing import Any

from peewee import DatabaseError

from pointsapp.db import close_database, friendly_db_errors, open_database, resolve_target
from pointsapp.logs import setup_logging
from pointsapp.services.ops import users
from pointsapp.services.auth import Actor
from pointsapp.cli._exit import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK
from pointsapp.cli._writes import writes
from pointsapp.services.ops import write_guard
from pointsapp.errors import UserError

log = logging.getLogger(__name__)


USER_ENV, PASSWORD_ENV = "POINTSAPP_USER", "POINTSAPP_PASSWORD"


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def sign_in(args: argparse.Namespace) -> Actor:
    """Who runs this command, proven by their password (the same sign-in, lock-out and audit as the window)."""
    if not users.has_users():
        raise UserError("这个数据库还没有用户。请先启动程序设置管理员密码，或运行 pointsapp users first-password。")
    name = (getattr(args, "user", None) or os.environ.get(USER_ENV) or "").strip()
    if not name:
        if not _interactive():
            raise UserError("请说明您是谁：加上 --user 用户名（或设置环境变量 POINTSAPP_USER）；脚本中密码用环境变量 "
                            "POINTSAPP_PASSWORD 提供。")
        name = input("用户名：").strip()
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not _interactive():
            raise UserError(f"需要用户 {name} 的密码：请在终端里运行以便输入密码，或在脚本中设置环境变量 "
                            "POINTSAPP_PASSWORD（密码不能写在命令参数里）。")
        password = getpass.getpass(f"{name} 的密码：")
    signed = users.sign_in(name, password)
    if signed.must_change_password:
        raise UserError(f"用户 {name} 须先修改初始密码：pointsapp users passwd {name}")
    return signed.actor


@dataclass
class CommandContext:
    args: argparse.Namespace
    _actor: Actor | None = None

    @property
    def actor(self) -> Actor:
        """The signed-in user the command acts as (asked once per command)."""
        if self._actor is None:
            self._actor = sign_in(self.args)
        return self._actor


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def is_damage(exc: Exception) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def damage_message(db: str | None, exc: Exception) -> str:
    """The file turned out damaged mid-command: say so and name the backup that brings it back."""
    from pointsapp.services.ops.recovery import check_target

    close_database()
    damage = check_target(resolve_target(db))
    return damage.message() if damage else f"数据库文件已损坏：{exc}"


def _sweep_leftovers() -> None:
    """Half-written copies of a killed backup or restore go at the next start (a failure here stops nothing)."""
    from pointsapp.services.ops import backup

    try:
        backup.sweep_at_start()
    except Exception:  # noqa: BLE001 - tidying up must never stop the command
        log.warning("could not sweep leftovers", exc_info=True)


def run_command(args: argparse.Namespace) -> int:
    setup_logging()
    try:
        with friendly_db_errors():  # a full disk or read-only folder: one line saying nothing was saved
            context = CommandContext(args)
            if getattr(args, "needs_db", True):
                open_database(args.db)
                _sweep_leftovers()
                if getattr(args, "needs_user", True):
                    context.actor  # noqa: B018 — sign in before anything is read or written
                if writes(args):  # never write into a database that fails its integrity check
                    write_guard.refuse_writing_if_damaged()
            return int(args.handler(context) or 0)
    except UserError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        if not is_damage(exc):
            log.exception("command %s failed", args.command)
            print(f"程序内部错误：{type(exc).__name__}: {exc}（详细信息已写入日志）", file=sys.stderr)
            return EXIT_INTERNAL
        print(f"错误：{damage_message(args.db, exc)}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into head and cut short: not an error of ours
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # a bug: keep the traceback for support, show one line
        log.exception("command %s failed", args.command)
        print(f"程序内部错误：{type(exc).__name__}: {exc}（详细信息已写入日志）", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        close_database()
