"""Two stations redeeming at the same moment against one SQLite file never overspend points or stock."""
from __future__ import annotations


from pointsapp.db import close_database, open_database
from pointsapp.models import Redemption
from pointsapp.services.ops import check
from pointsapp.services.auth import Role
from tests import cli_zygote
from tests.cli_helpers import cli_env
from tests.conftest import make_actor
from tests.stations import race
from tests.shop_helpers import available, make_household, make_shop, stocks
from pointsapp.services.register import cards


def _station(db_target, payload, sku, barrier, results):
    """One cashier station in its own process: open the file, wait for the other, redeem."""
    from pointsapp.services.shop import redemption
    from pointsapp.services.ops import users
    from pointsapp.errors import UserError

    open_database(db_target)
    from tests.cli_helpers import OPERATOR_PASSWORD

    actor = users.sign_in("cashier", OPERATOR_PASSWORD).actor  # a station signs in: its key unlocked for it
    barrier.wait()
    try:
        result = redemption.redeem(actor=actor, card_payload=payload, items=[(sku, 1)])
        results.put(("ok", result.redemption_id))
    except UserError as exc:
        results.put((type(exc).__name__, exc.message))
    finally:
        close_database()


def test_two_stations_spending_the_last_points_at_once_redeem_only_once(admin, db_target):
    shop = make_shop(admin, stock_each=10, points=60)  # exactly one bottle of oil's worth
    make_actor(Role.CASHIER, "cashier")
    close_database()
    oil = shop["skus"]["食用油"]
    outcome = race(_station, db_target, [(shop["rich_card"], oil), (shop["rich_card"], oil)])
    open_database(db_target)
    assert [kind for kind, _ in outcome] == ["NotEnoughPoints", "ok"], outcome
    assert available(shop["rich"].id) == 0
    assert stocks()[shop["skus"]["食用油"]] == 9
    assert Redemption.select().count() == 1
    assert check.run_checks() == []


def test_two_stations_taking_the_last_item_at_once_sell_it_only_once(admin, db_target):
    shop = make_shop(admin, stock_each=1, points=500)
    other = make_household(admin, shop["village"], "01003", "王五", 500)
    other_card = cards.issue_cards(actor=admin, household_ids=[other.id])[other.id].payload
    make_actor(Role.CASHIER, "cashier")
    close_database()
    cooker = shop["skus"]["电饭煲"]
    outcome = race(_station, db_target, [(shop["rich_card"], cooker), (other_card, cooker)])
    open_database(db_target)
    assert [kind for kind, _ in outcome] == ["OutOfStock", "ok"], outcome
    assert stocks()[shop["skus"]["电饭煲"]] == 0
    assert available(shop["rich"].id) + available(other.id) == 1000 - 300
    assert check.run_checks() == []


def test_two_cli_redeem_commands_at_once_never_overspend(admin, db_target):
    shop = make_shop(admin, stock_each=5, points=100)  # 100 points: one rice cooker would be 300, oil is 60
    make_actor(Role.CASHIER, "cashier")
    close_database()
    env = cli_env(user="cashier")
    cmd = ["--db", str(db_target), "redeem", "--card", shop["rich_card"], "--item", f"{shop['skus']['食用油']}=1"]
    tills = cli_zygote.run_at_once([cmd] * 3, env)
    outs = [(till.stdout, till.stderr) for till in tills]
    codes = sorted(till.returncode for till in tills)
    assert codes == [0, 1, 1], outs
    assert sum("积分不够" in err for _, err in outs) == 2, outs  # what the other refusal said, when it is not this
    open_database(db_target)
    assert available(shop["rich"].id) == 40
    assert stocks()[shop["skus"]["食用油"]] == 4
    assert check.run_checks() == []
