"""Running one CLI command: open the database, pick the operator, report errors as one line."""
from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
from dataclasses import dataclass
from typing import Any

from peewee import DatabaseError

from pointsapp.db import close_database, friendly_db_errors, open_database, resolve_target
from pointsapp.db import settings
from pointsapp.logs import setup_logging
from pointsapp.services.ops import users
from pointsapp.services.auth import Actor
from pointsapp.cli._exit import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK
from pointsapp.errors import UserError

log = logging.getLogger(__name__)


@dataclass
class CommandContext:
    args: argparse.Namespace

    @property
    def actor(self) -> Actor:
        """The operator the command acts as (``--operator`` or the ``cli_operator`` setting)."""
        name = self.args.operator or settings.get("cli_operator")
        if not users.has_users():
            return users.ensure_admin()
        return users.operator(name)


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
            if getattr(args, "needs_db", True):
                open_database(args.db)
                _sweep_leftovers()
            return int(args.handler(CommandContext(args)) or 0)
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
