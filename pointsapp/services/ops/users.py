"""Operators: sign-in with lock-out, passwords, and the administrator's user management."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp.db import settings, write_transaction
from pointsapp.models import User, database, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, Role, require
from pointsapp.errors import NotFound, UserError
from pointsapp.services.signing import keys, writes
from pointsapp.services.ops.passwords import check_new_password, hash_password, verify_password
from pointsapp.text import translate


def actor_for(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=Role(user.role), display_name=user.display_name)


def has_users() -> bool:
    return User.select().exists()


def ensure_admin(username: str = "admin", display_name: str = "管理员") -> Actor:
    """First run: make the administrator (its password is set at first sign-in)."""
    user = User.get_or_none(User.username == username)
    if user is None:
        user = User.create(username=username, display_name=display_name, role=Role.ADMIN.value,
                           must_change_password=True)
        audit.record(None, "user.create", "user", user.id, None, {"username": username, "role": "admin"})
    return actor_for(user)


def operator(username: str) -> Actor:
    """The CLI's operator by name; refused when unknown or disabled."""
    user = User.get_or_none(User.username == username)
    if user is None:
        raise UserError(translate("services.users", "用户“{0}”不存在。").format(username))
    if not user.active:
        raise UserError(translate("services.users", "操作员“{0}”已停用。").format(username))
    return actor_for(user)


# ---- signing in -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignIn:
    """A successful sign-in; ``must_change_password`` asks the UI for a new password before anything else."""

    actor: Actor
    must_change_password: bool


def needs_first_password(username: str) -> bool:
    """True for a user (the first administrator) who has no password yet and must set one."""
    user = User.get_or_none(User.username == (username or "").strip())
    return bool(user and user.active and not user.password_hash)


