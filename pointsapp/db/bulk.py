"""Fast bulk inserts for large loads (demo data, batch entry, migrations of data).

peewee's ``insert_many`` builds SQL node by node, which dominates the time of a
million-row load; here the statement is built once and the driver's own bulk call
runs it (``executemany`` on SQLite, ``execute_values`` on PostgreSQL). Values go
through each field's ``db_value``, exactly as peewee would convert them.
"""
from __future__ import annotations

from typing import Sequence

from peewee import (
    AutoField, CharField, Field, ForeignKeyField, IntegerField, Model, PostgresqlDatabase, TextField,
)

from pointsapp.models import database


_AS_IS = (AutoField, IntegerField, ForeignKeyField, CharField, TextField)


def _same(value):
    return value


def _converter(field: Field):
    """None when the driver takes the value as it is (ints, strings), else the field's own conversion."""
    if isinstance(field, _AS_IS) and not isinstance(field, ForeignKeyField) or (
            isinstance(field, ForeignKeyField) and isinstance(field.rel_field, (AutoField, IntegerField))):
        return None
    return field.db_value


def insert_rows(model: type[Model], rows: Sequence[dict], page_size: int = 1000) -> int:
    """Insert ``rows`` (dicts keyed by field name, all with the same keys). Returns the count."""
    if not rows:
        return 0
    fields = [model._meta.fields[name] for name in rows[0].keys()]
    converters = [_converter(f) for f in fields]
    names = [f.name for f in fields]
    plain = all(c is None for c in converters)
    if plain:
        values = [tuple(row[name] for name in names) for row in rows]
    else:
        pairs = [(c or _same, n) for c, n in zip(converters, names)]
        values = [tuple(convert(row[name]) for convert, name in pairs) for row in rows]
    return insert_values(model, names, values, page_size=page_size)


def insert_values(model: type[Model], names: Sequence[str], values: Sequence[tuple], page_size: int = 1000) -> int:
    """Insert tuples already in the driver's terms (what each field's ``db_value`` gives), in ``names``' order."""
    if not values:
        return 0
    db = database.obj
    meta = model._meta
    columns = ", ".join(f'"{meta.fields[name].column_name}"' for name in names)
    cursor = db.cursor()
    if isinstance(db, PostgresqlDatabase):
        from psycopg2.extras import execute_values

        execute_values(cursor, f'INSERT INTO "{meta.table_name}" ({columns}) VALUES %s', values, page_size=page_size)
    else:
        marks = ", ".join("?" for _ in names)
        cursor.executemany(f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})', values)
    return len(values)
