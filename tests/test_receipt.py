"""The receipt PDF fits a 58 mm or 80 mm roll and shows the redemption in Chinese."""
from __future__ import annotations

import subprocess

import pytest

from pointsapp.printing.receipt import receipt_pdf
from pointsapp.services.shop import redemption
from tests.shop_helpers import make_shop


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("paper", [58, 80])
def test_receipt_fits_the_roll_and_lists_the_items(admin, tmp_path, paper):
    shop = make_shop(admin, points=200)
    done = redemption.redeem(actor=admin, card_payload=shop["rich_card"],
                             items=[(shop["skus"]["食用油"], 2), (shop["skus"]["食盐"], 1)])
    pdf = receipt_pdf(actor=admin, redemption_id=done.redemption_id, paper_mm=paper)
    (tmp_path / "r.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True).stdout
    width_pt = float(info.split("Page size:")[1].split("x")[0])
    assert abs(width_pt / 72 * 25.4 - paper) < 1
    text = _text(pdf, tmp_path)
    for expected in ("积分超市兑换小票", "张三丰", "食用油", "食盐", "合计：125 分", "剩余可用积分：75 分"):
        assert expected in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "r.pdf"), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_voided_receipt_says_so(admin, tmp_path):
    shop = make_shop(admin, points=200)
    done = redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["酱油"], 1)])
    redemption.void(actor=admin, redemption_id=done.redemption_id, reason="顾客退货")
    text = _text(receipt_pdf(actor=admin, redemption_id=done.redemption_id), tmp_path)
    assert "已作废" in text and "顾客退货" in text
