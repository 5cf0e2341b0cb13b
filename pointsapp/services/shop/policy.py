"""A village's shop policy: whether cash may make up a shortfall, what a point is worth in money, on which days
the shop redeems (兑换日), and the checks the till makes against it inside the sale's transaction."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pointsapp.db import write_transaction
from pointsapp.errors import UserError
from pointsapp.models import Household, ShopPolicy, Village
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.shop import money
from pointsapp.services.shop import redemption_days as days_rule
from pointsapp.text import translate

DEFAULT_POINT_PRICE_FEN = 100  # a point is usually worth about one 元 of goods


class OutsideRedemptionDays(UserError):
    """Today is not one of the village's redemption days."""

    def __init__(self, message: str, next_day: dt.date | None):
        super().__init__(message)
        self.next_day = next_day


@dataclass(frozen=True)
class Policy:
    village_id: int
    cash_allowed: bool = False
    point_price_fen: int = DEFAULT_POINT_PRICE_FEN
    redemption_days: str = ""  # as stored ("1-5, 2027-01-20"); empty: every day

    def cash_for(self, points: int) -> int:
        """The money (fen) that pays for ``points`` points' worth of goods."""
        return points * self.point_price_fen

    def next_redemption_day(self, today: dt.date) -> dt.date | None:
        return days_rule.parse(self.redemption_days).next_day(today)


def policy_of(village_id: int) -> Policy:
    row = ShopPolicy.get_or_none(ShopPolicy.village == village_id)
    if row is None:
        return Policy(village_id)
    return Policy(village_id, bool(row.cash_allowed), int(row.point_price_fen), row.redemption_days)


def policy_of_household(household_id: int) -> Policy:
    """The policy of the household's village (what the till shows after a card scan)."""
    household = Household.get_or_none(Household.id == household_id)
    if household is None:
        raise UserError(translate("services.shop_policy", "户 #{0} 不存在。").format(household_id))
    return policy_of(household.village_id)


def set_policy(*, actor: Actor, village_id: int, cash_allowed: bool, point_price: str | int,
               redemption_days: str = "") -> Policy:
    """Change a village's shop policy. ``point_price`` is in 元 (text such as "0.50") or an int of fen."""
    require(actor, Permission.SETTINGS_EDIT)
    fen = point_price if isinstance(point_price, int) and not isinstance(point_price, bool) else money.parse_yuan(
        point_price, translate("services.shop_policy", "每分积分折合金额"))
    if fen <= 0:
        raise UserError(translate("services.shop_policy", "每分积分折合的金额必须大于 0 元。"))
    if fen > 100_000:
        raise UserError(translate("services.shop_policy", "每分积分折合的金额不能超过 1000 元。"))
    days = days_rule.normalised(redemption_days or "")
    if len(days) > 200:
        raise UserError(translate("services.shop_policy", "兑换日写得太长了（最多 200 个字符）。"))
    with write_transaction():
        if Village.get_or_none(Village.id == village_id) is None:
            raise UserError(translate("services.shop_policy", "找不到这个村。"))
        old = policy_of(village_id)
        new = Policy(village_id, bool(cash_allowed), fen, days)
        ShopPolicy.insert(village=village_id, cash_allowed=new.cash_allowed, point_price_fen=fen,
                          redemption_days=days).on_conflict(
            conflict_target=[ShopPolicy.village],
            update={ShopPolicy.cash_allowed: new.cash_allowed, ShopPolicy.point_price_fen: fen,
                    ShopPolicy.redemption_days: days}).execute()
        audit.record(actor, "shop.policy", "village", village_id,
                     {"cash_allowed": old.cash_allowed, "point_price_fen": old.point_price_fen,
                      "redemption_days": old.redemption_days},
                     {"cash_allowed": new.cash_allowed, "point_price_fen": fen, "redemption_days": days})
    return new



def check_redemption_day(policy: Policy, today: dt.date) -> None:
    """Refuses a sale on a day the village does not redeem, naming the next redemption day."""
    rule = days_rule.parse(policy.redemption_days)
    if rule.allows(today):
        return
    following = rule.next_day(today)
    if following is None:
        raise OutsideRedemptionDays(translate("services.shop_policy", "今天（{0}）不是兑换日，近期也没有安排兑换日（{1}）。").format(
            today.isoformat(), policy.redemption_days), None)
    raise OutsideRedemptionDays(translate("services.shop_policy", "今天（{0}）不是兑换日。下一个兑换日：{1}（{2}）。").format(
        today.isoformat(), following.isoformat(), translate("services.shop_policy", "兑换日：{0}").format(
            policy.redemption_days)), following)


def check_today(*, actor: Actor, household_id: int) -> Policy:
    """At the card scan: the household's village policy, or a refusal when today is not a redemption day."""
    from pointsapp import clock

    require(actor, Permission.SHOP_REDEEM)
    found = policy_of_household(household_id)
    check_redemption_day(found, clock.today())
    return found


def village_policy(*, actor: Actor, village_id: int) -> Policy:
    """The village's shop policy, for the settings screen."""
    if not actor.can(Permission.SETTINGS_EDIT):
        require(actor, Permission.REPORT_VIEW)
    return policy_of(village_id)
