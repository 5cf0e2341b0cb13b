"""Tables on the long and rare data set, read back from the PDF's text positions: no two cells' text boxes
overlap, nothing leaves the table (the page's margins), and no cell is set smaller than the paper's floor."""
from __future__ import annotations

import pytest

from pointsapp.db import close_database, open_database
from pointsapp.models import Household
from pointsapp.printing.layout import break_lines
from pointsapp.printing.notice_list import notice_pdf
from pointsapp.printing.ranking import ranking_pdf
from pointsapp.printing.statement import statement_pdf
from pointsapp.services import periods
from pointsapp.services.ops import users
from tests.pdf_helpers import overlapping, page_widths, word_boxes
from tests.print_data import LONG_GROUP, LONG_VILLAGE, PUBLISHED, RARE_NAMES, make_long_and_rare, put_on_notice

MARGIN_MM = {"a4": 15, "a3": 15 * 1.4, "a3-landscape": 15 * 1.4}
FLOOR = {"a4": 8, "a3": 16, "a3-landscape": 16}


@pytest.fixture(scope="module")
def rare_db(tmp_path_factory):
    """One SQLite file with the long/rare data set, shared by the module's tests (they only read it)."""
    path = tmp_path_factory.mktemp("rare") / "points.db"
    open_database(str(path))
    admin = users.ensure_admin()
    village = make_long_and_rare()
    put_on_notice(village, admin_id=admin.user_id)
    yield admin, village
    close_database()


def _check(pdf, paper: str) -> None:
    margin = MARGIN_MM[paper] * 72 / 25.4
    for number, (words, width) in enumerate(zip(word_boxes(pdf), page_widths(pdf)), start=1):
        assert words, f"page {number} has no text"
        clash = overlapping(words)
        assert clash == [], f"page {number}: text boxes overlap: {clash[:5]}"
        outside = [w[4] for w in words if w[0] < margin - 1 or w[2] > width - margin + 1]
        assert outside == [], f"page {number}: text leaves the table/page margins: {outside[:5]}"
        names = [w for w in words if any(w[4] == n or w[4] in n for n in RARE_NAMES if len(w[4]) >= 2)]
        small = [(w[4], round(w[3] - w[1], 1)) for w in names if w[3] - w[1] < FLOOR[paper] * 0.95]
        assert small == [], f"page {number}: names set below the {FLOOR[paper]} pt floor: {small}"


@pytest.mark.parametrize("paper", ["a4", "a3", "a3-landscape"])
def test_township_ranking_with_long_and_rare_names_never_overlaps(rare_db, tmp_path, paper):
    admin, _village = rare_db
    pdf = tmp_path / f"township-{paper}.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse("2026"), paper=paper, published_on=PUBLISHED)
    _check(pdf, paper)
    text = "".join(w[4] for page in word_boxes(pdf) for w in page)
    assert LONG_VILLAGE[:4] in text and "阿卜杜热合曼" in text.replace("\n", "")


def test_village_ranking_and_notice_list_and_statement_never_overlap(rare_db, tmp_path):
    admin, village = rare_db
    ranking = tmp_path / "village.pdf"
    ranking_pdf(ranking, actor=admin, period=periods.parse("2026"), village_id=village.id, published_on=PUBLISHED)
    _check(ranking, "a4")
    notice = tmp_path / "notice.pdf"
    assert notice_pdf(notice, actor=admin, village_id=village.id, printed_on=PUBLISHED) == 10
    _check(notice, "a4")
    for household in Household.select().where(Household.village == village).order_by(Household.household_no).limit(3):
        statement = tmp_path / f"statement-{household.household_no}.pdf"
        statement_pdf(statement, actor=admin, household_id=household.id, period=periods.parse("2026"),
                      printed_on=PUBLISHED)
        _check(statement, "a4")
        joined = "".join(w[4] for page in word_boxes(statement) for w in page)
        assert "（月度检查）（月度卫生检查）" not in joined and "（（" not in joined
    assert LONG_GROUP[:4] in "".join(w[4] for w in word_boxes(notice)[0])


def test_the_overlap_check_sees_overlapping_boxes():
    words = [(10, 10, 60, 20, "某某某镇某某某某村"), (55, 11, 90, 21, "第二十三村民小组"), (100, 10, 120, 20, "+5")]
    assert overlapping(words) == [("某某某镇某某某某村", "第二十三村民小组")]


@pytest.mark.parametrize("text, lines", [
    ("积分正式生效，公示期内如有异议", ["积分正式", "生效，公", "示期内如", "有异议"]),
    ("庭院整洁（月度检查）", ["庭院整", "洁（月", "度检查）"]),
])
def test_no_line_starts_with_closing_punctuation(text, lines):
    from pointsapp.printing.fonts import text_width

    got = break_lines(text, text_width("国国国国", 10) + 0.5, 10)
    assert all(line[:1] not in "，。、；：？！）」』》" for line in got)
    assert "".join(got) == text
