"""兑换: redeeming a basket of products for a household's available points, and voiding it.

A redemption is one write transaction (``write_transaction``: BEGIN IMMEDIATE on SQLite,
row locks on PostgreSQL) that checks the card, the household, points and stock and then
writes the redemption, its lines, one ledger entry (kind 兑换) and the stock moves. Two
stations can therefore never both spend the same last points or the last item. The
basket's ``token`` makes confirming twice harmless: the second call returns the first
redemption. The till's statements are plain SQL in ``redemption_sql`` (peewee's building of
them cost more than running them); voids and receipts, rarer, use the models.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Sequence

from peewee import IntegrityError

from pointsapp import clock
from pointsapp.db import is_sqlite, write_transaction
from pointsapp.models import (
    EntryKind, Group, Household, HouseholdBalance, LedgerEntry, Product, Redemption, RedemptionLine, StockMove,
    User, Village, now,
)
from pointsapp.services import audit, limits
from pointsapp.services.register import textnorm
from pointsapp.services.signing import writes as signing
from pointsapp.services.register import cards
from pointsapp.services.scoring import ledger
from pointsapp.services.shop import household_limits, money, payment, policy, redemption_sql
from pointsapp.services.shop.household_limits import OverLimit
from pointsapp.services.shop.payment import CashRefused, NotEnoughPoints
from pointsapp.services.shop.policy import OutsideRedemptionDays
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import NotFound, PermissionDenied, UserError
from pointsapp.services.shop.products import UnknownProduct
from pointsapp.services.scoring.rankings import star_counts
from pointsapp.text import translate

__all__ = [
    "CardRefused", "RevokedCard", "HouseholdArchived", "NotEnoughPoints", "OutOfStock", "UnknownProduct",
    "ProductInactive", "OverLimit", "OutsideRedemptionDays", "CashRefused", "Shopper", "RedemptionResult", "read_card", "shopper", "redeem", "void", "detail",
    "new_token",
]


class CardRefused(UserError):
    """Unknown, forged or unreadable card."""


class RevokedCard(CardRefused):
    """A card reported lost and replaced (挂失)."""


class HouseholdArchived(UserError):
    """The household moved away or merged: it no longer redeems."""


class OutOfStock(UserError):
    def __init__(self, message: str, sku: str):
        super().__init__(message)
        self.sku = sku


class ProductInactive(UserError):
    """The product was taken off the shelf (下架)."""


def new_token() -> str:
    """A fresh basket token: one per basket, so a repeated confirmation is recognised."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Shopper:
    """What the cashier sees after a card scan."""

    household_id: int
    household_no: str
    head_name: str
    village: str
    group: str
    stars: int
    available: int
    earned: int
    card_serial: int | None = None


def shopper(*, actor: Actor, household_id: int, card_serial: int | None = None) -> Shopper:
    """The household at the till: name, group, stars and points (picked from the register, or after a sale)."""
    require(actor, Permission.SHOP_REDEEM)
    return _shopper(household_id, card_serial)


def _shopper(household_id: int, card_serial: int | None = None) -> Shopper:
    row = (Household.select(Household, Village.name, Group.name).join(Village).switch(Household).join(Group)
           .where(Household.id == household_id).first())
    if row is None:
        raise NotFound(translate("services.redemption", "户 #{0} 不存在。").format(household_id))
    bal = ledger.cached_balance(household_id)
    stars = star_counts([household_id]).get(household_id, 0)
    return Shopper(row.id, row.household_no, row.head_name, row.village.name, row.group.name, stars,
                   bal.available, bal.earned_total, card_serial)


def _refuse_card(check: cards.CardCheck) -> None:
    if check.valid:
        return
    if check.household_id is not None:
        household = Household.get_or_none(Household.id == check.household_id)
        if household is not None and household.status != Household.STATUS_ACTIVE:
            raise HouseholdArchived(translate("services.redemption", "{0}户已归档，不能再兑换积分。").format(household.head_name))
        raise RevokedCard(check.reason or translate("services.redemption", "这张积分卡已挂失作废，请使用补发的新卡。"))
    raise CardRefused(check.reason or translate("services.redemption", "无法识别的积分卡。"))


