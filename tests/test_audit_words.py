"""操作日志 in the office's words: the object is named ("户 T1001（户主1）", not ``ledger_entry #13``) and the change
reads "字段：旧 → 新", not JSON — on the screen, in the export and in ``audit list``; in English too."""
from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from pointsapp.models import Village
from pointsapp.services import audit
from pointsapp.services.audit import AuditColumn, AuditFilter
from pointsapp.services.auth import Role
from pointsapp.services.ops import preferences, users
from pointsapp.services.register import households, members, villages
from pointsapp.services.register.households import MemberData
from pointsapp.services.scoring import entries, review
from pointsapp.services.shop import redemption
from tests.scoring_helpers import household, make_village, rule
from tests.shop_helpers import make_shop

TODAY = dt.date(2026, 11, 20)
# what a stored row holds and a clerk should never read: JSON, code names of tables, fields and states
RAW = re.compile(r'[{}"\[\]]|ledger_entry|star_|_no\b|household|entries|\b(entered|reviewed|notice|effective|'
                 r'rejected|open|upheld|active|archived|true|false|null)\b')


@pytest.fixture
def office_day(admin, actor_of):
    """A day of the office's work: entries reviewed in a batch, a notice, an objection upheld, a member added,
    a household moved, a group renamed, a role changed, a setting changed."""
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, groups=2)
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    h1 = household(village, 1)
    made = [entries.add_entry(actor=scorer, household_id=h1.id, rule_id=rule(village, code).id,
                              occurred_on=dt.date(2026, 11, 2), today=TODAY).id for code in ("PA01", "PA03", "CV06")]
    review.review(actor=reviewer, entry_ids=made, approve=True)
    review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 3))
    objection = review.record_objection(actor=scorer, entry_id=made[2], raised_by="户主1", content="纠纷已自行和解",
                                        raised_on=dt.date(2026, 11, 5))
    review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=True, reason="经核实属实")
    members.add_member(actor=admin, household_id=h1.id, data=MemberData("户主1", is_head=True))
    members.add_member(actor=admin, household_id=h1.id, data=MemberData("户主一妻", relation="配偶"))
    second = next(g for g in villages.places(actor=admin, village_id=village.id).groups if g.name == "2组")
    households.move_household(actor=admin, household_id=household(village, 3).id, group_id=second.id)
    villages.rename_group(actor=admin, group_id=second.id, name="二组")
    users.set_role(actor=admin, username="scorer", role=Role.REVIEWER)
    preferences.change(actor=admin, key="lockout_minutes", value=30)
    return {"village": village, "entries": made, "objection": objection.id}


def _row(rows, action):
    return next(r for r in rows if r.action == action)


def test_objects_are_named_and_changes_read_field_old_to_new(admin, office_day):
    rows = audit.query(actor=admin)
    approve = _row(rows, "entry.approve")
    assert approve.cell(AuditColumn.ENTITY) == "户 T1001（户主1） · 3 条积分记录"
    assert approve.cell(AuditColumn.CHANGE) == "状态：待审核 → 已审核；积分记录：3 条"
    created = _row(rows, "entry.create")
    assert re.fullmatch(r"户 T1001（户主1） · [A-Z]{2}\d\d .+ · 积分记录 \d+", created.cell(AuditColumn.ENTITY))
    uphold = _row(rows, "objection.uphold")
    assert uphold.cell(AuditColumn.ENTITY) == f"户 T1001（户主1） · 异议 {office_day['objection']}"
    assert uphold.cell(AuditColumn.CHANGE).startswith("状态：待处理 → 异议成立；理由：经核实属实；冲正记录：#")
    moved = _row(rows, "household.move")
    assert moved.cell(AuditColumn.ENTITY) == "户 T1003（户主3）"
    assert "小组：测试村 1组 → 测试村 二组" in moved.cell(AuditColumn.CHANGE)  # the group as it is called today
    assert _row(rows, "group.rename").cell(AuditColumn.CHANGE) == "2组 → 二组"
    assert _row(rows, "user.set_role").cell(AuditColumn.CHANGE) == "角色：录入员 → 审核员"
    setting = _row(rows, "setting.change")
    assert setting.cell(AuditColumn.CHANGE) == "15 → 30" and "锁定" in setting.cell(AuditColumn.ENTITY)
    added = _row(rows, "member.add")
    assert added.cell(AuditColumn.ENTITY).startswith("户 T1001（户主1） · 成员 户主一妻")
    assert "与户主关系：配偶" in added.cell(AuditColumn.CHANGE)


