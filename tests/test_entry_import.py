"""积分录入表: the template a group's month is filled in on, imported with every fault named by its row and nothing
written on any fault; the entries it writes go through review as typed ones do. Both backends."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from pointsapp.errors import UserError
from pointsapp.models import AuditLog, Batch, EntryStatus, LedgerEntry, Village
from pointsapp.services.auth import Role
from pointsapp.services.scoring import entry_import, entry_sheet, review
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)


def _group(village, n=0):
    return list(village.groups.order_by(village.groups.model.sort_order))[n]


def _template(admin, village, tmp_path, period="2026-10", group=0):
    path = tmp_path / f"录入表-{period}-{group}.xlsx"
    entry_sheet.write_template(actor=admin, group_id=_group(village, group).id, period_code=period, path=path)
    return path


def _column(grid, code: str) -> int:
    header = [c.value for c in grid[entry_sheet.GRID_HEADER_ROW]]
    return next(i for i, text in enumerate(header, start=1) if text and str(text).split()[0] == code)


def _row(grid, household_no: str) -> int:
    return next(r for r in range(entry_sheet.GRID_HEADER_ROW + 1, grid.max_row + 1)
                if grid.cell(r, 1).value == household_no)


def _fill(path, grid_marks=(), lines=()):
    book = openpyxl.load_workbook(path)
    grid, listing = book[entry_sheet.GRID_SHEET], book[entry_sheet.LIST_SHEET]
    for household_no, code, value in grid_marks:
        grid.cell(_row(grid, household_no), _column(grid, code)).value = value
    for i, values in enumerate(lines):
        for j, value in enumerate(values, start=1):
            listing.cell(entry_sheet.GRID_HEADER_ROW + 1 + i, j).value = value
    book.save(path)


def _import(admin, village, path, group=0, **kw):
    return entry_import.import_entries(actor=admin, group_id=_group(village, group).id, period_code="2026-10",
                                       path=path, today=TODAY, **kw)


def test_the_template_lists_the_groups_households_and_the_villages_rules(admin, tmp_path):
    village = make_village(admin, households=4, groups=2)
    path = _template(admin, village, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["检查表", "明细", "细则"]
    grid = book["检查表"]
    numbers = [grid.cell(r, 1).value for r in range(entry_sheet.GRID_HEADER_ROW + 1, grid.max_row + 1)]
    assert numbers == ["T1001", "T1003"]  # 1组 only
    assert "测试村1组" in grid.cell(1, 1).value and "2026年10月" in grid.cell(1, 1).value
    header = [c.value for c in grid[entry_sheet.GRID_HEADER_ROW]]
    assert header[:3] == ["户号", "户主", "HY01 庭院整洁、物品摆放有序（月度检查）（+5）"]
    assert {str(h).split()[0] for h in header[2:]} >= {"HY01", "PA01", "LW03"}
    assert [c.value for c in book["明细"][entry_sheet.GRID_HEADER_ROW]] == entry_sheet.LIST_HEADER


def test_a_filled_sheet_becomes_one_batch_waiting_for_review_like_typed_entries(admin, actor_of, tmp_path):
    village = make_village(admin, households=4, groups=2, workflow=Village.WORKFLOW_REVIEWED)
    path = _template(admin, village, tmp_path)
    _fill(path, grid_marks=[("T1001", "HY01", "√"), ("T1001", "HY02", 1), ("T1003", "PA01", 2)],
          lines=[("T1003", "户主3", "CV02", dt.datetime(2026, 10, 8), "调解邻里纠纷"),
                 ("T1001", None, "HY05", "2026/10/12", None)])
    preview = _import(admin, village, path, dry_run=True)
    assert preview.ok and (preview.entries, preview.points, preview.households) == (6, 5 + 3 + 10 + 5 - 3, 2)
    assert LedgerEntry.select().count() == 0  # a check writes nothing
    result = _import(admin, village, path)
    assert result.ok and result.written and result.status == EntryStatus.ENTERED
    rows = list(LedgerEntry.select().order_by(LedgerEntry.id))
    assert sorted((r.household.household_no, r.rule.code, r.occurred_on, r.status) for r in rows) == sorted([
        ("T1001", "HY01", dt.date(2026, 10, 31), "entered"), ("T1001", "HY02", dt.date(2026, 10, 31), "entered"),
        ("T1003", "PA01", dt.date(2026, 10, 31), "entered"), ("T1003", "PA01", dt.date(2026, 10, 31), "entered"),
        ("T1003", "CV02", dt.date(2026, 10, 8), "entered"), ("T1001", "HY05", dt.date(2026, 10, 12), "entered")])
    assert {r.batch_id for r in rows} == {result.batch_id}
    assert Batch.get_by_id(result.batch_id).group_id == _group(village).id
    assert next(r for r in rows if r.rule.code == "CV02").note == "调解邻里纠纷"
    assert AuditLog.select().where(AuditLog.action == "batch.import").count() == 1
    # the reviewer approves them as any typed entry
    review.review(actor=actor_of(Role.REVIEWER), entry_ids=[r.id for r in rows], approve=True)
    assert {e.status for e in LedgerEntry.select()} == {EntryStatus.REVIEWED}


def test_every_fault_is_listed_by_row_and_nothing_is_written(admin, tmp_path):
    village = make_village(admin, households=4, groups=2)
    path = _template(admin, village, tmp_path)
    _fill(path, grid_marks=[("T1001", "HY01", 2),          # a monthly rule twice in the month
                            ("T1003", "HY02", "好"),        # a mark nobody can read
                            ("T1003", "PA01", "√")],        # fine alone
          lines=[("T9999", None, "PA01", None, None),       # no such household
                 ("T1002", None, "PA01", None, None),       # another group's household
                 ("T1001", "张三", "PA01", None, None),      # the head does not match: a shifted row
                 ("T1001", None, "ZZ99", None, None),       # no such rule
                 ("T1001", None, "PA01", "2026-09-30", None),  # outside the month
                 ("T1001", None, "PA01", "明天", None),      # a date nobody can read
                 ("T1001", None, None, None, "只有说明")])     # a rule missing
    result = _import(admin, village, path)
    assert not result.ok and not result.written
    lines = result.fault_lines()
    grid_row = 4  # T1001 is the first household under the header
    expected = [f"检查表 第 {grid_row + 1} 行", "明细 第 4 行", "明细 第 5 行", "明细 第 6 行", "明细 第 7 行",
                "明细 第 8 行", "明细 第 9 行", "明细 第 10 行", f"检查表 第 {grid_row} 行"]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    text = "\n".join(lines)
    for words in ("看不懂", "T9999", "不在1组", "张三", "ZZ99", "不在 2026年10月", "明天", "每月只能一次"):
        assert words in text, (words, text)
    assert LedgerEntry.select().count() == 0 and Batch.select().count() == 0
    assert result.summary().startswith("发现 9 处问题")


def test_a_sheet_for_another_group_or_month_is_refused(admin, tmp_path):
    village = make_village(admin, households=4, groups=2)
    path = _template(admin, village, tmp_path, group=1)
    _fill(path, grid_marks=[("T1002", "HY01", "√")])
    result = _import(admin, village, path, group=0)
    assert not result.ok and "2组" in result.fault_lines()[0] and LedgerEntry.select().count() == 0


def test_a_csv_list_imports_and_a_damaged_file_is_refused_in_one_sentence(admin, tmp_path):
    village = make_village(admin, households=2)
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("户号,细则代码,日期,说明\nT1001,PA03,2026-10-03,修水渠\nT1002,PA02,,\n", encoding="utf-8")
    result = _import(admin, village, csv_path)
    assert result.ok and result.entries == 2 and result.status == EntryStatus.EFFECTIVE
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a workbook at all")
    with pytest.raises(UserError, match="不是有效的 Excel 文件"):
        _import(admin, village, fake)
    hidden = tmp_path / "hidden.csv"
    hidden.write_text("户号,细则代码,说明\nT1001,PA01,好\u202e人\n", encoding="utf-8")
    refused = _import(admin, village, hidden)
    assert not refused.ok and "看不见的格式字符" in refused.fault_lines()[0]


def test_a_veto_imported_in_a_simple_village_withdraws_the_stars_as_a_typed_one(admin, tmp_path):
    from pointsapp.models import Star, StarAward
    from tests.star_helpers import applied_evaluation

    village = make_village(admin, households=2)
    h = household(village, 1)
    applied_evaluation(village.id, "2025", [(h, s) for s in Star.select().where(Star.village == village)],
                       admin.user_id)
    path = _template(admin, village, tmp_path)
    _fill(path, lines=[("T1001", None, "LW03", "2026-10-09", "违法建设")])
    assert _import(admin, village, path).ok
    assert StarAward.select().where(StarAward.household == h, StarAward.withdrawn_at.is_null()).count() == 0
    assert rule(village, "LW03").is_veto


def test_template_and_import_from_the_command_line(db, db_target, admin, tmp_path):
    import json

    from tests.cli_helpers import run_cli

    village = make_village(admin, households=4, groups=2)
    out = tmp_path / "sheet.xlsx"
    made = run_cli("entries", "template", "--group", "1组", "--month", "2026-10", "--out", str(out), db=db_target)
    assert made.returncode == 0 and "2 户" in made.stdout, made.stderr
    _fill(out, grid_marks=[("T1001", "HY01", "√"), ("T1003", "HY02", "错")])
    refused = run_cli("entries", "import", str(out), "--group", "1组", "--month", "2026-10", db=db_target)
    assert refused.returncode == 1 and "检查表 第 5 行" in refused.stdout and "没有导入" in refused.stdout
    assert LedgerEntry.select().count() == 0
    _fill(out, grid_marks=[("T1003", "HY02", None)])
    checked = run_cli("entries", "import", str(out), "--group", "1", "--month", "2026-10", "--check", "--json",
                      db=db_target)
    assert checked.returncode == 0 and json.loads(checked.stdout)["entries"] == 1
    assert LedgerEntry.select().count() == 0
    done = run_cli("entries", "import", str(out), "--group", "1组", "--month", "2026-10", db=db_target)
    assert done.returncode == 0 and "已导入 1 户 1 条" in done.stdout, done.stdout + done.stderr
    assert [e.rule.code for e in LedgerEntry.select()] == ["HY01"] and village.id


def test_faults_are_in_english_when_english_is_chosen(english, admin, tmp_path):
    village = make_village(admin, households=2)
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("户号,细则代码,日期\nT1009,PA03,2026-10-03\nT1001,PA03,someday\n", encoding="utf-8")
    result = _import(admin, village, csv_path)
    assert result.fault_lines() == ['明细 row 2: 测试村 has no household number "T1009".',
                                    '明细 row 3: Cannot read the date "someday"; write it as 2026-10-05.']
    assert result.summary() == "2 problem(s) found; no entry was imported."
