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
        if keys.active_key(user.id) is None:
            keys.create_key(user, ADMIN_PASSWORD if user.username == "admin" else DEMO_PASSWORD)
