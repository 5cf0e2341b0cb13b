"""点钞: the cash in a cashier's drawer at the daily close, against the cash the day's redemptions took.

A cashier's expected cash for a day is the money of the redemptions they made that day, less the money they
gave back voiding redemptions that day (a void hands the cash back from the drawer of whoever voids). The count
the cashier enters is kept with the expected amount; a difference must carry a reason. Counting again later the
same day adds a row: the latest count is the one the close shows, the earlier ones stay on record."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from pointsapp import clock
from pointsapp.db import write_transaction
from pointsapp.errors import PermissionDenied, UserError
from pointsapp.models import DrawerCount, Redemption, User, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register import textnorm
from pointsapp.services.shop import money
from pointsapp.text import translate


def _day_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min)
    return start, start + dt.timedelta(days=1)


def cash_by_cashier(day: dt.date) -> dict[int, tuple[int, int]]:
    """Per cashier (user id): (cash taken by their redemptions that day, cash they gave back by voids that day)."""
    start, end = _day_range(day)
    taken = dict(Redemption.select(Redemption.created_by, fn.SUM(Redemption.cash_fen))
                 .where(Redemption.created_at >= start, Redemption.created_at < end, Redemption.cash_fen > 0)
                 .group_by(Redemption.created_by).tuples())
    back = dict(Redemption.select(Redemption.voided_by, fn.SUM(Redemption.cash_fen))
                .where(Redemption.voided_at >= start, Redemption.voided_at < end, Redemption.cash_fen > 0)
                .group_by(Redemption.voided_by).tuples())
    return {uid: (int(taken.get(uid) or 0), int(back.get(uid) or 0)) for uid in set(taken) | set(back)}


def expected_cash(day: dt.date, cashier_id: int) -> int:
    taken, back = cash_by_cashier(day).get(cashier_id, (0, 0))
    return taken - back


@dataclass(frozen=True)
class DrawerCountRow:
    id: int
    day: dt.date
    cashier_id: int
    cashier: str
    expected_fen: int
    counted_fen: int
    reason: str
    created_at: dt.datetime

    @property
    def difference_fen(self) -> int:
        return self.counted_fen - self.expected_fen


def _row(c: DrawerCount, name: str) -> DrawerCountRow:
    return DrawerCountRow(c.id, c.day, c.cashier_id, name, int(c.expected_fen), int(c.counted_fen), c.reason,
                          c.created_at)


def record_count(*, actor: Actor, counted: str | int, reason: str = "", day: dt.date | None = None) -> DrawerCountRow:
    """The cashier's own drawer count for ``day`` (today by default); ``counted`` in 元 (text) or fen (int)."""
    require(actor, Permission.SHOP_REDEEM)
    day = day or clock.today()
    if day != clock.today() and not actor.can(Permission.SHOP_VOID_ANY):
        raise PermissionDenied(translate("services.drawer", "只能录入当天的点钞；以前的日子需要管理员录入。"))
    if day > clock.today():
        raise UserError(translate("services.drawer", "{0} 还没到，不能点钞。").format(day.isoformat()))
    fen = counted if isinstance(counted, int) and not isinstance(counted, bool) else money.parse_yuan(
        counted, translate("services.drawer", "点钞金额"))
    if fen < 0 or fen > money.MAX_FEN:
        raise UserError(translate("services.drawer", "点钞金额必须在 0 到 {0} 元之间。").format(money.yuan(money.MAX_FEN)))
    reason = textnorm.free_text(reason, translate("services.drawer", "原因"), max_length=500)
    with write_transaction():
        expected = expected_cash(day, actor.user_id)
        if fen != expected and not reason:
            raise UserError(translate("services.drawer", "点钞 {0} 元与应收现金 {1} 元不符（差 {2} 元）：请填写原因。").format(
                money.yuan(fen), money.yuan(expected), money.yuan(fen - expected)))
        row = DrawerCount.create(day=day, cashier=actor.user_id, expected_fen=expected, counted_fen=fen,
                                 reason=reason, created_at=now())
        audit.record(actor, "shop.drawer_count", "drawer_count", row.id, None,
                     {"day": day, "expected_fen": expected, "counted_fen": fen, "reason": reason})
    user = User.get_by_id(actor.user_id)
    return _row(row, user.display_name or user.username)


def counts_of(day: dt.date) -> dict[int, DrawerCountRow]:
    """The latest count of each cashier for ``day``, by user id."""
    latest: dict[int, DrawerCountRow] = {}
    for c in (DrawerCount.select(DrawerCount, User).join(User).where(DrawerCount.day == day)
              .order_by(DrawerCount.created_at, DrawerCount.id)):
        latest[c.cashier_id] = _row(c, c.cashier.display_name or c.cashier.username)
    return latest


def my_expected(*, actor: Actor, day: dt.date | None = None) -> int:
    """The cash (fen) the signed-in cashier's drawer should hold from ``day``'s redemptions and voids."""
    require(actor, Permission.SHOP_REDEEM)
    return expected_cash(day or clock.today(), actor.user_id)
