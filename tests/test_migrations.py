"""Schema steps: applied in order, recorded, data kept; newer or foreign databases refused."""
from __future__ import annotations

import sqlite3

import pytest

from pointsapp.db import close_database, open_database
from pointsapp.db.connection import make_database
from pointsapp.db.migrate import current_version, latest_version, migrate, steps
from pointsapp.models import Household, LedgerEntry, Member, Product, Village, database
from pointsapp.services.ops import check
from pointsapp.errors import UserError
from tests.backends import sqlite_only


def test_steps_are_numbered_from_one_without_gaps():
    numbers = [s.number for s in steps()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert latest_version() >= 2


def test_database_created_at_step_one_upgrades_with_its_data_intact(db_path):
    db = make_database(str(db_path))
    db.connect()
    database.initialize(db)
    assert migrate(db, target=1) == 1
    assert "product" not in db.get_tables()
    # write data with the step-1 tables only (raw SQL: today's models know later columns)
    db.execute_sql("INSERT INTO village (name, code, workflow, notice_days, expiry_policy, objection_contact,"
                   " created_at) VALUES ('桃园村', 'V01', 'simple', 7, 'none', '', '2026-01-01 08:00:00')")
    db.execute_sql("INSERT INTO village_group (village_id, name, sort_order) VALUES (1, '1组', 1)")
    db.execute_sql("INSERT INTO household (village_id, group_id, household_no, head_name, search_key, address,"
                   " phone, status, note, created_at, updated_at) VALUES (1, 1, '01001', '张三丰', 'zsf', '',"
                   " '', 'active', '', '2026-01-01 08:00:00', '2026-01-01 08:00:00')")
    db.execute_sql("INSERT INTO member (household_id, name, relation, is_head, sex, phone, pinyin, active,"
                   " created_at) VALUES (1, '张三丰', '户主', 1, '男', '', 'zsf', 1, '2026-01-01 08:00:00')")
    db.close()

    open_database(db_path)  # start-up applies the remaining steps
    try:
        assert current_version(database.obj) == latest_version()
        household = Household.get(Household.household_no == "01001")
        assert household.head_name == "张三丰"
        assert [m.name for m in Member.select()] == ["张三丰"]
        assert Village.get().code == "V01"
        assert Product.select().count() == 0  # the step-2 tables exist now
        assert check.run_checks() == []
    finally:
        close_database()


def test_demo_database_passes_every_check(demo_db):
    assert LedgerEntry.select().count() > 500
    assert check.run_checks() == []


def test_database_from_a_newer_version_is_refused(db_path):
    open_database(db_path)
    database.obj.execute_sql("INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', '')")
    close_database()
    with pytest.raises(UserError, match="比本程序支持的版本"):
        open_database(db_path)
    close_database()


def test_foreign_sqlite_file_is_refused_and_left_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="不是村民积分管理系统的数据库"):
        open_database(db_path)
    close_database()
    conn = sqlite3.connect(db_path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["recipes"]


def test_file_that_is_not_a_database_gives_a_clear_message(db_path):
    db_path.write_bytes(b"this is a letter, not a database" * 100)
    with pytest.raises(UserError) as info:
        open_database(db_path)
    close_database()
    assert "数据库" in info.value.message


@sqlite_only
def test_sqlite_pragmas_are_set_for_durability(db):
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2
    assert pragma("busy_timeout") >= 5000


def test_the_rankings_index_covers_the_entrys_kind(db):
    """Step 14: the ranking splits points into awards and deductions by kind; its index has ``kind`` (or every
    entry's table row is read besides the index), and step 1's narrower index is gone (one index, not two)."""
    indexes = {i.name: i for i in db.get_indexes("ledger_entry")}
    covering = indexes["ledger_entry_ranking_covering"]
    assert covering.columns == ["village_id", "status", "occurred_on", "earned", "household_id", "category_id",
                                "kind", "points"]
    assert not [name for name in indexes if name.startswith("ledger_entry_village_id_status_occurred_on")]
    if db.param == "?":  # SQLite says how it reads: from the index alone
        from pointsapp.services.periods import parse
        from pointsapp.services.scoring.rankings import sums_query

        sql, params = sums_query(parse("2026"), [1, 2]).sql()
        plan = " ".join(str(row[-1]) for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        assert "COVERING INDEX ledger_entry_ranking_covering" in plan
