"""Certificates, household statements and notice lists render and say what they should."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp import clock
from pointsapp.models import (
    EntryStatus, Household, HouseholdBalance, LedgerEntry, Notice, Rule, Star, StarAward, Village,
)
from pointsapp.printing.certificates import certificates_pdf
from pointsapp.printing.notice_list import notice_pdf
from pointsapp.printing.statement import statement_pdf
from pointsapp.services import periods
from pointsapp.errors import UserError
from pointsapp.services.scoring.ledger import EntryDraft, append
from pointsapp.services.scoring.rankings import ranking
from pointsapp.services.scoring.statements import household_statement
from tests.pdf_helpers import page_count, page_size_pt, pdf_fonts, pdf_text
from tests.conftest import clear_star_awards

YEAR = clock.today().year


def _flat(text: str) -> str:
    return "".join(text.split())


def _award(admin, household, stars, period=str(YEAR)):
    for star in stars:
        StarAward.create(household=household, star=star, period=period, awarded_on=dt.date(YEAR, 12, 20),
                         awarded_by=admin.user_id)


def test_certificates_go_to_awarded_households_and_name_their_stars(demo_db, admin, tmp_path):
    clear_star_awards()  # the demo awards stars; this test sets up the awards it describes
    village = Village.select().first()
    households = list(Household.select().where(Household.village == village).order_by(Household.household_no)[:2])
    stars = list(Star.select().where(Star.village == village).order_by(Star.sort_order))
    _award(admin, households[0], stars[:5])
    _award(admin, households[1], stars[:2])
    _award(admin, households[1], stars[2:3], period=str(YEAR - 1))  # last year's star is not this year's
    pdf = tmp_path / "certificates.pdf"
    assert certificates_pdf(pdf, actor=admin, year=YEAR) == 2
    assert page_count(pdf) == 2
    width, height = page_size_pt(pdf)
    assert width > height  # A4 landscape
    first, second = _flat(pdf_text(pdf, 1, 1)), _flat(pdf_text(pdf, 2, 2))
    assert households[0].head_name in first and f"{YEAR}年度五星级文明户" in first
    assert all(star.name in first for star in stars[:5])
    assert households[1].head_name in second and "二星级文明户" in second and stars[2].name not in second
    for text in (first, second):
        assert f"{village.name}村民委员会" in text and "盖章" in text and f"{YEAR}年12月20日" in text
    assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))


def test_withdrawn_star_is_not_on_the_certificate(demo_db, admin, tmp_path):
    clear_star_awards()  # the demo awards stars; this test sets up the awards it describes
    village = Village.select().first()
    household = Household.select().where(Household.village == village).first()
    stars = list(Star.select().where(Star.village == village).order_by(Star.sort_order)[:3])
    _award(admin, household, stars)
    StarAward.update(withdrawn_at=clock.now(), withdrawn_reason="一票否决").where(
        StarAward.star == stars[0].id).execute()
    pdf = tmp_path / "c.pdf"
    certificates_pdf(pdf, actor=admin, year=YEAR)
    text = _flat(pdf_text(pdf))
    assert "二星级文明户" in text and stars[0].name not in text and stars[1].name in text


def test_without_awards_the_top_ranked_households_get_certificates(demo_db, admin, tmp_path):
    clear_star_awards()  # the demo awards stars; this test sets up the awards it describes
    village = Village.select().first()
    pdf = tmp_path / "top.pdf"
    count = certificates_pdf(pdf, actor=admin, year=YEAR, top=3)
    board = ranking(actor=admin, period=periods.year(YEAR), village_id=village.id)
    expected = [r for r in board.rows if r.rank <= 3]
    assert count == len(expected) == page_count(pdf) >= 3
    text = _flat(pdf_text(pdf))
    for row in expected:
        assert row.head_name in text and f"累计获得{row.total}分" in text and f"第{row.rank}名" in text
    assert "积分先进户" in text


def test_no_certificates_is_a_clear_error(db, admin, tmp_path):
    Village.create(name="空村", code="K1")
    with pytest.raises(UserError, match="没有可以发证书"):
        certificates_pdf(tmp_path / "none.pdf", actor=admin, year=YEAR)
    assert not (tmp_path / "none.pdf").exists()


def test_statement_lists_every_entry_with_running_balance_people_and_chain_head(demo_db, admin, tmp_path):
    household = Household.select().order_by(Household.household_no).first()
    period = periods.parse(f"{YEAR}-Q2")
    statement = household_statement(actor=admin, household_id=household.id, period=period)
    assert statement.lines
    pdf = tmp_path / "statement.pdf"
    assert statement_pdf(pdf, actor=admin, household_id=household.id, period=period) == len(statement.lines)
    text = pdf_text(pdf, layout=True)
    flat = _flat(text)
    assert household.head_name in flat and household.household_no in flat and "村民积分明细单" in flat
    assert f"{YEAR}年第二季度" in flat
    rows = [line.split() for line in text.splitlines() if line.strip()[:1].isdigit()
            and len(line.split()) > 5 and line.split()[1].startswith(str(YEAR))]
    assert len(rows) == len(statement.lines)
    for cells, line in zip(rows, statement.lines):
        assert cells[0] == str(line.seq) and cells[1] == line.occurred_on.isoformat()
        assert str(line.earned_balance) in cells and str(line.available_balance) in cells
        # who entered it: in its own column, or wrapped there onto a second line (收银员 / 小张)
        assert line.entered_by in cells or all(part in flat for part in (line.entered_by[:3], line.entered_by[3:]))
    assert statement.chain_head and statement.chain_head in flat
    assert HouseholdBalance.get_by_id(household.id).last_hash == statement.chain_head
    assert f"期末累计积分{statement.closing_earned}" in flat
    assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))


def test_statement_shows_who_approved_and_greys_out_pending_entries(demo_db, admin, actor_of, tmp_path):
    from pointsapp.services.auth import Role

    household = Household.select().order_by(Household.household_no).first()
    reviewer = actor_of(Role.REVIEWER)
    rule = Rule.select().where(Rule.village == household.village_id, Rule.points > 0).first()
    day = dt.date(YEAR, 1, 2)
    append([EntryDraft(household_id=household.id, village_id=household.village_id, kind="award", points=17,
                       occurred_on=day, note="审核样例", rule_id=rule.id, category_id=rule.category_id,
                       reviewed_by=reviewer.user_id, reviewed_at=clock.now()),
            EntryDraft(household_id=household.id, village_id=household.village_id, kind="award", points=19,
                       occurred_on=day, note="待审核样例", rule_id=rule.id, category_id=rule.category_id,
                       status=EntryStatus.ENTERED)], created_by=admin.user_id)
    pdf = tmp_path / "s.pdf"
    statement_pdf(pdf, actor=admin, household_id=household.id, period=periods.parse(f"{YEAR}-01"))
    lines = pdf_text(pdf, layout=True).splitlines()
    approved = next(line for line in lines if "+17" in line)
    pending = next(line for line in lines if "+19" in line)
    assert reviewer.name in approved and "已生效" in approved
    assert "待审核" in pending and reviewer.name not in pending


def _put_on_notice(admin, household, points, ends_on):
    rule = Rule.select().where(Rule.village == household.village_id, Rule.points > 0,
                               Rule.inspection_item == False).first()  # noqa: E712
    notice = Notice.create(village=household.village_id, title="第一批积分公示", starts_on=ends_on - dt.timedelta(days=6),
                           ends_on=ends_on, created_by=admin.user_id)
    (entry_id,) = append([EntryDraft(household_id=household.id, village_id=household.village_id, kind="award",
                                     points=points, occurred_on=ends_on - dt.timedelta(days=10), note="帮助邻居抢收",
                                     rule_id=rule.id, category_id=rule.category_id, status=EntryStatus.NOTICE,
                                     reviewed_by=admin.user_id, reviewed_at=clock.now())],
                         created_by=admin.user_id)
    # the workflow columns move forward; the notice link is one of them
    LedgerEntry.update(notice=notice.id).where(LedgerEntry.id == entry_id).execute()
    return rule


def test_notice_list_says_what_whom_points_until_when_and_how_to_object(demo_db, admin, tmp_path):
    village = Village.select().first()
    Village.update(objection_contact="村务监督委员会（村委会一楼）").where(Village.id == village.id).execute()
    household = Household.select().where(Household.village == village).order_by(Household.household_no).first()
    rule = _put_on_notice(admin, household, 12, dt.date(YEAR, 12, 7))
    pdf = tmp_path / "notice.pdf"
    assert notice_pdf(pdf, actor=admin, village_id=village.id) == 1
    text = _flat(pdf_text(pdf))
    assert household.head_name in text and rule.title in text and "帮助邻居抢收" in text and "+12" in text
    assert f"{YEAR}年12月7日" in text and "村务监督委员会（村委会一楼）" in text
    assert "第一批积分公示" in text and "第1页共1页" in text
    assert all(f["emb"] == "yes" for f in pdf_fonts(pdf))
    masked = tmp_path / "masked.pdf"
    notice_pdf(masked, actor=admin, village_id=village.id, mask_names=True)
    assert household.head_name not in _flat(pdf_text(masked))


def test_notice_list_without_pending_entries_says_so(demo_db, admin, tmp_path):
    village = Village.select().first()
    Village.update(workflow=Village.WORKFLOW_REVIEWED).where(Village.id == village.id).execute()
    pdf = tmp_path / "empty.pdf"
    assert notice_pdf(pdf, actor=admin, village_id=village.id) == 0
    assert "目前没有正在公示的积分记录" in _flat(pdf_text(pdf))


def test_a_village_without_review_gets_no_empty_signed_notice(demo_db, admin, tmp_path):
    village = Village.select().first()
    assert village.workflow == Village.WORKFLOW_SIMPLE
    pdf = tmp_path / "none.pdf"
    with pytest.raises(UserError, match="不经审核公示"):
        notice_pdf(pdf, actor=admin, village_id=village.id)
    assert not pdf.exists()
