"""Roles hold at the service level: each role × each service action, allowed or refused with nothing written."""
from __future__ import annotations

import pytest

from pointsapp.models import AuditLog, Card, Household, Setting, User, Village
from pointsapp.services import audit
from pointsapp.services.ops import backup
from pointsapp.services.register import cards
from pointsapp.services.register import households
from pointsapp.services.ops import preferences
from pointsapp.services.ops import users
from pointsapp.services.register import villages
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied
from pointsapp.services.register.households import HouseholdData, MemberData
from tests.conftest import make_actor


def _household(actor, world):
    households.create_household(actor=actor, village=world["village"], data=HouseholdData(
        household_no=f"09{actor.role.value[:3]}", group_name="1组", members=[MemberData("王小明", is_head=True)]))


def _reissue(actor, world):
    cards.reissue(actor=actor, household_id=world["household"].id, reason="卡片遗失")


def _audit_export(actor, world):
    audit.export_xlsx(actor=actor, path=world["tmp"] / f"audit-{actor.role.value}.xlsx")


def _backup(actor, world):
    backup.make_backup(actor=actor, out=world["tmp"] / f"b-{actor.role.value}.db")


def _create_user(actor, world):
    users.create_user(actor=actor, username=f"new_{actor.role.value}", role=Role.VIEWER, password="secret1")


def _reset(actor, world):
    users.reset_password(actor=actor, username="chakan", new_password="newpass1")


ACTIONS = {
    "list households": lambda a, w: households.list_households(actor=a),
    "create household": _household,
    "create village": lambda a, w: villages.create_village(actor=a, name=f"{a.role.value}村", code=a.role.value,
                                                          with_defaults=False),
    "print cards": lambda a, w: cards.issue_cards(actor=a, household_ids=[w["household"].id]),
    "reissue card": _reissue,
    "view audit log": lambda a, w: audit.query(actor=a),
    "export audit log": _audit_export,
    "back up": _backup,
    "list users": lambda a, w: users.list_users(actor=a),
    "create user": _create_user,
    "reset password": _reset,
    "disable user": lambda a, w: users.disable_user(actor=a, username="chakan"),
    "change setting": lambda a, w: preferences.change(actor=a, key="lockout_attempts", value=9),
}

ALLOWED = {
    Role.ADMIN: set(ACTIONS),
    Role.SCORER: {"list households", "create household", "print cards", "reissue card"},
    Role.REVIEWER: {"list households", "print cards", "view audit log", "export audit log"},
    Role.CASHIER: {"list households", "print cards"},
    Role.VIEWER: {"list households", "print cards"},
}


@pytest.fixture
def world(db, tmp_path):
    admin = users.ensure_admin()
    village = villages.create_village(actor=admin, name="桃园村", code="TY", groups=["1组"], with_defaults=False)
    households.create_household(actor=admin, village=village, data=HouseholdData(
        household_no="01001", group_name="1组", members=[MemberData("张三丰", is_head=True, phone="13812345678")]))
    make_actor(Role.VIEWER, "chakan")
    return {"village": village, "household": Household.get(Household.household_no == "01001"), "tmp": tmp_path}


def _snapshot():
    return (AuditLog.select().count(), Household.select().count(), Village.select().count(), Card.select().count(),
            [(u.username, u.password_hash, u.active) for u in User.select().order_by(User.id)],
            [(s.key, s.value) for s in Setting.select().order_by(Setting.key)])


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_may_do_exactly_its_actions_and_a_refusal_writes_nothing(world, role, action):
    actor = make_actor(role, f"{role.value}_user")
    before = _snapshot()
    if action in ALLOWED[role]:
        ACTIONS[action](actor, world)
    else:
        with pytest.raises(PermissionDenied) as refused:
            ACTIONS[action](actor, world)
        assert "没有" in refused.value.message and role.label in refused.value.message
        assert _snapshot() == before
        assert not list(world["tmp"].glob(f"*{role.value}*"))  # no export or backup file either


def test_cashier_cannot_create_households_even_by_calling_the_service(world):
    cashier = make_actor(Role.CASHIER, "shouyin")
    with pytest.raises(PermissionDenied):
        _household(cashier, world)
    assert Household.select().count() == 1


def test_nobody_signed_in_is_refused(world):
    with pytest.raises(PermissionDenied, match="请先登录"):
        households.list_households(actor=None)


def test_phone_numbers_are_masked_for_roles_without_private_view(world):
    cashier = make_actor(Role.CASHIER, "shouyin")
    scorer = make_actor(Role.SCORER, "luru")
    assert households.list_households(actor=scorer)[0].phone == "13812345678"
    assert households.list_households(actor=cashier)[0].phone == "138****5678"
