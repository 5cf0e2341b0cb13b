"""Shared fixtures: a real SQLite file per test, the acting users, offscreen Qt."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from pointsapp.db import close_database, open_database  # noqa: E402
from pointsapp.models import User  # noqa: E402
from pointsapp.services import users  # noqa: E402
from pointsapp.services.auth import Role  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Logs, backups and the default database go to a temporary folder, never the user's."""
    monkeypatch.setenv("POINTSAPP_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("POINTSAPP_DB", raising=False)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "points.db"


@pytest.fixture
def db(db_path):
    """An empty, migrated SQLite database file, bound to the models."""
    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture
def admin(db):
    return users.ensure_admin()


def make_actor(role: Role, username: str | None = None):
    username = username or role.value
    user = User.get_or_none(User.username == username) or User.create(
        username=username, display_name=username, role=role.value)
    return users.actor_for(user)


@pytest.fixture
def actor_of(db):
    """``actor_of(Role.CASHIER)`` gives an actor of that role (creating the user)."""
    return make_actor


@pytest.fixture
def demo_db(db_path):
    """A small demo database (one village, 60 households), deterministic."""
    from pointsapp.services import demo

    database = open_database(db_path)
    demo.generate(households=60, villages=1, seed=7)
    yield database
    close_database()
