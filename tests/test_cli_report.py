"""``pointsapp report …`` and ``pointsapp dashboard`` in a real process."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.services.ops import users
from pointsapp.services.reports.dashboard import as_dict, dashboard
from tests.cli_helpers import run_cli
from tests.dashboard_data import add_extra


@pytest.fixture
def demo_file(tmp_path):
    db = tmp_path / "demo.db"
    made = run_cli("demo", "--households", "50", "--seed", "4", db=db)
    assert made.returncode == 0, made.stderr
    open_database(str(db))
    extra = add_extra(clock.today())
    expected = as_dict(dashboard(actor=users.ensure_admin()))
    close_database()
    return db, extra, expected


def test_dashboard_command_prints_the_same_figures_as_the_service(demo_file):
    db, extra, expected = demo_file
    result = run_cli("dashboard", "--json", db=db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(json.dumps(expected, ensure_ascii=False))
    table = run_cli("dashboard", db=db)
    assert table.returncode == 0, table.stderr
    assert f"在册户数      {expected['households']}" in table.stdout
    assert "食用盐（剩 2）" in table.stdout


def test_monthly_report_saves_xlsx_and_pdf(demo_file, tmp_path):
    db, extra, expected = demo_file
    month = f"{clock.today():%Y-%m}"
    xlsx = tmp_path / "月报.xlsx"
    result = run_cli("report", "monthly", "--month", month, "--out", str(xlsx), db=db)
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(xlsx).active
    assert sheet.cell(2, 1).value == "村"
    assert sheet.cell(3, 2).value == expected["households"]
    assert sheet.cell(3, 5).value == expected["awarded"]
    pdf = tmp_path / "月报.pdf"
    assert run_cli("report", "monthly", "--month", month, "--out", str(pdf), db=db).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_inspections_report_names_the_uninspected_group(demo_file):
    """A group counts as inspected by its households' marks, batched or entered one by one (issue 23)."""
    from pointsapp.models import Group, Village

    db, extra, _expected = demo_file
    open_database(str(db))
    Group.create(village=Village.select().first(), name="新设小组", sort_order=99)  # no marks this month
    close_database()
    result = run_cli("report", "inspections", "--month", f"{clock.today():%Y-%m}", "--json", db=db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["rows"]
    assert [r["小组"] for r in rows if r["状态"] == "未检查"] == ["新设小组"]
    assert {r["小组"]: r["状态"] for r in rows}[extra.uninspected_group] == "已检查"


def test_trends_report_prints_a_table_and_bad_input_is_one_chinese_line(demo_file):
    db, _extra, _expected = demo_file
    result = run_cli("report", "trends", "--year", str(clock.today().year), db=db)
    assert result.returncode == 0, result.stderr
    assert "环境卫生" in result.stdout and "合计" in result.stdout
    bad = run_cli("report", "monthly", "--month", "2026-Q3", db=db)
    assert bad.returncode == 1 and bad.stderr.startswith("错误：") and bad.stderr.count("\n") == 1
    wrong = run_cli("report", "monthly", "--month", "2026-10", "--out", "x.txt", db=db)
    assert wrong.returncode == 1 and ".xlsx" in wrong.stderr
    unknown = run_cli("dashboard", "--village", "没有这个村", db=db)
    assert unknown.returncode == 1 and "没有这个村" in unknown.stderr
