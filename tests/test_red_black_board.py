"""Rankings by class (tag) and by category, the month's 红黑榜, and the village rule "N black-board entries in a
year withdraw stars" — on both backends, each total recomputed from the entries the test made."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.db import settings
from pointsapp.errors import UserError
from pointsapp.models import AuditLog, Star, StarAward
from pointsapp.services import periods
from pointsapp.services.auth import Role
from pointsapp.services.register import households as register
from pointsapp.services.scoring import boards, entries, rankings, review
from pointsapp.services.stars import black_board
from tests.scoring_helpers import household, make_village, rule
from tests.star_helpers import applied_evaluation

TODAY = dt.date(2026, 11, 20)
OCT = dt.date(2026, 10, 5)


def _add(admin, village, n, code, day=OCT):
    return entries.add_entry(actor=admin, household_id=household(village, n).id, rule_id=rule(village, code).id,
                             occurred_on=day, today=TODAY)


@pytest.fixture
def month(admin):
    """Six households; 1 and 2 党员户, 3 干部户; October: awards and deductions in several headings."""
    village = make_village(admin, households=6)
    for n, tags in ((1, ["党员户"]), (2, ["党员户", "脱贫户"]), (3, ["干部户"])):
        register.set_tags(actor=admin, household_id=household(village, n).id, tags=tags)
    _add(admin, village, 1, "PA03"), _add(admin, village, 1, "PA01")        # participation 15
    _add(admin, village, 2, "PA03"), _add(admin, village, 2, "HY05")        # participation 10, hygiene -3
    _add(admin, village, 3, "CV01"), _add(admin, village, 3, "PA01")        # civility 10, participation 5
    _add(admin, village, 4, "CV04")                                          # civility -20 (gambling)
    _add(admin, village, 5, "VT02")                                          # virtue 20
    _add(admin, village, 6, "HY05", day=dt.date(2026, 9, 30))               # September: not this month
    return village


def test_a_class_ranking_holds_only_the_tagged_households_and_says_so(admin, month):
    oct_ = periods.parse("2026-10")
    party = rankings.ranking(actor=admin, period=oct_, village_id=month.id, tag="党员户")
    assert [(r.household_no, r.rank, r.total) for r in party.rows] == [("T1001", 1, 15), ("T1002", 2, 7)]
    assert party.tag == "党员户" and "党员户" in party.title
    cadre = rankings.ranking(actor=admin, period=oct_, village_id=month.id, tag="干部户")
    assert [r.household_no for r in cadre.rows] == ["T1003"]
    with pytest.raises(UserError, match="普通户"):
        rankings.ranking(actor=admin, period=oct_, village_id=month.id, tag="普通户")


def test_a_category_ranking_counts_that_heading_only(admin, month):
    result = rankings.ranking(actor=admin, period=periods.parse("2026-10"), village_id=month.id,
                              category="participation")
    assert result.categories == [("participation", "公益参与")] and result.category == "participation"
    totals = {r.household_no: r.total for r in result.rows}
    assert totals == {"T1001": 15, "T1002": 10, "T1003": 5, "T1004": 0, "T1005": 0, "T1006": 0}
    t2 = next(r for r in result.rows if r.household_no == "T1002")
    assert (t2.awards, t2.deductions) == (10, 0)  # the hygiene deduction is another heading's
    assert [r.household_no for r in result.rows][:3] == ["T1001", "T1002", "T1003"]
    with pytest.raises(UserError):
        rankings.ranking(actor=admin, period=periods.parse("2026-10"), village_id=month.id, category="nothing")


def test_the_red_board_has_the_best_per_heading_and_the_black_board_every_deduction_with_its_rule(admin, month):
    board = boards.red_black_board(actor=admin, period=periods.parse("2026-10"), village_id=month.id, per_heading=2)
    red = {h.name: [(e.household_no, e.rank, e.points) for e in h.rows] for h in board.red}
    assert red == {"公益参与": [("T1001", 1, 15), ("T1002", 2, 10)], "文明乡风": [("T1003", 1, 10)],
                   "孝老爱亲": [("T1005", 1, 20)]}
    black = [(e.household_no, e.rule, e.points, e.occurred_on) for e in board.black]
    assert black == [("T1002", "乱堆乱放、乱倒垃圾", -3, OCT), ("T1004", "参与赌博", -20, OCT)]
    assert all(not hasattr(e, "id_number") for e in board.black)
    party = boards.red_black_board(actor=admin, period=periods.parse("2026-10"), village_id=month.id, tag="党员户")
    assert [e.household_no for e in party.black] == ["T1002"]


def test_a_reversed_deduction_leaves_the_black_board(admin, month):
    entry = _add(admin, month, 5, "CV06")
    board = boards.red_black_board(actor=admin, period=periods.parse("2026-10"), village_id=month.id)
    assert "T1005" in [e.household_no for e in board.black]
    review.reverse_entry(actor=admin, entry_id=entry.id, reason="调解有误")
    board = boards.red_black_board(actor=admin, period=periods.parse("2026-10"), village_id=month.id)
    assert "T1005" not in [e.household_no for e in board.black]


def test_n_black_board_entries_in_a_year_withdraw_the_stars_with_the_reason(admin, month, actor_of):
    h4, h2 = household(month, 4), household(month, 2)
    stars = list(Star.select().where(Star.village == month))
    applied_evaluation(month.id, "2025", [(h, s) for h in (h4, h2) for s in stars[:3]], admin.user_id)
    with pytest.raises(UserError, match="黑榜"):  # the rule not set: nothing happens
        black_board.withdraw_for_black_board(actor=admin, village_id=month.id, until=TODAY)
    settings.set("black_board_limit", 2)
    _add(admin, month, 4, "CV06", day=dt.date(2026, 3, 2))   # household 4: two deductions this year
    assert black_board.withdraw_for_black_board(actor=admin, village_id=month.id, until=TODAY)[0].household_no == "T1004"
    held = lambda h: StarAward.select().where(StarAward.household == h, StarAward.withdrawn_at.is_null()).count()  # noqa: E731
    assert held(h4) == 0 and held(h2) == 3  # household 2 has one entry: keeps its stars
    reasons = {a.withdrawn_reason for a in StarAward.select().where(StarAward.household == h4)}
    assert reasons == {"2026年上黑榜 2 次（满 2 次摘星）：邻里纠纷需调解、参与赌博"}
    assert AuditLog.select().where(AuditLog.action == "star_award.withdraw").count() == 3
    assert black_board.withdraw_for_black_board(actor=admin, village_id=month.id, until=TODAY) == []  # twice: no more
    with pytest.raises(UserError):
        black_board.withdraw_for_black_board(actor=actor_of(Role.SCORER), village_id=month.id, until=TODAY)


def _long_names(month):
    from pointsapp.models import Household

    for n, name in ((1, "欧阳娜娜娜"), (2, "阿卜杜热合曼·买买提"), (4, "王䶮")):
        Household.update(head_name=name).where(Household.id == household(month, n).id).execute()


@pytest.mark.parametrize("paper", ["a4", "a3"])
def test_the_red_black_print_shows_long_names_whole_masks_them_on_request_and_nothing_private(
        admin, month, tmp_path, paper):
    from pointsapp.printing.red_black import red_black_pdf
    from tests.pdf_helpers import overlapping, pdf_text, render_pages, word_boxes

    _long_names(month)
    pdf = tmp_path / f"board-{paper}.pdf"
    red, black = red_black_pdf(pdf, actor=admin, period=periods.parse("2026-10"), village_id=month.id, paper=paper,
                               published_on=dt.date(2026, 11, 2))
    assert (red, black) == (5, 2)
    text = pdf_text(pdf).replace(" ", "").replace("\n", "")
    for expected in ("测试村2026年10月红黑榜", "红榜", "黑榜", "欧阳娜娜娜", "阿卜杜热合曼·买买提", "乱堆乱放、乱倒垃圾",
                     "参与赌博", "公益参与"):
        assert expected in text, expected
    assert not any(overlapping(page) for page in word_boxes(pdf))
    images = render_pages(pdf, tmp_path / paper, dpi=40)
    assert images
    masked = tmp_path / "masked.pdf"
    red_black_pdf(masked, actor=admin, period=periods.parse("2026-10"), village_id=month.id, mask_names=True)
    text = pdf_text(masked).replace(" ", "").replace("\n", "")
    assert "欧阳*" in text and "阿卜**" in text and "欧阳娜娜娜" not in text and "买买提" not in text


def test_the_board_and_its_refusals_speak_english_when_english_is_chosen(english, admin, month, tmp_path):
    from pointsapp.printing.red_black import red_black_pdf
    from tests.pdf_helpers import pdf_text

    pdf = tmp_path / "board-en.pdf"
    red_black_pdf(pdf, actor=admin, period=periods.parse("2026-10"), village_id=month.id)
    text = " ".join(pdf_text(pdf).split())
    for expected in ("red and black boards", "Deducted for", "Points in heading", "Times this year"):
        assert expected in text, expected
    with pytest.raises(UserError) as refused:
        rankings.ranking(actor=admin, period=periods.parse("2026-10"), village_id=month.id, tag="普通户")
    assert str(refused.value).startswith("There is no tag")
    with pytest.raises(UserError) as unset:
        black_board.withdraw_for_black_board(actor=admin, village_id=month.id, until=TODAY)
    assert "General settings" in str(unset.value)


def test_a_years_board_of_a_demo_village_runs_over_pages_without_overlap(demo_db, admin, tmp_path):
    from pointsapp import clock
    from pointsapp.models import Village
    from pointsapp.printing.red_black import red_black_pdf
    from tests.pdf_helpers import overlapping, page_count, pdf_text, word_boxes

    village = Village.select().first()
    pdf = tmp_path / "year.pdf"
    year = periods.parse(str(clock.today().year))
    red, black = red_black_pdf(pdf, actor=admin, period=year, village_id=village.id, mask_names=True)
    board = boards.red_black_board(actor=admin, period=year, village_id=village.id)
    assert black == len(board.black) > 10 and red >= len(board.red)
    assert page_count(pdf) >= 2
    assert not any(overlapping(page) for page in word_boxes(pdf))
    text = pdf_text(pdf)
    assert text.count("盖章") == 1 or "（盖章）" in text
    counts = {}
    for e in board.black:  # a year's board: beside each entry, which time this year it puts the household there
        counts[e.household_id] = counts.get(e.household_id, 0) + 1
        assert e.year_count == counts[e.household_id]


def test_the_black_board_says_which_time_this_year_each_entry_is(admin, month):
    _add(admin, month, 4, "CV06", day=dt.date(2026, 3, 2))
    _add(admin, month, 4, "HY05")
    board = boards.red_black_board(actor=admin, period=periods.parse("2026-10"), village_id=month.id)
    assert [(e.household_no, e.rule, e.year_count) for e in board.black] == [
        ("T1002", "乱堆乱放、乱倒垃圾", 1), ("T1004", "参与赌博", 2), ("T1004", "乱堆乱放、乱倒垃圾", 3)]
    assert boards.black_counts(village_ids=[month.id], year=2026)[household(month, 4).id] == 3
