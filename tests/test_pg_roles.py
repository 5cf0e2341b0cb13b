"""PostgreSQL with least privilege: the tables belong to an owner account; the stations' daily account appends
and does its work, but cannot drop a trigger, delete a ledger row, edit the audit log, alter or empty a table.

The two accounts and the database are made by running the very SQL that ``pointsapp pg-roles sql`` prints, in
psql as the superuser; the schema and the grant come from ``pointsapp pg-roles grant`` run with the owner's URL.
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import subprocess

import peewee
import pytest

from pointsapp.db import close_database, open_database
from pointsapp.db.migrate import current_version, latest_version
from pointsapp.errors import UserError
from pointsapp.models import (
    AuditLog, EntryStatus, HouseholdMonth, HouseholdStars, LedgerEntry, LotOnHand, PublishedFingerprint, Star, Village,
    VillageStars, database,
)
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries, fingerprint, review
from pointsapp.services.shop import redemption
from pointsapp.services.stars import awards as star_awards
from tests.cli_helpers import run_cli
from tests.conftest import admin_with_password, make_actor
from tests.scoring_helpers import household, make_village, rule
from tests.shop_helpers import available, make_shop
from tests.star_helpers import applied_evaluation

_numbers = itertools.count(1)
TODAY = dt.date(2026, 11, 20)


class Accounts:
    def __init__(self, server, tag: str):
        self.server = server
        self.owner, self.station, self.database = f"own_{tag}", f"sta_{tag}", f"roles_{tag}"

    def url(self, role: str) -> str:
        return self.server.url.replace("postgresql://postgres@", f"postgresql://{role}@", 1) + "/" + self.database

    def psql(self, sql: str) -> subprocess.CompletedProcess:
        return subprocess.run([shutil.which("psql"), "-v", "ON_ERROR_STOP=1", "-X", "-q",
                               "--dbname", self.server.url + "/postgres"], input=sql, capture_output=True, text=True,
                              timeout=120, check=False)

    def drop(self) -> None:
        close_database()
        self.server.drop_database(self.database)
        conn = self.server.admin_connection()
        try:
            with conn.cursor() as cur:
                for role in (self.station, self.owner):
                    cur.execute(f'DROP ROLE IF EXISTS "{role}"')
        finally:
            conn.close()


@pytest.fixture
def accounts(pg_server):
    """Both accounts made with the printed SQL, the schema made and granted by ``pg-roles grant``."""
    if not pg_server.url:
        pytest.skip(pg_server.reason)
    if shutil.which("psql") is None:
        pytest.skip("psql 未安装")
    made = Accounts(pg_server, f"{os.getpid()}_{next(_numbers)}")
    printed = run_cli("pg-roles", "sql", "--owner", made.owner, "--station", made.station,
                      "--database", made.database, user=None)
    assert printed.returncode == 0, printed.stderr
    assert "CREATE ROLE" in printed.stdout and "pg-roles grant" in printed.stdout
    ran = made.psql(printed.stdout)
    try:
        assert ran.returncode == 0, ran.stderr
        yield made
    finally:
        made.drop()


def _grant(accounts: Accounts) -> None:
    granted = run_cli("--db", accounts.url(accounts.owner), "pg-roles", "grant", accounts.station, user=None)
    assert granted.returncode == 0, granted.stderr
    assert accounts.station in granted.stdout


def _refused_for_want_of_rights(sql: str) -> str:
    """The statement fails because the account lacks the right (not merely because a trigger objects)."""
    db = database.obj
    with pytest.raises(peewee.DatabaseError) as failure, db.atomic():
        db.execute_sql(sql)
    text = str(failure.value)
    assert "permission denied" in text or "must be owner" in text, text
    return text


@pytest.mark.postgres
def test_the_station_account_cannot_drop_triggers_delete_ledger_rows_or_alter_tables(accounts):
    _grant(accounts)
    open_database(accounts.url(accounts.station))
    admin = admin_with_password()
    village = make_village(admin)
    entry = entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                              occurred_on=dt.date(2026, 11, 2), today=TODAY)
    audit_row = AuditLog.select().order_by(AuditLog.id.desc()).first()

    _refused_for_want_of_rights("DROP TRIGGER ledger_entry_no_delete ON ledger_entry")
    _refused_for_want_of_rights("ALTER TABLE ledger_entry DISABLE TRIGGER ALL")
    _refused_for_want_of_rights(f"DELETE FROM ledger_entry WHERE id = {entry.id}")
    _refused_for_want_of_rights(f"UPDATE ledger_entry SET points = 999 WHERE id = {entry.id}")
    _refused_for_want_of_rights(f"UPDATE audit_log SET username = 'someone' WHERE id = {audit_row.id}")
    _refused_for_want_of_rights(f"DELETE FROM audit_log WHERE id = {audit_row.id}")
    _refused_for_want_of_rights("ALTER TABLE ledger_entry ADD COLUMN forged INTEGER")
    _refused_for_want_of_rights("ALTER TABLE household_balance DROP COLUMN available")
    _refused_for_want_of_rights("TRUNCATE audit_log")
    _refused_for_want_of_rights("TRUNCATE ledger_entry CASCADE")
    _refused_for_want_of_rights("DROP TABLE audit_log")
    _refused_for_want_of_rights("CREATE TABLE shadow (id INTEGER)")
    _refused_for_want_of_rights("CREATE OR REPLACE FUNCTION pointsapp_refuse() RETURNS trigger AS $$ "
                                "BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql")
    _refused_for_want_of_rights("DELETE FROM schema_version")
    _refused_for_want_of_rights("DELETE FROM redemption")
    _refused_for_want_of_rights("DELETE FROM household_year")  # the ranking's kept sums: its triggers only add
    _refused_for_want_of_rights("DELETE FROM household_month")  # the dashboard's (migration 0016): likewise
    _refused_for_want_of_rights("DELETE FROM village_stars")
    _refused_for_want_of_rights("UPDATE lot_on_hand SET on_hand = on_hand + 1")  # its lots are taken out and put back

    assert LedgerEntry.get_by_id(entry.id).points == entry.points
    assert AuditLog.get_by_id(audit_row.id).username == audit_row.username
    assert check.run_checks() == []


@pytest.mark.postgres
def test_the_daily_work_runs_as_the_station_account(accounts):
    """An entry, a review through notice to effective, a redemption and its voiding, cards, stock: as the station."""
    _grant(accounts)
    open_database(accounts.url(accounts.station))
    admin = admin_with_password()
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    scorer, reviewer = make_actor(Role.SCORER), make_actor(Role.REVIEWER)
    h = household(village, 1)
    made = entries.add_entry(actor=scorer, household_id=h.id, rule_id=rule(village, "PA01").id,
                             occurred_on=dt.date(2026, 11, 2), today=TODAY)
    assert review.review(actor=reviewer, entry_ids=[made.id], approve=True) == 1
    notice = review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 3))
    result = review.close_notices(actor=reviewer, today=dt.date(2026, 11, 10))
    assert result.closed == [notice.id] and LedgerEntry.get_by_id(made.id).status == EntryStatus.EFFECTIVE

    shop = make_shop(admin, stock_each=5, points=100)
    cashier = make_actor(Role.CASHIER)
    sold = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 2)])
    assert available(shop["rich"].id) == 90
    redemption.void(actor=admin, redemption_id=sold.redemption_id, reason="收银员点错了")
    assert available(shop["rich"].id) == 100
    published = fingerprint.publish(actor=admin, document="积分公示榜")  # every public print does this
    assert fingerprint.verify(actor=admin, code=published.code).ok
    # stars awarded and withdrawn: the held stars the database keeps (migration 0015) follow, as the station
    star = Star.create(village=village, code="S1", name="卫生星")
    applied_evaluation(village.id, "2026", [(h.id, star.id)], admin.user_id)
    assert HouseholdStars.get_by_id(h.id).stars == 1
    star_awards.withdraw(actor=admin, household_id=h.id, star_id=star.id, reason="群众举报属实")
    assert not HouseholdStars.select().where(HouseholdStars.household_id == h.id).exists()
    # the dashboard's kept figures (migration 0016) followed all of it, as the station: check compares them too
    assert HouseholdMonth.select().where(HouseholdMonth.household_id == h.id).exists()
    assert VillageStars.select().where(VillageStars.star_id == star.id).exists()
    assert LotOnHand.select().exists()
    assert check.run_checks() == []


@pytest.mark.postgres
def test_a_station_account_asked_to_upgrade_names_the_owner_account_in_chinese(accounts):
    # an empty database: the station account may not create the tables
    with pytest.raises(UserError) as empty:
        open_database(accounts.url(accounts.station))
    assert "所有者账号" in empty.value.message and "pg-roles grant" in empty.value.message
    close_database()

    _grant(accounts)
    open_database(accounts.url(accounts.owner), migrate=False)
    database.obj.execute_sql("DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version)")
    close_database()
    with pytest.raises(UserError) as older:
        open_database(accounts.url(accounts.station))
    message = older.value.message
    assert "需要升级" in message and "所有者账号" in message and accounts.station in message
    assert "permission" not in message.lower()


@pytest.mark.postgres
def test_an_upgrade_by_the_owner_gives_the_station_its_rights_on_the_new_tables(accounts):
    from pointsapp.db.migrate import migrate
    from pointsapp.db.roles import grant_station

    # a server set up (and its station granted) by an older version: the schema of step 10
    open_database(accounts.url(accounts.owner), migrate=False)
    migrate(database.obj, target=10)
    grant_station(database.obj, accounts.station)
    before = set(database.obj.get_tables())
    close_database()
    open_database(accounts.url(accounts.owner))  # the owner upgrades to this version
    new_tables = sorted(set(database.obj.get_tables()) - before)
    close_database()
    assert new_tables, "no step after 10 makes a table: pick an older starting step"
    open_database(accounts.url(accounts.station))
    assert current_version(database.obj) == latest_version()
    for table in new_tables:  # readable by the station without another grant
        database.obj.execute_sql(f'SELECT COUNT(*) FROM "{table}"')
    admin = admin_with_password()
    PublishedFingerprint.create(code="ABCD-EFGH-JK23", root="0" * 64, size=0, frontier="[]", document="测试",
                                published_at=dt.datetime(2026, 11, 20, 9), published_by=admin.user_id)
    assert PublishedFingerprint.select().count() == 1
    _refused_for_want_of_rights("DELETE FROM published_fingerprint")


@pytest.mark.postgres
def test_migrate_to_postgresql_sets_up_the_station_account(accounts, tmp_path):
    from tests.cli_helpers import new_database

    source = tmp_path / "single.db"
    new_database(source)
    moved = run_cli("--db", str(source), "migrate-to", accounts.url(accounts.owner),
                    "--station-role", accounts.station)
    assert moved.returncode == 0, moved.stderr
    assert accounts.station in moved.stdout
    listed = run_cli("--db", accounts.url(accounts.station), "users", "list")
    assert listed.returncode == 0, listed.stderr
    open_database(accounts.url(accounts.station))
    _refused_for_want_of_rights("DROP TRIGGER ledger_entry_no_delete ON ledger_entry")


@pytest.mark.postgres
def test_the_station_backs_up_only_the_owner_restores_and_the_station_works_on(accounts, tmp_path):
    from pointsapp.services.ops import backup, restore

    _grant(accounts)
    station_url, owner_url = accounts.url(accounts.station), accounts.url(accounts.owner)
    open_database(station_url)
    admin = admin_with_password()
    village = make_village(admin)
    saved = backup.make_backup(actor=admin, out=tmp_path / "saved.dump")  # pg_dump as the daily account
    entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                      occurred_on=dt.date(2026, 11, 2), today=TODAY)
    with pytest.raises(UserError) as refused:
        restore.restore(actor=admin, source=saved, target=station_url)
    assert "所有者账号" in refused.value.message and LedgerEntry.select().count() == 1
    restore.restore(actor=admin, source=saved, target=owner_url)
    assert LedgerEntry.select().count() == 0
    close_database()
    open_database(station_url)  # the daily account works on in the restored database, with its rights only
    entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                      occurred_on=dt.date(2026, 11, 3), today=TODAY)
    assert check.run_checks() == []
    _refused_for_want_of_rights("DROP TRIGGER ledger_entry_no_delete ON ledger_entry")


def test_the_sql_in_the_guide_is_the_sql_the_program_prints():
    """docs/postgresql.md shows the statements of ``pg-roles sql`` with its default names, word for word."""
    from pathlib import Path

    from pointsapp.db.roles import setup_sql

    guide = (Path(__file__).resolve().parent.parent / "docs" / "postgresql.md").read_text(encoding="utf-8")
    block = guide.split("```sql", 1)[1].split("```", 1)[0]
    shown = [line.strip() for line in block.strip().splitlines()]
    printed = [line for line in setup_sql().splitlines() if line and not line.startswith("--")]
    assert shown == printed


@pytest.mark.postgres
def test_the_demo_village_is_made_as_the_station_account(accounts):
    """The demo runs nearly every kind of work (batches, reviews, stars and their withdrawal, the shop, stocktakes,
    expiry, users): all of it within the daily account's rights."""
    from pointsapp import demo

    _grant(accounts)
    open_database(accounts.url(accounts.station))
    demo.generate(households=20, villages=1, seed=7)
    assert LedgerEntry.select().count() > 100
    assert check.run_checks() == []


