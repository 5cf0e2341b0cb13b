"""The model base class and the database proxy every model is bound to.

The proxy is initialised by :func:`pointsapp.db.open_database` with either a
SQLite or a PostgreSQL database, so one model set serves both.
"""
from __future__ import annotations

import datetime as dt

from peewee import DatabaseProxy, Model

from pointsapp import clock
from pointsapp.errors import NotFound

database = DatabaseProxy()


def now() -> dt.datetime:
    """The program's clock (:mod:`pointsapp.clock`): second precision, without tzinfo (stored as local time)."""
    return clock.now()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def by_id(cls, ident: int, missing: str):
        """The row with this id; NotFound with the message ``missing`` ({0}: the id) when there is none."""
        row = cls.get_or_none(cls.id == ident)
        if row is None:
            raise NotFound(missing.format(ident))
        return row
