"""Points for a person, counted to the household: an entry may name the member it is about; old rows' hashes stay
valid, the member is covered by the hash when named and fixed by the database, a member's history and yearly
total read the same rows, household totals do not move. Both backends."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from peewee import DatabaseError

from pointsapp.errors import UserError
from pointsapp.models import HouseholdBalance, LedgerEntry, Member, database
from pointsapp.services.ops import check
from pointsapp.services.register import members as register_members
from pointsapp.services.register.households import MemberData
from pointsapp.services.scoring import entries, member_points, review
from tests.conftest import bypass_append_only_triggers
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)
DAY = dt.date(2026, 10, 5)


def _stamp(value) -> str:
    return value.isoformat(" ", "seconds") if isinstance(value, dt.datetime) else str(value)


def _old_formula(e: LedgerEntry) -> str:
    """The row hash as written before members existed (an independent copy of that formula)."""
    text = (f"{e.household_id}|{e.seq}|{e.kind}|{e.points}|{1 if e.earned else 0}|{e.rule_id or ''}|"
            f"{e.category_id or ''}|{e.occurred_on}|{e.reverses_id or ''}|{e.batch_id or ''}|{e.created_by_id}|"
            f"{_stamp(e.created_at)}|{e.note}|{e.prev_hash}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def family(admin):
    village = make_village(admin, households=2)
    h = household(village, 1)
    head = Member.create(household=h, name="欧阳娜娜娜", relation="户主", is_head=True)
    wife = register_members.add_member(actor=admin, household_id=h.id, data=MemberData(name="阿依古丽·艾买提",
                                                                                         relation="妻子"))
    return village, h, head, wife


def _add(admin, village, h, code, member=None, day=DAY):
    return entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, code).id, occurred_on=day,
                             today=TODAY, member_id=member.id if member else None)


def test_rows_without_a_member_hash_as_before_and_a_named_member_is_covered(admin, family):
    village, h, head, wife = family
    plain = _add(admin, village, h, "PA01")
    named = _add(admin, village, h, "VT02", wife)
    assert plain.hash == _old_formula(plain)          # the hashes already written stay valid
    assert named.member_id == wife.id and named.hash != _old_formula(named)
    assert check.run_checks() == []
    with pytest.raises(DatabaseError):  # the database refuses to change whom an entry names
        with database.obj.atomic():
            LedgerEntry.update(member=head.id).where(LedgerEntry.id == named.id).execute()
    bypass_append_only_triggers()
    database.obj.execute_sql("DROP TRIGGER IF EXISTS ledger_entry_member_fixed"
                             + ("" if database.obj.param == "?" else " ON ledger_entry"))
    LedgerEntry.update(member=head.id).where(LedgerEntry.id == named.id).execute()
    problems = check.run_checks()
    assert any(f"#{named.id}" in p for p in problems), problems


def test_a_members_total_and_history_read_the_households_rows_and_totals_do_not_move(admin, family):
    village, h, head, wife = family
    _add(admin, village, h, "PT01", head)                          # +3 party member's meeting
    _add(admin, village, h, "PT02", head)                          # +10
    wrong = _add(admin, village, h, "PT03", head)                  # -5, then reversed
    _add(admin, village, h, "VT02", wife)                          # +20 好媳妇
    _add(admin, village, h, "PA01")                                # +5, the household's, no member
    _add(admin, village, h, "PT02", head, day=dt.date(2025, 6, 1))  # last year
    review.reverse_entry(actor=admin, entry_id=wrong.id, reason="记错了人")
    totals = {t.name: (t.points, t.awards, t.deductions, t.entries)
              for t in member_points.member_totals(actor=admin, household_id=h.id, year=2026)}
    assert totals == {"欧阳娜娜娜": (13, 13, 0, 4), "阿依古丽·艾买提": (20, 20, 0, 1)}
    history = member_points.member_history(actor=admin, member_id=head.id, year=2026)
    assert [(e.rule_code, e.points) for e in history][::-1] == [("PT01", 3), ("PT02", 10), ("PT03", -5), ("PT03", 5)]
    assert len(member_points.member_history(actor=admin, member_id=head.id)) == 5
    balance = HouseholdBalance.get(HouseholdBalance.household == h.id)
    raw = sum(e.points for e in LedgerEntry.select().where(LedgerEntry.household == h.id,
                                                            LedgerEntry.status == "effective"))
    assert balance.earned_total == raw == 3 + 10 - 5 + 5 + 20 + 5 + 10  # unchanged by naming members


def test_only_the_households_own_current_members_may_be_named(admin, family):
    village, h, head, wife = family
    other = household(village, 2)
    stranger = Member.create(household=other, name="王䶮", relation="户主", is_head=True)
    with pytest.raises(UserError, match="没有这位家庭成员"):
        _add(admin, village, h, "PA01", stranger)
    assert LedgerEntry.select().count() == 0


def test_a_member_named_by_entries_leaves_the_register_but_not_the_history(admin, family):
    village, h, head, wife = family
    _add(admin, village, h, "VT02", wife)
    register_members.remove_member(actor=admin, member_id=wife.id)
    kept = Member.get_by_id(wife.id)
    assert not kept.active and kept.id_number is None
    totals = member_points.member_totals(actor=admin, household_id=h.id, year=2026)
    assert [(t.name, t.active, t.points) for t in totals] == [("欧阳娜娜娜", True, 0), ("阿依古丽·艾买提", False, 20)]
    assert [c[1] for c in member_points.member_choices(actor=admin, household_id=h.id)] == ["欧阳娜娜娜（户主）"]
    with pytest.raises(UserError):
        _add(admin, village, h, "VT02", kept)
    assert check.run_checks() == []


def test_an_imported_line_may_name_the_member(admin, family, tmp_path):
    from pointsapp.services.scoring import entry_import

    village, h, head, wife = family
    path = tmp_path / "list.csv"
    path.write_text("户号,细则代码,日期,说明,成员\nT1001,VT02,2026-10-03,好媳妇,阿依古丽·艾买提\n"
                    "T1001,PT01,2026-10-04,,欧阳娜娜娜\n", encoding="utf-8")
    result = entry_import.import_entries(actor=admin, group_id=h.group_id, period_code="2026-10", path=path,
                                         today=TODAY)
    assert result.ok, result.fault_lines()
    assert sorted((e.rule.code, e.member_id) for e in LedgerEntry.select()) == [("PT01", head.id), ("VT02", wife.id)]
    assert check.run_checks() == []
    path.write_text("户号,细则代码,成员\nT1001,PA01,张三\n", encoding="utf-8")
    refused = entry_import.import_entries(actor=admin, group_id=h.group_id, period_code="2026-10", path=path,
                                          today=TODAY)
    assert "没有名叫“张三”的家庭成员" in refused.fault_lines()[0]


def test_member_points_from_the_command_line_and_in_the_ledger_export(db, db_target, admin, family, tmp_path):
    import json

    from openpyxl import load_workbook

    from tests.cli_helpers import run_cli

    village, h, head, wife = family
    added = run_cli("entries", "add", "--household", "T1001", "--rule", "VT02", "--date", "2026-10-05",
                    "--member", "阿依古丽·艾买提", db=db_target)
    assert added.returncode == 0, added.stderr
    unknown = run_cli("entries", "add", "--household", "T1001", "--rule", "PA01", "--member", "张三", db=db_target)
    assert unknown.returncode == 1 and "张三" in unknown.stderr
    _add(admin, village, h, "PT02", head)
    listed = run_cli("households", "member-points", "--household", "T1001", "--year", "2026", "--format", "json",
                     db=db_target)
    assert listed.returncode == 0, listed.stderr
    assert [(r["name"], r["points"]) for r in json.loads(listed.stdout)] == [("欧阳娜娜娜", 10), ("阿依古丽·艾买提", 20)]
    history = run_cli("households", "member-points", "--household", "T1001", "--member", "欧阳娜娜娜", "--year", "2026",
                      db=db_target)
    assert history.returncode == 0 and "PT02" in history.stdout and "10 分" in history.stdout
    out = tmp_path / "ledger.xlsx"
    assert run_cli("export", "ledger", str(out), db=db_target).returncode == 0
    book = load_workbook(out)
    ledger = list(book.worksheets[0].iter_rows(values_only=True))
    assert ledger[0][-1] == "成员" and sorted(r[-1] or "" for r in ledger[1:]) == ["欧阳娜娜娜", "阿依古丽·艾买提"]
    members = list(book["成员积分"].iter_rows(values_only=True))
    assert members[1:] == [("测试村", "T1001", "欧阳娜娜娜", "欧阳娜娜娜", "户主", 2026, 10, 1),
                           ("测试村", "T1001", "欧阳娜娜娜", "阿依古丽·艾买提", "妻子", 2026, 20, 1)]


def test_member_refusals_and_the_tab_speak_english_when_english_is_chosen(english, admin, family):
    from pointsapp.services.scoring.member_points import find_member

    village, h, head, wife = family
    with pytest.raises(UserError) as refused:
        find_member(actor=admin, household_id=h.id, name="张三")
    assert str(refused.value) == 'This household has no member called "张三".'
    stranger = Member.create(household=household(village, 2), name="王䶮", relation="户主", is_head=True)
    with pytest.raises(UserError) as other:
        _add(admin, village, h, "PA01", stranger)
    assert str(other.value).endswith("has no such member.")