@pytest.mark.postgres
def test_a_dump_from_before_the_daily_account_keeps_the_daily_account_working_after_a_restore(accounts, tmp_path):
    from pointsapp.services.ops import backup, restore

    open_database(accounts.url(accounts.owner))  # the single-account days: the owner made and used it
    admin = admin_with_password()
    make_village(admin)
    old = backup.make_backup(actor=admin, out=tmp_path / "old.dump")
    close_database()
    _grant(accounts)
    open_database(accounts.url(accounts.owner))
    restore.restore(actor=admin, source=old, target=accounts.url(accounts.owner))
    close_database()
    open_database(accounts.url(accounts.station))
    village = Village.get()
    entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                      occurred_on=dt.date(2026, 11, 3), today=TODAY)
    _refused_for_want_of_rights("DELETE FROM ledger_entry")


def test_a_sqlite_file_has_no_accounts_to_grant_and_names_are_checked(tmp_path):
    from tests.cli_helpers import new_database

    single = tmp_path / "single.db"
    new_database(single)
    refused = run_cli("--db", str(single), "pg-roles", "grant", "pointsapp", user=None)
    assert refused.returncode == 1 and "SQLite" in refused.stderr, refused.stderr
    odd = run_cli("pg-roles", "sql", "--station", 'x"; DROP TABLE audit_log; --', user=None)
    assert odd.returncode == 1 and "账号名或数据库名" in odd.stderr and "DROP" not in odd.stdout
    same = run_cli("pg-roles", "sql", "--owner", "pointsapp", "--station", "pointsapp", user=None)
    assert same.returncode == 1 and "不同" in same.stderr


