"""Reads the package's raw SQL statements and names every column that the peewee models do not have.

Raw SQL is kept where a benchmark case needs it (the till's scan, the ledger's append, the audit log's insert);
it spells out column lists that the models also define. This reader finds each statement written as a string
in ``pointsapp`` (constants, f-strings with their values left out, ``+``-joined pieces), resolves its tables
and aliases, and checks: every ``alias.column``; every column of an ``INSERT INTO table (…)``, and that the list
leaves out no column the model requires (NOT NULL without a default); every column an ``UPDATE … SET`` writes;
and, in a statement over one table, every bare word that is not SQL. It is a reader for the package's own
plain style of SQL, not a parser of SQL in general.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from peewee import AutoField, Model

from pointsapp import models

PACKAGE = Path(__file__).resolve().parent.parent / "pointsapp"
# tables outside the models: the migrations' own bookkeeping; a statement reading a catalogue (SQLite's, or
# PostgreSQL's pg_… and information_schema: accounts and rights) is about the database, not the models
NOT_MODELS = {"schema_version"}
CATALOGUE = re.compile(r"^(sqlite_|pg_|information_schema)")
SQL_WORDS = frozenset("""SELECT FROM WHERE AND OR NOT IN IS NULL JOIN LEFT INNER OUTER ON AS GROUP BY ORDER LIMIT
OFFSET INSERT INTO VALUES UPDATE SET DELETE CASE WHEN THEN ELSE END BETWEEN COALESCE SUM MAX MIN COUNT DISTINCT FOR
RETURNING TRUE FALSE ASC DESC LIKE EXISTS UNION ALL HAVING LOCK TABLE SHARE MODE ABS CAST INTEGER""".split())  # noqa: SIM905
STATEMENT = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM)\b", re.IGNORECASE)
TABLE_REF = re.compile(r'\b(?:FROM|JOIN|UPDATE|INTO)\s+"?(\w+)"?(?:\s+(?:AS\s+)?"?(\w+)"?)?', re.IGNORECASE)
QUALIFIED = re.compile(r'"?\b(\w+)"?\."?(\w+)"?')
INSERT = re.compile(r'INSERT INTO\s+"?(\w+)"?\s*\(([^)]*)\)', re.IGNORECASE)
UPDATE = re.compile(r'UPDATE\s+"?(\w+)"?\s+SET\s+(.*?)(?:\bWHERE\b|$)', re.IGNORECASE)
BARE_WORD = re.compile(r'(?<![\w.])"?([A-Za-z_]\w*)"?(?![\w.(])')
HOLE = " ? "  # where an f-string's value or a str.format field stood


def tables() -> dict[str, type[Model]]:
    found = {}
    for name in dir(models):
        obj = getattr(models, name)
        if isinstance(obj, type) and issubclass(obj, Model) and obj is not Model and obj._meta.table_name:
            found[obj._meta.table_name] = obj
    return found


def _columns(model: type[Model]) -> set[str]:
    return {f.column_name for f in model._meta.sorted_fields}


def _required(model: type[Model]) -> set[str]:
    return {f.column_name for f in model._meta.sorted_fields
            if not f.null and f.default is None and not isinstance(f, AutoField)}


@dataclass(frozen=True)
class Statement:
    path: Path
    line: int
    sql: str
    root: Path = PACKAGE

    def module(self) -> str:
        """The module's path from the package's folder, e.g. ``pointsapp/services/register/sql.py``."""
        return self.path.relative_to(self.root.parent).as_posix()

    def where(self) -> str:
        return f"{self.module()}:{self.line}"


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def statements(root: Path = PACKAGE) -> list[Statement]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = _text(node)
            if text and STATEMENT.match(text):
                found.append(Statement(path, node.lineno, text, root))
    return found


def faults(sql: str, known: dict[str, type[Model]]) -> list[str]:
    """What in ``sql`` the models do not have; empty when every table and column is theirs."""
    flat = re.sub(r"\{\w*\}", HOLE, re.sub(r"\s+", " ", sql))
    out: list[str] = []
    aliases: dict[str, str] = {}
    if any(CATALOGUE.match(table) for table, _alias in TABLE_REF.findall(flat)):
        return []
    for table, alias in TABLE_REF.findall(flat):
        if table.upper() in SQL_WORDS or table in NOT_MODELS:
            continue
        if table not in known:
            out.append(f"table {table!r} is no model's")
            continue
        aliases[table] = table
        if alias and alias.upper() not in SQL_WORDS:
            aliases[alias] = table
    for alias, column in QUALIFIED.findall(flat):
        if alias in aliases and column not in _columns(known[aliases[alias]]):
            out.append(f"{alias}.{column}: {aliases[alias]} has no column {column!r}")
    insert = INSERT.search(flat)
    if insert and insert.group(1) in known and insert.group(2).strip() != "?":
        model = known[insert.group(1)]
        listed = {c.strip().strip('"') for c in insert.group(2).split(",")}
        out += [f"INSERT INTO {insert.group(1)}: no column {c!r}" for c in sorted(listed - _columns(model))]
        out += [f"INSERT INTO {insert.group(1)} leaves out {c!r}, which the model requires"
                for c in sorted(_required(model) - listed)]
    update = UPDATE.search(flat)
    if update and update.group(1) in known:
        for column in re.findall(r'"?(\w+)"?\s*=', update.group(2)):
            if column.upper() not in SQL_WORDS and column not in _columns(known[update.group(1)]):
                out.append(f"UPDATE {update.group(1)}: no column {column!r}")
    if len(set(aliases.values())) == 1:
        (table,) = set(aliases.values())
        for word in BARE_WORD.findall(re.sub(r"'[^']*'", "", flat)):
            if word.upper() not in SQL_WORDS and word not in aliases and word not in _columns(known[table]):
                out.append(f"{word!r} is no column of {table}")
    return sorted(set(out))


def tables_named(sql: str, known: dict[str, type[Model]]) -> set[str]:
    """The models' tables ``sql`` names (a table left as a hole, ``{table}``, is none)."""
    flat = re.sub(r"\{\w*\}", HOLE, re.sub(r"\s+", " ", sql))
    return {table for table, _alias in TABLE_REF.findall(flat) if table in known}


def misplaced(allowed: set[str], known: dict[str, type[Model]], root: Path = PACKAGE) -> list[str]:
    """Where a statement naming a model's table is written outside the ``allowed`` modules (paths as
    ``Statement.module`` gives them), with the tables it names."""
    return sorted({f"{s.where()} ({', '.join(sorted(tables_named(s.sql, known)))})" for s in statements(root)
                   if s.module() not in allowed and tables_named(s.sql, known)})
