"""Opening the database: a SQLite file (default) or a PostgreSQL URL, behind one proxy."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path
from urllib.parse import urlsplit

from peewee import DataError, Database, DatabaseError, IntegrityError, InterfaceError, OperationalError, SqliteDatabase

from pointsapp.models.base import database
from pointsapp.paths import default_database_path
from pointsapp.errors import UserError
from pointsapp.text import translate

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 15000,   # ms: a second station waits instead of failing
    "synchronous": 2,        # FULL: a committed ledger row survives a power cut
    "cache_size": -32000,    # 32 MB page cache
}


def resolve_target(target: str | os.PathLike | None) -> str:
    """``--db`` beats ``POINTSAPP_DB`` beats this PC's connection setting beats the default file."""
    if target:
        return str(target)
    env = os.environ.get("POINTSAPP_DB")
    if env:
        return env
    from pointsapp.db.station import configured_target

    return configured_target() or str(default_database_path())


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def describe(target: str) -> str:
    """A short description for the status bar, without a password."""
    if is_postgres_url(target):
        parts = urlsplit(target)
        return f"PostgreSQL {parts.hostname or 'localhost'}:{parts.port or 5432}/{parts.path.lstrip('/')}"
    return f"SQLite {target}"


def make_database(target: str) -> Database:
    if is_postgres_url(target):
        from playhouse.db_url import connect

        try:
            import psycopg2  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise UserError("未安装 PostgreSQL 驱动 (psycopg2)，无法连接服务器数据库") from exc
        url = target.replace("postgres://", "postgresql://", 1)
        return connect(url)
    path = Path(target)
    if path.is_dir():
        raise UserError(f"数据库路径是一个文件夹，不是数据库文件：{path}")
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"无法创建数据库所在的文件夹：{path.parent}（{exc.strerror}）") from exc
    return SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, timeout=15)


