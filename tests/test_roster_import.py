"""Importing the roster village offices keep: the sample imports, faults are named by row, re-import adds nothing."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from pointsapp.models import AuditLog, Household, HouseholdTag, Member, Village
from pointsapp.services.register import idnumber
from pointsapp.services.exports import roster as roster_export
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied
from pointsapp.services.register.roster_import import import_roster
from tests.cli_helpers import new_database, run_cli

DATA = Path(__file__).parent / "data"  # copies of shared/data: the roster a village office really keeps
SAMPLE = DATA / "roster-sample.xlsx"
EXPECTED = json.loads((DATA / "roster-sample.expected.json").read_text(encoding="utf-8"))
HEADER = ["序号", "组别", "户号", "户主姓名", "与户主关系", "姓名", "性别", "身份证号码", "联系电话", "家庭住址", "备注"]


def ident(n: int, born: dt.date = dt.date(1970, 1, 1)) -> str:
    return idnumber.make("610124", born, n)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def write_roster(path: Path, people: list[list], header: list[str] = HEADER) -> Path:
    """An office-style sheet: title, note, header, people (with a blank row and a totals row at the end)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["柳溪村村民花名册（2026年）"])
    ws.append(["填报单位：柳溪村村民委员会", None, None, None, None, None, None, None, "填报日期：", "2026-11-20"])
    ws.append(header)
    for row in people:
        ws.append(row)
    ws.append([])
    ws.append(["合计", None, None, None, None, f"{len(people)}人"])
    wb.save(path)
    return path


def good_people() -> list[list]:
    return [
        [1, "1组", "0001", "张三丰", "户主", "张三丰", "男", ident(11), "13800000001", "1组1号", ""],
        [2, "1组", "0001", "张三丰", "配偶", "李 秀英", "女", ident(12), "", "1组1号", ""],
        [3, "２组", full_width("0002"), "王五", "户主", " 王五 ", "男", full_width(ident(21)), " 139 0000 0002", "", ""],
        [4, "2组", "0002", "王五", "长女", "王小红", "女", ident(22, dt.date(2001, 5, 5)).lower(), "", "", ""],
    ]


def counts() -> tuple[int, int]:
    return Household.select().count(), Member.select().count()


def test_sample_roster_imports_with_the_expected_counts(admin):
    result = import_roster(actor=admin, path=SAMPLE)
    assert result.fault_lines() == EXPECTED["faults"]
    assert result.written and result.village_created and result.village == "东村"
    assert (result.households_created, result.people_created) == (EXPECTED["households"], EXPECTED["people"])
    assert counts() == (EXPECTED["households"], EXPECTED["people"])
    heads = Member.select().where(Member.is_head == True).count()  # noqa: E712
    assert heads == EXPECTED["households"]
    first = Household.get(Household.household_no == "0001")
    assert first.head_name == "何海" and first.group.name == "1组" and first.phone == "19846885253"


def test_reimporting_the_same_roster_adds_and_changes_nothing(admin):
    import_roster(actor=admin, path=SAMPLE)
    before = counts()
    again = import_roster(actor=admin, path=SAMPLE)
    assert again.ok and again.written
    assert (again.households_created, again.households_updated, again.households_unchanged) == (0, 0, 40)
    assert (again.people_created, again.people_updated, again.people_removed) == (0, 0, 0)
    assert counts() == before


def test_reimport_updates_changed_members_and_moves_nobody_twice(admin, tmp_path):
    path = write_roster(tmp_path / "r.xlsx", good_people())
    import_roster(actor=admin, path=path)
    people = good_people()
    people[1][5] = "李秀兰"          # the spouse's name corrected
    people[3][8] = "13700000004"     # a phone added
    people.append([5, "2组", "0002", "王五", "长子", "王小明", "男", ident(23, dt.date(2005, 1, 1)), "", "", ""])
    result = import_roster(actor=admin, path=write_roster(tmp_path / "r2.xlsx", people))
    assert result.ok, result.fault_lines()
    assert (result.households_created, result.households_updated) == (0, 2)
    assert (result.people_created, result.people_updated, result.people_unchanged) == (1, 2, 2)
    assert counts() == (2, 5)
    assert Member.get(Member.id_number == ident(12)).name == "李秀兰"
    assert "lxl" in Household.get(Household.household_no == "0001").search_key