def read_card(*, actor: Actor, payload: str) -> Shopper:
    """A card scan at the cashier: the household, or a refusal (forged, revoked, archived)."""
    require(actor, Permission.SHOP_REDEEM)
    check, found = cards.scan(payload)  # one query: the check and what the cashier shows
    _refuse_card(check)
    return Shopper(found.household_id, found.household_no, found.head_name, found.village, found.group,
                   found.stars, found.available, found.earned, check.serial)


@dataclass(frozen=True)
class ResultLine:
    sku: str
    name: str
    unit: str
    quantity: int
    unit_price: int
    points: int


@dataclass(frozen=True)
class RedemptionResult:
    redemption_id: int
    token: str
    household_id: int
    total_points: int
    available_after: int
    created_at: dt.datetime
    status: str
    lines: list[ResultLine] = field(default_factory=list)
    replayed: bool = False  # True when the token had already been redeemed: nothing new was written
    cash_fen: int = 0       # money taken for the rest (分)
    cash_points: int = 0    # the points' worth of goods the money paid for

    @property
    def goods_points(self) -> int:
        """The basket's worth in points: the points taken plus what the cash paid for."""
        return self.total_points + self.cash_points


def _merge(items: Sequence[tuple[str, int]]) -> dict[str, int]:
    basket: dict[str, int] = {}
    for sku, qty in items:
        code = (sku or "").strip()
        if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
            raise UserError(translate("services.redemption", "商品“{0}”的数量必须是正整数。").format(code))
        basket[code] = limits.bounded(basket.get(code, 0) + qty, translate(
            "services.redemption", "商品“{0}”的数量").format(code[:40]), 1, limits.REDEEM_QUANTITY)
    if not basket:
        raise UserError(translate("services.redemption", "购物篮是空的：请先扫描或选择商品。"))
    return basket


def _result(redemption: Redemption, replayed: bool) -> RedemptionResult:
    lines = [ResultLine(l.product.sku, l.product.name, l.product.unit, l.quantity, l.unit_price, l.points)
             for l in RedemptionLine.select(RedemptionLine, Product).join(Product)
             .where(RedemptionLine.redemption == redemption.id).order_by(RedemptionLine.id)]
    return RedemptionResult(redemption.id, redemption.token, redemption.household_id, redemption.total_points,
                            ledger.cached_balance(redemption.household_id).available, redemption.created_at,
                            redemption.status, lines, replayed, redemption.cash_fen, redemption.cash_points)


def _replay(token: str, household_id: int | None) -> RedemptionResult | None:
    existing = Redemption.get_or_none(Redemption.token == token)
    if existing is None:
        return None
    if household_id is not None and existing.household_id != household_id:
        raise UserError(translate("services.redemption", "这笔兑换的确认码已被另一户使用，请重新开始一笔兑换。"))
    return _result(existing, replayed=True)


def redeem(*, actor: Actor, items: Sequence[tuple[str, int]], card_payload: str | None = None,
           household_id: int | None = None, token: str | None = None, note: str = "",
           points: int | None = None, cash_fen: int | None = None) -> RedemptionResult:
    """Redeem ``items`` ([(sku, qty)]) for the household on the card (or chosen by hand).

    ``points`` None pays the whole basket in points; a number uses that many points and takes the rest in cash
    (when the village allows it), ``cash_fen`` being the money the till showed (see ``payment.settle``).
    Outside the village's redemption days, or over a product's per-household limit, the sale is refused.
    Refusals raise a :class:`UserError` subclass and change nothing. The same ``token``
    twice returns the first redemption (``replayed=True``) instead of redeeming again.
    """
    require(actor, Permission.SHOP_REDEEM)
    if (card_payload is None) == (household_id is None):
        raise UserError(translate("services.redemption", "兑换需要扫积分卡，或手动选择一户（二者取一）。"))
    token = (token or "").strip() or new_token()
    if len(token) > 64:
        raise UserError(translate("services.redemption", "兑换确认码过长。"))
    basket = _merge(items)
    try:
        with write_transaction():
            return _redeem_locked(actor, basket, card_payload, household_id, token, note, points, cash_fen)
    except IntegrityError:
        # another station committed the same token first (PostgreSQL): that one counts
        replay = _replay(token, None)
        if replay is None:
            raise
        return replay


