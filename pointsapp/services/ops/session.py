"""The session's database, for the window's start and its settings: opening and closing it, this PC's
connection, database errors explained in Chinese, and who may sign in.

The screens reach the database layer only through here (and the other services): what they need of it
before anyone has signed in (opening the file, the sign-in list, the connection dialog) takes no actor."""
from __future__ import annotations

from pointsapp.db import settings
from pointsapp.db import station
from pointsapp.db.connection import (
    close_database, describe, drop_dead_connection, explain_database_error, friendly_db_errors, open_database,
    resolve_target, test_connection,
)
from pointsapp.models import User


def is_database_error(exc: BaseException) -> bool:
    """A lost server connection, a full disk, a locked file: nothing was saved, the user may retry."""
    import peewee

    return isinstance(exc, (peewee.OperationalError, peewee.InterfaceError))

ServerSettings = station.ServerSettings
StationConfig = station.StationConfig
load_station = station.load
save_station = station.save
password_for = station.password_for
credential_store_available = station.credential_store_available


def usernames_for_sign_in() -> list[str]:
    """The active users' names in the order they were created (the sign-in list: nobody is signed in yet)."""
    return [u for (u,) in User.select(User.username).where(User.active == True)  # noqa: E712
            .order_by(User.id).tuples()]


def language() -> str:
    """The UI language chosen in the settings (read before anyone signs in)."""
    return settings.get("language")


__all__ = ["ServerSettings", "StationConfig", "close_database", "credential_store_available", "describe",
           "drop_dead_connection", "explain_database_error", "friendly_db_errors", "is_database_error", "language", "load_station",
           "open_database", "password_for", "resolve_target", "save_station", "test_connection",
           "usernames_for_sign_in"]
