"""Random rosters (random cells, types, lengths, characters) fed to the importer: each one is either imported and
`check` holds, or refused with row-level faults (or one Chinese sentence) and nothing written — never another
exception."""
from __future__ import annotations

import csv
import os
import datetime as dt

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pointsapp.errors import UserError
from pointsapp.models import AuditLog, Household, Member
from pointsapp.services.ops import check
from pointsapp.services.register.roster_import import import_roster
from tests.test_roster_import import HEADER, ident

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
NAMES = st.sampled_from(["张三", "李秀英", "欧阳娜娜", "阿依古丽·艾买提", "王䶮", "张𠈌", " 王五 ", "=1+1", "张\u200b三",
                         "李\x07四", "😀", "", "x" * 60, "赵\u202e六"])
IDS = st.one_of(st.builds(lambda n, y: ident(n, dt.date(y, 3, 4)), st.integers(1, 999), st.integers(1940, 2020)),
                TEXT, st.integers(-10**20, 10**20), st.none())
CELL = st.one_of(TEXT, NAMES, st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
                 st.none(), st.booleans(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
ROW = st.fixed_dictionaries({
    "group": st.one_of(st.sampled_from(["1组", "2组", "３", ""]), CELL),
    "no": st.one_of(st.sampled_from(["0001", "0002", "0003", ""]), CELL),
    "relation": st.one_of(st.sampled_from(["户主", "配偶", "长子", "女儿"]), CELL),
    "name": st.one_of(NAMES, CELL),
    "sex": st.one_of(st.sampled_from(["男", "女", ""]), CELL),
    "id": IDS,
    "phone": st.one_of(st.sampled_from(["13800000001", "", "0298-1234567"]), CELL),
    "extra": st.lists(CELL, max_size=3),
})
ROSTER = st.tuples(st.lists(ROW, min_size=0, max_size=8), st.booleans())


def _cells(r: dict) -> list:
    return ([1, r["group"], r["no"], r["name"] if r["relation"] == "户主" else "", r["relation"], r["name"], r["sex"],
             r["id"], r["phone"], "", ""] + r["extra"])


def _write(path, rows: list[dict], as_csv: bool):
    if as_csv:
        path = path.with_suffix(".csv")
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([HEADER] + [["" if v is None else v for v in _cells(r)] for r in rows])
        return path
    path = path.with_suffix(".xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows:
        values = []
        for v in _cells(r):  # what an .xlsx can hold at all: a spreadsheet program could not write the rest either
            if isinstance(v, str):
                v = "".join(c for c in v if ord(c) >= 32 or c in "\t\n\r")
            if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53:
                v = str(v)
            values.append(v)
        sheet.append(values)
    book.save(path)
    return path


@settings(max_examples=int(os.environ.get("POINTSAPP_FUZZ_EXAMPLES", "15")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(roster=ROSTER)
def test_a_random_roster_is_imported_whole_or_refused_whole(db, admin, tmp_path, roster):
    rows, as_csv = roster
    path = _write(tmp_path / "fuzz", rows, as_csv)
    before = (Household.select().count(), Member.select().count(), AuditLog.select().count())
    try:
        result = import_roster(actor=admin, path=path, village="柳溪村")
    except UserError as exc:  # one sentence for the file as a whole (no village guess, not readable …)
        assert exc.message and "Error" not in exc.message
        assert (Household.select().count(), Member.select().count(), AuditLog.select().count()) == before
        return
    if result.written:
        assert check.run_checks() == []
        assert Member.select().where(Member.name.contains("\x07") | Member.name.contains("\u202e")).count() == 0
    else:
        assert result.faults and all(f.reason for f in result.faults)
        assert (Household.select().count(), Member.select().count(), AuditLog.select().count()) == before
