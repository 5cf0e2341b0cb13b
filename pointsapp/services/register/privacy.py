"""Private data: ID and phone numbers masked for roles without Permission.PRIVATE_VIEW and flagged in
exports; names masked on public prints as villages do (张三丰 → 张*丰).

The rule for every export: when a file contains unmasked ID or phone numbers, its file name carries
``PRIVATE_MARK`` (see :func:`marked_path`) and its first row is ``PRIVATE_NOTICE``.
"""
from __future__ import annotations

import re
from pathlib import Path

from pointsapp.services.register import idnumber
from pointsapp.services.auth import Actor, Permission

PRIVATE_MARK = "含个人信息"
PRIVATE_NOTICE = "注意：本文件含身份证号码和电话号码等个人信息，仅供工作使用，不得公开张贴或外传。"

# 18-character citizen ID (may end in X) and 11-digit mainland mobile numbers, not inside longer digit runs.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")
PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def may_see(actor: Actor | None) -> bool:
    return actor is not None and actor.can(Permission.PRIVATE_VIEW)


def mask_id_number(number: str) -> str:
    """6101**********1234, the same as lists show (pointsapp.services.idnumber.mask)."""
    return idnumber.mask(number)


def mask_text(text: str) -> str:
    """Every ID and phone number inside free text, masked (6101**********1234, 138****5678)."""
    text = ID_NUMBER.sub(lambda m: m.group(1) + "*" * 10 + m.group(2), text)
    return PHONE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


def contains_private(text: str) -> bool:
    return bool(ID_NUMBER.search(text) or PHONE.search(text))


def for_actor(actor: Actor | None, text: str) -> str:
    return text if may_see(actor) else mask_text(text)


def marked_path(path: str | Path) -> Path:
    """``名单.xlsx`` → ``名单_含个人信息.xlsx`` (unchanged when already marked)."""
    path = Path(path)
    if PRIVATE_MARK in path.name:
        return path
    return path.with_name(f"{path.stem}_{PRIVATE_MARK}{path.suffix}")


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
