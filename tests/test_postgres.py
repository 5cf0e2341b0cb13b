"""Several stations on one PostgreSQL server: moving a village there, same answers on both backends."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from pointsapp.db import close_database, open_database
from pointsapp.models import ALL_MODELS, LedgerEntry
from pointsapp.services import periods
from pointsapp.services.ops import check
from pointsapp import demo
from pointsapp.services.scoring import rankings
from pointsapp.services.scoring import statements
from pointsapp.services.ops import users
from tests.cli_helpers import run_cli

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg(pg_server, pg_template):
    if not pg_server.url:
        pytest.skip(pg_server.reason)
    made = []

    def fresh(name: str, template: bool = False) -> str:
        made.append(name)
        return pg_server.create_database(name, template=pg_template if template else None)

    yield fresh
    close_database()
    for name in made:
        pg_server.drop_database(name)


def _snapshot():
    actor = users.ensure_admin()
    year = periods.parse("2026")
    ranking = rankings.ranking(actor=actor, period=year, village_id=1)
    rows = [(r.rank, r.household_no, r.head_name, r.group, r.by_category, r.total, r.awards, r.deductions)
            for r in ranking.rows]
    statement = statements.household_statement(actor=actor, household_id=3, period=year)
    lines = [(line.seq, line.points, line.earned_balance, line.available_balance) for line in statement.lines]
    counts = {m._meta.table_name: m.select().count() for m in ALL_MODELS}
    return rows, lines, statement.chain_head, counts


def test_same_demo_gives_identical_rankings_and_checks_on_both_backends(tmp_path, pg):
    today = dt.date(2026, 11, 20)
    results = []
    for target in (str(tmp_path / "v.db"), pg("pointsapp_same_demo")):
        open_database(target)
        demo.generate(households=80, villages=1, seed=11, today=today)
        assert check.run_checks() == []
        results.append(_snapshot())
        close_database()
    assert results[0] == results[1]
    assert len(results[0][0]) == 80


def test_sqlite_village_moves_to_postgres_and_back_with_nothing_lost(tmp_path, pg):
    source = tmp_path / "village.db"
    assert run_cli("demo", "--households", "60", "--seed", "4", db=source).returncode == 0
    url = pg("pointsapp_moved")
    moved = run_cli("migrate-to", url, db=source)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert "校验通过" in moved.stdout
    checked = run_cli("check", db=url)
    assert checked.returncode == 0, checked.stdout
    original = json.loads(run_cli("households", "list", "--format", "json", db=source).stdout)
    copied = json.loads(run_cli("households", "list", "--format", "json", db=url).stdout)
    assert copied == original
    # the copy keeps working: new rows get fresh ids (sequences were reset)
    open_database(url)
    before = LedgerEntry.select().count()
    from pointsapp.services.scoring.ledger import EntryDraft, append

    entry = LedgerEntry.get(LedgerEntry.id == 1)
    append([EntryDraft(household_id=entry.household_id, village_id=entry.village_id, kind="award", points=5,
                       occurred_on=dt.date(2026, 11, 1), rule_id=entry.rule_id, category_id=entry.category_id)],
           created_by=users.ensure_admin().user_id)
    assert LedgerEntry.select().count() == before + 1
    assert check.run_checks() == []
    close_database()
    back = tmp_path / "back.db"
    returned = run_cli("migrate-to", str(back), db=url)
    assert returned.returncode == 0, returned.stdout + returned.stderr
    assert run_cli("check", db=back).returncode == 0


def test_migrating_into_a_database_that_has_data_is_refused(tmp_path, pg):
    source = tmp_path / "village.db"
    assert run_cli("demo", "--households", "10", db=source).returncode == 0
    url = pg("pointsapp_busy")
    assert run_cli("demo", "--households", "5", db=url).returncode == 0
    result = run_cli("migrate-to", url, db=source)
    assert result.returncode == 1
    assert "不是空的" in result.stderr


def test_unreachable_server_is_one_clear_line(tmp_path):
    result = run_cli("check", db="postgresql://postgres@127.0.0.1:1/nowhere")
    assert result.returncode == 1
    assert result.stderr.startswith("错误：无法打开数据库") and "Traceback" not in result.stderr