def test_full_width_digits_stray_spaces_blank_and_totals_rows_are_cleaned(admin, tmp_path):
    result = import_roster(actor=admin, path=write_roster(tmp_path / "r.xlsx", good_people()))
    assert result.ok, result.fault_lines()
    assert (result.households, result.people) == (2, 4)
    wang = Member.get(Member.name == "王五")
    assert wang.id_number == ident(21) and wang.phone == "13900000002" and wang.is_head
    assert wang.household.household_no == "0002" and wang.household.group.name == "2组"
    assert Member.get(Member.name == "李秀英").id_number == ident(12)
    assert Member.get(Member.name == "王小红").id_number == ident(22, dt.date(2001, 5, 5)).upper()
    assert Village.get().name == "柳溪村"


def wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def faulty_people() -> list[list]:
    return [
        [1, "1组", "0001", "张三丰", "户主", "张三丰", "男", ident(11), "13800000001", "", ""],        # row 4 fine
        [2, "1组", "0001", "张三丰", "配偶", "李秀英", "女", 6.10124197001011e17, "", "", ""],          # row 5 number
        [3, "1组", "0001", "张三丰", "长子", "张君宝", "男", wrong_check_digit(ident(13)), "", "", ""],  # row 6 check digit
        [4, "1组", "0001", "张三丰", "长女", "张翠山", "女", ident(11), "", "", ""],                    # row 7 same ID
        [5, "1组", "0002", "王五", "配偶", "", "女", ident(31), "", "", ""],                            # row 8 no name
        [6, "1组", "0003", "赵六", "配偶", "钱七", "女", ident(41), "", "", ""],                        # row 9 no head
        [7, "1组", "0004", "孙八", "户主", "孙八", "男", ident(51), "", "", ""],                        # row 10
        [8, "1组", "0004", "孙八", "户主", "孙九", "男", ident(53), "1380000", "", ""],                 # row 11 2 heads, phone
        [9, "1组", "0002", "王五", "户主", "王五", "男", ident(33), "", "", ""],                        # row 12 fine
    ]


def test_a_roster_with_every_kind_of_fault_is_refused_by_row_and_nothing_is_written(admin, tmp_path):
    path = write_roster(tmp_path / "bad.xlsx", faulty_people())
    audit_before = AuditLog.select().count()
    result = import_roster(actor=admin, path=path)
    lines = result.fault_lines()
    assert not result.written
    expected = {
        5: "Excel 转成了数字", 6: "校验位不正确", 7: "与第 4 行重复", 8: "缺少姓名", 9: "没有户主",
        11: "有两位户主",
    }
    for row, words in expected.items():
        assert any(line.startswith(f"第 {row} 行：") and words in line for line in lines), (row, lines)
    assert any(line.startswith("第 11 行：") and "手机号码应为11位" in line for line in lines), lines
    assert not any(line.startswith(("第 4 行", "第 10 行", "第 12 行")) for line in lines), lines
    assert counts() == (0, 0)
    assert Village.select().count() == 0
    assert AuditLog.select().count() == audit_before


def test_a_fault_in_one_household_keeps_the_good_ones_out_too(admin, tmp_path):
    import_roster(actor=admin, path=write_roster(tmp_path / "ok.xlsx", good_people()))
    people = good_people() + [[5, "3组", "0009", "周一", "户主", "周一", "男", "61012419700101", "", "", ""]]
    people[1][5] = "李秀兰"
    result = import_roster(actor=admin, path=write_roster(tmp_path / "r.xlsx", people))
    assert [line for line in result.fault_lines() if line.startswith("第 8 行：") and "18位" in line]
    assert counts() == (2, 4)
    assert Member.get(Member.id_number == ident(12)).name == "李秀英"