def _redeem_locked(actor, basket, card_payload, household_id, token, note, points, cash_fen) -> RedemptionResult:
    serial = None
    if card_payload is not None:
        check = cards.verify(card_payload)
        _refuse_card(check)
        household_id, serial = check.household_id, check.serial
    household = redemption_sql.household_for_redemption(household_id, token)
    if household is None or household.redeemed_token_id is not None:
        replay = _replay(token, household_id)  # a token seen before wins over every other check
        if replay is not None:
            return replay
        raise NotFound(translate("services.redemption", "户 #{0} 不存在。").format(household_id))
    if household.status != Household.STATUS_ACTIVE:
        raise HouseholdArchived(translate("services.redemption", "{0}户已归档，不能再兑换积分。").format(household.head_name))
    available = household.available
    today = clock.today()
    village_policy = policy.Policy(household.village_id, household.cash_allowed,
                                   household.point_price_fen or policy.DEFAULT_POINT_PRICE_FEN,
                                   household.redemption_days)
    policy.check_redemption_day(village_policy, today)
    products = redemption_sql.products_for_update(list(basket))
    lines = []
    for sku, qty in basket.items():
        product = products.get(sku)
        if product is None:
            raise UnknownProduct(translate("services.redemption", "条码“{0}”不是本超市的商品，请核对或手动选择商品。").format(sku))
        if not product.active:
            raise ProductInactive(translate("services.redemption", "“{0}”已下架，不能兑换。").format(product.name))
        if product.stock < qty:
            left = translate("services.redemption", "只剩 {0}{1}").format(
                product.stock, product.unit) if product.stock else translate("services.redemption", "已经没有了")
            raise OutOfStock(translate("services.redemption", "“{0}”库存不足：{1}，要兑换 {2}{3}。").format(
                product.name, left, qty, product.unit), sku)
        lines.append((product, qty))
    household_limits.check(household.id, lines, today)
    total = sum(p.price * q for p, q in lines)
    paid = payment.settle(total=total, available=available, points=points, policy=village_policy, cash_fen=cash_fen)
    stamp = now()
    summary = "、".join(f"{p.name}×{q}" for p, q in lines)
    if paid.cash_fen:
        summary += f"；现金补差 {paid.cash_points} 分合 {money.yuan(paid.cash_fen)} 元"
    (entry_id,) = ledger.append([ledger.EntryDraft(
        household_id=household.id, village_id=household.village_id, kind=EntryKind.REDEMPTION, points=-paid.points,
        earned=False, occurred_on=stamp.date(), note=f"积分超市兑换：{summary}"[:500], created_at=stamp,
    )], created_by=actor.user_id)
    redemption_id = redemption_sql.insert_redemption(
        token=token, household_id=household.id, card_serial=serial, total_points=paid.points,
        ledger_entry_id=entry_id, created_by=actor.user_id, created_at=stamp, cash_fen=paid.cash_fen,
        cash_points=paid.cash_points)
    redemption_sql.write_lines(redemption_id=redemption_id, lines=lines, created_by=actor.user_id,
                               created_at=stamp, reason=textnorm.free_text(note, translate("services.redemption", "备注")))
    signing.sign_new_redemption(by=actor.user_id, row=(redemption_id, household.id, paid.points,
                                                       Redemption.STATUS_DONE, entry_id, None, paid.cash_fen,
                                                       paid.cash_points),
                                lines=[(p.id, q, p.price, p.price * q) for p, q in lines],
                                moves=[(p.id, StockMove.KIND_REDEEM, -q, actor.user_id) for p, q in lines])
    audit.record(actor, "redemption.create", "redemption", redemption_id, None,
                 {"household": household.id, "points": paid.points, "items": {p.sku: q for p, q in lines},
                  "card_serial": serial} | ({"cash_fen": paid.cash_fen, "cash_points": paid.cash_points}
                                            if paid.cash_fen else {}))
    # what _result would read back, known already (the balance row is locked by this transaction)
    return RedemptionResult(redemption_id, token, household.id, paid.points, available - paid.points, stamp,
                            Redemption.STATUS_DONE,
                            [ResultLine(p.sku, p.name, p.unit, q, p.price, p.price * q) for p, q in lines], False,
                            paid.cash_fen, paid.cash_points)


