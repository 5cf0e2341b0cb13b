"""Every print type made from the long/rare data set: every font embedded (no Helvetica referenced and left
out), and each page compared with a reviewed reference image, so a layout change is seen.

The references are small greyscale PNGs at 30 dpi in tests/data/print_refs/. After a deliberate change, write
them again with ``POINTSAPP_UPDATE_PRINT_REFS=1`` (this test then fails once, to say so), look at every one,
and commit them with the change."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from pointsapp.db import close_database, open_database
from pointsapp.services.ops import users
from tests.pdf_helpers import pdf_fonts, render_pages
from tests.print_gallery import every_print, make_data

REFS = Path(__file__).parent / "data" / "print_refs"
DPI = 30
MAX_PAGES = 2          # the first pages show the layout; later ones repeat it
TOLERANCE = 0.002      # share of pixels allowed to differ clearly (a seal added to a page is 0.3 %)
CLEAR = 40             # grey levels that make a pixel differ clearly


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    """The prints of the references' day, whatever day the run is pinned to (the demo data follow the day)."""
    day = pytest.MonkeyPatch()
    day.setenv("POINTSAPP_TODAY", "2026-05-20")
    out = tmp_path_factory.mktemp("gallery")
    open_database(str(out / "points.db"))
    admin = users.ensure_admin()
    pdfs = every_print(admin, make_data(admin), out)
    yield pdfs
    close_database()
    day.undo()


def test_every_print_type_is_made(gallery):
    assert {"ranking-township-a4", "ranking-township-a3", "ranking-township-a3-landscape", "notice-list",
            "statement", "cards-sheet", "cards-single", "certificates", "plaque", "receipt-58", "receipt-80",
            "report-monthly", "report-trends", "report-inspection", "donations-list", "donations-receipts"} <= set(gallery)


def test_every_font_in_every_print_is_embedded(gallery):
    missing = {name: [f["name"] for f in pdf_fonts(pdf) if f["emb"] != "yes"] for name, pdf in gallery.items()}
    assert {name: fonts for name, fonts in missing.items() if fonts} == {}
    helvetica = [name for name, pdf in gallery.items() if any("Helvetica" in f["name"] for f in pdf_fonts(pdf))]
    assert helvetica == []


def _difference(page: Image.Image, ref: Image.Image) -> float:
    if page.size != ref.size:
        return 1.0
    diff = ImageChops.difference(page, ref)
    return sum(diff.histogram()[CLEAR:]) / (page.width * page.height)


def test_every_page_looks_like_its_reviewed_reference(gallery, tmp_path):
    update = os.environ.get("POINTSAPP_UPDATE_PRINT_REFS") == "1"
    changed, missing = {}, []
    for name, pdf in sorted(gallery.items()):
        pages = render_pages(pdf, tmp_path / name, dpi=DPI, last=MAX_PAGES)
        for number, png in enumerate(pages, start=1):
            page = Image.open(png).convert("L")
            ref_path = REFS / f"{name}-{number}.png"
            if update:
                REFS.mkdir(parents=True, exist_ok=True)
                page.save(ref_path, optimize=True)
                continue
            if not ref_path.is_file():
                missing.append(ref_path.name)
                continue
            share = _difference(page, Image.open(ref_path).convert("L"))
            if share > TOLERANCE:
                changed[ref_path.name] = round(share, 4)
    assert not update, "references written: look at each one, then commit them"
    assert missing == [], f"no reference image for {missing}"
    assert changed == {}, f"pages differ from their reviewed references (share of pixels): {changed}"


def test_the_comparison_sees_a_column_move():
    ref = Image.new("L", (200, 280), 255)
    moved = ref.copy()
    for y in range(20, 260, 10):  # a column of figures, then the same column 6 pixels to the right
        ref.paste(0, (100, y, 112, y + 5))
        moved.paste(0, (106, y, 118, y + 5))
    assert _difference(ref, ref.copy()) == 0
    assert _difference(moved, ref) > TOLERANCE
