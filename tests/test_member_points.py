"""Points for a person, counted to the household: an entry may name the member it is about; old rows' hashes stay
valid, the member is covered by the hash when named and fixed by the database, a member's history and yearly
total read the same rows, household totals do not move. Both backends."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

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
    with pytest.raises(Exception):  # the database refuses to change whom an entry names
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