def test_a_redemption_names_the_household_and_the_goods(admin):
    shop = make_shop(admin, stock_each=5, points=100)
    done = redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 2)])
    sale = audit.query(actor=admin, filter=AuditFilter(kind="redemption.create"))[0]
    assert re.fullmatch(r"户 \d+（.+） · 兑换 \d+", sale.cell(AuditColumn.ENTITY)), sale.cell(AuditColumn.ENTITY)
    assert "商品：食盐×2" in sale.cell(AuditColumn.CHANGE) and done

def test_no_row_shows_a_code_or_json(admin, office_day):
    rows = audit.query(actor=admin)
    assert len(rows) > 10
    for r in rows:
        for column in (AuditColumn.KIND, AuditColumn.ACTION, AuditColumn.ENTITY, AuditColumn.CHANGE):
            assert not RAW.search(r.cell(column)), (r.action, column.name, r.cell(column))


def test_the_check_for_codes_can_fail():
    assert RAW.search('ledger_entry #13') and RAW.search('{"status": "entered"}') and RAW.search("状态：reviewed")
    assert not RAW.search("状态：待审核 → 已审核；积分记录：3 条")


def test_a_deleted_household_is_named_from_the_logged_values(admin):
    village = make_village(admin)
    households.delete_household(actor=admin, household_id=household(village, 3).id)
    row = audit.query(actor=admin, filter=AuditFilter(kind="household.delete"))[0]
    assert row.cell(AuditColumn.ENTITY) == "户 T1003（已删除）"
    assert "户号：T1003" in row.cell(AuditColumn.CHANGE)


def test_two_villages_name_the_village_with_the_household(admin, office_day):
    make_village(admin, code="T2", name="二村")
    approve = _row(audit.query(actor=admin), "entry.approve")
    assert approve.cell(AuditColumn.ENTITY) == "测试村 户 T1001（户主1） · 3 条积分记录"


def test_the_export_and_the_command_line_table_use_the_words(admin, office_day, tmp_path):
    path = audit.export_xlsx(actor=admin, path=tmp_path / "日志.xlsx", filter=AuditFilter(kind="entry"))
    sheet = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert list(sheet[0]) == ["时间", "用户", "类别", "操作", "对象", "变更内容"]
    assert ("审核通过", "户 T1001（户主1） · 3 条积分记录", "状态：待审核 → 已审核；积分记录：3 条") in [
        r[3:] for r in sheet[1:]]


def test_a_thousand_rows_are_described_with_a_few_queries(admin, office_day):
    """Names are looked up per kind of object for the whole page, never per row."""
    from pointsapp.models import database

    entry_id = office_day["entries"][0]
    for _ in range(1000):
        audit.record(admin, "entry.reverse", "ledger_entry", entry_id, None, {"points": -5, "reason": "重复"})
    statements = []
    original = database.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = counting
    try:
        rows = audit.query(actor=admin)
    finally:
        del database.obj.execute_sql
    assert len(rows) > 1000 and len(statements) < 25, len(statements)
    assert all(r.cell(AuditColumn.ENTITY).startswith("户 T1001（户主1）") for r in rows if r.action == "entry.reverse")


def test_english_screen_reads_english(admin, office_day, english):
    rows = audit.query(actor=admin)
    role = _row(rows, "user.set_role")
    assert role.cell(AuditColumn.CHANGE) == "Role: Clerk → Reviewer"
    approve = _row(rows, "entry.approve")
    assert approve.cell(AuditColumn.CHANGE) == "Status: To review → Reviewed; Entries: 3"
    assert "Household T1001" in approve.cell(AuditColumn.ENTITY)


def test_coded_values_read_as_their_services_name_them():
    """audit_labels repeats a few label tables that it may not import (their modules write to the log)."""
    from pointsapp.services.audit_labels import coded_values
    from pointsapp.services.scoring.expiry import POLICY_LABELS
    from pointsapp.services.scoring.rules import FREQUENCY_LABELS
    from pointsapp.services.stars.evaluation import STATUS_LABELS

    assert coded_values("frequency", "rule") == FREQUENCY_LABELS
    assert coded_values("expiry_policy", "village") == POLICY_LABELS
    assert coded_values("status", "star_evaluation") == STATUS_LABELS


def test_english_kinds_and_actions_on_the_screen_too(admin, office_day, english):
    role = _row(audit.query(actor=admin), "user.set_role")
    assert not re.search(r"[\u4e00-\u9fff]", role.cell(AuditColumn.KIND) + role.cell(AuditColumn.ACTION))


def test_a_named_object_reads_with_its_noun_in_english_too(admin, office_day, english):
    """A user (a product, a category …) is named after what it is: "用户 scorer", in English "User scorer"."""
    role = _row(audit.query(actor=admin), "user.set_role")
    assert re.fullmatch(r"User scorer( \(.*\))?", role.cell(AuditColumn.ENTITY)), role.cell(AuditColumn.ENTITY)
