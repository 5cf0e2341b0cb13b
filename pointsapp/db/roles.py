"""PostgreSQL with least privilege: an owner account for the schema, a station account for the daily work.

The tables, triggers and functions belong to the **owner** role, used only to create and upgrade the schema
(``migrate-to``, ``pg-roles grant``, a restore). The stations connect as the **station** role: it reads every
table and appends to the ledger, the audit log and the other records, changes only the rows that the work
legitimately changes (cached balances, households, products, stock, settings, users …) and only the workflow
columns of a ledger entry. It cannot delete a ledger or audit row, drop or disable a trigger, alter, drop or
truncate a table — PostgreSQL allows those to a table's owner alone, whatever the triggers say.

:data:`STATION_PRIVILEGES` is the whole grant, table by table (every table is also readable). A table not in it
(a new one) gets SELECT and INSERT only, until it is listed here.
"""
from __future__ import annotations

import re

from peewee import Database

# What the station may do beyond SELECT, per table. Column lists name the only columns it may UPDATE.
STATION_PRIVILEGES: dict[str, str] = {
    # the records that are only ever appended (the database refuses changes to the first three anyway)
    "audit_log": "INSERT",
    "published_fingerprint": "INSERT",
    "ledger_entry": "INSERT, UPDATE (status, reviewed_by_id, reviewed_at, notice_id, effective_at)",
    "batch": "INSERT",
    "evidence": "INSERT",
    "expiry_run": "INSERT",
    "stock_move": "INSERT",
    "stocktake": "INSERT",
    "stocktake_line": "INSERT",
    "redemption_line": "INSERT",
    # records whose outcome is written once later (voiding, revoking, withdrawing, closing)
    "redemption": "INSERT, UPDATE (status, voided_by_id, voided_at, void_reason, void_entry_id)",
    "card": "INSERT, UPDATE (revoked_at, revoked_reason)",
    "star_award": "INSERT, UPDATE (withdrawn_at, withdrawn_by_id, withdrawn_reason)",
    "notice": "INSERT, UPDATE (closed_at)",
    # caches kept by the services and the triggers
    "household_balance": "INSERT, UPDATE, DELETE",
    "ledger_month": "INSERT, UPDATE, DELETE",
    "household_year": "INSERT, UPDATE",  # its triggers' upserts, run as the station; emptied only by the owner
    "household_stars": "INSERT, DELETE",  # its triggers count a household's stars again: its row out, a new one in
    # the dashboard's (migration 0016): the month's sums and the stars held are upserted by their triggers, the lots
    # on the shelf of a product taken out and shared out again
    "household_month": "INSERT, UPDATE",
    "village_stars": "INSERT, UPDATE",
    "lot_on_hand": "INSERT, DELETE",
    # the register, the rules, the shop, the stars, the users and the settings: edited in the program
    "township": "INSERT, UPDATE",
    "village": "INSERT, UPDATE",
    "village_group": "INSERT, UPDATE, DELETE",
    "grid": "INSERT, UPDATE, DELETE",
    "household": "INSERT, UPDATE, DELETE",
    "member": "INSERT, UPDATE, DELETE",
    "tag": "INSERT, UPDATE",
    "household_tag": "INSERT, DELETE",
    "category": "INSERT, UPDATE",
    "rule": "INSERT, UPDATE",
    "objection": "INSERT, UPDATE",
    "product": "INSERT, UPDATE",
    "star": "INSERT, UPDATE",
    "star_evaluation": "INSERT, UPDATE",
    "star_proposal": "INSERT, UPDATE",
    "user": "INSERT, UPDATE",
    "setting": "INSERT, UPDATE",
    # signatures (issue 21): the chain of signed writes is appended; a key's registration, re-encryption on a
    # password change and retirement are written later, its public half and owner never
    "signed_write": "INSERT",
    "signing_head": "INSERT, UPDATE",
    "signing_key": "INSERT, UPDATE (encrypted_private, registered_by_id, registration, registration_signature, "
                   "retired_at)",
    # events, claims and review meetings (issue 25)
    "event": "INSERT, UPDATE",
    "event_attendance": "INSERT, UPDATE, DELETE",
    "claim_policy": "INSERT, UPDATE",
    "shop_policy": "INSERT, UPDATE",  # issue 26: cash, redemption days
    "drawer_count": "INSERT",         # the cashier's counts of the drawer are kept as counted
    "claim": "INSERT, UPDATE",
    "claim_evidence": "INSERT",
    "review_meeting": "INSERT",
    "meeting_attendee": "INSERT",
    "meeting_decision": "INSERT",
    # the schema's own record: the owner's alone
    "schema_version": "",
}
UNLISTED = "INSERT"

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def check_name(name: str) -> str:
    """A role or database name as this program makes them: lower-case letters, digits, underscores."""
    if not _NAME.match(name or ""):
        from pointsapp.errors import UserError
        from pointsapp.text import translate

        raise UserError(translate("db.roles", "账号名或数据库名“{0}”不合适：只能用小写英文字母、数字和下划线，"
                                  "以字母开头。").format(name))
    return name


