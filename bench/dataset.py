"""The township data set for benchmarks, made with the demo generator (cached per size, seed, day and generator)."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import shutil
import time
from pathlib import Path

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp import demo
from pointsapp.services.reports import kept_figures
from pointsapp.services.scoring import household_years, ledger_months

# The township: 30,000 households in 20–50 villages (here 30 of 1,000 households), 5 years of
# entries (about 3 million ledger rows), 300 products, about 200,000 redemptions.
FULL = {"households": 30000, "villages": 30, "years": 5, "products": 300}
# A tenth: the same villages (1,000 households each), the same 5 years, so every per-village query and every
# household's ledger look as they do at full size; only the township-wide figures are a tenth.
QUICK = {"households": 3000, "villages": 3, "years": 5, "products": 300}


def generator_version() -> str:
    """A short digest of the demo generator's code: a cached data set is rebuilt when the generator changes."""
    digest = hashlib.sha1()
    for path in sorted(Path(demo.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def cache_name(size: dict, seed: int = 1, today: dt.date | None = None) -> str:
    """Every option in the name (the demo's data runs up to today, so the day is in it too)."""
    today = today or clock.today()
    return (f"township-{size['households']}h-{size['villages']}v-{size['years']}y-{size['products']}p-s{seed}"
            f"-{today.isoformat()}-{generator_version()}.db")


@contextlib.contextmanager
def _published_passwords_hashed_cheaply():
    """The data set's users get the demo's published passwords (README), and no case times a sign-in: their
    hashes, and so the wrapping of their signing keys, use scrypt's cost 16 instead of the program's (ten users at
    ~40 ms each, twice: a third of building the small data set the tests build seven times). The cost is stored
    with each hash, so signing in checks them as it checks any other."""
    from pointsapp.demo import step_passwords
    from pointsapp.services.ops.passwords import hash_password

    program_cost = step_passwords.hash_password
    step_passwords.hash_password = functools.partial(hash_password, n=16)
    try:
        yield
    finally:
        step_passwords.hash_password = program_cost


def build(path: Path, size: dict, seed: int = 1, log=print) -> dict:
    """Generate the data set into a new SQLite file ``path``; returns the demo's counts and the seconds taken."""
    started = time.perf_counter()
    open_database(path)
    try:
        from pointsapp.models import database

        db = database.obj
        # one big transaction into a scratch file: no WAL copy, no fsync, a large page cache
        db.execute_sql("PRAGMA journal_mode=memory")
        db.execute_sql("PRAGMA synchronous=off")
        db.execute_sql("PRAGMA cache_size=-1500000")  # the ledger's eleven indexes stay in memory while they grow
        # one grouped query each at the end instead of 3 million upserts each
        with ledger_months.suspended(), household_years.suspended(), kept_figures.months_suspended(), \
                _published_passwords_hashed_cheaply():
            counts = demo.generate(households=size["households"], villages=size["villages"],
                                   years=size["years"], products=size["products"], seed=seed,
                                   progress=lambda _m: None)
        db.execute_sql("PRAGMA journal_mode=wal")
    finally:
        close_database()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    log(f"built {path.name}: {counts}")
    return counts


def township_db(folder: Path, size: dict, seed: int = 1, log=print) -> Path:
    """A ready database file for ``size``; built once, then copied for each run (cases write to it)."""
    folder.mkdir(parents=True, exist_ok=True)
    cached = folder / cache_name(size, seed)
    if not cached.exists():
        prefix = cache_name(size, seed).rsplit("-", 4)[0]
        for stale in folder.glob(prefix + "-*"):  # other days and generator versions: gigabytes each at full size
            stale.unlink()
        building = cached.with_suffix(".building")
        build(building, size, seed, log)
        building.rename(cached)
    open_database(cached)  # a cache built before the latest migration gets it once, not on every run's copy
    close_database()
    work = folder / "work.db"
    for old in folder.glob("work.db*"):
        old.unlink()
    shutil.copyfile(cached, work)
    return work
