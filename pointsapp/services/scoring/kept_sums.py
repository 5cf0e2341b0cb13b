"""What the sums the database keeps beside the ledger (``ledger_month``: migration 0005; ``household_year``: 0015)
have in common. Their triggers and their sums are the SQL of the migration that made them, loaded from there, so
that ``check``, a rebuild and a bulk load use the very statements the database runs; and a kept table is compared
with the ledger the same way (a row of zeros, entries that cancel out, equals a missing one)."""
from __future__ import annotations

import functools
import importlib.util
from contextlib import contextmanager
from types import ModuleType

from pointsapp.db.connection import is_sqlite
from pointsapp.models import database
from pointsapp.paths import migrations_dir


@functools.cache
def migration(filename: str) -> ModuleType:
    """The migration ``filename`` (e.g. "0005_dashboard_summaries.py") as a module, loaded once."""
    spec = importlib.util.spec_from_file_location(f"pointsapp_migration_{filename[:4]}", migrations_dir() / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def differences(kept: dict, truth: dict, zero) -> list[tuple]:
    """``(key, kept, ledger)`` wherever the two differ, in key order; empty when they agree."""
    return [(key, kept.get(key, zero), truth.get(key, zero)) for key in sorted(kept.keys() | truth.keys())
            if kept.get(key, zero) != truth.get(key, zero)]


def rebuild(model, filename: str) -> None:
    """Sum the whole ledger again into ``model``'s table (one transaction), with the migration's own SQL."""
    with database.obj.atomic():
        model.delete().execute()
        database.obj.execute_sql(migration(filename).rebuild_sql(is_sqlite()))


@contextmanager
def suspended(model, filename: str, triggers: tuple[str, ...], make_again):
    """A bulk load of millions of ledger rows into a database nobody else uses (the benchmark's data set): the
    ``triggers`` on the ledger that keep ``model``'s table are off meanwhile, and ``make_again(db)`` (the
    migration's step) puts them back and sums everything loaded in one grouped query instead of an upsert per
    row — even if the load fails."""
    db = database.obj
    for name in triggers:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if is_sqlite() else " ON ledger_entry"))
    try:
        yield
    finally:
        with db.atomic():
            model.delete().execute()
            make_again(db)
