"""The model base class and the database proxy every model is bound to.

The proxy is initialised by :func:`pointsapp.db.open_database` with either a
SQLite or a PostgreSQL database, so one model set serves both.
"""
from __future__ import annotations

import datetime as dt

from peewee import DatabaseProxy, Model

database = DatabaseProxy()


def now() -> dt.datetime:
    """Wall-clock time, second precision, without tzinfo (stored as local time)."""
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
