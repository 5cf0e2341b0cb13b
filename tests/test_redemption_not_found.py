"""A redemption number that names no redemption: voiding it and reading its receipt both say so, and voiding
changes nothing."""
from __future__ import annotations

import pytest

from pointsapp.errors import NotFound
from pointsapp.models import LedgerEntry, Redemption, StockMove
from pointsapp.services.shop import redemption
from tests.shop_helpers import make_shop


def test_an_unknown_redemption_is_named_as_missing_by_void_and_by_the_receipt(admin):
    shop = make_shop(admin)
    made = redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)],
                             token="t1")
    missing = made.redemption_id + 1000
    before = (Redemption.select().count(), LedgerEntry.select().count(), StockMove.select().count())
    with pytest.raises(NotFound, match=f"兑换单 #{missing} 不存在"):
        redemption.void(actor=admin, redemption_id=missing, reason="顾客退货")
    with pytest.raises(NotFound, match=f"兑换单 #{missing} 不存在"):
        redemption.detail(actor=admin, redemption_id=missing)
    assert (Redemption.select().count(), LedgerEntry.select().count(), StockMove.select().count()) == before
    assert redemption.detail(actor=admin, redemption_id=made.redemption_id).result.redemption_id == made.redemption_id