@pytest.mark.postgres
def test_a_server_set_up_with_one_account_is_taken_over_by_an_owner_account(pg_server):
    """The old way (one account owning its tables) turned into two accounts by ``pg-roles sql --existing``; the
    villages' data stays, the old account works on as the daily account, without the owner's rights."""
    if not pg_server.url or shutil.which("psql") is None:
        pytest.skip(pg_server.reason or "psql 未安装")
    old = Accounts(pg_server, f"{os.getpid()}_{next(_numbers)}")
    try:
        made = old.psql(f'CREATE ROLE "{old.station}" LOGIN; CREATE DATABASE "{old.database}" OWNER "{old.station}";')
        assert made.returncode == 0, made.stderr
        open_database(old.url(old.station))  # the single account made the tables: it owns them
        admin = admin_with_password()
        village = make_village(admin)
        entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                          occurred_on=dt.date(2026, 11, 2), today=TODAY)
        close_database()
        printed = run_cli("pg-roles", "sql", "--existing", "--owner", old.owner, "--station", old.station,
                          "--database", old.database, user=None)
        assert printed.returncode == 0, printed.stderr
        ran = old.psql(printed.stdout)
        assert ran.returncode == 0, ran.stderr
        _grant(old)
        open_database(old.url(old.station))
        assert LedgerEntry.select().count() == 1
        entries.add_entry(actor=admin, household_id=household(village, 2).id, rule_id=rule(village, "PA01").id,
                          occurred_on=dt.date(2026, 11, 3), today=TODAY)
        _refused_for_want_of_rights("DROP TRIGGER ledger_entry_no_delete ON ledger_entry")
        _refused_for_want_of_rights("DELETE FROM audit_log")
        assert check.run_checks() == []
    finally:
        old.drop()


def test_every_table_has_its_daily_rights_decided(tmp_path):
    """A new table must be named in ``db/roles.STATION_PRIVILEGES`` with what the daily PostgreSQL account may do
    to it (append only? update which columns? delete?); unnamed, the account could only read and append."""
    from pointsapp.db.roles import STATION_PRIVILEGES

    open_database(tmp_path / "schema.db")
    try:
        undecided = sorted(set(database.obj.get_tables()) - set(STATION_PRIVILEGES))
    finally:
        close_database()
    assert undecided == [], f"add these tables to pointsapp/db/roles.py STATION_PRIVILEGES: {undecided}"
