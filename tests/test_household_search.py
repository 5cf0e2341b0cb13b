"""Finding a household in a second: part of a name, its number, a phone number or the pinyin initials."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.services.register import households
from pointsapp.services.register import idnumber
from pointsapp.services.register import villages
from pointsapp.services.auth import Role
from pointsapp.services.register.households import HouseholdData, MemberData
from tests.cli_helpers import run_cli


def ident(n: int) -> str:
    return idnumber.make("610124", dt.date(1970, 1, 1), n)


@pytest.fixture
def register(admin):
    village = villages.create_village(actor=admin, name="柳溪村", code="LX", with_defaults=False)
    people = [("0101", "张三丰", "13800000001", "李秀英"), ("0102", "曾永娜", "13900000002", "王小明"),
              ("0203", "赵四", "", "张三"), ("0204", "单田芳", "02986001234", "")]
    for i, (no, head, phone, other) in enumerate(people):
        members = [MemberData(head, "户主", ident(i * 10 + 1), phone=phone, is_head=True)]
        if other:
            members.append(MemberData(other, "配偶", ident(i * 10 + 2)))
        households.create_household(actor=admin, village=village,
                                    data=HouseholdData(household_no=no, group_name="1组", members=members))
    return village


def found(admin, text: str) -> list[str]:
    return [r.household_no for r in households.list_households(actor=admin, search=text)]


def test_pinyin_initials_zsf_find_zhang_sanfeng(admin, register):
    assert found(admin, "zsf") == ["0101"]
    assert found(admin, "ZSF") == ["0101"]


def test_surnames_are_read_as_surnames_and_the_common_reading_still_works(admin, register):
    assert found(admin, "zyn") == ["0102"]       # 曾 as a surname reads zeng
    assert found(admin, "cyn") == ["0102"]       # what pypinyin alone says, in case someone types it
    assert found(admin, "shantianfang") == ["0204"]


def test_name_number_phone_and_member_names_are_all_searched(admin, register):
    assert found(admin, "张三") == ["0101", "0203"]        # a head and a spouse
    assert found(admin, "0102") == ["0102"]
    assert found(admin, "13900000002") == ["0102"]
    assert found(admin, "86001234") == ["0204"]
    assert found(admin, "lxy") == ["0101"]                 # the spouse's initials
    assert found(admin, "nobody") == []


def test_several_words_must_all_match_and_full_width_input_is_forgiven(admin, register):
    assert found(admin, "张三 0203") == ["0203"]
    assert found(admin, "０１０２") == ["0102"]
    assert found(admin, "  zs   ") == ["0101", "0203"]


def test_phone_numbers_are_masked_for_viewers_but_still_searchable(admin, register, actor_of):
    rows = households.list_households(actor=actor_of(Role.VIEWER), search="13800000001")
    assert [r.household_no for r in rows] == ["0101"] and rows[0].phone == "138****0001"


def test_cli_households_list_search_by_initials(register, db_target):
    proc = run_cli("households", "list", "--search", "zsf", "--format", "csv", db=db_target)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("0101,张三丰,")
