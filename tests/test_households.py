"""The household register: one head per household, valid ID numbers, archive instead of delete, masked IDs."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp import clock
from pointsapp.models import AuditLog, Household, HouseholdTag, Member, User
from pointsapp.services.register import households
from pointsapp.services.register import idnumber
from pointsapp.services.register import members
from pointsapp.services.register import villages
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.services.register.households import HouseholdData, MemberData
from pointsapp.services.scoring.ledger import EntryDraft, append


def ident(n: int, born: dt.date = dt.date(1975, 3, 4)) -> str:
    return idnumber.make("610124", born, n)


@pytest.fixture
def village(admin):
    return villages.create_village(actor=admin, name="柳溪村", code="LX", groups=["1组", "2组"], with_defaults=False)


def family(no: str = "0001", group: str = "1组", base: int = 10) -> HouseholdData:
    return HouseholdData(household_no=no, group_name=group, members=[
        MemberData("张三丰", "户主", ident(base + 1), phone="13800000001", is_head=True),
        MemberData("李秀英", "配偶", ident(base + 2)),
    ])


def test_a_household_is_created_with_its_head_and_search_key(admin, village):
    h = households.create_household(actor=admin, village=village, data=family())
    assert h.head_name == "张三丰" and "zsf" in h.search_key and "13800000001" in h.search_key
    head = Member.get(Member.household == h, Member.is_head == True)  # noqa: E712
    assert head.sex == "男" and head.birth_date == dt.date(1975, 3, 4)


@pytest.mark.parametrize("change, words", [
    (lambda d: setattr(d.members[1], "is_head", True), "只有一位户主"),
    (lambda d: setattr(d.members[0], "is_head", False) or setattr(d.members[0], "relation", "父亲"), "没有户主"),
    (lambda d: setattr(d.members[1], "id_number", ident(12)[:17] + ("1" if ident(12)[17] != "1" else "2")),
     "校验位"),
    (lambda d: setattr(d.members[1], "phone", "1380000"), "手机号码应为11位"),
    (lambda d: setattr(d.members[1], "name", "  "), "姓名不能为空"),
    (lambda d: setattr(d.members[1], "id_number", ident(11)), "出现了两次"),
])
def test_invalid_household_data_is_refused_and_nothing_is_saved(admin, village, change, words):
    data = family()
    change(data)
    with pytest.raises(UserError, match=words):
        households.create_household(actor=admin, village=village, data=data)
    assert Household.select().count() == 0 and Member.select().count() == 0


def test_household_numbers_are_unique_per_village_and_id_numbers_everywhere(admin, village):
    households.create_household(actor=admin, village=village, data=family())
    with pytest.raises(UserError, match="已有户号"):
        households.create_household(actor=admin, village=village, data=family(base=30))
    other = villages.create_village(actor=admin, name="石桥村", code="SQ", with_defaults=False)
    households.create_household(actor=admin, village=other, data=family(base=30))  # same number, other village
    with pytest.raises(UserError, match="已登记在柳溪村户号 0001"):
        households.create_household(actor=admin, village=village, data=family("0002", base=10))


def test_members_keep_exactly_one_head_and_the_head_name_in_sync(admin, village):
    h = households.create_household(actor=admin, village=village, data=family())
    son = members.add_member(actor=admin, household_id=h.id,
                             data=MemberData("张 君宝", "长子", ident(15, dt.date(2000, 1, 1))))
    assert son.name == "张君宝" and "zjb" in Household.get_by_id(h.id).search_key
    members.edit_member(actor=admin, member_id=son.id,
                        data=MemberData("张君宝", "户主", ident(15, dt.date(2000, 1, 1)), is_head=True))
    h = Household.get_by_id(h.id)
    assert h.head_name == "张君宝"
    assert Member.select().where(Member.household == h, Member.is_head == True).count() == 1  # noqa: E712
    head = Member.get(Member.name == "张君宝")
    with pytest.raises(UserError, match="不能删除户主"):
        members.remove_member(actor=admin, member_id=head.id)
    with pytest.raises(UserError, match="户主不能直接取消"):
        members.edit_member(actor=admin, member_id=head.id, data=MemberData("张君宝", "长子"))
    old_head = Member.get(Member.name == "张三丰")
    members.remove_member(actor=admin, member_id=old_head.id)
    assert "zsf" not in Household.get_by_id(h.id).search_key


def test_saving_the_edit_form_replaces_members_in_one_step(admin, village):
    h = households.create_household(actor=admin, village=village, data=family())
    detail = households.household_detail(actor=admin, household_id=h.id)
    wife = next(m for m in detail.members if m.name == "李秀英")
    data = HouseholdData(household_no="0001A", group_name="2组", address="2组8号", tags=["党员户"], members=[
        MemberData("李秀英", "户主", wife.id_number, is_head=True, id=wife.id),
        MemberData("张小凤", "长女", ident(16, dt.date(2003, 2, 2))),
    ])
    households.save_household(actor=admin, household_id=h.id, data=data)
    h = Household.get_by_id(h.id)
    assert (h.household_no, h.group.name, h.head_name, h.address) == ("0001A", "2组", "李秀英", "2组8号")
    assert sorted(m.name for m in h.members) == ["张小凤", "李秀英"]
    assert households.tag_names(h.id) == ["党员户"]


def test_a_household_with_ledger_entries_is_archived_never_deleted(admin, village):
    h = households.create_household(actor=admin, village=village, data=family())
    spare = households.create_household(actor=admin, village=village, data=family("0002", base=40))
    user = User.get(User.username == "admin")
    append([EntryDraft(household_id=h.id, village_id=village.id, kind="award", points=5, earned=True,
                       occurred_on=clock.today(), note="志愿服务")], created_by=user.id)
    assert not households.can_delete(actor=admin, household_id=h.id)
    assert households.can_delete(actor=admin, household_id=spare.id)
    with pytest.raises(UserError, match="只能归档"):
        households.delete_household(actor=admin, household_id=h.id)
    households.archive_household(actor=admin, household_id=h.id, reason="迁出")
    assert [r.household_no for r in households.list_households(actor=admin)] == ["0002"]
    shown = households.list_households(actor=admin, include_archived=True)
    assert {r.household_no: r.status for r in shown} == {"0001": "archived", "0002": "active"}
    households.unarchive_household(actor=admin, household_id=h.id)
    assert Household.get_by_id(h.id).status == "active"
    households.delete_household(actor=admin, household_id=spare.id)
    assert Household.get_or_none(Household.id == spare.id) is None
    assert Member.select().where(Member.household == spare.id).count() == 0
    assert AuditLog.select().where(AuditLog.action == "household.delete").count() == 1


def test_moving_a_household_to_another_group_and_grid(admin, village):
    h = households.create_household(actor=admin, village=village, data=family())
    group2 = villages.group_by_name(village, "2组")
    grid = villages.save_grid(actor=admin, village_id=village.id, name="第一网格", keeper="王网格")
    households.move_household(actor=admin, household_id=h.id, group_id=group2.id, grid_id=grid.id)
    h = Household.get_by_id(h.id)
    assert h.group.name == "2组" and h.grid.name == "第一网格"
    with pytest.raises(UserError, match="还有 1 户"):
        villages.delete_group(actor=admin, group_id=group2.id)
    found = villages.places(actor=admin, village_id=village.id)
    assert [(g.name, g.households) for g in found.groups] == [("1组", 0), ("2组", 1)]
    assert [(g.name, g.households, g.keeper) for g in found.grids] == [("第一网格", 1, "王网格")]
    assert households.can_delete(actor=admin, household_id=h.id)
    assert villages.delete_grid(actor=admin, grid_id=grid.id) == 1
    assert Household.get_by_id(h.id).grid is None
    assert villages.places(actor=admin, village_id=village.id).grids == ()


def test_detail_masks_id_numbers_unless_the_actor_may_see_them(admin, village, actor_of):
    h = households.create_household(actor=admin, village=village, data=family())
    households.set_tags(actor=admin, household_id=h.id, tags=["脱贫户", "党员户", "党员户"])
    full = households.household_detail(actor=admin, household_id=h.id)
    assert full.private and full.members[0].id_number == ident(11) and full.tags == ["党员户", "脱贫户"]
    viewer = households.household_detail(actor=actor_of(Role.VIEWER), household_id=h.id)
    assert not viewer.private
    assert viewer.members[0].id_number == idnumber.mask(ident(11)) and "*" in viewer.members[0].id_number
    assert viewer.members[0].phone == "138****0001"
    rows = households.list_households(actor=admin)
    assert rows[0].head_id_number == idnumber.mask(ident(11))
    assert HouseholdTag.select().count() == 2


def test_viewers_and_cashiers_cannot_change_the_register(admin, village, actor_of):
    h = households.create_household(actor=admin, village=village, data=family())
    for role in (Role.VIEWER, Role.CASHIER):
        with pytest.raises(PermissionDenied):
            households.archive_household(actor=actor_of(role), household_id=h.id)
        with pytest.raises(PermissionDenied):
            households.create_household(actor=actor_of(role), village=village, data=family("0009", base=60))
    assert Household.get_by_id(h.id).status == "active"


def test_groups_and_grids_are_named_uniquely_per_village(admin, village):
    with pytest.raises(UserError, match="已有名为“1组”"):
        villages.create_group(actor=admin, village_id=village.id, name=" 1组 ")
    g = villages.create_group(actor=admin, village_id=village.id, name="3组")
    villages.rename_group(actor=admin, group_id=g.id, name="三组")
    assert [x.name for x in villages.places(actor=admin, village_id=village.id).groups] == ["1组", "2组", "三组"]
    villages.delete_group(actor=admin, group_id=g.id)
    assert [x.name for x in villages.places(actor=admin, village_id=village.id).groups] == ["1组", "2组"]


def test_a_new_household_is_offered_the_next_number(admin, village):
    assert households.next_household_no(actor=admin, village_id=village.id) == "0001"
    households.create_household(actor=admin, village=village, data=family("0009"))
    households.create_household(actor=admin, village=village, data=family("东-3", base=50))
    assert households.next_household_no(actor=admin, village_id=village.id) == "0010"
