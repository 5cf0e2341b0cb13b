"""Cards that survive the guillotine and a worn pocket: long names keep out of the QR's quiet zone, the QR
(level Q) reads at 72 dpi with blur and after blots and scratches better than level M did, and a sheet
has gaps with crop marks, a bleeding band and nothing within 5 mm of the paper's edge."""
from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib.units import mm

from pointsapp.printing.cards import BLEED, CARD_H, CARD_W, COLUMNS, GAP, QR_SIZE, QR_X, QR_Y, ROWS, cards_pdf
from pointsapp.services.qr import QUIET_ZONE, qr_matrix
from pointsapp.services.register.cards import CardFace, payload_for
from tests.pdf_helpers import decode_qr, render_pages, word_boxes

import zxingcpp

LONG_NAMES = ["买买提艾力·阿卜杜克热木江江", "尼格拉·阿不都热依木江·买买提", "欧阳娜娜娜娜娜娜娜娜娜娜娜娜",
              "阿卜杜热合曼·买买提·艾力江", "司马相如如如如如如如如如如如", "爱新觉罗·溥仪仪仪仪仪仪仪仪"]
TOKEN = "KQ7ZT2MXA4BPR"  # a card's random token, fixed here so every run draws the same symbols


def _faces(names=LONG_NAMES):
    return [CardFace(i, f"{i + 1:02d}023", name, "某某某镇某某某某村", "V01", "第二十三村民小组", 1,
                     payload_for("V01", f"{i + 1:02d}023", 1, TOKEN), i % 6) for i, name in enumerate(names)]


def _images(tmp_path, level: str, dpi: int) -> list[Image.Image]:
    pdf = tmp_path / f"cards-{level}.pdf"
    cards_pdf(pdf, _faces(), single=True, qr_level=level)
    return [Image.open(p).convert("L") for p in render_pages(pdf, tmp_path / f"png-{level}-{dpi}", dpi=dpi)]


def _read(image: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_fourteen_character_names_stay_out_of_the_quiet_zone(tmp_path):
    assert all(len(name) >= 14 for name in LONG_NAMES)
    pdf = tmp_path / "cards.pdf"
    cards_pdf(pdf, _faces(), single=True)
    quiet = QUIET_ZONE * QR_SIZE / len(qr_matrix(_faces()[0].payload))
    # the symbol and its quiet zone, y from the top of the card as poppler gives it
    left, right = QR_X - quiet, QR_X + QR_SIZE + quiet
    top, bottom = CARD_H - QR_Y - QR_SIZE - quiet, CARD_H - QR_Y + quiet
    for page, words in enumerate(word_boxes(pdf)):
        intruders = [(w[4], round(w[2] / mm, 1)) for w in words
                     if w[0] < right and w[2] > left and w[1] < bottom and w[3] > top]
        assert intruders == [], f"card {page + 1}: text in the QR's quiet zone: {intruders}"
        drawn = "".join(w[4] for w in words)
        name = LONG_NAMES[page]
        assert name.replace("·", "")[:4] in drawn.replace("·", "") and name[-2:] in drawn


def test_long_name_cards_read_at_72_dpi_with_blur(tmp_path):
    faces = _faces()
    images = _images(tmp_path, "Q", 72)
    read = [_read(image.filter(ImageFilter.GaussianBlur(1))) for image in images]
    assert read == [[f.payload] for f in faces]


def _qr_box(image: Image.Image, dpi: int):
    px = dpi / 72
    x0, y1 = QR_X * px, image.height - QR_Y * px
    return x0, y1 - QR_SIZE * px, x0 + QR_SIZE * px, y1


def _blots(image, rng, dpi):
    image = image.copy()
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = _qr_box(image, dpi)
    module = (x1 - x0) / 25
    for _ in range(6):  # six ink or bleach spots of one to two modules
        cx, cy, r = rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(1.0, 1.8) * module
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rng.choice([0, 255]))
    return image


def _scratch(image, rng, dpi):
    image = image.copy()
    draw = ImageDraw.Draw(image)
    x0, y0, x1, y1 = _qr_box(image, dpi)
    module = (x1 - x0) / 25
    slant = rng.uniform(-3, 3) * module
    if rng.random() < 0.5:  # a scratch two modules wide across the symbol
        y = rng.uniform(y0, y1)
        draw.line((x0 - module, y, x1 + module, y + slant), fill=255, width=int(2 * module))
    else:
        x = rng.uniform(x0, x1)
        draw.line((x, y0 - module, x + slant, y1 + module), fill=255, width=int(2 * module))
    return image


def test_level_q_reads_more_damaged_cards_than_level_m(tmp_path):
    dpi, trials = 150, 25
    faces = _faces()
    rates = {}
    for damage in (_blots, _scratch):
        for level in ("M", "Q"):
            images = _images(tmp_path, level, dpi)
            rng = random.Random(24)  # the same damage for both levels
            read = sum(_read(damage(image, rng, dpi)) == [face.payload]
                       for _ in range(trials) for image, face in zip(images, faces))
            rates[(damage.__name__, level)] = read
    total = trials * len(faces)
    print({k: f"{v}/{total}" for k, v in rates.items()})
    assert rates[("_blots", "Q")] > rates[("_blots", "M")]
    assert rates[("_scratch", "Q")] > rates[("_scratch", "M")]


def test_the_card_payload_still_fits_version_2_at_level_q():
    from pointsapp.services.register.cards import new_token

    payload = payload_for("V01", "01023", 1, new_token())  # the usual card: a three-character village code
    assert len(qr_matrix(payload)) == 25 and qr_matrix(payload) == qr_matrix(payload, "Q")
    # a longer code keeps the symbol M gives it: larger modules, not more correction
    long_code = payload_for("CN010101", "23999", 12, new_token())
    assert len(qr_matrix(long_code)) == len(qr_matrix(long_code, "M")) < len(qr_matrix(long_code, "Q"))


def test_a_sheet_has_gaps_a_bleeding_band_and_a_clear_5_mm_edge(tmp_path):
    pdf = tmp_path / "sheet.pdf"
    faces = _faces(LONG_NAMES + ["张三", "王䶮"])
    cards_pdf(pdf, faces)
    dpi = 100
    (png,) = render_pages(pdf, tmp_path / "sheet", dpi=dpi)
    image = Image.open(png).convert("RGB")
    px = dpi / 25.4  # pixels a millimetre
    w, h = image.size
    edge = int(5 * px)
    frame = [image.getpixel((x, y)) for x in range(w) for y in list(range(edge)) + list(range(h - edge, h))]
    frame += [image.getpixel((x, y)) for y in range(h) for x in list(range(edge)) + list(range(w - edge, w))]
    assert all(p == (255, 255, 255) for p in frame), "something is printed within 5 mm of the paper's edge"
    # the first card's band: red just past its left cut (bleed), white in the middle of the gap beside it
    x0 = (210 - COLUMNS * CARD_W / mm - (COLUMNS - 1) * GAP / mm) / 2
    y_top = (297 - ROWS * CARD_H / mm - (ROWS - 1) * GAP / mm) / 2  # from the top of the page
    band_y = int((y_top + 6) * px)
    red = image.getpixel((int((x0 - BLEED / mm / 2) * px), band_y))
    assert red[0] > 150 and red[1] < 80, red
    gap_x = int((x0 + CARD_W / mm + GAP / mm / 2) * px)
    assert image.getpixel((gap_x, band_y)) == (255, 255, 255)
    assert len(decode_qr(png)) == 8
