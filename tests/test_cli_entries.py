"""The entries, rules, ranking, expiry and export commands, run as a user would."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from pointsapp.db import close_database, open_database
from pointsapp.models import LedgerEntry, Village
from pointsapp.services.auth import Role
from tests.cli_helpers import run_cli
from tests.conftest import admin_with_password, make_actor


def _setup(db_path):
    """A one-village reviewed database with a scorer and a reviewer."""
    from tests.scoring_helpers import make_village

    open_database(db_path)
    admin = admin_with_password()
    make_village(admin, households=3, workflow=Village.WORKFLOW_REVIEWED)
    make_actor(Role.SCORER, "luru", "录入员")
    make_actor(Role.REVIEWER, "shenhe", "审核员")
    close_database()


def test_rules_list_as_json(db_path):
    _setup(db_path)
    out = run_cli("rules", "list", "--json", db=db_path)
    assert out.returncode == 0, out.stderr
    rules = {r["code"]: r for r in json.loads(out.stdout)}
    assert rules["HY01"]["inspection_item"] and rules["LW03"]["is_veto"] and rules["PA01"]["cap"] == 60


def test_enter_review_notice_object_and_close_from_the_command_line(db_path, tmp_path):
    _setup(db_path)
    add = run_cli("entries", "add", "--household", "T1001", "--rule", "PA03",
                  "--date", "2026-11-02", "--note", "修水渠", db=db_path, user="luru")
    assert add.returncode == 0, add.stderr
    assert "待审核" in add.stdout
    second = run_cli("entries", "add", "--household", "T1002", "--rule", "PA01",
                     "--date", "2026-11-02", db=db_path, user="luru")
    open_database(db_path)
    ids = [e.id for e in LedgerEntry.select().order_by(LedgerEntry.id)]
    close_database()
    own = run_cli("entries", "review", str(ids[0]), "--approve", db=db_path, user="luru")
    assert own.returncode == 1 and "权限" in own.stderr
    ok = run_cli("entries", "review", *map(str, ids), "--approve", db=db_path, user="shenhe")
    assert ok.returncode == 0 and "2 条" in ok.stdout, ok.stderr + second.stderr
    notice = run_cli("entries", "notice", "--start", "2026-11-03", db=db_path, user="shenhe")
    assert "2026-11-09" in notice.stdout, notice.stderr
    objection = run_cli("entries", "objection", "add", str(ids[1]), "--by", "村民甲", "--content", "没去",
                        "--date", "2026-11-04", db=db_path)
    assert objection.returncode == 0, objection.stderr
    upheld = run_cli("entries", "objection", "uphold", "1", "--reason", "核实属实", db=db_path, user="shenhe")
    assert "已冲正" in upheld.stdout, upheld.stderr
    closed = run_cli("entries", "close-notice", "--today", "2026-11-10", db=db_path, user="shenhe")
    assert "1 条记录生效" in closed.stdout, closed.stderr  # the upheld one took effect with its reversal
    ranking = run_cli("ranking", "--period", "2026-11", "--format", "json", db=db_path)
    totals = {r["household_no"]: r["total"] for r in json.loads(ranking.stdout)}
    assert totals == {"T1001": 10, "T1002": 0, "T1003": 0}
    assert run_cli("check", db=db_path).returncode == 0

    xlsx = tmp_path / "ledger.xlsx"
    export = run_cli("export", "ledger", str(xlsx), db=db_path)
    assert export.returncode == 0, export.stderr
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0][7] == "类型" and len(rows) == 1 + 3
    kinds = [r[7] for r in rows[1:]]
    assert kinds == ["加分", "加分", "冲正"]
    assert rows[1][18] == "录入员" and rows[1][20] == "审核员" and len(rows[1][24]) == 64


def test_bad_input_is_one_chinese_line(db_path):
    _setup(db_path)
    out = run_cli("entries", "add", "--household", "NOPE", "--rule", "PA01", db=db_path)
    assert out.returncode == 1 and "找不到户号" in out.stderr
    out = run_cli("expiry", "run", "--cutoff", "2026-01-31", db=db_path)
    assert out.returncode == 1 and "不清零" in out.stderr
    out = run_cli("entries", "reverse", "999", "--reason", "x", db=db_path)
    assert out.returncode == 1 and "找不到积分记录" in out.stderr
