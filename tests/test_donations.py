"""爱心捐赠: the donations of a period (service), the public list and the receipts as real PDFs, the CLI."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from pointsapp import clock
from pointsapp.models import Household, Member, Product, StockMove
from pointsapp.printing.donations import donation_list_pdf, donation_receipts_pdf
from pointsapp.services import periods
from pointsapp.services.shop import products
from pointsapp.services.shop import stock
from pointsapp.services.auth import Role
from pointsapp.services.shop.donations import donations
from pointsapp.errors import UserError
from pointsapp.services.register.villages import create_village
from tests.cli_helpers import run_cli
from tests.pdf_helpers import page_count, page_size_pt, pdf_text, render_pages


def _flat(pdf) -> str:
    return " ".join(pdf_text(pdf).split())


def _product(admin, sku, name, price, unit, village=None) -> Product:
    p = products.create_product(actor=admin, data=products.ProductData(sku=sku, name=name, price=price, unit=unit))
    if village is not None:
        Product.update(village=village.id).where(Product.id == p.id).execute()
    return Product.get_by_id(p.id)


def _donate(admin, product, quantity, donor, when: dt.datetime, source=StockMove.SOURCE_DONATION) -> StockMove:
    move = stock.stock_in(actor=admin, product_id=product.id, quantity=quantity, source=source, donor=donor)
    StockMove.update(created_at=when).where(StockMove.id == move.id).execute()
    return move


@pytest.fixture
def shop(admin):
    """Two villages; rice for 桃园村's shop, oil for 李家村's, salt for the whole township. Donations in
    Nov and Dec 2025 and one in Jan 2026; a budget purchase and a stock-out in Nov that are no donations."""
    a = create_village(actor=admin, name="桃园村", code="V01", groups=["1组"])
    b = create_village(actor=admin, name="李家村", code="V02", groups=["1组"])
    rice = _product(admin, "A1", "大米", 50, "袋", a)
    oil = _product(admin, "A2", "食用油", 60, "桶", b)
    salt = _product(admin, "A3", "食盐", 5, "袋")
    moves = {
        "rice": _donate(admin, rice, 10, "红星米业有限公司", dt.datetime(2025, 11, 3, 9)),
        "oil": _donate(admin, oil, 4, "乡贤王建国", dt.datetime(2025, 11, 20, 15)),
        "salt": _donate(admin, salt, 30, "红星米业有限公司", dt.datetime(2025, 11, 28, 8)),
        "dec": _donate(admin, salt, 12, "青山纺织厂", dt.datetime(2025, 12, 1, 8)),
        "jan": _donate(admin, rice, 2, "爱心人士刘秀英", dt.datetime(2026, 1, 5, 8)),
        "budget": _donate(admin, rice, 40, "", dt.datetime(2025, 11, 10, 8), source=StockMove.SOURCE_BUDGET),
    }
    stock.stock_out(actor=admin, product_id=salt.id, quantity=3, reason="破损")
    return {"a": a, "b": b, "moves": moves}


def test_the_period_lists_each_donation_in_time_order_and_nothing_else(admin, shop):
    listing = donations(actor=admin, period=periods.parse("2025-11"))
    assert [(r.donor, r.product, r.quantity, r.points) for r in listing.rows] == [
        ("红星米业有限公司", "大米", 10, 500), ("乡贤王建国", "食用油", 4, 240), ("红星米业有限公司", "食盐", 30, 150)]
    assert [(d.donor, d.count, d.points) for d in listing.donors] == [("红星米业有限公司", 2, 650), ("乡贤王建国", 1, 240)]
    assert listing.total_points == 890
    assert [r.village for r in listing.rows] == ["桃园村", "李家村", "全镇"]  # salt belongs to no village
    assert listing.title == "全镇"
    quarter = donations(actor=admin, period=periods.parse("2025-Q4"))
    assert len(quarter.rows) == 4 and quarter.total_points == 890 + 60
    assert len(donations(actor=admin, period=periods.parse("2026")).rows) == 1


def test_donor_and_village_filters(admin, shop):
    q4 = periods.parse("2025-Q4")
    assert [r.product for r in donations(actor=admin, period=q4, donor="红星").rows] == ["大米", "食盐"]
    village_a = donations(actor=admin, period=q4, village_id=shop["a"].id)
    assert village_a.title == "桃园村" and [r.product for r in village_a.rows] == ["大米", "食盐", "食盐"]
    assert "食用油" not in [r.product for r in village_a.rows]  # 李家村's goods stay off 桃园村's list


def test_a_cashier_may_read_the_donations(admin, shop, actor_of):
    assert len(donations(actor=actor_of(Role.CASHIER), period=periods.parse("2025-11")).rows) == 3


def test_the_public_list_pdf_shows_the_donations_totals_and_thanks(admin, shop, tmp_path):
    out = tmp_path / "list.pdf"
    count = donation_list_pdf(out, actor=admin, period=periods.parse("2025-11"), village_id=shop["b"].id,
                              printed_on=dt.date(2025, 12, 2))
    assert count == 2
    text = _flat(out)
    assert "李家村2025年11月爱心捐赠公示" in text.replace(" ", "")
    assert "乡贤王建国" in text and "食用油" in text and "4桶" in text and "240" in text
    assert "红星米业有限公司" in text and "30袋" in text and "150" in text
    assert "大米" not in text  # 桃园村's rice
    assert "青山纺织厂" not in text and "爱心人士刘秀英" not in text  # other periods
    assert "合计（2 位捐赠人）" in text and "390" in text and "按现价折合积分" in text and "衷心感谢" in text
    assert render_pages(out, tmp_path / "png", dpi=50)


def test_a_long_list_repeats_its_header_on_every_page(admin, shop, tmp_path):
    salt = Product.get(Product.sku == "A3")
    for i in range(70):
        _donate(admin, salt, 1, f"捐赠人{i:02d}", dt.datetime(2025, 10, 1, 8) + dt.timedelta(hours=i))
    out = tmp_path / "long.pdf"
    assert donation_list_pdf(out, actor=admin, period=periods.parse("2025-10")) == 70
    assert page_count(out) >= 2
    for page in range(1, page_count(out) + 1):
        assert "捐赠物品" in pdf_text(out, first=page, last=page)


def test_an_empty_period_says_so(admin, shop, tmp_path):
    out = tmp_path / "empty.pdf"
    assert donation_list_pdf(out, actor=admin, period=periods.parse("2024")) == 0
    text = _flat(out)
    assert "本期没有爱心捐赠记录" in text and "序号" not in text


def test_receipts_name_donor_goods_quantity_and_receiver(admin, shop, tmp_path):
    m = shop["moves"]
    out = tmp_path / "receipts.pdf"
    assert donation_receipts_pdf(out, actor=admin, move_ids=[m["rice"].id, m["oil"].id]) == 2
    assert page_count(out) == 2
    width, height = page_size_pt(out)
    assert round(width / 72 * 25.4) == 148 and round(height / 72 * 25.4) == 210  # A5
    first, second = (" ".join(pdf_text(out, first=p, last=p).split()) for p in (1, 2))
    assert "爱心捐赠收据" in first and "红星米业有限公司" in first and "大米" in first and "10袋" in first.replace(" ", "")
    assert f"JZ-{m['rice'].id:06d}" in first and "500" in first and "2025年11月3日" in first
    assert "经手人：" + (admin.display_name or "") in first and "桃园村村民委员会" in first and "盖章" in first
    assert "乡贤王建国" in second and "食用油" in second and "4桶" in second.replace(" ", "")


def test_a_receipt_only_for_a_donation(admin, shop, tmp_path):
    with pytest.raises(UserError, match="不是爱心捐赠入库"):
        donation_receipts_pdf(tmp_path / "x.pdf", actor=admin, move_ids=[shop["moves"]["budget"].id])
    assert not (tmp_path / "x.pdf").exists()


def test_the_demo_list_carries_no_id_numbers_or_phones(demo_db, admin, tmp_path):
    year = clock.today().year
    out = tmp_path / "demo.pdf"
    count = donation_list_pdf(out, actor=admin, period=periods.year(year))
    assert count == StockMove.select().where(StockMove.source == StockMove.SOURCE_DONATION,
                                             StockMove.created_at >= dt.datetime(year, 1, 1)).count() > 0
    text = pdf_text(out)
    secrets = [v for m in Member.select() for v in (m.id_number, m.phone) if v]
    secrets += [h.phone for h in Household.select() if h.phone]
    assert secrets and not [s for s in secrets if s in text]
    assert not re.search(r"\d{15,18}|1[3-9]\d{9}", text)


def test_cli_prints_the_list_and_the_receipts(demo_db, admin, db_target, tmp_path):
    year = str(clock.today().year)
    out = tmp_path / "list.pdf"
    result = run_cli("print", "donations", "--period", year, "-o", str(out), db=db_target)
    assert result.returncode == 0, result.stderr
    assert "爱心捐赠公示" in result.stdout and "爱心捐赠公示" in _flat(out).replace(" ", "")
    receipts = tmp_path / "receipts.pdf"
    result = run_cli("print", "donation-receipts", "--period", year, "-o", str(receipts), db=db_target)
    assert result.returncode == 0, result.stderr
    assert page_count(receipts) == StockMove.select().where(
        StockMove.source == StockMove.SOURCE_DONATION, StockMove.created_at >= dt.datetime(int(year), 1, 1)).count()
    result = run_cli("print", "donation-receipts", "--period", "2001", "-o", str(tmp_path / "none.pdf"), db=db_target)
    assert result.returncode == 1 and "没有爱心捐赠记录" in result.stderr
    assert not (tmp_path / "none.pdf").exists()
