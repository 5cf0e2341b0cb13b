"""Extra data for the dashboard and report tests, on top of a demo database.

The demo makes households and a year of entries; the supermarket, stars and inspection
batches come from other features, so these tests write their rows straight into the
existing tables (ledger rows only through ``ledger.append``).
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from pointsapp.models import Batch, EntryKind, EntryStatus, Group, Household, LedgerEntry, Product, Redemption
from pointsapp.models import Star, StarAward, User, Village
from pointsapp.services.scoring.ledger import EntryDraft, append, reversal_draft
from tests.conftest import clear_star_awards
from tests.star_helpers import applied_evaluation

_tokens = itertools.count(1)


@dataclass
class Extra:
    low_stock_skus: set[str]
    archived_household: int
    redemptions_this_month: int
    redeemed_points: int
    star_holders: dict[str, int]  # star name -> households holding it
    uninspected_group: str


def _redeem(household: Household, points: int, at: dt.datetime, admin_id: int, *, voided: bool = False) -> None:
    [entry_id] = append([EntryDraft(household_id=household.id, village_id=household.village_id,
                                    kind=EntryKind.REDEMPTION, points=-points, occurred_on=at.date(),
                                    note="兑换")], created_by=admin_id)
    Redemption.create(token=f"t{next(_tokens)}", household=household, total_points=points,
                      status=Redemption.STATUS_VOIDED if voided else Redemption.STATUS_DONE,
                      ledger_entry=entry_id, created_by=admin_id, created_at=at)


def add_extra(today: dt.date) -> Extra:
    admin = User.get(User.username == "admin")
    village = Village.select().order_by(Village.id).first()
    households = list(Household.select().where(Household.village == village).order_by(Household.id))
    groups = list(Group.select().where(Group.village == village).order_by(Group.sort_order, Group.name))

    # what the demo's own supermarket already holds counts too; its star awards are replaced by ours
    month_start = dt.datetime.combine(today.replace(day=1), dt.time())
    done_before = list(Redemption.select().where(Redemption.status == Redemption.STATUS_DONE,
                                                 Redemption.created_at >= month_start))
    low_before = {p.sku for p in Product.select().where(Product.active == True,  # noqa: E712
                                                         Product.stock <= Product.low_stock)}
    clear_star_awards()

    # supermarket: two products at or below their warning level, one fine, one low but no longer sold
    Product.create(sku="P1", name="食用盐", price=5, stock=2, low_stock=5)
    Product.create(sku="P2", name="菜籽油", price=60, stock=5, low_stock=5, village=village)
    Product.create(sku="P3", name="洗衣粉", price=15, stock=40, low_stock=5)
    Product.create(sku="P4", name="旧款毛巾", price=8, stock=0, low_stock=5, active=False)
    this_month = dt.datetime.combine(today.replace(day=1), dt.time(9, 30))
    _redeem(households[0], 65, this_month, admin.id)
    _redeem(households[1], 5, this_month + dt.timedelta(hours=2), admin.id)
    _redeem(households[2], 40, this_month + dt.timedelta(hours=3), admin.id, voided=True)
    _redeem(households[3], 30, this_month - dt.timedelta(days=3), admin.id)  # last month

    # stars: last year's evaluation is the current one; a few households hold stars, one was withdrawn
    stars = list(Star.select().where(Star.village == village).order_by(Star.sort_order))
    applied_evaluation(village.id, str(today.year - 1),
                       [(h, stars[0]) for h in households[:6]] + [(h, stars[1]) for h in households[:3]]
                       + [(households[6], stars[1])], admin.id, awarded_on=today)
    StarAward.update(withdrawn_at=dt.datetime.combine(today, dt.time(10)), withdrawn_by=admin).where(
        StarAward.household == households[6].id).execute()
    # an older year's evaluation applied afterwards (back-filled): history, not held
    applied_evaluation(village.id, str(today.year - 2), [(households[0], stars[2]), (households[7], stars[2])],
                       admin.id, awarded_on=today)

    # the ledger: an entry still waiting for review and a reversal, both this month
    rule_category = LedgerEntry.select().where(LedgerEntry.category.is_null(False)).first().category_id
    append([EntryDraft(household_id=households[10].id, village_id=village.id, kind=EntryKind.AWARD, points=50,
                       occurred_on=today, category_id=rule_category, status=EntryStatus.ENTERED)],
           created_by=admin.id)
    [award_id] = append([EntryDraft(household_id=households[11].id, village_id=village.id, kind=EntryKind.AWARD,
                                    points=9, occurred_on=today, category_id=rule_category)], created_by=admin.id)
    append([reversal_draft(LedgerEntry.get_by_id(award_id), "录错了")], created_by=admin.id)

    # an archived household: no longer counted among households
    archived = households[-1]
    Household.update(status=Household.STATUS_ARCHIVED).where(Household.id == archived.id).execute()

    # inspections: every group but the last has a batch this month
    code = f"{today.year}-{today.month:02d}"
    for g in groups[:-1]:
        Batch.create(village=village, group=g, period=code, title="月度卫生检查", created_by=admin)
    Batch.create(village=village, group=groups[-1], period="2000-01", title="很久以前", created_by=admin)
    return Extra(low_stock_skus={"P1", "P2"} | low_before, archived_household=archived.id,
                 redemptions_this_month=2 + len(done_before),
                 redeemed_points=70 + sum(r.total_points for r in done_before), star_holders={stars[0].name: 6, stars[1].name: 3},
                 uninspected_group=groups[-1].name)
