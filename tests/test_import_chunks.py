"""A township-sized roster import never holds the SQLite write lock long (issue 22): more than
``CHUNK_HOUSEHOLDS`` households are written in chunks, each one short transaction. Every fault of the file is
found before the first chunk (nothing written); a fault from outside in a later chunk (here a real refusal of the
database, as a full disk would give) keeps what was written, says how far it got, and importing the same file again
finishes the job without doubling anything."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.db import close_database, open_database
from pointsapp.errors import UserError
from pointsapp.models import AuditLog, Household, Member, database
from pointsapp.services.register.roster_import import import_roster
from tests.test_import_beside_cashier import redeem_while_importing
from tests.conftest import admin_with_password
from tests.shop_helpers import make_shop
from tests.test_roster_import import ident, write_roster


def _people(households: int, *, start: int = 0) -> list[list]:
    return [[h + 1, f"{h % 9 + 1}组", f"{h:05d}", f"户主{h}", "户主", f"户主{h}", "", ident(h % 900 + 1 + start,
             dt.date(1940 + h // 900, 1, 1)), "", "", ""] for h in range(households)]


@pytest.fixture
def sqlite_db(tmp_path):
    open_database(tmp_path / "points.db")
    yield admin_with_password()
    close_database()


def test_a_fault_in_a_later_chunk_keeps_what_was_written_and_a_second_import_finishes(sqlite_db, tmp_path):
    admin = sqlite_db
    roster = write_roster(tmp_path / "roster.xlsx", _people(25))
    # the database refuses the 21st household, as a full disk would: the third chunk of ten fails
    database.obj.execute_sql("CREATE TRIGGER refuse BEFORE INSERT ON household WHEN NEW.household_no = '00020' "
                             "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    with pytest.raises(UserError) as stopped:
        import_roster(actor=admin, path=roster, village="柳溪村", chunk=10)
    message = str(stopped.value)
    assert "已写入前 20 户（共 25 户）" in message and "磁盘已满" in message and "再导入同一个文件" in message
    assert "full" not in message  # the catalogue's words, not the driver's
    assert Household.select().count() == 20 and Member.select().count() == 20
    assert not AuditLog.select().where(AuditLog.action == "roster.import").exists()
    database.obj.execute_sql("DROP TRIGGER refuse")
    again = import_roster(actor=admin, path=roster, village="柳溪村", chunk=10)
    assert again.written and again.households_created == 5 and again.households_unchanged == 20
    assert Household.select().count() == 25 and Member.select().count() == 25
    assert sorted(h.household_no for h in Household.select()) == [f"{h:05d}" for h in range(25)]
    done = AuditLog.get(AuditLog.action == "roster.import")
    assert '"chunks": 3' in done.new_value


def test_a_fault_in_the_file_writes_nothing_however_long_the_file(sqlite_db, tmp_path):
    admin = sqlite_db
    people = _people(25)
    people[23][7] = people[2][7]  # the 24th household's head has the 3rd's ID number: found before any chunk
    result = import_roster(actor=admin, path=write_roster(tmp_path / "bad.xlsx", people), village="柳溪村", chunk=10)
    assert result.faults and not result.written
    assert Household.select().count() == 0 and Member.select().count() == 0


def test_chunks_write_the_same_as_one_transaction(sqlite_db, tmp_path):
    admin = sqlite_db
    roster = write_roster(tmp_path / "roster.xlsx", _people(23))
    chunked = import_roster(actor=admin, path=roster, village="柳溪村", chunk=5)
    assert chunked.written and chunked.households_created == 23 and chunked.people_created == 23
    heads = {h.household_no: h.head_name for h in Household.select()}
    assert heads == {f"{h:05d}": f"户主{h}" for h in range(23)}
    assert {m.household.household_no for m in Member.select()} == set(heads)
    from pointsapp.services.ops import check

    assert check.run_checks() == []


HOUSEHOLDS = 10_500  # more than a township's whole roster in one file


def test_redemptions_beside_a_township_import_wait_under_a_second(tmp_path):
    """A cashier at another station (another connection) redeems while 10,500 households import: each
    redemption succeeds, none waits a second."""
    db = tmp_path / "points.db"
    open_database(db)
    shop = make_shop(admin_with_password(), stock_each=2000, points=10000)
    cashier = admin_with_password()
    roster = write_roster(tmp_path / "township.xlsx", _people(HOUSEHOLDS))
    waits = redeem_while_importing(db, roster, cashier, shop, households=HOUSEHOLDS + 2)
    assert len(waits) > 20, "the import ended before the cashier could try"
    assert max(waits) < 1.0, f"a redemption waited {max(waits):.2f} s ({len(waits)} redemptions)"


def test_while_one_station_imports_in_chunks_another_import_is_refused_and_a_killed_ones_mark_expires(
        sqlite_db, tmp_path):
    """Between its chunks an import holds no lock: its mark in the database keeps a second station's import of the
    same roster from writing the same households; the mark of an import killed midway expires."""
    from pointsapp import clock
    from pointsapp.models import Setting
    from pointsapp.services.register import roster_chunks

    admin = sqlite_db
    small = write_roster(tmp_path / "small.xlsx", _people(5))
    big = write_roster(tmp_path / "big.xlsx", _people(25))
    Setting.create(key=roster_chunks.RUNNING, value=f"other|{clock.now().isoformat(sep=' ')}")
    for roster, chunk in ((small, 10), (big, 10)):  # a small import and a chunked one alike
        with pytest.raises(UserError, match="另一台电脑正在导入花名册"):
            import_roster(actor=admin, path=roster, village="柳溪村", chunk=chunk)
    assert Household.select().count() == 0
    killed = clock.now() - roster_chunks.STALE_AFTER - dt.timedelta(minutes=1)
    Setting.update(value=f"other|{killed.isoformat(sep=' ')}").where(Setting.key == roster_chunks.RUNNING).execute()
    assert import_roster(actor=admin, path=big, village="柳溪村", chunk=10).households_created == 25
    assert not Setting.select().where(Setting.key == roster_chunks.RUNNING).exists()  # its own mark is gone
