"""Every raw SQL statement in the package names only tables and columns the peewee models have, and is written in
its subject's one raw-SQL module (issue 20).

The raw statements (the till's scan, the ledger's append, the audit insert) repeat column lists the models
define; a field renamed or added as required in a model and not in the statement fails here, not at the till.
Raw SQL is kept only where a benchmark case needs it (bench/cases*.py), one module per subject; everything else
is peewee, and the database's housekeeping (PRAGMAs, advisory locks) sits behind ``pointsapp/db/sql.py``."""
from __future__ import annotations

import ast
import textwrap

import pytest

from tests.raw_sql import PACKAGE, faults, misplaced, statements, tables, tables_named

KNOWN = tables()
FOUND = statements()

# The only modules that may write a statement naming a model's table, one per subject, and why each is raw.
RAW_SQL_MODULES = {
    # a batch of 1,000 marks and every append (bench: batch entry, redemption): long IN lists and multi-row
    # inserts that peewee took longer to build than to run; the fingerprint's read of millions of hashes
    "pointsapp/services/scoring/sql.py": "scoring",
    # the till's card scan (bench: card scan), one statement for household, card, balances and stars
    "pointsapp/services/register/sql.py": "register",
    # a redemption's reads and writes (bench: redemption)
    "pointsapp/services/shop/redemption_sql.py": "shop",
    # the audit row every change writes, at the till too (bench: redemption, batch entry)
    "pointsapp/services/audit.py": "audit",
    # the signing chain every append and till write extends (bench: batch entry, redemption)
    "pointsapp/services/signing/writes.py": "signing",
    # the dashboard's figures of a month from what the database keeps (bench: pages, 首页 first show): peewee's
    # building of its twenty statements took as long as running them
    "pointsapp/services/reports/sql.py": "reports",
    # a backup file's backup_dir setting, read through a bare read-only sqlite3 connection before anything is
    # opened on it (no peewee database exists for that file): not a benchmark case, but not the open database
    "pointsapp/services/ops/recovery.py": "ops",
}


def test_the_package_has_raw_statements_to_read():
    # the reader finds the statements it exists for; if they all moved, this test needs a new look
    where = {s.module() for s in FOUND}
    assert {"pointsapp/services/register/sql.py", "pointsapp/services/shop/redemption_sql.py",
            "pointsapp/services/audit.py", "pointsapp/services/scoring/sql.py"} <= where


def test_raw_sql_over_the_models_is_written_only_in_its_subjects_one_module():
    assert misplaced(set(RAW_SQL_MODULES), KNOWN) == []


def test_every_allowed_module_still_holds_raw_sql_and_each_subject_has_one():
    # a module whose statements all became peewee leaves the list; a second module of a subject is not added
    holding = {s.module() for s in FOUND if tables_named(s.sql, KNOWN)}
    assert holding == set(RAW_SQL_MODULES)
    assert len(set(RAW_SQL_MODULES.values())) == len(RAW_SQL_MODULES)


def _package(tmp_path, files: dict[str, str]):
    root = tmp_path / "pointsapp"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_a_statement_over_a_model_outside_the_allowed_modules_is_named(tmp_path):
    root = _package(tmp_path, {
        "services/scoring/sql.py": """
            _HEADS = "SELECT household_id, available FROM household_balance WHERE household_id IN ({marks})"
        """,
        "services/scoring/ledger.py": """
            def heads(db, p):
                return db.execute_sql(f'SELECT "last_seq" FROM "household_balance" WHERE "household_id" = {p}')
        """,
        "services/ops/tidy.py": """
            SQL = "UPDATE product SET stock = 0 WHERE id = ?"
            CATALOGUE = "SELECT name FROM sqlite_master WHERE type = 'table'"
            BUILT = 'INSERT INTO "{table}" ({columns}) VALUES (?)'
        """,
    })
    found = misplaced({"pointsapp/services/scoring/sql.py"}, KNOWN, root)
    assert found == ["pointsapp/services/ops/tidy.py:2 (product)",
                     "pointsapp/services/scoring/ledger.py:3 (household_balance)"]
    # a catalogue read and a statement whose table is a hole name no model's table: housekeeping, not a duplicate
    assert misplaced({"pointsapp/services/scoring/sql.py", "pointsapp/services/scoring/ledger.py"}, KNOWN,
                     root) == ["pointsapp/services/ops/tidy.py:2 (product)"]


def _reads_of_the_parameter_style(root):
    found = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "param" and not module.startswith("pointsapp/db/"):
                found.append(f"{module}:{node.lineno}")
    return found


def test_statements_are_put_in_the_parameter_style_in_one_place():
    # db.sql.in_style builds and keeps every statement per parameter style; no module keeps a cache of its own
    assert _reads_of_the_parameter_style(PACKAGE) == []


def test_a_module_reading_the_parameter_style_itself_is_named(tmp_path):
    root = _package(tmp_path, {"services/shop/till.py": """
        _built = {}
        def sql(db, template):
            return _built.setdefault(db.param, template.replace("?", db.param))
    """, "db/sql.py": "def in_style(db):\n    return db.param\n"})
    assert _reads_of_the_parameter_style(root) == ["pointsapp/services/shop/till.py:4"] * 2


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
