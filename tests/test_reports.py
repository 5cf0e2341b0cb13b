"""Reports: the monthly report, category trends and inspection completion, on screen data, .xlsx and PDF."""
from __future__ import annotations

import re
import subprocess

import pytest
from openpyxl import load_workbook

from pointsapp import clock
from pointsapp.models import EntryKind, EntryStatus, Household, LedgerEntry, Village
from pointsapp.printing.report_pdf import render_report_pdf
from pointsapp.services import periods
from pointsapp.services.ops import users
from pointsapp.errors import UserError
from pointsapp.services.reports.monthly import category_trends, export_xlsx, inspection_completion, monthly_report
from tests.dashboard_data import add_extra


def test_monthly_report_xlsx_has_a_chinese_header_and_the_ledger_totals(demo_db, tmp_path):
    today = clock.today()
    extra = add_extra(today)
    month = periods.month(today)
    report = monthly_report(actor=users.ensure_admin(), month=month)
    path = export_xlsx(report.table(), tmp_path / "月报.xlsx")

    sheet = load_workbook(path).active
    assert "月报" in sheet.cell(1, 1).value
    header = [c.value for c in sheet[2]]
    assert header == ["村", "户数", "参与户数", "参与率", "加分", "扣分", "兑换笔数", "兑换积分", "星级户",
                      "可用积分", "年底清零", "积分负债（元）", "库存成本（元）"]
    assert sheet.column_dimensions["A"].width >= 12
    village = Village.select().first()
    row = [c.value for c in sheet[3]]
    assert row[0] == village.name
    assert row[1] == Household.select().where(Household.status == Household.STATUS_ACTIVE).count()
    awards = sum(e.points for e in LedgerEntry.select()
                 if e.status == EntryStatus.EFFECTIVE and month.contains(e.occurred_on)
                 and (e.kind == EntryKind.AWARD or (e.kind == EntryKind.REVERSAL and e.earned and e.points < 0)))
    assert row[4] == awards
    assert row[6:9] == [extra.redemptions_this_month, extra.redeemed_points, 6]
    total = [c.value for c in sheet[4]]
    assert total[0] == "合计" and total[1] == row[1] and total[4] == row[4]
    # 积分负债: the households' available points, summed from the ledger rows themselves
    available = sum(e.points for e in LedgerEntry.select() if e.status == EntryStatus.EFFECTIVE)
    assert row[9] == total[9] == available > 0


def test_inspection_completion_finds_the_group_without_inspection_marks(demo_db, tmp_path):
    """A group counts as inspected by its households' marks from inspection items, whether saved as a sheet
    (a batch) or entered one by one as the demo does; only a group with neither is missing (issue 23: the
    report said 未检查 for every group while the grid showed their marks)."""
    from pointsapp.models import Group, Village

    today = clock.today()
    extra = add_extra(today)
    village = Village.select().first()
    Group.create(village=village, name="新设小组", sort_order=99)
    report = inspection_completion(actor=users.ensure_admin(), month=periods.month(today))
    assert [ln.group for ln in report.missing] == ["新设小组"]
    no_batch = next(ln for ln in report.lines if ln.group == extra.uninspected_group)
    assert no_batch.batches == 0 and no_batch.entries > 0 and no_batch.inspected  # marks entered one by one
    sheet = load_workbook(export_xlsx(report.table(), tmp_path / "检查.xlsx")).active
    status = {sheet.cell(r, 2).value: sheet.cell(r, 6).value for r in range(3, 3 + len(report.lines))}
    assert status["新设小组"] == "未检查" and status[extra.uninspected_group] == "已检查"
    assert list(status.values()).count("已检查") == len(report.lines) - 1
    # a month with no batches at all: every group is missing
    assert len(inspection_completion(actor=users.ensure_admin(), month=periods.parse("2001-01")).missing) \
        == len(report.lines)


def test_category_trends_add_up_to_the_years_earned_points(demo_db):
    today = clock.today()
    add_extra(today)
    report = category_trends(actor=users.ensure_admin(), year=today.year, today=today)
    assert len(report.months) == today.month
    year = periods.year(today.year)
    earned = sum(e.points for e in LedgerEntry.select()
                 if e.status == EntryStatus.EFFECTIVE and e.earned and year.contains(e.occurred_on) and e.category)
    table = report.table()
    assert table.rows[-1][0] == "合计" and table.rows[-1][-1] == earned
    with pytest.raises(UserError):
        category_trends(actor=users.ensure_admin(), year=today.year + 1, today=today)


def test_monthly_report_pdf_renders_and_names_every_village(demo_db, tmp_path):
    today = clock.today()
    add_extra(today)
    report = monthly_report(actor=users.ensure_admin(), month=periods.month(today))
    pdf = render_report_pdf(report, tmp_path / "report.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for village in Village.select():
        assert village.name in text
    assert "全镇积分工作月报" in text and re.search(r"第1页共\d页", text.replace(" ", ""))
    assert "各村加分与扣分" in text and "近12个月各类别积分趋势" in text
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_trends_and_inspection_reports_render_as_pdf(demo_db, tmp_path):
    today = clock.today()
    extra = add_extra(today)
    admin = users.ensure_admin()
    for name, report in (("t.pdf", category_trends(actor=admin, year=today.year, today=today)),
                         ("i.pdf", inspection_completion(actor=admin, month=periods.month(today)))):
        pdf = render_report_pdf(report, tmp_path / name)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert report.table().title.split("（")[0] in text
    assert "未检查" in text and extra.uninspected_group in text
