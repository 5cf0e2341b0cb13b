"""Checks read one snapshot of the database: another station's sale committing halfway through is not a "deleted
or added row".

A full run once saw ``redeem`` refused by the write guard on PostgreSQL: two other ``redeem`` commands were selling
at the same moment, and one committed between the guard's read of the ledger and its read of the chain heads."""
from __future__ import annotations

import threading

from pointsapp.db import read_snapshot, write_transaction
from pointsapp.models import Setting
from pointsapp.services.ops import check, write_guard


def _settings() -> int:
    return Setting.select().count()


def _commit_elsewhere(key: str) -> None:
    """What another station does meanwhile: commit a row from its own connection (peewee's are per thread)."""
    def write():
        with write_transaction():
            Setting.create(key=key, value="1")
    thread = threading.Thread(target=write)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()


def _sees_no_commit_made_meanwhile(key: str) -> list[str]:
    before = _settings()
    _commit_elsewhere(key)
    after = _settings()
    return [] if after == before else [f"saw another station's commit halfway through ({before} → {after})"]


def test_a_snapshot_does_not_see_what_another_station_commits_until_it_ends(db):
    with read_snapshot():
        assert _sees_no_commit_made_meanwhile("elsewhere.1") == []
    assert Setting.get_or_none(Setting.key == "elsewhere.1") is not None
    assert _sees_no_commit_made_meanwhile("elsewhere.2") != []  # outside a snapshot the commit shows at once


def test_check_reads_every_check_in_one_snapshot(db, monkeypatch):
    probe = lambda: iter(_sees_no_commit_made_meanwhile("elsewhere.check"))  # noqa: E731
    monkeypatch.setattr(check, "CHECKS", [check.CHECKS[0], ("probe", probe), *check.CHECKS[1:]])
    assert check.run_checks() == []
    assert Setting.get_or_none(Setting.key == "elsewhere.check") is not None


def test_the_write_guard_reads_in_one_snapshot(db, monkeypatch):
    remembered = write_guard._remembered
    monkeypatch.setattr(write_guard, "_remembered",
                        lambda: remembered() + _sees_no_commit_made_meanwhile("elsewhere.guard"))
    assert write_guard.problems_before_writing() == []
    assert Setting.get_or_none(Setting.key == "elsewhere.guard") is not None
