"""Printed cards scan back: rendered at 150 dpi, every QR decodes and every payload verifies."""
from __future__ import annotations

import math

import pytest

from pointsapp.models import Group, Household, Star, Village
from pointsapp.printing.cards import CARD_H, CARD_W, cards_pdf
from pointsapp.services.register import cards
from pointsapp.services.qr import QUIET_ZONE, dark_runs, qr_matrix
from tests.pdf_helpers import decode_qr, page_count, page_size_pt, pdf_fonts, pdf_text, render_pages
from tests.conftest import clear_star_awards
from tests.star_helpers import applied_evaluation


def _print_all(admin, path, **kwargs):
    ids = cards.households_for_cards(actor=admin)
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    faces = cards.card_faces(actor=admin, issued=list(issued.values()))
    pages = cards_pdf(path, faces, **kwargs)
    return ids, faces, pages


def _decode_all(pdf, tmp_path, gray=False):
    found = []
    for png in render_pages(pdf, tmp_path / "png", dpi=150, gray=gray):
        found.append(decode_qr(png))
    return found


def test_every_card_on_a4_sheets_scans_back_and_verifies(demo_db, admin, tmp_path):
    pdf = tmp_path / "cards.pdf"
    ids, faces, pages = _print_all(admin, pdf)
    assert len(ids) == Household.select().count() == 60
    assert pages == page_count(pdf) == math.ceil(60 / 8)
    per_page = _decode_all(pdf, tmp_path)
    assert [len(p) for p in per_page] == [8] * 7 + [4]
    decoded = [text for page in per_page for text in page]
    assert len(decoded) == len(set(decoded)) == 60
    checks = [cards.verify(text) for text in decoded]
    assert all(c.valid for c in checks), [c.reason for c in checks if not c.valid]
    assert {c.household_id for c in checks} == set(ids)


def test_single_card_pages_are_card_sized_and_scan(demo_db, admin, tmp_path):
    pdf = tmp_path / "single.pdf"
    ids = cards.households_for_cards(actor=admin)[:3]
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    cards_pdf(pdf, cards.card_faces(actor=admin, issued=list(issued.values())), single=True)
    assert page_count(pdf) == 3
    width, height = page_size_pt(pdf)
    assert (round(width, 1), round(height, 1)) == (round(CARD_W, 1), round(CARD_H, 1))
    decoded = [texts for texts in _decode_all(pdf, tmp_path)]
    assert all(len(texts) == 1 for texts in decoded)
    assert [cards.verify(t[0]).household_id for t in decoded] == ids


def test_card_shows_village_number_head_and_group_in_an_embedded_font(demo_db, admin, tmp_path):
    pdf = tmp_path / "cards.pdf"
    _ids, faces, _pages = _print_all(admin, pdf)
    text = pdf_text(pdf, 1, 1)
    for face in faces[:8]:
        assert face.head_name in text and face.household_no in text and face.group in text
    assert faces[0].village_name in text
    fonts = pdf_fonts(pdf)
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts)


def test_reissued_card_prints_the_new_serial_and_old_payload_no_longer_verifies(demo_db, admin, tmp_path):
    ids = cards.households_for_cards(actor=admin)[:1]
    old = cards.issue_cards(actor=admin, household_ids=ids)[ids[0]]
    new = cards.reissue(actor=admin, household_id=ids[0], reason="卡片遗失")
    pdf = tmp_path / "new.pdf"
    cards_pdf(pdf, cards.card_faces(actor=admin, issued=[new]), single=True)
    (decoded,) = _decode_all(pdf, tmp_path)
    assert decoded != [old.payload]
    assert cards.verify(decoded[0]).valid and cards.verify(decoded[0]).serial == 2
    assert not cards.verify(old.payload).valid


