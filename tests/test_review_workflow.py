"""The reviewed workflow end to end: review by another user, notice, objections, reversals."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.models import AuditLog, EntryKind, EntryStatus, LedgerEntry, Notice, Objection, Village
from pointsapp.services.ops import check
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import review
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.services.scoring.ledger import cached_balance
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def reviewed(admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    h = household(village, 1)
    made = [entries.add_entry(actor=scorer, household_id=h.id, rule_id=rule(village, code).id,
                              occurred_on=dt.date(2026, 11, 2), today=TODAY) for code in ("PA01", "PA03", "CV06")]
    return village, scorer, reviewer, h, [e.id for e in made]


def _status(entry_id):
    return LedgerEntry.get_by_id(entry_id).status


def test_the_entering_user_cannot_review_their_own_entry(admin):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED)
    entry = entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                              occurred_on=dt.date(2026, 11, 2), today=TODAY)
    with pytest.raises(UserError, match="本人录入"):
        review.review(actor=admin, entry_ids=[entry.id], approve=True)
    assert _status(entry.id) == EntryStatus.ENTERED


def test_a_scorer_may_not_review(reviewed):
    _village, scorer, _reviewer, _h, ids = reviewed
    with pytest.raises(PermissionDenied):
        review.review(actor=scorer, entry_ids=ids, approve=True)


def test_review_notice_and_close_make_entries_effective(reviewed):
    village, _scorer, reviewer, h, ids = reviewed
    assert review.review(actor=reviewer, entry_ids=ids, approve=True) == 3
    assert {_status(i) for i in ids} == {EntryStatus.REVIEWED}
    notice = review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 3))
    assert notice.ends_on == dt.date(2026, 11, 9)  # seven days, both ends included
    assert {_status(i) for i in ids} == {EntryStatus.NOTICE}
    assert cached_balance(h.id).earned_total == 0
    with pytest.raises(UserError, match="公示期满"):
        review.close_notices(actor=reviewer, notice_id=notice.id, today=dt.date(2026, 11, 9))
    result = review.close_notices(actor=reviewer, today=dt.date(2026, 11, 10))
    assert result.closed == [notice.id] and result.effective == 3
    assert cached_balance(h.id).earned_total == 5 + 10 - 5
    assert Notice.get_by_id(notice.id).closed_at is not None
    assert check.run_checks() == []


def test_rejection_needs_a_reason_and_is_final(reviewed):
    _village, _scorer, reviewer, h, ids = reviewed
    with pytest.raises(UserError, match="原因"):
        review.review(actor=reviewer, entry_ids=ids[:1], approve=False)
    review.review(actor=reviewer, entry_ids=ids[:1], approve=False, reason="当天未开展志愿活动")
    assert _status(ids[0]) == EntryStatus.REJECTED
    with pytest.raises(UserError, match="不在待审核"):
        review.review(actor=reviewer, entry_ids=ids[:1], approve=True)
    assert _status(ids[0]) == EntryStatus.REJECTED
    log = AuditLog.get(AuditLog.action == "entry.reject")
    assert "当天未开展志愿活动" in log.new_value and log.entity_id == str(ids[0])


def _on_notice(reviewed):
    village, _scorer, reviewer, h, ids = reviewed
    review.review(actor=reviewer, entry_ids=ids, approve=True)
    return review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 3))


def test_upheld_objection_reverses_the_entry_with_the_reason(reviewed, actor_of):
    _village, scorer, reviewer, h, ids = reviewed
    notice = _on_notice(reviewed)
    objection = review.record_objection(actor=scorer, entry_id=ids[2], raised_by="户主1", content="纠纷已自行和解",
                                        raised_on=dt.date(2026, 11, 5))
    # an undecided objection keeps the notice open
    assert review.close_notices(actor=reviewer, today=dt.date(2026, 11, 12)).waiting == {notice.id: [objection.id]}
    decided = review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=True, reason="经核实属实")
    assert decided.status == Objection.STATUS_UPHELD
    reversal = LedgerEntry.get_by_id(decided.reversal_id)
    assert reversal.kind == EntryKind.REVERSAL and reversal.points == 5 and reversal.reverses_id == ids[2]
    assert "经核实属实" in reversal.note
    review.close_notices(actor=reviewer, today=dt.date(2026, 11, 12))
    assert cached_balance(h.id).earned_total == 5 + 10  # the −5 was cancelled
    assert check.run_checks() == []


def test_rejected_objection_leaves_the_entry_to_take_effect(reviewed):
    _village, scorer, reviewer, h, ids = reviewed
    _on_notice(reviewed)
    objection = review.record_objection(actor=scorer, entry_id=ids[0], raised_by="村民甲", content="没见他去",
                                        raised_on=dt.date(2026, 11, 4))
    with pytest.raises(UserError, match="原因"):
        review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=False, reason=" ")
    review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=False, reason="有签到表为证")
    with pytest.raises(UserError, match="已经处理过"):
        review.decide_objection(actor=reviewer, objection_id=objection.id, uphold=True, reason="再议")
    review.close_notices(actor=reviewer, today=dt.date(2026, 11, 12))
    assert cached_balance(h.id).earned_total == 10
    assert LedgerEntry.select().where(LedgerEntry.kind == EntryKind.REVERSAL).count() == 0


def test_objection_outside_notice_is_refused(reviewed):
    _village, scorer, _reviewer, _h, ids = reviewed
    with pytest.raises(UserError, match="不在公示期内"):
        review.record_objection(actor=scorer, entry_id=ids[0], raised_by="村民", content="有误")
    _on_notice(reviewed)
    with pytest.raises(UserError, match="不在公示期"):
        review.record_objection(actor=scorer, entry_id=ids[0], raised_by="村民", content="有误",
                                raised_on=dt.date(2026, 11, 20))


def test_reversal_needs_a_reason_and_happens_once(admin):
    village = make_village(admin)
    h = household(village, 1)
    entry = entries.add_entry(actor=admin, household_id=h.id, rule_id=rule(village, "PA03").id,
                              occurred_on=dt.date(2026, 4, 1), today=TODAY)
    with pytest.raises(UserError, match="原因"):
        review.reverse_entry(actor=admin, entry_id=entry.id, reason="")
    review.reverse_entry(actor=admin, entry_id=entry.id, reason="重复录入")
    with pytest.raises(UserError, match="已经冲正过"):
        review.reverse_entry(actor=admin, entry_id=entry.id, reason="再次")
    assert cached_balance(h.id).earned_total == 0
    assert AuditLog.select().where(AuditLog.action == "entry.reverse").count() == 1
    assert check.run_checks() == []


def test_notice_sheet_lists_what_was_posted_for_the_board(reviewed):
    from pointsapp.services.scoring.notices import notice_sheet

    village, _scorer, reviewer, h, ids = reviewed
    notice = _on_notice(reviewed)
    sheet = notice_sheet(actor=reviewer, notice_id=notice.id)
    assert [line.entry_id for line in sheet.lines] == ids
    assert sheet.total_points == 5 + 10 - 5 and sheet.village == village.name
    assert (sheet.starts_on, sheet.ends_on, sheet.closed) == (dt.date(2026, 11, 3), dt.date(2026, 11, 9), False)
