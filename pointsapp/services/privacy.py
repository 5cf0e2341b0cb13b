"""隐私: what may appear on public prints. Names are masked as villages do (张三丰 → 张*丰)."""
from __future__ import annotations


def mask_name(name: str) -> str:
    """Keep the first and (for three characters or more) the last character, mask the rest.

    ``张三丰`` → ``张*丰``, ``李四`` → ``李*``, ``欧阳娜娜`` → ``欧**娜``; one character stays as is.
    """
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
