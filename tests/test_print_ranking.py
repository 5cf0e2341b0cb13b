"""积分公示榜 as villagers read it: masked names, nothing private, a header on every page, embedded fonts."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from pointsapp import clock
from pointsapp.models import Group, Household, Member, Village
from pointsapp.printing.ranking import ranking_pdf
from pointsapp.services import periods
from pointsapp.services.register.privacy import mask_name
from pointsapp.services.scoring.rankings import ranking
from tests.pdf_helpers import page_count, page_size_pt, pdf_fonts, pdf_text
from tests.conftest import clear_star_awards

ID_NUMBER = re.compile(r"\d{17}[\dXx]")
PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.mark.parametrize("name, masked", [
    ("张三丰", "张*"), ("李四", "李*"), ("欧阳娜娜", "欧阳*"), ("欧阳娜娜娜", "欧阳*"), ("王", "王"), ("", ""),
    (" 赵六 ", "赵*"), ("阿卜杜热合曼·买买提", "阿卜**"), ("阿依古丽·艾买提", "阿依**"), ("尼格拉·阿不都热依木江", "尼格**"),
])
def test_a_masked_name_keeps_the_surname_in_a_fixed_pattern(name, masked):
    assert mask_name(name) == masked


def test_masking_does_not_tell_names_apart_by_length():
    assert len({mask_name(n) for n in ("张三", "张三丰", "张三丰丰丰丰丰丰")}) == 1


def _village(demo_db):
    return Village.select().first()


def test_masked_ranking_shows_no_full_names_and_nothing_private(demo_db, admin, tmp_path):
    village = _village(demo_db)
    pdf = tmp_path / "masked.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse(str(clock.today().year)), village_id=village.id,
                mask_names=True)
    text = pdf_text(pdf)
    heads = [h.head_name for h in Household.select().where(Household.village == village)]
    assert len(heads) == 60
    full = [name for name in heads if name in text]
    assert full == [], f"full names on a masked notice: {full}"
    assert all(mask_name(name) in text for name in heads)
    assert not ID_NUMBER.search(text.replace(" ", "")), "an ID number is on the notice"
    assert not PHONE.search(text.replace(" ", ""))
    members = Member.select().join(Household).where(Household.village == village)
    assert not any(m.id_number in text or (m.phone and m.phone in text) for m in members)
    assert not any(h.address and h.address in text for h in Household.select())


def test_unmasked_ranking_shows_full_names_in_rank_order(demo_db, admin, tmp_path):
    village = _village(demo_db)
    period = periods.parse(str(clock.today().year))
    pdf = tmp_path / "plain.pdf"
    ranking_pdf(pdf, actor=admin, period=period, village_id=village.id)
    board = ranking(actor=admin, period=period, village_id=village.id)
    text = pdf_text(pdf, layout=True)
    positions = [text.find(f" {row.head_name} ") for row in board.rows[:10]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    top = board.rows[0]
    assert re.search(rf"\b1\s+{top.head_name}\s+{top.group}\s+.*\b{top.total}\b", text)


def test_notice_says_village_period_notice_days_and_where_to_object(demo_db, admin, tmp_path):
    village = _village(demo_db)
    Village.update(objection_contact="村委会二楼纪检室，电话 0000-1234567", notice_days=5).where(
        Village.id == village.id).execute()
    pdf = tmp_path / "notice.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse("2026-Q3"), village_id=village.id,
                published_on=dt.date(2026, 10, 8))
    text = pdf_text(pdf).replace("\n", "")
    assert f"{village.name}2026年第三季度村民积分公示榜" in text
    assert "2026年10月8日至2026年10月12日" in text and "共 5 天" in text
    assert "村委会二楼纪检室" in text
    assert f"{village.name}村民委员会" in text
    assert "第1页共" in text.replace(" ", "")


def test_table_header_repeats_on_every_page(demo_db, admin, tmp_path):
    village = _village(demo_db)
    pdf = tmp_path / "ranking.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse("2026"), village_id=village.id)
    pages = page_count(pdf)
    assert pages >= 2
    board = ranking(actor=admin, period=periods.parse("2026"), village_id=village.id)
    for page in range(2, pages + 1):
        text = pdf_text(pdf, page, page, layout=True)
        header = next(line for line in text.splitlines() if "名次" in line)
        assert "户主" in header and "合计" in header and "星级" in header
        assert all(name in header for _code, name in board.categories)
        assert f"第{page}页共{pages}页" in text.replace(" ", "")


def test_every_font_is_embedded_on_every_paper(demo_db, admin, tmp_path):
    village = _village(demo_db)
    sizes = {}
    for paper in ("a4", "a4-landscape", "a3"):
        pdf = tmp_path / f"{paper}.pdf"
        ranking_pdf(pdf, actor=admin, period=periods.parse("2026-Q3"), village_id=village.id, paper=paper)
        fonts = pdf_fonts(pdf)
        assert fonts, "no fonts listed"
        assert all(f["emb"] == "yes" for f in fonts), fonts
        sizes[paper] = tuple(round(x) for x in page_size_pt(pdf))
    assert sizes == {"a4": (595, 842), "a4-landscape": (842, 595), "a3": (842, 1191)}


def test_group_ranking_lists_only_that_group(demo_db, admin, tmp_path):
    village = _village(demo_db)
    group = village.groups.order_by(Group.sort_order).first()
    pdf = tmp_path / "group.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse("2026"), group_id=group.id)
    text = pdf_text(pdf)
    inside = [h.head_name for h in Household.select().where(Household.group == group)]
    outside = [h.head_name for h in Household.select().where(Household.group != group)]
    assert all(name in text for name in inside)
    assert not [n for n in outside if n not in inside and re.search(rf"(?<!\S){n}(?!\S)", text)]
    assert f"{village.name}{group.name}" in text


def test_stars_are_printed_beside_the_total(demo_db, admin, tmp_path):
    clear_star_awards()  # the demo awards stars; this test sets up the awards it describes
    from pointsapp.models import Star
    from tests.star_helpers import applied_evaluation

    village = _village(demo_db)
    household = Household.select().where(Household.village == village).order_by(Household.household_no).first()
    applied_evaluation(village.id, "2025", [(household, star) for star in
                                            Star.select().where(Star.village == village).limit(4)], admin.user_id)
    pdf = tmp_path / "stars.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse("2026"), village_id=village.id)
    text = pdf_text(pdf, layout=True)
    line = next(line for line in text.splitlines() if f" {household.head_name} " in line)
    assert "★×4" in line and "★★" not in line  # one form for every count: four stars never look like more than ten
