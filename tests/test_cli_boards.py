"""The class ranking, the 红黑榜 print and 黑榜摘星 from the command line, on both backends, as a user runs them."""
from __future__ import annotations

import json

from pointsapp.db import settings
from pointsapp.models import Star, StarAward
from tests.cli_helpers import run_cli
from tests.pdf_helpers import pdf_text
from tests.scoring_helpers import household
from tests.star_helpers import applied_evaluation
from tests.test_red_black_board import _long_names, month  # noqa: F401  (the fixture)


def test_class_ranking_by_category_red_black_print_and_black_board_stars(db, db_target, admin, month, tmp_path):  # noqa: F811
    ranked = run_cli("ranking", "--period", "2026-10", "--tag", "党员户", "--category", "公益参与", "--format", "json",
                     db=db_target)
    assert ranked.returncode == 0, ranked.stderr
    rows = json.loads(ranked.stdout)
    assert [(r["household_no"], r["total"]) for r in rows] == [("T1001", 15), ("T1002", 10)]
    wrong = run_cli("ranking", "--period", "2026-10", "--tag", "没有的类", db=db_target)
    assert wrong.returncode != 0 and "没有的类" in wrong.stderr and "党员户" in wrong.stderr

    _long_names(month)
    out = tmp_path / "hhb.pdf"
    printed = run_cli("print", "red-black", "--period", "2026-10", "--mask-names", "--date", "2026-11-02",
                      "--out", str(out), db=db_target)
    assert printed.returncode == 0, printed.stderr
    assert "红榜 5 户次" in printed.stdout and "黑榜 2 条" in printed.stdout
    text = pdf_text(out).replace(" ", "")
    assert "欧阳*" in text and "阿卜**" in text and "参与赌博" in text and "欧阳娜娜娜" not in text

    by_class = tmp_path / "party.pdf"
    assert run_cli("print", "ranking", "--period", "2026-10", "--tag", "党员户", "--out", str(by_class),
                   db=db_target).returncode == 0
    assert "党员户" in pdf_text(by_class) and "户主3" not in pdf_text(by_class)

    stars = list(Star.select().where(Star.village == month))
    applied_evaluation(month.id, "2025", [(household(month, 4), s) for s in stars[:2]], admin.user_id)
    unset = run_cli("stars", "black-board", db=db_target)
    assert unset.returncode != 0 and "黑榜" in unset.stderr
    settings.set("black_board_limit", 1)
    done = run_cli("stars", "black-board", "--year", "2026", db=db_target)
    assert done.returncode == 0, done.stderr
    assert "T1004" in done.stdout and "已为 2 户摘星" not in done.stdout and "已为 1 户摘星" in done.stdout
    assert StarAward.select().where(StarAward.household == household(month, 4),
                                    StarAward.withdrawn_at.is_null()).count() == 0
