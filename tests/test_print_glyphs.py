"""Rare characters reach the paper: 王䶮 (Extension A) and 张𠈌 (Extension B) are drawn from the fallback font,
found by their ink in the rendered page (poppler's text layer maps Extension B wrongly); a character no font
has is named by the roster import (a warning, not a refusal) and on the print, never left as a silent gap."""
from __future__ import annotations

import openpyxl
import pytest
from PIL import Image
from reportlab.lib.units import mm

from pointsapp import fonts
from pointsapp.models import Household
from pointsapp.printing.cards import BAND_H, CARD_H, VALUE_X, cards_pdf
from pointsapp.printing.fonts import text_width
from pointsapp.printing.ranking import ranking_pdf
from pointsapp.services import periods
from pointsapp.services.register.cards import CardFace, payload_for
from pointsapp.services.register.roster_import import import_roster
from tests.pdf_helpers import pdf_text, render_pages

NO_FONT = "\U00030000"  # CJK Extension G: in no font of the chain


def test_the_font_chain_covers_extension_a_and_b():
    assert fonts.missing_glyphs("王䶮张𠈌阿卜杜热合曼·买买提") == []
    assert fonts.missing_glyphs(f"王{NO_FONT}五 ") == [NO_FONT]
    assert [p.name for p in fonts.find_fallback_fonts()] == ["HanaMinA.ttf", "HanaMinB.ttf"]


def _card_ink(tmp_path, name: str, dpi: int = 200) -> list[int]:
    """Dark pixels in each character cell of the head's name on a single card (drawn at 15 pt)."""
    pdf = tmp_path / f"{len(name)}-{ord(name[-1])}.pdf"
    cards_pdf(pdf, [CardFace(1, "01001", name, "柳溪村", "V01", "1组", 1, payload_for("V01", "01001", 1, b"k" * 32), 0)],
              single=True)
    (png,) = render_pages(pdf, tmp_path / f"png-{ord(name[-1])}-{len(name)}", dpi=dpi)
    image = Image.open(png).convert("L")
    px = dpi / 72
    baseline = CARD_H - BAND_H - 9.5 * mm  # the name's baseline, from the bottom
    top, bottom = image.height - (baseline + 15) * px, image.height - (baseline - 3) * px
    x, ink = VALUE_X, []
    for ch in name:
        w = text_width(ch, 15)
        box = image.crop((int(x * px) + 1, int(top), int((x + w) * px) - 1, int(bottom)))
        ink.append(sum(1 for v in box.get_flattened_data() if v < 128))
        x += w
    return ink


@pytest.mark.parametrize("name", ["王䶮", "张𠈌"])
def test_rare_characters_are_drawn_on_the_card(tmp_path, name):
    common, rare = _card_ink(tmp_path, name)
    assert common > 40
    assert rare > common * 0.3, f"{name[1]} drew {rare} dark pixels beside {common} of {name[0]}"
    # the oracle: where the name ends after its first character, the same place is blank
    (alone,) = _card_ink(tmp_path, name[0])
    assert alone == common


def test_the_ranking_draws_rare_names_and_names_what_it_cannot(db, admin, tmp_path):
    from tests.print_data import make_long_and_rare

    village = make_long_and_rare(households=12, villages=1)
    odd = Household.select().where(Household.village == village).order_by(Household.household_no.desc()).first()
    Household.update(head_name=f"李{NO_FONT}").where(Household.id == odd.id).execute()
    pdf = tmp_path / "ranking.pdf"
    ranking_pdf(pdf, actor=admin, period=periods.parse("2026"), village_id=village.id)
    text = pdf_text(pdf).replace("\n", "")
    assert "王䶮" in text  # Extension A maps back to text; Extension B is checked by its ink on the card
    assert "以下名称中有字无法打印" in text and "李□（缺字 U+30000）" in text
    from tests.pdf_helpers import pdf_fonts

    assert {f["name"].split("+")[-1] for f in pdf_fonts(pdf)} >= {"HanaMinA"}


def test_the_roster_import_warns_of_a_name_no_font_can_print_and_imports_it(admin, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "组别", "户号", "户主姓名", "与户主关系", "姓名", "性别", "身份证号码", "联系电话", "家庭住址", "备注"])
    ws.append([1, "1组", "0001", "王䶮", "户主", "王䶮", "男", "", "", "", ""])
    ws.append([2, "1组", "0002", f"李{NO_FONT}", "户主", f"李{NO_FONT}", "女", "", "", "", ""])
    ws.append([3, "1组", "0003", "张𠈌", "户主", "张𠈌", "男", "", "", "", ""])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    result = import_roster(actor=admin, path=path, village="柳溪村")
    assert result.ok and result.written, result.fault_lines()
    assert [(w.row, NO_FONT in w.reason) for w in result.warnings] == [(3, True)]
    assert "第 3 行" in result.summary()
    assert Household.select().count() == 3


def test_a_card_sheet_names_a_name_it_cannot_print(tmp_path):
    faces = [CardFace(i, f"0100{i}", name, "柳溪村", "V01", "1组", 1, payload_for("V01", f"0100{i}", 1, b"k" * 32), 0)
             for i, name in enumerate(["王䶮", f"李{NO_FONT}"])]
    pdf = tmp_path / "sheet.pdf"
    cards_pdf(pdf, faces)
    text = pdf_text(pdf).replace("\n", "")
    assert "以下名称中有字无法打印" in text and "李□（缺字 U+30000）" in text
    plain = tmp_path / "plain.pdf"
    cards_pdf(plain, faces[:1])
    assert "无法打印" not in pdf_text(plain)