def _redemption(redemption_id: int) -> Redemption:
    return Redemption.by_id(redemption_id, translate("services.redemption", "兑换单 #{0} 不存在。"))


def void(*, actor: Actor, redemption_id: int, reason: str) -> RedemptionResult:
    """作废: a reversal entry gives the points back and stock moves put the goods back.

    A cashier may void the redemptions they took today; another cashier's, or an earlier day's, only an
    administrator (``SHOP_VOID_ANY``): the till's daily close stays each cashier's own account.
    """
    require(actor, Permission.SHOP_VOID)
    reason = textnorm.free_text(reason, translate("services.redemption", "原因"))
    if not reason:
        raise UserError(translate("services.redemption", "作废兑换必须填写原因。"))
    with write_transaction():
        redemption = _redemption(redemption_id)
        if redemption.status == Redemption.STATUS_VOIDED:
            raise UserError(translate("services.redemption", "兑换单 #{0} 已经作废过了。").format(redemption_id))
        if redemption.created_at.date() != clock.today() and not actor.can(Permission.SHOP_VOID_ANY):
            raise PermissionDenied(translate("services.redemption", "只能作废当天的兑换；以前的兑换需要管理员作废。"))
        if redemption.created_by_id != actor.user_id and not actor.can(Permission.SHOP_VOID_ANY):
            raise PermissionDenied(translate(
                "services.redemption", "兑换单 #{0} 是其他收银员办理的，只能由本人或管理员作废。").format(redemption.id))
        if not is_sqlite():
            HouseholdBalance.select().where(HouseholdBalance.household == redemption.household_id).for_update().first()
        entry = LedgerEntry.get_by_id(redemption.ledger_entry_id)
        draft = ledger.reversal_draft(entry, f"作废兑换单 #{redemption.id}：{reason}")
        stamp = now()
        draft.created_at = stamp  # the daily close counts the void on the day its reversal entry was made
        (void_entry,) = ledger.append([draft], created_by=actor.user_id)
        Redemption.update(status=Redemption.STATUS_VOIDED, voided_by=actor.user_id, voided_at=stamp,
                          void_reason=reason, void_entry=void_entry).where(Redemption.id == redemption.id).execute()
        for line in RedemptionLine.select().where(RedemptionLine.redemption == redemption.id):
            StockMove.create(product=line.product_id, kind=StockMove.KIND_VOID, quantity=line.quantity,
                             redemption=redemption.id, created_by=actor.user_id, created_at=stamp, reason=reason)
            Product.update(stock=Product.stock + line.quantity).where(Product.id == line.product_id).execute()
        signing.sign_shop(by=actor.user_id, redemption_ids=[redemption.id])  # its lines and moves, void ones too
        audit.record(actor, "redemption.void", "redemption", redemption.id, {"status": Redemption.STATUS_DONE},
                     {"status": Redemption.STATUS_VOIDED, "reason": reason, "points": redemption.total_points}
                     | ({"cash_fen": redemption.cash_fen} if redemption.cash_fen else {}))
    return _result(Redemption.get_by_id(redemption_id), replayed=False)


@dataclass(frozen=True)
class RedemptionDetail:
    """Everything a receipt shows."""

    result: RedemptionResult
    shopper: Shopper
    cashier: str
    void_reason: str = ""


def detail(*, actor: Actor, redemption_id: int) -> RedemptionDetail:
    if not (actor.can(Permission.SHOP_REDEEM) or actor.can(Permission.REPORT_VIEW)):
        require(actor, Permission.SHOP_REDEEM)
    redemption = _redemption(redemption_id)
    cashier = User.get_by_id(redemption.created_by_id)
    return RedemptionDetail(_result(redemption, replayed=False),
                            _shopper(redemption.household_id, redemption.card_serial),
                            cashier.display_name or cashier.username, redemption.void_reason)


def is_voided(result: RedemptionResult) -> bool:
    """The redemption was voided (its receipt says so in large type)."""
    return result.status == Redemption.STATUS_VOIDED
