"""A long roster import never keeps a cashier waiting: redemptions run beside an import of thousands of households
in another process, and none waits more than a second (SQLite, whose single writer is where it could hurt)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

from pointsapp.db import close_database, open_database
from pointsapp.models import Household
from pointsapp.services.shop import redemption
from tests.conftest import admin_with_password
from tests.cli_helpers import cli_env
from tests.shop_helpers import make_shop
from tests.test_roster_import import ident, write_roster

HOUSEHOLDS = 2500  # a large village (5,000 people); see the note on larger imports in roster_import


def test_redemptions_beside_a_long_import_wait_under_a_second(tmp_path):
    db = tmp_path / "points.db"
    open_database(db)
    shop = make_shop(admin_with_password(), stock_each=400, points=5000)
    cashier = admin_with_password()
    people = []
    for h in range(HOUSEHOLDS):
        for k, relation in enumerate(("户主", "配偶")):
            n = h * 2 + k
            people.append([n, f"{h % 9 + 1}组", f"{h:05d}", f"户主{h}", relation, f"户主{h}" if k == 0 else f"配偶{h}",
                           "", ident(n % 900 + 1, dt.date(1940 + n // 900, 1, 1)), "", "", ""])
    roster = write_roster(tmp_path / "big.xlsx", people)
    waits = redeem_while_importing(db, roster, cashier, shop, households=HOUSEHOLDS + 2)
    assert len(waits) > 20, "the import ended before the cashier could try"
    assert max(waits) < 1.0, f"a redemption waited {max(waits):.2f} s ({len(waits)} redemptions)"


def redeem_while_importing(db, roster, cashier, shop, *, households: int) -> list[float]:
    """Import ``roster`` into the open database ``db`` from another process (the command line) and redeem one
    bag of salt after another beside it until the import ends; how long each redemption took, in seconds. The
    import must succeed with ``households`` in the register; the database is closed afterwards."""
    importer = subprocess.Popen([sys.executable, "-m", "pointsapp", "--db", str(db), "import", "households",
                                 str(roster), "--village", "柳溪村"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=cli_env())
    waits = []
    try:
        while importer.poll() is None:
            start = time.monotonic()
            redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
            waits.append(time.monotonic() - start)
            time.sleep(0.02)
        _out, err = importer.communicate()
        assert importer.returncode == 0, err
        assert Household.select().count() == households
    finally:
        if importer.poll() is None:
            importer.kill()
        close_database()
    return waits