def _quote(name: str) -> str:
    return '"' + check_name(name) + '"'


def grant_statements(tables: list[str], station: str) -> list[str]:
    """The owner's statements that give ``station`` exactly its rights on ``tables`` (run again after every
    upgrade: they first take back whatever it had, so they also narrow an older, wider grant)."""
    role = _quote(station)
    statements = [
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}",
    ]
    for table in sorted(tables):
        extra = STATION_PRIVILEGES.get(table, UNLISTED)
        statements.append(f'GRANT SELECT{", " + extra if extra else ""} ON "{table}" TO {role}')
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return statements


def setup_sql(*, owner: str = "pointsapp_owner", station: str = "pointsapp", database: str = "pointsapp") -> str:
    """What the server's administrator runs once, in psql as the ``postgres`` superuser."""
    o, s, d = _quote(owner), _quote(station), _quote(database)
    return "\n".join([
        "-- 1. 两个账号：所有者（只用于建表、升级、恢复）和日常账号（各台电脑平时用）",
        f"CREATE ROLE {o} LOGIN PASSWORD '请换成所有者的密码';",
        f"CREATE ROLE {s} LOGIN PASSWORD '请换成日常账号的密码';",
        "-- 2. 数据库归所有者；其他账号不能连接",
        f"CREATE DATABASE {d} OWNER {o} ENCODING 'UTF8' TEMPLATE template0;",
        f"REVOKE ALL ON DATABASE {d} FROM PUBLIC;",
        f"GRANT CONNECT ON DATABASE {d} TO {o}, {s};",
        "-- 3. 进入这个数据库：public 模式归所有者，其他账号不能在里面建表",
        f"\\connect {check_name(database)}",
        f"ALTER SCHEMA public OWNER TO {o};",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC;",
        f"GRANT USAGE ON SCHEMA public TO {s};",
        "-- 4. 然后在任意一台装了本程序的电脑上，用所有者账号建表并给日常账号授权：",
        f"--    pointsapp --db postgresql://{owner}:所有者密码@服务器地址:5432/{database} pg-roles grant {station}",
        "--    （把原来的单机数据搬过来时改用：",
        (f"--    pointsapp --db 原来的文件.db migrate-to postgresql://{owner}:所有者密码@服务器地址:5432/{database} "
         f"--station-role {station}）"),
    ]) + "\n"


def takeover_sql(*, owner: str = "pointsapp_owner", station: str = "pointsapp", database: str = "pointsapp") -> str:
    """For a server set up with one account (which owns the tables): a new owner account takes the tables over and
    the old account, keeping its name and password, becomes the daily account. Run as the superuser."""
    o, s, d = _quote(owner), _quote(station), _quote(database)
    return "\n".join([
        "-- 以前只有一个账号的服务器：新建所有者账号，把库和表都转给它；原来的账号留作日常账号（名字和密码不变）",
        f"CREATE ROLE {o} LOGIN PASSWORD '请换成所有者的密码';",
        f"\\connect {check_name(database)}",
        f"REASSIGN OWNED BY {s} TO {o};",
        f"ALTER DATABASE {d} OWNER TO {o};",
        f"ALTER SCHEMA public OWNER TO {o};",
        f"REVOKE ALL ON DATABASE {d} FROM PUBLIC;",
        f"GRANT CONNECT ON DATABASE {d} TO {o}, {s};",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC;",
        f"GRANT USAGE ON SCHEMA public TO {s};",
        "-- 然后用所有者账号给日常账号授权：",
        f"--    pointsapp --db postgresql://{owner}:所有者密码@服务器地址:5432/{database} pg-roles grant {station}",
    ]) + "\n"


def tables(db: Database) -> list[str]:
    return list(db.get_tables())


def grant_station(db: Database, station: str) -> None:
    """As the owner: give ``station`` its rights on every table (in one transaction)."""
    with db.atomic():
        for sql in grant_statements(tables(db), station):
            db.execute_sql(sql)


def role_exists(db: Database, name: str) -> bool:
    return db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None


def station_roles(db: Database) -> list[str]:
    """The roles that were given the station's rights (they may append to the ledger, and do not own it)."""
    rows = db.execute_sql(
        "SELECT DISTINCT r.rolname FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
        "JOIN pg_roles r ON r.oid = a.grantee "
        "WHERE c.relname = 'ledger_entry' AND c.relnamespace = 'public'::regnamespace "
        "AND a.privilege_type = 'INSERT' AND a.grantee <> c.relowner ORDER BY r.rolname").fetchall()
    return [row[0] for row in rows if _NAME.match(row[0])]


def may_change_schema(db: Database) -> bool:
    """Whether the account connected may create and alter the tables (it owns them, or none exist yet and it
    may create them)."""
    row = db.execute_sql(
        "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "WHERE c.relname = 'schema_version' AND c.relnamespace = 'public'::regnamespace").fetchone()
    if row is not None:
        return bool(row[0])
    row = db.execute_sql("SELECT has_schema_privilege('public', 'CREATE')").fetchone()
    return bool(row[0])


def current_user(db: Database) -> str:
    return str(db.execute_sql("SELECT current_user").fetchone()[0])