def test_stars_appear_on_the_card_only_when_asked(demo_db, admin, tmp_path):
    clear_star_awards()  # the demo awards stars; this test sets up the awards it describes
    household = Household.select().order_by(Household.household_no).first()
    stars = list(Star.select().where(Star.village == household.village_id).limit(3))
    applied_evaluation(household.village_id, "2025", [(household, star) for star in stars], admin.user_id)
    issued = cards.issue_cards(actor=admin, household_ids=[household.id])
    (face,) = cards.card_faces(actor=admin, issued=list(issued.values()))
    assert face.stars == 3
    with_stars, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    cards_pdf(with_stars, [face], single=True)
    cards_pdf(without, [face], single=True, show_stars=False)
    assert "星级" in pdf_text(with_stars) and "星级" not in pdf_text(without)


def test_qr_matrix_is_the_smallest_symbol_and_runs_cover_every_dark_module():
    text = "PA1:V01:01001:1:ABCDEFGHIJ"
    matrix = qr_matrix(text)
    assert len(matrix) == 25 and all(len(row) == 25 for row in matrix)  # version 2 at level Q
    assert qr_matrix(text) != qr_matrix(text, "M")
    covered = {(r, c + i) for r, c, n in dark_runs(matrix) for i in range(n)}
    assert covered == {(r, c) for r, row in enumerate(matrix) for c, dark in enumerate(row) if dark}
    assert QUIET_ZONE == 4
    assert len(qr_matrix("PA1:V01:" + "9" * 40 + ":1:ABCDEFGHIJ")) > 25  # longer text, larger symbol


@pytest.mark.slow
def test_a_thousand_household_village_prints_and_every_card_scans(db, backend, admin, tmp_path):
    village = Village.create(name="千户村", code="QH")
    groups = [Group.create(village=village, name=f"{i}组", sort_order=i) for i in range(1, 11)]
    Household.insert_many([
        {"village": village.id, "group": groups[n % 10].id, "household_no": f"{n % 10 + 1:02d}{n // 10 + 1:03d}",
         "head_name": "张三丰" if n % 2 else "欧阳娜娜"} for n in range(1000)]).execute()
    pdf = tmp_path / "thousand.pdf"
    ids, faces, pages = _print_all(admin, pdf)
    assert len(faces) == 1000 and pages == 125 == page_count(pdf)
    if backend == "sqlite":  # the drawing is the same on either engine: every sheet is rendered and scanned once
        decoded = [text for page in _decode_all(pdf, tmp_path, gray=True) for text in page]
    else:  # here the first and the last sheet, and every card the engine issued is checked as it would scan
        sheets = render_pages(pdf, tmp_path / "png", dpi=150, gray=True, first=1, last=1)
        sheets += render_pages(pdf, tmp_path / "last", dpi=150, gray=True, first=125, last=125)
        scanned = [text for sheet in sheets for text in decode_qr(sheet)]
        assert len(scanned) == 16 and set(scanned) <= {face.payload for face in faces}
        decoded = [face.payload for face in faces]
    assert len(set(decoded)) == 1000
    assert {cards.verify(t).household_id for t in decoded} == set(ids)


def test_cards_of_two_villages_in_one_print_each_show_their_own_village(admin, tmp_path):
    """The band is drawn once per village and reused: every card must still carry its own village's name."""
    from tests.scoring_helpers import make_village

    make_village(admin, households=2, code="T1", name="东山村")
    make_village(admin, households=2, code="T2", name="西河村")
    ids = cards.households_for_cards(actor=admin)
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    faces = cards.card_faces(actor=admin, issued=list(issued.values()))
    faces = [faces[0], faces[2], faces[1], faces[3]]  # alternate the villages
    pdf = tmp_path / "mixed.pdf"
    cards_pdf(pdf, faces, single=True)
    for page, face in enumerate(faces, start=1):
        text = pdf_text(pdf, page, page)
        other = "西河村" if face.village_name == "东山村" else "东山村"
        assert face.village_name in text and other not in text and face.household_no in text
        assert "户主" in text and "凭卡到积分超市兑换" in text
    decoded = [texts for texts in _decode_all(pdf, tmp_path)]
    assert decoded == [[f.payload] for f in faces]


def test_reportlab_runs_with_its_c_accelerator():
    """pyproject asks for reportlab[accel]: without it every PDF is formatted in pure Python, a thousand
    cards taking half as long again (BENCHMARKS.md)."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "asciiBase85Encode", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)
