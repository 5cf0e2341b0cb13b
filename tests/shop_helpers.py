"""Building a small shop for tests: a village, households with points and cards, stocked products."""
from __future__ import annotations


from pointsapp import clock
from pointsapp.models import EntryKind, Household, Product, StockMove
from pointsapp.services.register import cards
from pointsapp.services.scoring import ledger
from pointsapp.services.shop import products
from pointsapp.services.shop import stock
from pointsapp.services.register.households import HouseholdData, MemberData, create_household
from pointsapp.services.register.villages import create_village

PRODUCTS = [("6901234500011", "食盐", 5, "粮油调味", "袋"), ("6901234500028", "酱油", 10, "粮油调味", "瓶"),
            ("6901234500035", "食用油", 60, "粮油调味", "桶"), ("6901234500042", "电饭煲", 300, "家电", "台")]


def make_household(admin, village, no: str, head: str, points: int) -> Household:
    household = create_household(actor=admin, village=village, data=HouseholdData(
        household_no=no, group_name="1组", members=[MemberData(name=head, relation="户主", is_head=True)]))
    if points:
        ledger.append([ledger.EntryDraft(household_id=household.id, village_id=village.id, kind=EntryKind.AWARD,
                                         points=points, occurred_on=clock.today(), note="测试加分")],
                      created_by=admin.user_id)
    return household


def make_shop(admin, *, stock_each: int = 10, points: int = 100):
    """A village 'V01' with households 张三丰 (``points``) and 李四 (0 points), four stocked products."""
    village = create_village(actor=admin, name="桃园村", code="V01", groups=["1组"])
    rich = make_household(admin, village, "01001", "张三丰", points)
    poor = make_household(admin, village, "01002", "李四", 0)
    issued = cards.issue_cards(actor=admin, household_ids=[rich.id, poor.id])
    made = {}
    for sku, name, price, category, unit in PRODUCTS:
        p = products.create_product(actor=admin, data=products.ProductData(
            sku=sku, name=name, price=price, category=category, unit=unit))
        if stock_each:
            stock.stock_in(actor=admin, product_id=p.id, quantity=stock_each, source=StockMove.SOURCE_BUDGET)
        made[name] = sku
    return {
        "village": village, "rich": rich, "poor": poor, "skus": made,
        "rich_card": issued[rich.id].payload, "poor_card": issued[poor.id].payload,
    }


def available(household_id: int) -> int:
    return ledger.cached_balance(household_id).available


def stocks() -> dict[str, int]:
    return {p.sku: p.stock for p in Product.select()}


def tampered(payload: str) -> str:
    """A card's payload with its last two characters changed: "ZZ", or "YY" for a token that ends in ZZ (one in
    1,024 random tokens does, and was then read as the genuine card)."""
    return payload[:-2] + ("YY" if payload[-2:].upper() == "ZZ" else "ZZ")
