"""Star-rated households: the criteria, committee adjustments, notice, awards and withdrawal."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from pointsapp import clock
from pointsapp.models import AuditLog, Household, LedgerEntry, Rule, StarAward, StarEvaluation, StarProposal, Village
from pointsapp.services.register import households
from pointsapp.services.scoring import rankings
from pointsapp.services.stars import awards as star_awards
from pointsapp.services.stars import scheme as star_scheme
from pointsapp.services.stars import evaluation as stars
from pointsapp.services.stars.evaluation_list import Adjustment, ProposedStars
from pointsapp.services.register import villages
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.services.register.households import HouseholdData, MemberData
from pointsapp.services.scoring.ledger import EntryDraft, append, reversal_draft

DAY = dt.date(2025, 5, 10)


@pytest.fixture
def village(admin):
    return villages.create_village(actor=admin, name="试点村", code="T1", groups=["1组", "2组"])


def household(admin, village, no, *, joined_on=None, group="1组"):
    data = HouseholdData(no, group, [MemberData(f"户主{no}", is_head=True)], joined_on=joined_on)
    return households.create_household(actor=admin, village=village, data=data)


def give(admin, h, code, times=1, day=DAY):
    rule = Rule.get(Rule.village == h.village_id, Rule.code == code)
    drafts = [EntryDraft(household_id=h.id, village_id=h.village_id, kind="award" if rule.points > 0 else "deduction",
                         points=rule.points, occurred_on=day, rule_id=rule.id, category_id=rule.category_id)
              for _ in range(times)]
    return append(drafts, created_by=admin.user_id)


def proposal(evaluation, h, code):
    row = (StarProposal.select().join_from(StarProposal, stars.Star)
           .where(StarProposal.evaluation == evaluation.id, StarProposal.household == h.id, stars.Star.code == code)
           .get())
    return row, json.loads(row.figures)


def test_exact_threshold_qualifies_and_one_point_below_does_not(admin, village):
    exact, short = household(admin, village, "001"), household(admin, village, "002")
    give(admin, exact, "HY01", 20)  # 20 × 5 = 100, the clean star's threshold
    give(admin, short, "HY01", 19)
    give(admin, short, "HY03", 2)  # 95 + 4 = 99
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    row, figures = proposal(evaluation, exact, "clean")
    assert row.qualified and row.included
    assert figures["points"] == {"hygiene": 100} and figures["min_points"] == 100
    row, figures = proposal(evaluation, short, "clean")
    assert not row.qualified and not row.included
    assert figures["total"] == 99
    assert "差 1 分" in stars.explain(figures, star_scheme.category_names(actor=admin, village_id=village.id))


def test_entries_outside_the_period_do_not_count(admin, village):
    h = household(admin, village, "001")
    give(admin, h, "HY01", 20, day=dt.date(2024, 12, 31))
    give(admin, h, "HY01", 20, day=dt.date(2025, 7, 1))  # second half only
    first_half = stars.evaluate(actor=admin, village_id=village.id, period="2025-H1")
    assert not proposal(first_half, h, "clean")[0].qualified
    second_half = stars.evaluate(actor=admin, village_id=village.id, period="2025-H2")
    assert proposal(second_half, h, "clean")[0].qualified
    with pytest.raises(UserError, match="年度"):
        stars.evaluate(actor=admin, village_id=village.id, period="2025-Q1")


def test_veto_in_the_year_blocks_the_stars_but_not_a_reversed_or_earlier_one(admin, village):
    vetoed, reversed_, last_year = (household(admin, village, no) for no in ("001", "002", "003"))
    for h in (vetoed, reversed_, last_year):
        give(admin, h, "HY01", 20)
    [entry_id] = give(admin, vetoed, "LW03", day=dt.date(2025, 11, 2))
    [wrong_id] = give(admin, reversed_, "LW05")
    append([reversal_draft(LedgerEntry.get_by_id(wrong_id), "误录")], created_by=admin.user_id)
    give(admin, last_year, "LW04", day=dt.date(2024, 12, 20))
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    row, figures = proposal(evaluation, vetoed, "clean")
    assert not row.qualified
    assert [v["id"] for v in figures["vetoes"]] == [entry_id]
    assert "一票否决" in stars.explain(figures)
    assert not any(p.qualified for p in StarProposal.select().where(
        StarProposal.evaluation == evaluation.id, StarProposal.household == vetoed.id))
    assert proposal(evaluation, reversed_, "clean")[0].qualified
    assert proposal(evaluation, last_year, "clean")[0].qualified


def test_a_veto_in_the_first_half_also_blocks_the_second_half(admin, village):
    h = household(admin, village, "001")
    give(admin, h, "HY01", 20, day=dt.date(2025, 9, 1))
    give(admin, h, "LW03", day=dt.date(2025, 3, 1))
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025-H2")
    assert not proposal(evaluation, h, "clean")[0].qualified


def test_no_deductions_star_is_lost_by_a_deduction_and_regained_by_its_reversal(admin, village):
    h, clean = household(admin, village, "001"), household(admin, village, "002")
    [deduction] = give(admin, h, "LW06")
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    row, figures = proposal(evaluation, h, "lawful")
    assert not row.qualified and figures["deductions"] == {"law": -10}
    assert proposal(evaluation, clean, "lawful")[0].qualified
    append([reversal_draft(LedgerEntry.get_by_id(deduction), "经核实不属实")], created_by=admin.user_id)
    again = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    assert proposal(again, h, "lawful")[0].qualified


def test_archived_households_are_not_evaluated(admin, village):
    kept, gone = household(admin, village, "001"), household(admin, village, "002")
    give(admin, gone, "HY01", 30)
    Household.update(status=Household.STATUS_ARCHIVED).where(Household.id == gone.id).execute()
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    evaluated = {p.household_id for p in StarProposal.select().where(StarProposal.evaluation == evaluation.id)}
    assert evaluated == {kept.id}


def test_household_that_joined_mid_year_is_measured_on_what_it_earned(admin, village):
    joined = household(admin, village, "001", joined_on=dt.date(2025, 7, 1))
    later = household(admin, village, "002", joined_on=dt.date(2026, 2, 1))
    give(admin, joined, "HY01", 20, day=dt.date(2025, 9, 1))
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    row, figures = proposal(evaluation, joined, "clean")
    assert row.qualified and figures["joined_on"] == "2025-07-01"
    assert "迁入" in stars.explain(figures)
    row, figures = proposal(evaluation, joined, "unity")  # same threshold, no pro-rating
    assert not row.qualified and figures["total"] == 0
    assert not StarProposal.select().where(StarProposal.evaluation == evaluation.id,
                                           StarProposal.household == later.id).exists()


def test_adjustments_need_a_reason_and_are_recorded(admin, village, actor_of):
    h = household(admin, village, "001")
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    clean = star_scheme.stars_of(village.id)[4]
    assert clean.code == "clean"
    with pytest.raises(UserError, match="原因"):
        stars.adjust(actor=admin, evaluation_id=evaluation.id, household_id=h.id, star_id=clean.id,
                     include=True, reason="  ")
    assert not proposal(evaluation, h, "clean")[0].included
    with pytest.raises(PermissionDenied):
        stars.adjust(actor=actor_of(Role.SCORER), evaluation_id=evaluation.id, household_id=h.id,
                     star_id=clean.id, include=True, reason="理由")
    reviewer = actor_of(Role.REVIEWER)
    stars.adjust(actor=reviewer, evaluation_id=evaluation.id, household_id=h.id, star_id=clean.id,
                 include=True, reason="村民代表会议评议通过")
    row, _ = proposal(evaluation, h, "clean")
    assert row.included and not row.qualified
    assert row.adjusted_by_id == reviewer.user_id and row.adjust_reason == "村民代表会议评议通过"
    log = AuditLog.get(AuditLog.action == "star_proposal.adjust")
    assert log.username == reviewer.username and "村民代表会议评议通过" in log.new_value
    with pytest.raises(UserError, match="无需调整"):
        stars.adjust(actor=admin, evaluation_id=evaluation.id, household_id=h.id, star_id=clean.id,
                     include=True, reason="再来一次")
    [listed] = stars.proposals(actor=admin, evaluation_id=evaluation.id)
    item = next(i for i in listed.items if i.code == "clean")
    assert item.included and item.adjust_reason == "村民代表会议评议通过" and listed.adjusted


def test_reviewed_village_publishes_then_applies_after_the_notice(admin, village, actor_of):
    Village.update(workflow=Village.WORKFLOW_REVIEWED).where(Village.id == village.id).execute()
    h = household(admin, village, "001")
    give(admin, h, "HY01", 20)
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    with pytest.raises(UserError, match="先公示"):
        star_awards.apply(actor=admin, evaluation_id=evaluation.id)
    notice = star_awards.publish(actor=admin, evaluation_id=evaluation.id, days=7, starts_on=dt.date(2026, 1, 5))
    assert notice.kind == "stars" and notice.ends_on == dt.date(2026, 1, 11) and "星级文明户" in notice.title
    with pytest.raises(UserError, match="公示期"):
        star_awards.apply(actor=admin, evaluation_id=evaluation.id, today=dt.date(2026, 1, 11))
    with pytest.raises(PermissionDenied):
        star_awards.apply(actor=actor_of(Role.REVIEWER), evaluation_id=evaluation.id, today=dt.date(2026, 1, 12))
    count = star_awards.apply(actor=admin, evaluation_id=evaluation.id, today=dt.date(2026, 1, 12))
    assert count == StarAward.select().count() > 0
    assert StarEvaluation.get_by_id(evaluation.id).status == StarEvaluation.STATUS_APPLIED
    assert "卫生整洁星" in [a.star for a in star_awards.history(actor=admin, household_id=h.id)]
    with pytest.raises(UserError, match="已经授予"):
        stars.evaluate(actor=admin, village_id=village.id, period="2025")


def test_veto_after_the_award_withdraws_the_stars_with_a_record(admin, village, actor_of):
    h, other = household(admin, village, "001"), household(admin, village, "002")
    for x in (h, other):
        give(admin, x, "HY01", 20)
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    star_awards.apply(actor=admin, evaluation_id=evaluation.id)  # a simple village may skip the notice
    held = star_awards.star_summary([h.id, other.id])
    assert held[h.id][0] == rankings.star_counts([h.id])[h.id] >= 2
    assert ("卫生整洁星", "#2b8a3e") in held[h.id][1]
    [veto] = give(admin, h, "LW03", day=dt.date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        star_awards.withdraw_for_veto(actor=actor_of(Role.REVIEWER), entry_id=veto)
    withdrawn = star_awards.after_entries_effective(actor=admin, entry_ids=[veto])
    assert len(withdrawn) == held[h.id][0]
    after = star_awards.star_summary([h.id, other.id])
    assert after[h.id] == (0, []) and after[other.id] == held[other.id]
    assert rankings.star_counts([h.id]).get(h.id, 0) == 0
    record = star_awards.history(actor=admin, household_id=h.id)[0]
    assert record.withdrawn_at is not None and "一票否决" in record.withdrawn_reason and record.withdrawn_by
    assert AuditLog.select().where(AuditLog.action == "star_award.withdraw").count() == len(withdrawn)
    assert star_awards.after_entries_effective(actor=admin, entry_ids=[veto]) == []


def test_manual_withdrawal_needs_a_reason(admin, village):
    h = household(admin, village, "001")
    give(admin, h, "HY01", 20)
    star_awards.apply(actor=admin, evaluation_id=stars.evaluate(actor=admin, village_id=village.id, period="2025").id)
    clean = next(s for s in star_scheme.stars_of(village.id) if s.code == "clean")
    with pytest.raises(UserError, match="原因"):
        star_awards.withdraw(actor=admin, household_id=h.id, star_id=clean.id, reason="")
    before = star_awards.star_summary([h.id])[h.id][0]
    star_awards.withdraw(actor=admin, household_id=h.id, star_id=clean.id, reason="群众举报属实")
    assert star_awards.star_summary([h.id])[h.id][0] == before - 1
    with pytest.raises(UserError, match="没有这颗星"):
        star_awards.withdraw(actor=admin, household_id=h.id, star_id=clean.id, reason="再摘")


def test_evaluating_twice_gives_identical_proposals(demo_db, admin):
    village = Village.get()
    period = f"{clock.today().year}-H1"  # the demo year itself is already awarded
    first = stars.evaluate(actor=admin, village_id=village.id, period=period)
    second = stars.evaluate(actor=admin, village_id=village.id, period=period)

    def rows(evaluation):
        return list(StarProposal.select(StarProposal.household, StarProposal.star, StarProposal.qualified,
                                        StarProposal.figures)
                    .where(StarProposal.evaluation == evaluation.id)
                    .order_by(StarProposal.household, StarProposal.star).tuples())

    assert rows(first) == rows(second) and len(rows(first)) == 60 * 10
    assert any(qualified for _h, _s, qualified, _f in rows(first))
    assert StarEvaluation.get_by_id(first.id).status == stars.STATUS_REPLACED


def test_five_star_renamed_scheme_works_without_code_changes(admin, village):
    scheme = {"stars": [
        {"code": "clean", "name": "美丽庭院星", "color": "#00aa00",
         "criterion": {"categories": ["hygiene"], "min_points": 50}},
        {"code": "civil", "name": "文明新风星", "criterion": {"categories": ["civility"], "min_points": 5}},
        {"code": "help", "name": "志愿服务星", "criterion": {"categories": ["participation"], "min_points": 5}},
        {"code": "family", "name": "家庭和睦星", "criterion": {"categories": ["virtue"], "min_points": 5}},
        {"code": "rich", "name": "勤劳致富星", "criterion": {"categories": [], "min_points": 60}},
    ]}
    star_scheme.load_scheme(actor=admin, village_id=village.id, scheme=scheme)
    assert [s.name for s in star_scheme.stars_of(village.id)] == [s["name"] for s in scheme["stars"]]
    h = household(admin, village, "001")
    give(admin, h, "HY01", 12)
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    [listed] = stars.proposals(actor=admin, evaluation_id=evaluation.id)
    assert [(i.name, i.qualified) for i in listed.items] == [
        ("美丽庭院星", True), ("文明新风星", False), ("志愿服务星", False), ("家庭和睦星", False), ("勤劳致富星", True)]
    assert star_scheme.scheme_as_json(village.id)["stars"][0]["name"] == "美丽庭院星"


def test_scheme_editing_renames_reorders_and_deactivates(admin, village, actor_of):
    specs = star_scheme.stars_of(village.id)
    with pytest.raises(PermissionDenied):
        star_scheme.update_star(actor=actor_of(Role.REVIEWER), star_id=specs[0].id, name="新名")
    with pytest.raises(UserError, match="类别"):
        star_scheme.update_star(actor=admin, star_id=specs[0].id, criterion={"categories": ["nope"]})
    with pytest.raises(UserError, match="颜色"):
        star_scheme.update_star(actor=admin, star_id=specs[0].id, color="red")
    star_scheme.update_star(actor=admin, star_id=specs[0].id, name="爱党爱国星",
                            criterion={"categories": ["party"], "min_points": 3})
    star_scheme.update_star(actor=admin, star_id=specs[1].id, active=False)
    added = star_scheme.add_star(actor=admin, village_id=village.id, code="green", name="绿色生态星",
                                 color="#33AA33", criterion={"categories": ["hygiene"], "min_points": 10})
    star_scheme.reorder_stars(actor=admin, village_id=village.id, codes=["green"])
    active = star_scheme.stars_of(village.id)
    assert active[0].code == "green" and added.color == "#33aa33"
    assert active[1].name == "爱党爱国星" and active[1].criterion.min_points == 3
    assert specs[1].code not in [s.code for s in active] and len(active) == 10
    h = household(admin, village, "001")
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    assert [i.code for i in stars.proposals(actor=admin, evaluation_id=evaluation.id)[0].items] == [
        s.code for s in active]
    assert h.id


def test_demo_awards_a_spread_of_star_counts_and_summary_adds_up(demo_db, admin):
    ids = [h.id for h in Household.select(Household.id)]
    held = star_awards.star_summary(ids)
    counts = {c for c, _ in held.values()}
    assert len(counts) >= 5, counts
    assert {hid: c for hid, (c, _) in held.items() if c} == rankings.star_counts(ids)
    adjusted = StarProposal.select().where(StarProposal.adjust_reason != "").count()
    assert adjusted == 2
    rows = star_awards.summary(actor=admin)
    total = rows[-1]
    assert total.group == "" and total.households == 60
    assert total.stars == sum(c for c, _ in held.values())
    assert sum(r.households for r in rows if r.group) == 60
    assert sum(total.by_count.values()) == 60
    period_rows = star_awards.summary(actor=admin, period=str(clock.today().year))
    assert period_rows[-1].stars == total.stars


def test_only_effective_veto_entries_withdraw_stars(admin, village, actor_of):
    h = household(admin, village, "001")
    give(admin, h, "HY01", 20)
    star_awards.apply(actor=admin, evaluation_id=stars.evaluate(actor=admin, village_id=village.id, period="2025").id)
    before = star_awards.star_summary([h.id])[h.id]
    [ordinary] = give(admin, h, "HY05", day=dt.date(2026, 2, 1))
    assert star_awards.after_entries_effective(actor=admin, entry_ids=[ordinary]) == []
    with pytest.raises(UserError, match="不是一票否决"):
        star_awards.withdraw_for_veto(actor=admin, entry_id=ordinary)
    [veto] = give(admin, h, "LW05", day=dt.date(2026, 2, 1))
    append([reversal_draft(LedgerEntry.get_by_id(veto), "误录")], created_by=admin.user_id)
    with pytest.raises(UserError, match="冲正"):
        star_awards.withdraw_for_veto(actor=admin, entry_id=veto)
    assert star_awards.star_summary([h.id])[h.id] == before
    [veto] = give(admin, h, "LW03", day=dt.date(2026, 4, 1))
    taken = star_awards.withdraw_for_veto(actor=actor_of(Role.ADMIN, "zhuren"), entry_id=veto)
    assert len(taken) == before[0] and star_awards.star_summary([h.id])[h.id] == (0, [])


def test_the_screens_list_of_an_evaluation_says_what_its_proposals_say(admin, village, actor_of):
    """The star screen's line per household (one statement folded by the database: the included stars' names in
    the scheme's order, the committee's changes) equals what the proposals read in full say, on both backends;
    a changed proposal shows as changed, a star refused by the committee is not listed."""
    first, second, third = (household(admin, village, no, group=g) for no, g in (("003", "2组"), ("001", "1组"),
                                                                                  ("002", "1组")))
    give(admin, first, "HY01", 20)
    give(admin, second, "HY01", 3)
    evaluation = stars.evaluate(actor=admin, village_id=village.id, period="2025")
    specs = {s.code: s for s in star_scheme.stars_of(village.id)}
    stars.adjust(actor=admin, evaluation_id=evaluation.id, household_id=third.id, star_id=specs["clean"].id,
                 include=True, reason="村民代表会议评议通过")
    refused = next(i for i in stars.proposals(actor=admin, evaluation_id=evaluation.id, household_id=first.id)[0].items
                   if i.included)
    stars.adjust(actor=admin, evaluation_id=evaluation.id, household_id=first.id, star_id=refused.star_id,
                 include=False, reason="有邻里纠纷")
    shown = stars.shown_evaluation(actor=admin, village_id=village.id, period="2025")
    full = stars.proposals(actor=admin, evaluation_id=evaluation.id)
    assert [ProposedStars.of(h) for h in full] == shown.rows
    assert [r.household_no for r in shown.rows] == ["001", "002", "003"]  # by group, then number
    by_no = {r.household_no: r for r in shown.rows}
    assert specs["clean"].name in by_no["002"].included
    assert by_no["002"].adjustments == (Adjustment(True, specs["clean"].name, "村民代表会议评议通过"),)
    assert refused.name not in by_no["003"].included and by_no["003"].adjusted
    assert by_no["003"].adjustments == (Adjustment(False, refused.name, "有邻里纠纷"),)
    assert not by_no["001"].adjusted
    order = [s.name for s in star_scheme.stars_of(village.id)]
    for row in shown.rows:
        assert list(row.included) == sorted(row.included, key=order.index)