def _locked_message(user: User) -> str:
    minutes = max(1, -(-int((user.locked_until - now()).total_seconds()) // 60))
    return translate("services.users", "密码连续输错次数过多，账户“{0}”已锁定，请 {1} 分钟后再试，或请管理员重置密码。").format(user.username, minutes)


def sign_in(username: str, password: str) -> SignIn:
    """Check a password. Wrong passwords count towards a lock-out (settings lockout_attempts/_minutes)."""
    username = (username or "").strip()
    user = User.get_or_none(User.username == username)
    if user is None or not user.active:
        raise UserError(translate("services.users", "用户名或密码不正确。") if user is None
                        else translate("services.users", "用户“{0}”已停用，请联系管理员。").format(username))
    if user.locked_until is not None and user.locked_until > now():
        with database.obj.atomic():  # a try while locked is a failed sign-in too: the log shows every one
            audit.record(None, "user.sign_in_failed", "user", user.id, None, {"username": username, "locked": True})
        raise UserError(_locked_message(user))
    if not user.password_hash:
        raise UserError(translate("services.users", "用户“{0}”还没有设置密码，请先设置密码。").format(username))
    if not verify_password(password or "", user.password_hash):
        limit = max(1, int(settings.get("lockout_attempts")))
        # Counted in the database, under the write lock: sixteen wrong guesses at once count sixteen, not one.
        with write_transaction():
            User.update(failed_attempts=User.failed_attempts + 1).where(User.id == user.id).execute()
            failed = User.select(User.failed_attempts).where(User.id == user.id).scalar()
            audit.record(None, "user.sign_in_failed", "user", user.id, None,
                         {"username": username, "failed_attempts": failed})
            if failed >= limit:
                until = now() + dt.timedelta(minutes=int(settings.get("lockout_minutes")))
                User.update(failed_attempts=0, locked_until=until).where(User.id == user.id).execute()
                audit.record(None, "user.lock", "user", user.id, None,
                             {"username": username, "locked_until": until, "failed_attempts": failed})
            else:
                User.update(failed_attempts=failed).where(User.id == user.id).execute()
        if failed >= limit:
            raise UserError(translate("services.users", "密码连续输错 {0} 次，账户已锁定 {1} 分钟。"
                                      "如需立即使用，请管理员重置密码。").format(failed, settings.get('lockout_minutes')))
        raise UserError(translate("services.users", "用户名或密码不正确（再输错 {0} 次将锁定账户）。").format(limit - failed))
    actor = actor_for(user)
    with write_transaction():
        User.update(failed_attempts=0, locked_until=None).where(User.id == user.id).execute()
        keys.unlock_at_sign_in(user, password)  # the signing key, held in this process for the session
        audit.record(actor, "user.sign_in", "user", user.id)
    return SignIn(actor, bool(user.must_change_password))


def set_first_password(*, username: str, new_password: str) -> SignIn:
    """First run: the administrator created without a password sets one and is signed in."""
    check_new_password(new_password)
    user = User.get_or_none(User.username == (username or "").strip())
    if user is None or not user.active or user.password_hash:
        raise UserError(translate("services.users", "只有尚未设置密码的用户才能这样设置密码。"))
    actor = actor_for(user)
    with write_transaction():
        user.password_hash = hash_password(new_password)
        User.update(password_hash=user.password_hash, must_change_password=False,
                    failed_attempts=0, locked_until=None).where(User.id == user.id).execute()
        keys.rewrap(user, None, new_password, user.password_hash)  # the first administrator's: the root key
        audit.record(actor, "user.set_password", "user", user.id, None, {"first_run": True})
    return SignIn(actor, False)


def change_password(*, actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password (knowing the current one)."""
    if actor is None:
        raise UserError(translate("services.users", "请先登录后再操作。"))
    user = _user(actor.username)
    if user.password_hash and not verify_password(old_password or "", user.password_hash):
        raise UserError(translate("services.users", "原密码不正确。"))
    check_new_password(new_password)
    if old_password == new_password:
        raise UserError(translate("services.users", "新密码不能与原密码相同。"))
    with write_transaction():
        new_hash = hash_password(new_password)
        User.update(password_hash=new_hash, must_change_password=False,
                    failed_attempts=0, locked_until=None).where(User.id == user.id).execute()
        keys.rewrap(user, old_password, new_password, new_hash)  # the same key under the new password
        audit.record(actor, "user.change_password", "user", user.id)


# ---- user management (administrator) ---------------------------------------------------------------------

@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked: bool
    has_password: bool
    must_change_password: bool

    @property
    def role_label(self) -> str:
        return self.role.label

    @property
    def status_label(self) -> str:
        if not self.active:
            return "已停用"
        if self.locked:
            return "已锁定"
        if not self.has_password:
            return "未设密码"
        return "需改密码" if self.must_change_password else "正常"


def _user(username: str) -> User:
    user = User.get_or_none(User.username == (username or "").strip())
    if user is None:
        raise NotFound(translate("services.users", "用户“{0}”不存在。").format(username))
    return user


def _row(u: User) -> UserRow:
    locked = u.locked_until is not None and u.locked_until > now()
    return UserRow(u.id, u.username, u.display_name, Role(u.role), u.active, locked, bool(u.password_hash),
                   u.must_change_password)


def list_users(*, actor: Actor) -> list[UserRow]:
    require(actor, Permission.USER_MANAGE)
    return [_row(u) for u in User.select().order_by(User.id)]


def parse_role(text: str) -> Role:
    """A role by its code (scorer) or Chinese label (录入员)."""
    for role in Role:
        if text in (role.value, role.label):
            return role
    choices = "、".join(f"{r.value}（{r.label}）" for r in Role)
    raise UserError(translate("services.users", "没有“{0}”这个角色。可选：{1}").format(text, choices))


def create_user(*, actor: Actor, username: str, role: Role, password: str, display_name: str = "") -> UserRow:
    """A new operator; the password given is temporary: they set their own at first sign-in."""
    require(actor, Permission.USER_MANAGE)
    username, display_name = (username or "").strip(), (display_name or "").strip()
    if not username or len(username) > 40 or any(c.isspace() for c in username):
        raise UserError(translate("services.users", "用户名不能为空、不能含空格，且不超过 40 个字符。"))
    if User.get_or_none(User.username == username):
        raise UserError(translate("services.users", "用户名“{0}”已被使用。").format(username))
    check_new_password(password)
    with write_transaction():
        user = User.create(username=username, display_name=display_name[:40], role=Role(role).value,
                           password_hash=hash_password(password), must_change_password=True)
        # the new user's key, registered by the administrator's, under the temporary password
        keys.create_key(user, password, registrar=keys.signer_for(actor.user_id))
        writes.sign_user(user.id, by=actor.user_id)
        audit.record(actor, "user.create", "user", user.id, None,
                     {"username": username, "display_name": display_name, "role": Role(role).value})
    return _row(user)


def reset_password(*, actor: Actor, username: str, new_password: str) -> None:
    """Administrator sets a temporary password (lifting a lock-out); the user must change it at sign-in."""
    require(actor, Permission.USER_MANAGE)
    user = _user(username)
    check_new_password(new_password)
    with write_transaction():
        new_hash = hash_password(new_password)
        User.update(password_hash=new_hash, must_change_password=True, failed_attempts=0,
                    locked_until=None).where(User.id == user.id).execute()
        # a new key (the old one stays valid for what it signed): nobody knows the forgotten password
        keys.reissue(user, new_password, new_hash, keys.signer_for(actor.user_id))
        audit.record(actor, "user.reset_password", "user", user.id, None, {"username": user.username})


def _other_active_admins(user: User) -> int:
    return User.select().where(User.role == Role.ADMIN.value, User.active == True,  # noqa: E712
                               User.id != user.id).count()


def set_active(*, actor: Actor, username: str, active: bool) -> None:
    """停用 / 启用. A user's history stays; the last active administrator cannot be disabled."""
    require(actor, Permission.USER_MANAGE)
    user = _user(username)
    if not active:
        if user.id == actor.user_id:
            raise UserError(translate("services.users", "不能停用自己正在使用的账户。"))
        if user.role == Role.ADMIN.value and _other_active_admins(user) == 0:
            raise UserError(translate("services.users", "这是最后一个启用的管理员，不能停用。"))
    if user.active == active:
        return
    with write_transaction():
        User.update(active=active).where(User.id == user.id).execute()
        writes.sign_user(user.id, by=actor.user_id)
        audit.record(actor, "user.enable" if active else "user.disable", "user", user.id,
                     {"active": user.active}, {"active": active})


def disable_user(*, actor: Actor, username: str) -> None:
    set_active(actor=actor, username=username, active=False)


def set_role(*, actor: Actor, username: str, role: Role) -> None:
    require(actor, Permission.USER_MANAGE)
    user = _user(username)
    role = Role(role)
    if user.role == role.value:
        return
    if user.role == Role.ADMIN.value and user.active and _other_active_admins(user) == 0:
        raise UserError(translate("services.users", "这是最后一个启用的管理员，不能改成其他角色。"))
    with write_transaction():
        User.update(role=role.value).where(User.id == user.id).execute()
        writes.sign_user(user.id, by=actor.user_id)
        audit.record(actor, "user.set_role", "user", user.id, {"role": user.role}, {"role": role.value})
