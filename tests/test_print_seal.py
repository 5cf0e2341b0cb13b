"""A signed notice never ends with the seal alone on its last page: whatever the number of rows, the seal's
page also holds rows of the list (built from the services' plain data, no database needed)."""
from __future__ import annotations

import datetime as dt

from pointsapp.printing.notice_list import render_notice
from pointsapp.printing.ranking import render_ranking
from pointsapp.services.periods import parse
from pointsapp.services.register.notice_facts import NoticeFacts
from pointsapp.services.scoring.notice_board import NoticeBoard, NoticeItem, NoticeSection
from pointsapp.services.scoring.rankings import Ranking, RankingRow
from tests.pdf_helpers import page_count, pdf_text

DAY = dt.date(2026, 11, 23)


def _notice(n: int) -> NoticeBoard:
    items = [NoticeItem(i, f"{i:05d}", "阿卜杜热合曼·买买提" if i % 3 else "王䶮", "第二十三村民小组", "环境卫生",
                        "庭院整洁、物品摆放有序（月度检查）", "加分", 5, DAY - dt.timedelta(days=i % 20))
             for i in range(1, n + 1)]
    return NoticeBoard("某某某镇某某某某村", "村委会办公室", 7,
                       [NoticeSection("2026年11月积分公示", DAY, DAY + dt.timedelta(days=6), items)])


def test_the_notice_list_never_leaves_its_seal_alone(tmp_path):
    moved = 0
    for n in range(14, 44, 2):
        pdf = tmp_path / f"notice-{n}.pdf"
        render_notice(pdf, _notice(n), printed_on=DAY, phone="0000-12345678")
        last = pdf_text(pdf, page_count(pdf), page_count(pdf))
        assert "盖章" in last, n
        assert "2026-1" in last, f"{n} rows: the seal stands alone on page {page_count(pdf)}"
        moved += last.count("2026-1") == 3 and page_count(pdf) > 1
    assert moved  # some lengths did need their last three rows moved to the seal's page


def _ranking(n: int) -> Ranking:
    rows = [RankingRow(rank=i, household_id=i, household_no=f"{i:05d}", head_name="欧阳娜娜娜", village="某某某镇某某某某村",
                       group="第二十三村民小组", by_category={"A": 10}, total=200 - i, stars=i % 5)
            for i in range(1, n + 1)]
    return Ranking(parse("2026"), "某某某镇某某某某村", [("A", "环境卫生")], rows)


def test_the_ranking_never_leaves_its_seal_alone(tmp_path):
    facts = NoticeFacts("某某某镇某某某某村", "某某某镇某某某某村村民委员会", "村委会办公室", 7, True, "", 0)
    moved = 0
    for n in range(20, 60, 3):
        pdf = tmp_path / f"ranking-{n}.pdf"
        render_ranking(pdf, _ranking(n), info=facts, published_on=DAY)
        last = pdf_text(pdf, page_count(pdf), page_count(pdf))
        assert "盖章" in last and "欧阳娜娜娜" in last, f"{n} rows: the seal stands alone"
        moved += last.count("欧阳娜娜娜") == 3
    assert moved
