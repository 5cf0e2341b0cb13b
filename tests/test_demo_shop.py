"""The demo includes a stocked supermarket with a year of redemptions, donations and a few voids."""
from __future__ import annotations

from pointsapp.models import Product, Redemption, StockMove
from pointsapp.services.ops import check
from pointsapp.demo.step_shop import CATALOGUE, ean13


def test_demo_has_products_donations_redemptions_and_voids_and_passes_check(demo_db):
    assert Product.select().count() == len(CATALOGUE) >= 40
    assert all(len(p.sku) == 13 and ean13(p.sku[:12]) == p.sku for p in Product.select())
    donations = StockMove.select().where(StockMove.source == StockMove.SOURCE_DONATION)
    assert donations.count() > 0 and all(m.donor for m in donations)
    assert Redemption.select().count() > 60
    assert Redemption.select().where(Redemption.status == Redemption.STATUS_VOIDED).count() >= 1
    assert check.run_checks() == []