def test_dry_run_reports_what_would_change_and_writes_nothing(admin):
    result = import_roster(actor=admin, path=SAMPLE, dry_run=True)
    assert result.ok and not result.written
    assert (result.households_created, result.people_created) == (40, 143)
    assert counts() == (0, 0) and Village.select().count() == 0


def test_csv_rosters_in_utf8_with_bom_and_in_gbk_import_alike(admin, tmp_path):
    lines = ["柳溪村村民花名册", ",".join(HEADER)] + [",".join(str(c) for c in row) for row in good_people()]
    lines += ["", "合计,,,,,4人"]
    text = "\r\n".join(lines) + "\r\n"
    (tmp_path / "bom.csv").write_text(text, encoding="utf-8-sig")
    (tmp_path / "gbk.csv").write_text(text, encoding="gbk")
    first = import_roster(actor=admin, path=tmp_path / "bom.csv")
    assert first.ok, first.fault_lines()
    assert (first.households_created, first.people_created) == (2, 4)
    second = import_roster(actor=admin, path=tmp_path / "gbk.csv")
    assert second.ok and (second.households_unchanged, second.people_unchanged) == (2, 4)
    assert Member.get(Member.name == "李秀英").household.head_name == "张三丰"


def test_csv_fault_rows_count_lines_of_the_file(admin, tmp_path):
    rows = ["说明：本表由组长填写", ",".join(HEADER), "1,1组,0001,张三丰,户主,张三丰,男,6.10124E+17,,,"]
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_roster(actor=admin, path=tmp_path / "r.csv")
    assert len(result.faults) == 1 and str(result.faults[0]).startswith("第 3 行：")
    assert "科学计数法" in result.faults[0].reason


def test_headers_are_found_by_their_synonyms(admin, tmp_path):
    header = ["户编号", "村民小组", "名字", "关系", "公民身份号码", "手机"]
    people = [["0001", "1", "张三丰", "户主", ident(11), "13800000001"], ["0001", "1", "李秀英", "妻", ident(12), ""]]
    result = import_roster(actor=admin, path=write_roster(tmp_path / "s.xlsx", people, header))
    assert result.ok, result.fault_lines()
    household = Household.get()
    assert household.group.name == "1组" and household.head_name == "张三丰" and household.phone == "13800000001"


def test_merged_household_cells_carry_down_to_the_members_below(admin, tmp_path):
    people = [[1, "1组", "0001", "张三丰", "户主", "张三丰", "男", ident(11), "", "", ""],
              [2, None, None, None, "配偶", "李秀英", "女", ident(12), "", "", ""],
              [3, "1组", "0002", "王五", "户主", "王五", "男", ident(21), "", "", ""]]
    result = import_roster(actor=admin, path=write_roster(tmp_path / "m.xlsx", people))
    assert result.ok, result.fault_lines()
    assert Member.get(Member.name == "李秀英").household.household_no == "0001"


def test_tags_column_sets_household_tags(admin, tmp_path):
    header = HEADER[:-1] + ["标签"]
    people = [row[:-1] + ["党员户、低保户" if row[4] == "户主" and row[2] == "0001" else ""] for row in good_people()]
    import_roster(actor=admin, path=write_roster(tmp_path / "t.xlsx", people, header))
    assert HouseholdTag.select().count() == 2


def test_export_contains_full_ids_only_for_those_allowed_and_says_so(admin, actor_of, tmp_path):
    import_roster(actor=admin, path=SAMPLE)
    full = roster_export.export_households(actor=admin, path=tmp_path / "花名册.xlsx")
    assert full.path.name == "花名册_含身份证号.xlsx" and full.private
    assert (full.households, full.people) == (40, 143)
    ws = openpyxl.load_workbook(full.path).active
    assert "含完整身份证号码" in ws["A1"].value and "妥善保管" in ws["A2"].value
    ids = [r[7] for r in ws.iter_rows(min_row=4, values_only=True)]
    assert all(isinstance(i, str) and idnumber.is_valid(i) for i in ids)
    again = import_roster(actor=admin, path=full.path)
    assert again.ok and again.households_unchanged == 40

    viewer = roster_export.export_households(actor=actor_of(Role.VIEWER), path=tmp_path / "公开.xlsx")
    assert viewer.path.name == "公开.xlsx" and not viewer.private
    ws = openpyxl.load_workbook(viewer.path).active
    assert "身份证" not in ws["A1"].value
    assert all("*" in r[7] for r in ws.iter_rows(min_row=4, values_only=True))


