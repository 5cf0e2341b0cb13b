"""check's 无透支兑换 replays each household's points in the order they took effect — the order of the signed
writes — not by the times the stations wrote them: two PCs' clocks often differ by minutes."""
from __future__ import annotations

from pointsapp import clock
from pointsapp.models import EntryKind, HouseholdBalance
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.scoring import ledger
from pointsapp.services.shop import redemption
from tests.conftest import make_actor
from tests.shop_helpers import available, make_shop


def _award(admin, household, points: int) -> None:
    ledger.append([ledger.EntryDraft(household_id=household.id, village_id=household.village_id, kind=EntryKind.AWARD,
                                     points=points, occurred_on=clock.today(), note="义务劳动")],
                  created_by=admin.user_id)


def test_a_sale_at_a_till_whose_clock_is_behind_spends_an_award_just_made_without_an_overdraft(admin, monkeypatch):
    shop = make_shop(admin, points=100)
    cashier = make_actor(Role.CASHIER, "cashier")
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-11-25 10:10")  # the office PC, ten minutes ahead
    _award(admin, shop["rich"], 50)
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-11-25 10:00")  # the till, right after, by its own clock earlier
    redemption.redeem(actor=cashier, items=[(shop["skus"]["食用油"], 2)], card_payload=shop["rich_card"])
    assert available(shop["rich"].id) == 30
    assert check.run_checks() == []


def test_a_sale_beyond_the_points_is_named_when_the_cached_balance_was_raised_to_allow_it(admin):
    shop = make_shop(admin, points=100)
    cashier = make_actor(Role.CASHIER, "cashier")
    HouseholdBalance.update(available=1000).where(HouseholdBalance.household == shop["rich"].id).execute()
    redemption.redeem(actor=cashier, items=[(shop["skus"]["食用油"], 2)], card_payload=shop["rich_card"])
    problems = check.run_checks()
    assert any("透支" in p and f"户 #{shop['rich'].id}" in p for p in problems), problems


def test_points_a_notice_made_effective_at_the_office_are_spent_at_a_till_whose_clock_is_behind(admin, monkeypatch):
    import datetime as dt

    from pointsapp.models import LedgerEntry, Village
    from pointsapp.services.scoring import review

    shop = make_shop(admin, points=100)
    Village.update(workflow=Village.WORKFLOW_REVIEWED).where(Village.id == shop["village"].id).execute()
    cashier, reviewer = make_actor(Role.CASHIER, "cashier"), make_actor(Role.REVIEWER, "shenhe")
    ledger.append([ledger.EntryDraft(household_id=shop["rich"].id, village_id=shop["village"].id,
                                     kind=EntryKind.AWARD, points=50, occurred_on=clock.today(), note="义务劳动",
                                     status="entered")], created_by=admin.user_id)
    pending = LedgerEntry.get(LedgerEntry.status == "entered")
    review.review(actor=reviewer, entry_ids=[pending.id], approve=True)
    review.put_on_notice(actor=reviewer, village_id=shop["village"].id, starts_on=clock.today() - dt.timedelta(days=8))
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-11-25 10:10")  # the office closes the notice: the 50 take effect
    review.close_notices(actor=reviewer, today=clock.today())
    assert available(shop["rich"].id) == 150
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-11-25 10:00")  # the till's clock is behind
    redemption.redeem(actor=cashier, items=[(shop["skus"]["食用油"], 2)], card_payload=shop["rich_card"])
    assert available(shop["rich"].id) == 30
    assert check.run_checks() == []
