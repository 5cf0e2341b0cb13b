"""Random sequences of redemptions, voids and stock moves keep every invariant (hypothesis)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pointsapp.db import close_database, open_database
from pointsapp.models import Redemption, RedemptionLine, StockMove
from pointsapp.services.ops import check
from pointsapp.services.scoring import ledger
from pointsapp.services.shop import redemption
from pointsapp.services.shop import stock
from pointsapp.services.ops import users
from pointsapp.errors import UserError
from tests.shop_helpers import PRODUCTS, make_shop

SKUS = [p[0] for p in PRODUCTS]
redeem_op = st.tuples(st.just("redeem"), st.sampled_from(["rich", "poor"]),
                      st.lists(st.tuples(st.sampled_from(SKUS + ["0000000000000"]), st.integers(1, 4)),
                               min_size=0, max_size=4),
                      st.integers(0, 5))
void_op = st.tuples(st.just("void"), st.integers(0, 30))
restock_op = st.tuples(st.just("restock"), st.sampled_from(SKUS), st.integers(1, 5))
ops = st.lists(st.one_of(redeem_op, redeem_op, void_op, restock_op), min_size=1, max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=ops)
def test_random_redemptions_and_voids_keep_points_stock_and_ledger_consistent(tmp_path_factory, sequence):
    path = tmp_path_factory.mktemp("prop") / "shop.db"
    open_database(path)
    try:
        admin = users.ensure_admin()
        shop = make_shop(admin, stock_each=3, points=150)
        cards = {"rich": shop["rich_card"], "poor": shop["poor_card"]}
        tokens: list[str] = []
        for op in sequence:
            try:
                if op[0] == "redeem":
                    _, who, items, token_pick = op
                    # reuse an earlier token sometimes: must replay, never redeem twice
                    token = tokens[token_pick] if token_pick < len(tokens) else f"t{len(tokens)}"
                    before = Redemption.select().count()
                    result = redemption.redeem(actor=admin, card_payload=cards[who], items=items, token=token)
                    assert Redemption.select().count() == before + (0 if result.replayed else 1)
                    tokens.append(token)
                elif op[0] == "void":
                    done = list(Redemption.select().order_by(Redemption.id))
                    if done:
                        redemption.void(actor=admin, redemption_id=done[op[1] % len(done)].id, reason="测试作废")
                else:
                    from pointsapp.services.shop.products import find_by_sku
                    stock.stock_in(actor=admin, product_id=find_by_sku(op[1], actor=admin).id, quantity=op[2])
            except UserError:
                pass
        assert check.run_checks() == []
        for who in ("rich", "poor"):
            hid = shop[who].id
            assert ledger.cached_balance(hid).available >= 0
            spent = sum(r.total_points for r in Redemption.select().where(
                Redemption.household == hid, Redemption.status == Redemption.STATUS_DONE))
            assert ledger.cached_balance(hid).available == (150 if who == "rich" else 0) - spent
        for r in Redemption.select():
            assert r.total_points == sum(l.points for l in RedemptionLine.select().where(RedemptionLine.redemption == r))
            assert sum(m.quantity for m in StockMove.select().where(StockMove.redemption == r)) == (
                0 if r.status == Redemption.STATUS_VOIDED else -sum(l.quantity for l in r.lines))
    finally:
        close_database()
