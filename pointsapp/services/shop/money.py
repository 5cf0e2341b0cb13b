"""Money at the till, exactly: amounts are integers of fen (分, 1 元 = 100 分), parsed from and shown as 元."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pointsapp.errors import UserError
from pointsapp.text import translate

MAX_FEN = 100_000_000  # one million 元: far beyond a village shop's day, far inside a 32-bit column
_YUAN = re.compile(r"^\s*[¥￥]?\s*(\d{1,9}(?:\.\d{0,2})?|\.\d{1,2})\s*(元)?\s*$")


def yuan(fen: int) -> str:
    """``1250`` → ``"12.50"`` (negative amounts keep their sign)."""
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def parse_yuan(text, label: str | None = None) -> int:
    """``"12.5"`` or ``"¥12.50"`` → ``1250`` fen; more than two decimals, a sign or letters are refused."""
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    match = _YUAN.match(str(text or ""))
    label = label or translate("services.money", "金额")
    if not match:
        raise UserError(translate("services.money", "{0}“{1}”不是有效的金额（元，最多两位小数，如 12.50）。").format(
            label, str(text)[:20]))
    try:
        fen = int(Decimal(match.group(1)) * 100)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise UserError(translate("services.money", "{0}不是有效的金额。").format(label)) from None
    if fen > MAX_FEN:
        raise UserError(translate("services.money", "{0}不能超过 {1} 元。").format(label, yuan(MAX_FEN)))
    return fen
