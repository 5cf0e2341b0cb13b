"""Demo step: the demo operators get known passwords so anyone can try each role (documented in README)."""
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