def open_database(target: str | os.PathLike | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database, bind the models to it, apply migrations."""
    target = resolve_target(target)
    db = make_database(target)
    try:
        db.connect(reuse_if_open=True)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise UserError(f"数据库文件已损坏或不是本程序的数据库：{target}") from exc
        raise UserError(f"无法打开数据库 {describe(target)}：{_connect_reason(exc)}") from exc
    database.initialize(db)
    db.pointsapp_target = target  # remembered for the status bar, backups and child processes
    if migrate:
        from pointsapp.db.migrate import migrate as run_migrations

        try:
            run_migrations(db)
        except UserError:
            db.close()
            raise
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            db.close()
            raise UserError(f"数据库文件已损坏或不是本程序的数据库：{exc}") from exc
    return db


def _connect_reason(exc: Exception) -> str:
    text = str(exc)
    if "password authentication failed" in text:
        return "用户名或密码不对"
    if "does not exist" in text and "database" in text:
        return "服务器上没有这个数据库"
    if "Connection refused" in text or "could not connect" in text or "timeout" in text.lower():
        return "连不上数据库服务器，请检查服务器是否开机、地址和端口是否正确、网络是否通畅"
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def test_connection(target: str) -> str:
    """Try a connection without touching the models; returns the server's version text."""
    db = make_database(target)
    try:
        db.connect()
        row = db.execute_sql("SELECT version()" if is_postgres_url(target) else "SELECT sqlite_version()").fetchone()
        return str(row[0])
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise UserError(f"连接失败：{_connect_reason(exc)}") from exc
    finally:
        if not db.is_closed():
            db.close()


def close_database() -> None:
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def is_sqlite(db: Database | None = None) -> bool:
    return isinstance(db or database.obj, SqliteDatabase)


def cursor_date(value):
    """A date read straight from the cursor (no peewee field in between): SQLite hands dates back as text
    ("2026-11-25", or with a time), PostgreSQL as dates; None stays None."""
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


# Called, in order, just before the outermost write transaction commits (inside it): the signing of what the
# transaction wrote to the audit log (services/signing) registers itself here.
BEFORE_COMMIT: list = []
_open = threading.local()  # the outermost write transaction of this thread, while it runs


def commit_hooks_will_run() -> bool:
    """True inside a write transaction that is the outermost transaction (its ``BEFORE_COMMIT`` will run)."""
    return getattr(_open, "outermost", None) is not None


class _WriteTransaction:
    """``db.atomic()`` that runs ``BEFORE_COMMIT`` when it is the outermost transaction and ends without error."""

    __slots__ = ("db", "inner", "outermost")

    def __init__(self, db: Database, inner):
        self.db, self.inner, self.outermost = db, inner, False

    def __enter__(self):
        self.outermost = not self.db.in_transaction()  # a nested one is a savepoint (not on peewee's stack)
        entered = self.inner.__enter__()
        if self.outermost:
            _open.outermost = self
        return entered

    def __exit__(self, exc_type, exc, tb):
        if not self.outermost:
            return self.inner.__exit__(exc_type, exc, tb)
        _open.outermost = None
        if exc_type is None and BEFORE_COMMIT:
            try:
                for hook in BEFORE_COMMIT:
                    hook()
            except BaseException as failure:
                self.inner.__exit__(type(failure), failure, failure.__traceback__)
                raise
        return self.inner.__exit__(exc_type, exc, tb)


def _atomic(db: Database):
    return db.atomic(lock_type="IMMEDIATE") if isinstance(db, SqliteDatabase) else db.atomic()


def write_transaction():
    """A transaction for check-then-write work (redemptions, ledger appends).

    On SQLite it takes the write lock at BEGIN (``BEGIN IMMEDIATE``), so two stations
    cannot both read a balance and then both spend it. On PostgreSQL the services lock
    the rows they read with ``SELECT … FOR UPDATE`` inside this transaction.
    """
    db = database.obj
    return _WriteTransaction(db, _atomic(db))


@contextlib.contextmanager
def read_snapshot():
    """One consistent view of the database across several reads while other stations go on writing.

    An integrity check reads the ledger, then the chain heads, then the balances: between two of those reads another
    station's sale may commit, and the check would see a ledger without the sale beside a chain head with it. On
    PostgreSQL the reads run in one ``REPEATABLE READ READ ONLY`` transaction; on SQLite in one (deferred) read
    transaction, which in WAL mode sees the file as it was at its first read. Inside a transaction already open,
    that transaction is the view.
    """
    db = database.obj
    if db.in_transaction():
        yield
        return
    with db.atomic():
        if not isinstance(db, SqliteDatabase):
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


@contextlib.contextmanager
def friendly_db_errors():
    """Turn the outside world's failures (a full disk, a read-only folder, a lost connection, a busy database, a
    concurrent writer's duplicate key, a value the column cannot hold) into a Chinese message: the catalogue below."""
    try:
        yield
    except sqlite3.OperationalError as exc:  # pragma: no cover - exercised through peewee's wrapper
        raise UserError(_explain(_cause(exc))) from exc
    except (OperationalError, InterfaceError, IntegrityError, DataError) as exc:
        raise UserError(_explain(_cause(exc))) from exc


def _cause(exc: BaseException) -> BaseException:
    """On a full disk SQLite rolls the transaction back itself; the ROLLBACK that follows then fails
    with "no transaction is active" and hides the real cause, which is kept in ``__context__``."""
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc


def drop_dead_connection() -> None:
    """After a lost server connection, close our side so the next call connects afresh."""
    db = database.obj
    if db is None or db.is_closed():
        return
    try:
        db.execute_sql("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means the connection is unusable
        try:
            db.close()
        except Exception:  # noqa: BLE001
            db._state.reset()


def explain_database_error(exc: Exception) -> str:
    return _explain(exc)


def _explain(exc: Exception) -> str:
    """The catalogue of the outside world's errors: what happened and what to do, never the driver's English."""
    text = str(exc).lower()
    if "full" in text or "no space" in text or "disk i/o" in text or "i/o error" in text:
        return translate("db.connection", "磁盘已满或无法写入（可用空间不足，或磁盘出错），本次操作没有保存，数据库保持原样。"
                         "请清理磁盘、至少留出几百 MB 空间后重试；如果仍然出现，请检查硬盘。")
    if "readonly" in text or "read-only" in text:
        return translate("db.connection", "数据库所在的文件夹是只读的，本次操作没有保存。请检查文件权限。")
    if "locked" in text or "busy" in text or "lock timeout" in text or "could not obtain lock" in text:
        return translate("db.connection", "数据库正被另一台电脑或程序占用，本次操作没有保存。请稍等片刻后重试。")
    if "pattern too complex" in text or "too complex" in text:
        return translate("db.connection", "搜索内容太长或太复杂，请缩短后再搜索。")
    if isinstance(exc, IntegrityError) and ("unique" in text or "duplicate" in text):
        return translate("db.connection", "另一台电脑刚刚保存了相同的内容（编号或名称重复），本次操作没有保存。"
                         "请刷新后查看，需要时再重试。")
    if isinstance(exc, IntegrityError):
        return translate("db.connection", "要保存的内容与已有数据冲突（可能刚被另一台电脑修改或删除），本次操作没有保存。"
                         "请刷新后重试。")
    if isinstance(exc, DataError) or "out of range" in text or "too long" in text or "overflow" in text:
        return translate("db.connection", "填写的数值太大或文字太长，数据库无法保存，本次操作没有保存。请检查后重新输入。")
    if ("connection" in text or "server closed" in text or "could not connect" in text or "terminat" in text
            or isinstance(exc, InterfaceError)):
        return translate("db.connection", "与数据库服务器的连接已断开，本次操作没有保存。请检查网络后重试。")
    return translate("db.connection", "数据库操作失败，本次操作没有保存。请稍后重试；如果一再出现，请联系技术支持"
                     "（详细信息已写入日志）。")
