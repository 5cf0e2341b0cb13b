"""Receipts as the cashier hands them over: no line of a product name starts with a closing bracket, rare names
are drawn, and a receipt can be printed again later, marked 补打."""
from __future__ import annotations

import subprocess

from pointsapp.printing.receipt import receipt_pdf
from pointsapp.services.shop import products, redemption, stock
from pointsapp.models import StockMove
from tests.cli_helpers import run_cli
from tests.pdf_helpers import pdf_fonts
from tests.shop_helpers import make_shop

CLOSING = tuple("）)，。、；：？！」』》")


def _lines(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_a_long_product_name_never_leaves_a_bracket_alone_and_fonts_are_embedded(admin, tmp_path):
    shop = make_shop(admin, points=500)
    names = ["金龙鱼食用植物调和油（5升装）", "福临门东北大米(10kg)", "洗衣液（薰衣草香型，2kg）", "康师傅红烧牛肉面（5包）"]
    for n, name in enumerate(names):
        p = products.create_product(actor=admin, data=products.ProductData(
            sku=f"L{n}", name=name, price=20, category="粮油", unit="件"))
        stock.stock_in(actor=admin, product_id=p.id, quantity=5, source=StockMove.SOURCE_BUDGET)
    done = redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[("L0", 1), ("L1", 1), ("L2", 1), ("L3", 1)])
    for paper in (58, 80):
        pdf = receipt_pdf(actor=admin, redemption_id=done.redemption_id, paper_mm=paper)
        lines = _lines(pdf, tmp_path)
        assert not [line for line in lines if line.startswith(CLOSING)], lines
        assert all(f["emb"] == "yes" for f in pdf_fonts(tmp_path / "r.pdf"))
        assert "".join(lines).count("金龙鱼") == 1


def test_a_receipt_is_reprinted_from_the_command_line_marked_as_a_copy(admin, db_target, tmp_path):
    shop = make_shop(admin, points=200)
    done = redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
    out = tmp_path / "again.pdf"
    result = run_cli("shop", "receipt", str(done.redemption_id), "--out", str(out), db=db_target)
    assert result.returncode == 0, result.stderr
    lines = _lines(out.read_bytes(), tmp_path)
    assert any(line.startswith("【补打】") for line in lines) and "张三丰" in "".join(lines)
    first = _lines(receipt_pdf(actor=admin, redemption_id=done.redemption_id), tmp_path)
    assert not any("补打" in line for line in first)
