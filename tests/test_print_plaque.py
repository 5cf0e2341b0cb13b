"""星级牌: one page per awarded household, showing exactly its stars."""
from __future__ import annotations

import subprocess

import pytest

from pointsapp.models import Household
from pointsapp.printing.plaque import render_plaques, star_title
from pointsapp.services.stars import awards as star_awards
from pointsapp.errors import PermissionDenied, UserError


def _text(pdf, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_plaque_lists_the_households_stars_in_a_real_pdf(demo_db, admin, tmp_path):
    year = str(demo_db.execute_sql("select max(period) from star_award").fetchone()[0])
    awarded = star_awards.awarded_households(village_id=None, period=year)
    household, stars = max(awarded, key=lambda item: (len(item[1]), item[0].household_no))
    pdf = tmp_path / "plaque.pdf"
    pages = render_plaques(actor=admin, path=pdf, period=year, household_ids=[household.id], size="A5")
    assert pages == 1
    text = _text(pdf, 1).replace(" ", "")
    assert star_title(len(stars)) in text and household.head_name in text
    names = [s.name for s in stars]
    for name in names:
        assert name in text
    held = star_awards.star_summary([household.id])[household.id][1]
    assert [n for n, _ in held] == names  # the plaque shows what the household holds
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    png = tmp_path / "page-1.png"
    assert png.stat().st_size > 2000


def test_every_awarded_household_gets_one_page_and_unearned_stars_are_absent(demo_db, admin, tmp_path):
    year = str(demo_db.execute_sql("select max(period) from star_award").fetchone()[0])
    awarded = star_awards.awarded_households(village_id=None, period=year)
    pdf = tmp_path / "all.pdf"
    assert render_plaques(actor=admin, path=pdf, period=year) == len(awarded)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = next(line for line in info.splitlines() if line.startswith("Pages:"))
    assert int(pages.split()[1]) == len(awarded)
    household, stars = min(awarded, key=lambda item: len(item[1]))
    page = [h.id for h, _ in awarded].index(household.id) + 1
    text = _text(pdf, page).replace(" ", "")
    all_names = {s.name for _, ss in awarded for s in ss}
    shown = {n for n in all_names if n in text}
    assert shown == {s.name for s in stars}


def test_plaque_needs_a_signed_in_operator_and_awarded_households(demo_db, admin, tmp_path):
    with pytest.raises(PermissionDenied):
        render_plaques(actor=None, path=tmp_path / "x.pdf", period="2026")
    with pytest.raises(UserError, match="没有获星"):
        render_plaques(actor=admin, path=tmp_path / "x.pdf", period="1999")
    assert not (tmp_path / "x.pdf").exists()
    assert Household.select().count() == 60
