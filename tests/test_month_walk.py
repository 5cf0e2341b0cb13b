"""One month the way villages run it (issue 25), from the first event to the boards on the wall, in a village
with review: a clean-up day checked in by card, a villager's claim for one member checked by the group head,
a review meeting deciding the claim and the event's batch, the inspectors' sheet imported, review and public
notice, then the party members' ranking, the ranking by one heading and the red and black board printed — and
`check` finds every row signed and every chain whole."""
from __future__ import annotations

import datetime as dt

from pointsapp.models import EntryStatus, Member, Village
from pointsapp.printing.red_black import red_black_pdf
from pointsapp.services import periods
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.register import cards
from pointsapp.services.register import households as register
from pointsapp.services.scoring import (
    boards, claims, entry_import, entry_sheet, events, meetings, member_points, rankings, review,
)
from tests.pdf_helpers import pdf_text
from tests.scoring_helpers import household, make_village, rule
from tests.test_entry_import import _fill

EVENT_DAY = dt.date(2026, 11, 8)
DEED_DAY = dt.date(2026, 11, 10)
MEETING_DAY = dt.date(2026, 11, 16)
SHEET_DAY = dt.date(2026, 11, 20)
PEOPLE = [("李书记", "村党支部书记"), ("王主任", "村委会主任"), ("赵大妈", "村民代表"), ("钱组长", "1组组长")]


def test_a_month_from_card_check_ins_and_claims_to_the_red_and_black_board(admin, actor_of, tmp_path):
    village = make_village(admin, households=4, workflow=Village.WORKFLOW_REVIEWED)
    group = village.groups[0]
    h1, h2, h3, h4 = (household(village, n) for n in (1, 2, 3, 4))
    for h in (h1, h3):
        register.set_tags(actor=admin, household_id=h.id, tags=["党员户"])
    daughter = Member.create(household=h3, name="欧阳娜娜娜", relation="女", is_head=False)
    clerk, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    issued = cards.issue_cards(actor=admin, household_ids=[h1.id, h2.id, h3.id, h4.id])

    # the clean-up day: three households come, one card is scanned twice
    event = events.create_event(actor=clerk, village_id=village.id, title="11月环境整治日", held_on=EVENT_DAY,
                                rule_id=rule(village, "PA03").id)
    for h in (h1, h2, h3):
        assert events.check_in(actor=clerk, event_id=event.id, payload=issued[h.id].payload).new
    assert events.check_in(actor=clerk, event_id=event.id, payload=issued[h1.id].payload).outcome == "already"
    closed = events.close_event(actor=clerk, event_id=event.id)
    assert (closed.entries, closed.status) == (3, EntryStatus.ENTERED)

    # a claim for the daughter's deed, checked by the group head, decided at the meeting with the event
    claim = claims.submit_claim(actor=clerk, household_id=h3.id, rule_id=rule(village, "CV02").id,
                                deed="照顾邻居孤寡老人", occurred_on=DEED_DAY, member_id=daughter.id,
                                claimant="欧阳娜娜娜")
    claims.group_check(actor=clerk, claim_id=claim.id, group_head="钱组长", confirmed=True)
    meeting = meetings.create_meeting(actor=clerk, village_id=village.id, held_on=MEETING_DAY, place="村委会议室",
                                      attendees=PEOPLE, chair="李书记", recorder="王主任")
    claims.decide_claim(actor=clerk, claim_id=claim.id, meeting_id=meeting.id, approve=True)
    assert meetings.decide_batch(actor=reviewer, meeting_id=meeting.id, batch_id=closed.batch_id, approve=True) == 3

    # the inspectors' sheet of the month: hygiene marks, and a deduction for household 4
    sheet = tmp_path / "1组-2026-11.xlsx"
    entry_sheet.write_template(actor=clerk, group_id=group.id, period_code="2026-11", path=sheet)
    _fill(sheet, grid_marks=[("T1001", "HY01", "√"), ("T1003", "HY01", "√"), ("T1003", "HY02", "√")],
          lines=[("T1004", None, "CV04", "2026-11-18", "参与赌博", None)])
    imported = entry_import.import_entries(actor=clerk, group_id=group.id, period_code="2026-11", path=sheet,
                                           today=SHEET_DAY)
    assert imported.ok and imported.entries == 4

    # review (the claim's entry and the sheet's), notice, in effect
    waiting = [e.id for e in review.pending(actor=reviewer, village_id=village.id)]
    assert len(waiting) == 5
    review.review(actor=reviewer, entry_ids=waiting, approve=True)
    review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=SHEET_DAY, days=7)
    review.close_notices(actor=reviewer, village_id=village.id, today=SHEET_DAY + dt.timedelta(days=8))

    november = periods.parse("2026-11")
    party = rankings.ranking(actor=admin, period=november, village_id=village.id, tag="党员户")
    assert [r.household_no for r in party.rows] == ["T1003", "T1001"]  # the claim and two marks put 3 ahead
    assert {r.household_no for r in party.rows} == {h1.household_no, h3.household_no}
    hygiene = rankings.ranking(actor=admin, period=november, village_id=village.id, category="hygiene")
    assert hygiene.rows[0].household_no == "T1003"
    board = boards.red_black_board(actor=admin, period=november, village_id=village.id)
    assert [(e.household_no, e.rule) for e in board.black] == [("T1004", "参与赌博")]
    pdf = tmp_path / "红黑榜.pdf"
    red_black_pdf(pdf, actor=admin, period=november, village_id=village.id, mask_names=True)
    text = pdf_text(pdf)
    assert "参与赌博" in text and h4.head_name not in text  # masked on the wall

    [daughter_total] = [t for t in member_points.member_totals(actor=admin, household_id=h3.id, year=2026)
                        if t.member_id == daughter.id]
    assert daughter_total.points == rule(village, "CV02").points  # the claim's entry names her
    assert check.run_checks() == []
