"""The township data set for benchmarks, made with the demo generator (cached per size and seed)."""
from __future__ import annotations

import shutil
from pathlib import Path

from pointsapp.db import close_database, open_database
from pointsapp.services import demo

FULL = {"households": 30000, "villages": 20}  # demo.VILLAGE_NAMES has 20 names
QUICK = {"households": 3000, "villages": 3}


def township_db(folder: Path, size: dict, seed: int = 1, log=print) -> Path:
    """A ready database file for ``size``; built once, then copied for each run."""
    folder.mkdir(parents=True, exist_ok=True)
    cached = folder / f"township-{size['households']}-{size['villages']}-{seed}.db"
    if not cached.exists():
        building = cached.with_suffix(".building")
        for stale in folder.glob(building.name + "*"):
            stale.unlink()
        open_database(building)
        try:
            counts = demo.generate(households=size["households"], villages=size["villages"], seed=seed,
                                   progress=lambda _m: None)
            log(f"built {cached.name}: {counts}")
        finally:
            from pointsapp.models import database

            database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            close_database()
        building.rename(cached)
    work = folder / "work.db"
    for old in folder.glob("work.db*"):
        old.unlink()
    shutil.copyfile(cached, work)
    return work
