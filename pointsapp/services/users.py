"""Operators: finding the acting user and creating the first administrator."""
from __future__ import annotations

from pointsapp.models import User
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Role
from pointsapp.services.errors import UserError


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
        raise UserError(f"操作员“{username}”不存在。请用 --operator 指定一个已有的用户。")
    if not user.active:
        raise UserError(f"操作员“{username}”已停用。")
    return actor_for(user)
