"""Demo step: the demo operators get known passwords so anyone can try each role (documented in README), and
each a signing key under that password (the administrator's first: the installation's root), unlocked for the
generator, which writes in their names."""
from __future__ import annotations

from pointsapp.models import User
from pointsapp.services.ops.passwords import hash_password

ADMIN_PASSWORD = "admin123"
DEMO_PASSWORD = "123456"


def set_demo_passwords(ctx) -> None:
    """admin/admin123, every other demo user 123456; nobody is asked to change it (it is a demo)."""
    for user in User.select().where(User.password_hash == ""):
        password = ADMIN_PASSWORD if user.username == "admin" else DEMO_PASSWORD
        User.update(password_hash=hash_password(password), must_change_password=False).where(
            User.id == user.id).execute()


def give_keys() -> None:
    """Before the first entry: every demo user's password and signing key (registered by the administrator's)."""
    from pointsapp.services.signing import keys

    set_demo_passwords(None)
    ordered = sorted(User.select(), key=lambda u: (u.username != "admin", u.id))
    for user in ordered:
        password = ADMIN_PASSWORD if user.username == "admin" else DEMO_PASSWORD
        key = keys.active_key(user.id)
        if key is None:
            keys.create_key(user, password)
        elif key.public_key not in keys.KEYRING:
            private = keys.decrypt(key.encrypted_private, password, key.public_key)
            if private is None:  # the demo writes in its users' names: it cannot sign for someone's own password
                from pointsapp.errors import UserError

                raise UserError(f"用户 {user.username} 已设置了自己的密码，演示数据不能以其名义签名写入。"
                                "请用 --db 指定一个新文件生成演示数据。")
            keys.KEYRING[key.public_key] = private
