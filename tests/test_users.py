"""Operators: scrypt passwords, first-run administrator, lock-out, change and reset, the CLI's users commands."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from pointsapp import clock
from pointsapp.db import settings
from pointsapp.models import AuditLog, User
from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.errors import UserError
from pointsapp.services.ops.passwords import verify_password
from tests.cli_helpers import cli_env, run_cli


def _user(name):
    return User.get(User.username == name)


def test_passwords_are_stored_as_salted_scrypt_never_in_clear(admin):
    users.create_user(actor=admin, username="a1", role=Role.SCORER, password="same-secret")
    users.create_user(actor=admin, username="a2", role=Role.SCORER, password="same-secret")
    h1, h2 = _user("a1").password_hash, _user("a2").password_hash
    scheme, n, r, p, salt, digest = h1.split("$")
    assert scheme == "scrypt" and int(n) >= 2 ** 14 and len(bytes.fromhex(salt)) == 16
    assert "same-secret" not in h1 and h1 != h2  # salted: equal passwords, different hashes
    assert verify_password("same-secret", h1) and not verify_password("same-secreT", h1)


def test_first_administrator_has_no_password_and_sets_one_at_first_sign_in(db):
    users.ensure_admin()
    assert users.needs_first_password("admin")
    with pytest.raises(UserError, match="还没有设置密码"):
        users.sign_in("admin", "")
    with pytest.raises(UserError, match="至少"):
        users.set_first_password(username="admin", new_password="123")
    users.set_first_password(username="admin", new_password="village-2026")
    assert not users.needs_first_password("admin")
    signed = users.sign_in("admin", "village-2026")
    assert signed.actor.role is Role.ADMIN and not signed.must_change_password
    with pytest.raises(UserError):  # a second "first password" would take the account over
        users.set_first_password(username="admin", new_password="attacker-1")


def test_repeated_wrong_passwords_lock_the_account_even_against_the_right_one(admin):
    settings.set("lockout_attempts", 3)
    settings.set("lockout_minutes", 15)
    users.create_user(actor=admin, username="luru", role=Role.SCORER, password="right-one")
    for left in (2, 1):
        with pytest.raises(UserError, match=f"再输错 {left} 次"):
            users.sign_in("luru", "wrong")
    with pytest.raises(UserError, match="已锁定 15 分钟"):
        users.sign_in("luru", "wrong")
    with pytest.raises(UserError, match="已锁定"):
        users.sign_in("luru", "right-one")
    assert AuditLog.select().where(AuditLog.action == "user.lock").count() == 1
    # the lock runs out: the right password works again and the count starts afresh
    User.update(locked_until=clock.now() - dt.timedelta(minutes=1)).where(User.username == "luru").execute()
    assert users.sign_in("luru", "right-one").actor.username == "luru"
    assert _user("luru").failed_attempts == 0


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(admin):
    with pytest.raises(UserError) as unknown:
        users.sign_in("nobody", "whatever")
    assert unknown.value.message == "用户名或密码不正确。"


def test_administrator_reset_lifts_a_lock_and_forces_a_new_password(admin):
    settings.set("lockout_attempts", 1)
    users.create_user(actor=admin, username="shouyin", role=Role.CASHIER, password="first-pass")
    with pytest.raises(UserError, match="锁定"):
        users.sign_in("shouyin", "oops")
    users.reset_password(actor=admin, username="shouyin", new_password="temp-123")
    signed = users.sign_in("shouyin", "temp-123")
    assert signed.must_change_password
    with pytest.raises(UserError, match="原密码不正确"):
        users.change_password(actor=signed.actor, old_password="first-pass", new_password="mine-456")
    with pytest.raises(UserError, match="不能与原密码相同"):
        users.change_password(actor=signed.actor, old_password="temp-123", new_password="temp-123")
    users.change_password(actor=signed.actor, old_password="temp-123", new_password="mine-456")
    assert not users.sign_in("shouyin", "mine-456").must_change_password
    with pytest.raises(UserError):
        users.sign_in("shouyin", "temp-123")


def test_disabled_user_cannot_sign_in_and_the_last_administrator_stays(admin):
    users.create_user(actor=admin, username="chakan", role=Role.VIEWER, password="viewer-1")
    users.disable_user(actor=admin, username="chakan")
    with pytest.raises(UserError, match="已停用"):
        users.sign_in("chakan", "viewer-1")
    with pytest.raises(UserError, match="自己"):
        users.disable_user(actor=admin, username="admin")
    users.create_user(actor=admin, username="boss", role=Role.REVIEWER, password="boss-pass")
    boss = users.actor_for(_user("boss"))
    users.set_role(actor=admin, username="boss", role=Role.ADMIN)
    boss = users.actor_for(_user("boss"))
    users.set_role(actor=boss, username="admin", role=Role.VIEWER)  # another admin remains: allowed
    with pytest.raises(UserError, match="最后一个"):
        users.set_role(actor=boss, username="boss", role=Role.VIEWER)
    assert [u.role for u in users.list_users(actor=boss) if u.username == "boss"] == [Role.ADMIN]


def test_demo_database_has_the_documented_passwords(demo_db):
    assert users.sign_in("admin", "admin123").actor.role is Role.ADMIN
    for name, role in (("luru", Role.SCORER), ("shenhe", Role.REVIEWER), ("shouyin", Role.CASHIER),
                       ("chakan", Role.VIEWER)):
        assert users.sign_in(name, "123456").actor.role is role


def _cli(db, *args, stdin="", user="admin"):
    env = cli_env(user=user)
    return subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(db), *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_manages_users_and_refuses_an_operator_whose_role_cannot(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "5", db=db).returncode == 0
    made = _cli(db, "users", "add", "xiaoli", "--role", "录入员", "--display-name", "小李", "--password-stdin",
                stdin="temp-pass\n")
    assert made.returncode == 0, made.stderr
    listed = json.loads(_cli(db, "users", "list", "--json").stdout)
    assert {"username": "xiaoli", "role_code": "scorer", "status": "需改密码"}.items() <= \
        next(u for u in listed if u["username"] == "xiaoli").items()
    changed = _cli(db, "users", "passwd", "xiaoli", "--password-stdin", stdin="temp-pass\nown-pass\n")
    assert changed.returncode == 0, changed.stderr
    refused = _cli(db, "users", "add", "evil", "--role", "admin", "--password-stdin", stdin="evil-pass\n",
                   user="shouyin")
    assert refused.returncode == 1 and "没有“用户管理”的权限" in refused.stderr and "Traceback" not in refused.stderr
    assert _cli(db, "users", "disable", "xiaoli").returncode == 0
    listed = json.loads(_cli(db, "users", "list", "--json").stdout)
    assert "evil" not in [u["username"] for u in listed]
    assert next(u for u in listed if u["username"] == "xiaoli")["status"] == "已停用"
    reset = _cli(db, "users", "reset", "luru", "--password-stdin", stdin="reset-99\n")
    assert reset.returncode == 0, reset.stderr

    from pointsapp.db import close_database, open_database
    open_database(db)
    try:
        assert verify_password("own-pass", _user("xiaoli").password_hash)
        assert users.sign_in("luru", "reset-99").must_change_password
        with pytest.raises(UserError, match="已停用"):
            users.sign_in("xiaoli", "own-pass")
    finally:
        close_database()
