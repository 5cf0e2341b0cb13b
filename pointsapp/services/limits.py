"""Domain bounds for every integer a person or a file can send to the database, with the message naming the limit.

The bounds are generous for a village (a rice cooker costs a few hundred points; a stock-in is a few boxes) and far
inside a 32-bit column on both backends, so an absurd number is refused with a sentence instead of overflowing
SQLite into a float or PostgreSQL into a DataError.
"""
from __future__ import annotations

from pointsapp.errors import UserError
from pointsapp.text import translate

POINTS_PER_ENTRY = 10_000        # one entry, award or deduction (typical: 2 to 50)
LEDGER_POINTS = 1_000_000_000    # any other entry (a redemption, an expiry, a reversal): fits a 32-bit column
RULE_CAP = 100_000               # a rule's yearly cap
PRICE = 1_000_000                # a product's price in points (typical: 5 to a few hundred)
STOCK_MOVE = 100_000             # one stock-in, stock-out or adjustment
STOCK_ON_HAND = 10_000_000       # what a product's stock may reach
REDEEM_QUANTITY = 1_000          # one line of one redemption
LOW_STOCK = STOCK_ON_HAND
SHELF_LIFE_DAYS = 36_500
MEMBERS = 100                    # people in one household
NOTICE_DAYS = 365


def bounded(value, label: str, low: int, high: int) -> int:
    """``value`` as an int within [low, high], or a UserError naming ``label`` and the limits."""
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except (TypeError, ValueError):
            raise UserError(translate("services.limits", "{0}必须是整数（收到“{1}”）。").format(label, str(value)[:40])) from None
    if not low <= value <= high:
        shown = str(value) if len(str(value)) <= 24 else str(value)[:20] + "…"
        raise UserError(translate("services.limits", "{0}必须在 {1} 到 {2} 之间（收到 {3}）。").format(
            label, f"{low:,}", f"{high:,}", shown))
    return value
