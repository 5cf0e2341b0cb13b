"""The outside world's failures end in a Chinese sentence saying what happened and what to do: no English tail,
no "程序内部错误" — a busy or full disk, a lost server, a concurrent writer, an absurd search, two stations importing."""
from __future__ import annotations

import datetime as dt
import sqlite3

import peewee
import pytest

from pointsapp.db.connection import explain_database_error, friendly_db_errors
from pointsapp.errors import UserError
from pointsapp.models import Household, Village
from tests.conftest import admin_with_password
from tests import cli_zygote
from tests.cli_helpers import cli_env, new_database, run_cli
from tests.test_roster_import import ident, write_roster

FAULTS = [
    (peewee.OperationalError("disk I/O error"), "磁盘"),
    (peewee.OperationalError("database or disk is full"), "磁盘已满"),
    (peewee.OperationalError("database is locked"), "占用"),
    (peewee.OperationalError("LIKE or GLOB pattern too complex"), "搜索内容太长"),
    (peewee.IntegrityError('duplicate key value violates unique constraint "village_code"\nDETAIL:  Key (code)=(LX) '
                           'already exists.'), "另一台电脑"),
    (peewee.IntegrityError("UNIQUE constraint failed: village.code"), "另一台电脑"),
    (peewee.DataError("integer out of range"), "数值太大"),
    (peewee.InterfaceError("connection already closed"), "连接已断开"),
    (peewee.OperationalError("server closed the connection unexpectedly"), "连接已断开"),
    (peewee.OperationalError("something nobody foresaw"), "技术支持"),
]


def english_letters(text: str) -> str:
    return "".join(c for c in text if c.isascii() and c.isalpha())


@pytest.mark.parametrize("exc, word", FAULTS, ids=[str(e)[:20] for e, _ in FAULTS])
def test_each_outside_fault_reads_as_a_chinese_sentence(exc, word):
    message = explain_database_error(exc)
    assert word in message and "没有保存" in message or "搜索" in message
    assert english_letters(message.replace("MB", "")) == "", message
    with pytest.raises(UserError) as caught:
        with friendly_db_errors():
            raise exc
    assert caught.value.message == message


def test_the_messages_have_english_too(english):
    from pointsapp.text import translate

    message = explain_database_error(peewee.OperationalError("disk I/O error"))
    assert english_letters(message) and not any("\u4e00" <= c <= "\u9fff" for c in message), message
    assert translate("services.roster_import", "另一台电脑正在导入花名册，本次导入没有写入任何内容。"
                     "请等它完成后再导入（已导入的户不会重复添加）。").startswith("Another")


def test_a_hundred_thousand_character_search_is_refused_plainly(db_target):
    from pointsapp.db import close_database, open_database

    from pointsapp.services.register.household_list import list_households

    open_database(db_target)
    admin = admin_with_password()
    with pytest.raises(UserError, match="搜索内容太长"):
        list_households(actor=admin, search="%" * 100_000)
    close_database()
    for text in ("%_" * 50_000, "张" * 40_000, "a " * 60):  # one argument may hold at most 128 KB
        done = run_cli("households", "list", "--search", text, db=db_target)
        assert done.returncode != 0 and "搜索内容太长" in done.stderr, done.stderr[:300]
        assert "程序内部错误" not in done.stderr and "pattern" not in done.stderr


def test_two_stations_importing_the_same_roster_end_with_one_success_and_a_clear_message(db_target, tmp_path):
    url = db_target
    people = []
    for h in range(1500):
        people.append([h, f"{h % 9 + 1}组", f"{h:05d}", f"户主{h}", "户主", f"户主{h}", "男",
                       ident(h % 500 + 1, dt.date(1950 + h // 500, 1, 1)), "", "", ""])
    path = write_roster(tmp_path / "roster.xlsx", people)
    env = cli_env()
    cmd = ["--db", url, "import", "households", str(path), "--village", "柳溪村"]
    new_database(url)  # migrated and an administrator made before the race
    assert run_cli("users", "list", db=url).returncode == 0
    racers = cli_zygote.run_at_once([cmd] * 3, env)
    outcomes = [(racer.returncode, racer.stdout, racer.stderr) for racer in racers]
    for code, out, err in outcomes:
        assert "程序内部错误" not in err and "duplicate" not in err, err
        assert code == 0 or "另一台电脑正在导入花名册" in err, (code, out, err)
    assert [code for code, _, _ in outcomes].count(0) >= 1
    from pointsapp.db import close_database, open_database

    open_database(url)
    try:
        assert Village.select().count() == 1 and Household.select().count() == 1500
    finally:
        close_database()


def test_sqlite_errors_raised_below_peewee_read_the_same():
    with pytest.raises(UserError, match="磁盘"):
        with friendly_db_errors():
            raise sqlite3.OperationalError("disk I/O error")
