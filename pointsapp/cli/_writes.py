"""Which commands only read: every other command that opens the database is refused on a database that fails
its integrity check (:mod:`pointsapp.services.ops.write_guard`). A new command counts as writing until it is
named here."""
from __future__ import annotations

import argparse

READ_ONLY = {
    "audit list", "backup", "backups", "card verify", "dashboard", "households list", "products list",
    "ranking", "report monthly", "report trends", "report inspections", "rules list", "selftest",
    "shop close", "shop inventory", "shop receipt", "stars summary", "stars history", "users list",
    "export audit", "export households", "export ledger", "migrate-to", "pg-roles grant",
    "certificate verify", "certificate public-key", "certificate list",
}


def command_path(args: argparse.Namespace) -> str:
    """``entries objection add`` for ``pointsapp entries objection add …``."""
    parts = [args.command]
    while (more := getattr(args, f"{parts[-1]}_command", None)) is not None:
        parts.append(more)
    return " ".join(parts)


def writes(args: argparse.Namespace) -> bool:
    return command_path(args) not in READ_ONLY
