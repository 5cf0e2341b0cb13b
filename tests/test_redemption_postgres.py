"""On PostgreSQL, row locks (SELECT … FOR UPDATE) keep two stations from overspending.

Needs a server: set POINTSAPP_TEST_POSTGRES to a URL of a database on it (e.g.
postgresql://postgres@/postgres?host=/tmp/pg&port=5432); each test creates and drops its own database.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from pointsapp.db import close_database, open_database
from pointsapp.models import Redemption
from pointsapp.services import cards, check, users
from pointsapp.services.auth import Role
from tests.conftest import make_actor
from tests.shop_helpers import available, make_household, make_shop, stocks
from tests.test_redemption_concurrency import _race

BASE = os.environ.get("POINTSAPP_TEST_POSTGRES", "")
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not BASE, reason="POINTSAPP_TEST_POSTGRES not set")]


@pytest.fixture
def pg_url():
    import psycopg2
    from playhouse.db_url import parse

    name = f"shop_{uuid.uuid4().hex[:10]}"
    params = parse(BASE)
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(BASE)
    url = urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))
    yield url
    close_database()
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_two_stations_spending_the_last_points_on_postgresql(pg_url):
    open_database(pg_url)
    admin = users.ensure_admin()
    shop = make_shop(admin, stock_each=10, points=60)
    make_actor(Role.CASHIER, "cashier")
    close_database()
    outcome = _race(pg_url, [shop["rich_card"], shop["rich_card"]], shop["skus"]["食用油"])
    open_database(pg_url)
    assert [kind for kind, _ in outcome] == ["NotEnoughPoints", "ok"], outcome
    assert available(shop["rich"].id) == 0 and Redemption.select().count() == 1
    assert check.run_checks() == []


def test_two_stations_taking_the_last_item_on_postgresql(pg_url):
    open_database(pg_url)
    admin = users.ensure_admin()
    shop = make_shop(admin, stock_each=1, points=500)
    other = make_household(admin, shop["village"], "01003", "王五", 500)
    other_card = cards.payload_of(cards.ensure_cards(actor=admin, household_ids=[other.id])[other.id])
    make_actor(Role.CASHIER, "cashier")
    close_database()
    outcome = _race(pg_url, [shop["rich_card"], other_card], shop["skus"]["电饭煲"])
    open_database(pg_url)
    assert [kind for kind, _ in outcome] == ["OutOfStock", "ok"], outcome
    assert stocks()[shop["skus"]["电饭煲"]] == 0
    assert check.run_checks() == []
