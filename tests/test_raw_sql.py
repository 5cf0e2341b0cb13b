"""Every raw SQL statement in the package names only tables and columns the peewee models have (issue 20).

The raw statements (the till's scan, the ledger's append, the audit insert) repeat column lists the models
define; a field renamed or added as required in a model and not in the statement fails here, not at the till."""
from __future__ import annotations

import pytest

from tests.raw_sql import faults, statements, tables

KNOWN = tables()
FOUND = statements()


def test_the_package_has_raw_statements_to_read():
    # the reader finds the statements it exists for; if they all moved, this test needs a new look
    where = {s.where().split(":")[0] for s in FOUND}
    assert {"pointsapp/services/register/cards.py", "pointsapp/services/shop/redemption_sql.py",
            "pointsapp/services/audit.py"} <= where


@pytest.mark.parametrize("statement", FOUND, ids=lambda s: s.where())
def test_every_raw_statement_matches_the_models(statement):
    assert faults(statement.sql, KNOWN) == [], statement.sql


@pytest.mark.parametrize("sql, expected", [
    ("SELECT h.id, h.head FROM household h WHERE h.id = ?", "h.head: household has no column 'head'"),
    ("SELECT c.token FROM household h JOIN card c ON c.household_id = h.id", "c.token: card has no column 'token'"),
    ("INSERT INTO redemption_line (redemption_id, product_id, quantity, unit_price, point) VALUES (?, ?, ?, ?, ?)",
     "INSERT INTO redemption_line: no column 'point'"),
    ("INSERT INTO redemption_line (redemption_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)",
     "INSERT INTO redemption_line leaves out 'points', which the model requires"),
    ('UPDATE "household_balance" SET "earned" = ? WHERE "household_id" = ?',
     "UPDATE household_balance: no column 'earned'"),
    ("SELECT id, sku, title FROM product WHERE sku IN ({marks})", "'title' is no column of product"),
    ("SELECT x.id FROM households x", "table 'households' is no model's"),
])
def test_the_reader_names_a_column_the_models_do_not_have(sql, expected):
    assert expected in faults(sql, KNOWN)
