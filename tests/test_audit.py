"""操作日志: every kind of change leaves a row; the viewer filters; the export is a real .xlsx."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from pointsapp import clock
from pointsapp.db import settings
from pointsapp.models import AuditLog, Household
from pointsapp.services import audit
from pointsapp.services.ops import backup
from pointsapp.services.register import cards
from pointsapp.services.register import households
from pointsapp.services.ops import preferences
from pointsapp.services.register import privacy
from pointsapp.services.ops import users
from pointsapp.services.register import villages
from pointsapp.services.audit import AuditColumn, AuditFilter
from pointsapp.services.auth import Actor, Role
from pointsapp.errors import UserError
from pointsapp.services.register.households import HouseholdData, MemberData
from tests.cli_helpers import run_cli
from tests.conftest import make_actor


def _changes(admin, tmp_path):
    settings.set("lockout_attempts", 1)
    village = villages.create_village(actor=admin, name="桃园村", code="TY", groups=["1组"], with_defaults=False)
    households.create_household(actor=admin, village=village, data=HouseholdData(
        household_no="01001", group_name="1组", members=[MemberData("张三丰", is_head=True)]))
    hid = Household.get().id
    cards.issue_cards(actor=admin, household_ids=[hid])
    cards.reissue(actor=admin, household_id=hid, reason="卡片遗失")
    users.create_user(actor=admin, username="luru", role=Role.SCORER, password="first-1")
    with pytest.raises(UserError):
        users.sign_in("luru", "bad")  # locks at once (lockout_attempts = 1)
    users.reset_password(actor=admin, username="luru", new_password="temp-22")
    signed = users.sign_in("luru", "temp-22")
    users.change_password(actor=signed.actor, old_password="temp-22", new_password="mine-33")
    users.set_role(actor=admin, username="luru", role=Role.REVIEWER)
    users.disable_user(actor=admin, username="luru")
    users.set_active(actor=admin, username="luru", active=True)
    preferences.change(actor=admin, key="lockout_minutes", value=30)
    backup.make_backup(actor=admin, out=tmp_path / "copy.db")


def test_every_kind_of_change_leaves_an_audit_row_with_who_and_values(admin, tmp_path):
    _changes(admin, tmp_path)
    actions = [r.action for r in AuditLog.select()]
    for expected in ("village.create", "household.create", "card.issue", "card.reissue", "user.create", "user.lock",
                     "user.reset_password", "user.sign_in", "user.change_password", "user.set_role", "user.disable",
                     "user.enable", "setting.change", "backup.create"):
        assert expected in actions, expected
    role = AuditLog.get(AuditLog.action == "user.set_role")
    assert role.username == "admin"
    assert json.loads(role.old_value) == {"role": "scorer"} and json.loads(role.new_value) == {"role": "reviewer"}
    setting = AuditLog.get(AuditLog.action == "setting.change")
    assert (setting.entity_id, setting.old_value, setting.new_value) == ("lockout_minutes", "15", "30")
    changed = AuditLog.get(AuditLog.action == "user.change_password")
    assert changed.username == "luru" and "mine-33" not in changed.new_value + changed.old_value


def test_viewer_filters_by_user_date_and_kind(admin, tmp_path):
    _changes(admin, tmp_path)
    old = AuditLog.create(at=dt.datetime(2020, 5, 1, 9, 0), username="admin", action="household.create",
                          entity="household", entity_id="99")
    everything = audit.query(actor=admin)
    assert everything[0].at >= everything[-1].at  # newest first
    by_user = audit.query(actor=admin, filter=AuditFilter(username="luru"))
    assert by_user and {r.username for r in by_user} == {"luru"}
    user_kind = audit.query(actor=admin, filter=AuditFilter(kind="user"))
    assert user_kind and all(r.action.startswith("user.") for r in user_kind)
    assert {r.action for r in audit.query(actor=admin, filter=AuditFilter(kind="card.reissue"))} == {"card.reissue"}
    in_2020 = audit.query(actor=admin, filter=AuditFilter(since=dt.date(2020, 5, 1), until=dt.date(2020, 5, 1)))
    assert [r.id for r in in_2020] == [old.id]
    assert old.id not in [r.id for r in audit.query(actor=admin, filter=AuditFilter(since=dt.date(2020, 5, 2)))]
    assert ("user", "用户与登录") in audit.kinds(actor=admin)
    assert "luru" in audit.usernames(actor=admin)


def test_export_is_an_xlsx_with_the_viewer_columns(admin, tmp_path):
    _changes(admin, tmp_path)
    path = audit.export_xlsx(actor=admin, path=tmp_path / "日志.xlsx", filter=AuditFilter(kind="user"))
    assert path == tmp_path / "日志.xlsx"  # nothing private inside: the name stays
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in AuditColumn]
    assert len(rows) - 1 == len(audit.query(actor=admin, filter=AuditFilter(kind="user")))
    assert {r[AuditColumn.KIND] for r in rows[1:]} == {"用户与登录"}


def test_export_holding_id_or_phone_numbers_says_so_in_name_and_first_row(admin, tmp_path):
    audit.record(admin, "member.update", "member", 7, {"phone": "13812345678"},
                 {"phone": "13987654321", "id_number": "610124199001011234"})
    reviewer = make_actor(Role.REVIEWER, "shenhe")
    path = audit.export_xlsx(actor=reviewer, path=tmp_path / "日志.xlsx")
    assert path.name == f"日志_{privacy.PRIVATE_MARK}.xlsx" and path.exists()
    assert not (tmp_path / "日志.xlsx").exists()
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == privacy.PRIVATE_NOTICE
    assert list(rows[1]) == [c.header for c in AuditColumn]
    assert "电话：13812345678 → 13987654321" in rows[2][AuditColumn.CHANGE]


def test_private_numbers_are_masked_for_roles_that_may_not_see_them():
    text = '{"id_number": "61012419900101123X", "phone": "13987654321", "household_no": "01001"}'
    cashier = Actor(1, "shouyin", Role.CASHIER)
    masked = privacy.for_actor(cashier, text)
    assert "61012419900101123X" not in masked and "6101**********123X" in masked
    assert "139****4321" in masked and "01001" in masked
    assert privacy.for_actor(Actor(2, "luru", Role.SCORER), text) == text


def test_cli_lists_and_exports_the_log(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "5", db=db).returncode == 0
    listed = run_cli("audit", "list", "--kind", "demo", "--json", db=db)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    actions = [r["action"] for r in rows]
    assert "demo.generate" in actions and all(a.startswith("demo.") for a in actions)
    assert all(r["user"] == "admin" for r in rows)
    assert json.loads(run_cli("audit", "list", "--by", "nobody", "--json", db=db).stdout) == []
    future = (clock.today() + dt.timedelta(days=1)).isoformat()
    assert json.loads(run_cli("audit", "list", "--since", future, "--json", db=db).stdout) == []
    bad = run_cli("audit", "list", "--since", "yesterday", db=db)
    assert bad.returncode == 1 and "格式不对" in bad.stderr
    out = tmp_path / "audit.xlsx"
    exported = run_cli("export", "audit", str(out), db=db)
    assert exported.returncode == 0, exported.stderr
    assert openpyxl.load_workbook(out).active.max_row >= 2
    refused = run_cli("audit", "list", db=db, user="shouyin")
    assert refused.returncode == 1 and "查看操作日志" in refused.stderr


def test_every_action_the_services_record_has_a_label_and_a_kind():
    """The operation log speaks the office's words: no raw code (entry.approve, star_proposal) on the screen."""
    import re
    from pathlib import Path

    from pointsapp.services.audit import ACTION_LABELS, KIND_LABELS, kind_of

    package = Path(__file__).resolve().parent.parent / "pointsapp"
    recorded = set()
    for path in package.rglob("*.py"):
        recorded |= set(re.findall(r'audit\.record(?:_many)?\([^,]*,\s*"([a-z_]+\.[a-z_]+)"',
                                   path.read_text(encoding="utf-8")))
    assert len(recorded) > 60
    assert sorted(recorded - set(ACTION_LABELS)) == []
    assert sorted({kind_of(a) for a in recorded} - set(KIND_LABELS)) == []
    assert all(not re.search(r"[a-z_]\.[a-z]", label) for label in ACTION_LABELS.values())