def test_only_users_who_may_edit_the_register_may_import(actor_of):
    with pytest.raises(PermissionDenied):
        import_roster(actor=actor_of(Role.CASHIER), path=SAMPLE)


def test_cli_import_reports_faults_one_line_each_and_exits_non_zero(tmp_path):
    db = tmp_path / "cli.db"
    new_database(db)
    bad = write_roster(tmp_path / "bad.xlsx", faulty_people())
    proc = run_cli("import", "households", str(bad), db=db)
    assert proc.returncode != 0
    fault_lines = [line for line in proc.stderr.splitlines() if line.startswith("第 ")]
    assert len(fault_lines) >= 7 and any(line.startswith("第 9 行：") for line in fault_lines)
    dry = run_cli("import", "households", str(SAMPLE), "--dry-run", "--json", db=db)
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["households_created"] == 40 and data["people_created"] == 143 and data["written"] is False
    real = run_cli("import", "households", str(SAMPLE), "--village", "东村", db=db)
    assert real.returncode == 0, real.stderr
    assert "新增 40 户" in real.stdout
    export = run_cli("export", "households", str(tmp_path / "out.xlsx"), db=db)
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "out_含身份证号.xlsx").exists()


def test_a_roster_titled_for_another_village_is_not_slipped_into_the_only_one(admin, tmp_path):
    from pointsapp.services.register import villages
    from pointsapp.errors import UserError

    villages.create_village(actor=admin, name="桃园村", code="TY", with_defaults=False)
    with pytest.raises(UserError, match="东村"):
        import_roster(actor=admin, path=SAMPLE)
    assert counts() == (0, 0)
    into = import_roster(actor=admin, path=SAMPLE, village="桃园村", dry_run=True)
    assert into.ok and into.households_created == 40 and not into.village_created
    result = import_roster(actor=admin, path=SAMPLE, village="东村")
    assert result.ok and result.village_created and Village.select().count() == 2
    # the same people cannot also be heads of households in another village
    again = import_roster(actor=admin, path=SAMPLE, village="桃园村", dry_run=True)
    assert len(again.faults) == 40 and all("已是东村户号" in f.reason for f in again.faults)


def test_fault_rows_stay_right_after_blank_rows_in_the_middle(admin, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["柳溪村村民花名册"])
    ws.append(HEADER)
    ws.append([1, "1组", "0001", "张三丰", "户主", "张三丰", "男", ident(11), "", "", ""])   # row 3
    ws.cell(row=7, column=1, value=2)                                                   # rows 4-6 blank
    for col, value in enumerate(["1组", "0002", "王五", "户主", "", "男", ident(21)], start=2):
        ws.cell(row=7, column=col, value=value)                                         # row 7: no name
    wb.save(tmp_path / "gap.xlsx")
    result = import_roster(actor=admin, path=tmp_path / "gap.xlsx")
    assert [str(f) for f in result.faults if "缺少姓名" in f.reason] == ["第 7 行：缺少姓名"]


def test_columns_chosen_by_hand_are_used_when_the_header_is_not_recognised(admin, tmp_path):
    people = [["0001", "张三丰", "户主", ident(11)], ["0001", "李秀英", "配偶", ident(12)]]
    path = write_roster(tmp_path / "odd.xlsx", people, ["编号", "人员", "身份", "证件"])
    refused = import_roster(actor=admin, path=path)
    assert refused.faults and "表头" in refused.faults[0].reason and counts() == (0, 0)
    chosen = {"household_no": 0, "name": 1, "relation": 2, "id_number": 3}
    result = import_roster(actor=admin, path=path, columns=chosen, header_row=3)
    assert result.ok, result.fault_lines()
    assert counts() == (1, 2) and Household.get().head_name == "张三丰"
