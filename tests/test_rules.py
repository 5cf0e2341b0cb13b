"""Rules maintenance: a changed or retired rule never changes past entries; bad rules are refused."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.models import AuditLog, LedgerEntry, Rule
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import rules
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.services.scoring.ledger import cached_balance
from tests.scoring_helpers import household, make_village, rule


def test_default_rules_are_loaded_for_a_new_village(admin):
    village = make_village(admin)
    listed = rules.list_rules(actor=admin, village_id=village.id)
    codes = {r.code for r in listed}
    assert {"HY01", "CV04", "PA01", "LW03", "VT01", "EN01", "PT01"} <= codes
    assert all(r.inspection_item for r in rules.list_rules(actor=admin, village_id=village.id, inspection_only=True))
    assert rule(village, "LW03").is_veto
    veto = next(r for r in listed if r.code == "LW03")
    assert veto.is_veto and veto.category_name and veto.category_code  # plain data, with its category's words


def test_changing_a_rule_keeps_past_entries_points(admin):
    village = make_village(admin)
    h = household(village, 1)
    pa01 = rule(village, "PA01")
    old = entries.add_entry(actor=admin, household_id=h.id, rule_id=pa01.id, occurred_on=dt.date(2026, 3, 1),
                            today=dt.date(2026, 11, 1))
    rules.update_rule(actor=admin, rule_id=pa01.id, points=8, title="参加志愿服务（新标准）")
    assert LedgerEntry.get_by_id(old.id).points == 5
    new = entries.add_entry(actor=admin, household_id=h.id, rule_id=pa01.id, occurred_on=dt.date(2026, 4, 1),
                            today=dt.date(2026, 11, 1))
    assert new.points == 8 and cached_balance(h.id).earned_total == 13
    log = AuditLog.get(AuditLog.action == "rule.update")
    assert '"points": 5' in log.old_value and '"points": 8' in log.new_value


def test_create_rule_in_a_new_category_and_retire_it(admin):
    village = make_village(admin)
    category = rules.create_category(actor=admin, village_id=village.id, code="safety", name="平安建设")
    made = rules.create_rule(actor=admin, village_id=village.id, category_id=category.id, code="SF01",
                             title="参加防汛值守", points=6, frequency=Rule.FREQ_MONTH, cap=30)
    assert made.category.name == "平安建设"
    with pytest.raises(UserError, match="已存在"):
        rules.create_rule(actor=admin, village_id=village.id, category_id=category.id, code="SF01", title="x",
                          points=1)
    rules.set_rule_active(actor=admin, rule_id=made.id, active=False)
    assert made.code not in {r.code for r in rules.list_rules(actor=admin, village_id=village.id)}
    assert made.code in {r.code for r in rules.list_rules(actor=admin, village_id=village.id, include_retired=True)}


@pytest.mark.parametrize("points,frequency,cap,message", [
    (0, "event", None, "不为 0"), (5, "weekly", None, "频次"), (10, "event", 5, "小于单次分值"), (2.5, "event", None, "整数"),
])
def test_bad_rules_are_refused(admin, points, frequency, cap, message):
    village = make_village(admin)
    category = rule(village, "PA01").category
    with pytest.raises(UserError, match=message):
        rules.create_rule(actor=admin, village_id=village.id, category_id=category.id, code="X1", title="测试",
                          points=points, frequency=frequency, cap=cap)


def test_only_rule_editors_change_rules(admin, actor_of):
    village = make_village(admin)
    with pytest.raises(PermissionDenied):
        rules.update_rule(actor=actor_of(Role.SCORER), rule_id=rule(village, "PA01").id, points=50)
    assert rule(village, "PA01").points == 5
