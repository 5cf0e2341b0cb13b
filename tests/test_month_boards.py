"""A reviewed village's month, end to end on both backends: the group's sheet is downloaded, filled (marks, a list
line naming a member, a gambling deduction), imported, reviewed, posted and made effective; then the class
ranking, the 红黑榜 and the black-board rule read what the month wrote — each figure recomputed from the sheet."""
from __future__ import annotations

import datetime as dt

from pointsapp.db import settings
from pointsapp.models import Member, Star, StarAward, Village
from pointsapp.printing.red_black import red_black_pdf
from pointsapp.services import periods
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.register import households as register
from pointsapp.services.scoring import boards, entry_import, entry_sheet, member_points, rankings, review
from pointsapp.services.stars import black_board
from tests.pdf_helpers import pdf_text
from tests.scoring_helpers import household, make_village
from tests.star_helpers import applied_evaluation
from tests.test_entry_import import _fill

TODAY = dt.date(2026, 11, 20)


def test_a_month_from_the_sheet_to_the_boards(admin, actor_of, tmp_path):
    village = make_village(admin, households=4, workflow=Village.WORKFLOW_REVIEWED)
    group = village.groups[0]
    h1, h3 = household(village, 1), household(village, 3)
    register.set_tags(actor=admin, household_id=h1.id, tags=["党员户"])
    register.set_tags(actor=admin, household_id=h3.id, tags=["党员户"])
    party_member = Member.create(household=h1, name="司马光明", relation="户主", is_head=True)
    applied_evaluation(village.id, "2025", [(household(village, 4), s) for s in
                                            Star.select().where(Star.village == village)][:3], admin.user_id)
    settings.set("black_board_limit", 2)

    clerk, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    sheet = tmp_path / "1组-2026-10.xlsx"
    entry_sheet.write_template(actor=clerk, group_id=group.id, period_code="2026-10", path=sheet)
    _fill(sheet, grid_marks=[("T1001", "HY01", "√"), ("T1003", "HY01", "√"), ("T1003", "HY02", "√"),
                             ("T1004", "HY06", 1)],
          lines=[("T1001", None, "PT02", "2026-10-15", "带头清理河道", "司马光明"),
                 ("T1004", None, "CV04", "2026-10-20", "参与赌博", None),
                 ("T1002", None, "PA03", "2026-10-21", None, None)])
    imported = entry_import.import_entries(actor=clerk, group_id=group.id, period_code="2026-10", path=sheet,
                                           today=TODAY)
    assert imported.ok and imported.entries == 7
    ids = [e.id for e in review.pending(actor=reviewer, village_id=village.id)]
    assert len(ids) == 7  # the imported entries wait for review like typed ones
    review.review(actor=reviewer, entry_ids=ids, approve=True)
    review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=dt.date(2026, 11, 1), days=7)
    review.close_notices(actor=reviewer, village_id=village.id, today=dt.date(2026, 11, 9))
    assert check.run_checks() == []

    october = periods.parse("2026-10")
    party = rankings.ranking(actor=admin, period=october, village_id=village.id, tag="党员户")
    assert [(r.household_no, r.total) for r in party.rows] == [("T1001", 5 + 10), ("T1003", 5 + 3)]
    hygiene = rankings.ranking(actor=admin, period=october, village_id=village.id, category="hygiene")
    assert {r.household_no: r.total for r in hygiene.rows} == {"T1001": 5, "T1002": 0, "T1003": 8, "T1004": -5}

    board = boards.red_black_board(actor=admin, period=october, village_id=village.id)
    assert {h.name: [e.household_no for e in h.rows] for h in board.red} == {
        "环境卫生": ["T1003", "T1001"], "公益参与": ["T1002"], "党建引领": ["T1001"]}
    assert [(e.household_no, e.rule, e.year_count) for e in board.black] == [
        ("T1004", "参与赌博", 1), ("T1004", "畜禽散养影响环境", 2)]  # the sheet's marks are dated the 31st
    pdf = tmp_path / "board.pdf"
    red_black_pdf(pdf, actor=admin, period=october, village_id=village.id, mask_names=True)
    assert "参与赌博" in pdf_text(pdf)

    withdrawn = black_board.withdraw_for_black_board(actor=admin, village_id=village.id, until=TODAY)
    assert [(w.household_no, w.entries, len(w.stars)) for w in withdrawn] == [("T1004", 2, 3)]
    assert StarAward.select().where(StarAward.withdrawn_at.is_null()).count() == 0

    totals = member_points.member_totals(actor=admin, household_id=h1.id, year=2026)
    assert [(t.name, t.points) for t in totals] == [("司马光明", 10)]
    assert party_member.id == totals[0].member_id
