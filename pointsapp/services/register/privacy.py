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


# two-character surnames: the whole surname stays, as villagers know it
COMPOUND_SURNAMES = frozenset("""欧阳 司马 上官 慕容 诸葛 东方 皇甫 尉迟 公孙 令狐 长孙 宇文 夏侯 轩辕 端木 独孤 南宫
西门 司徒 司空 澹台 公冶 太史 申屠 万俟 闻人 呼延 百里 东郭 钟离 濮阳 单于 赫连 拓跋 第五 左丘 谷梁 乐正 仲孙
叱干 鲜于 闾丘 亓官 司寇 子车 颛孙 壤驷 公良 漆雕 巫马 公西 梁丘 宗政 淳于 太叔 申屠 公羊 羊舌 微生""".split())


def mask_name(name: str) -> str:
    """A name masked on public prints to a fixed pattern that does not reveal its length: the surname and one
    ``*`` (张三丰 → 张*, 欧阳娜娜娜 → 欧阳*); a name written with a middle dot (minority names, whose first
    characters are not a surname) keeps its first two characters and ``**`` (阿卜杜热合曼·买买提 → 阿卜**).
    A name of one character stays as is."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if "·" in name or "•" in name or "・" in name:
        return name[:2] + "**"
    if name[:2] in COMPOUND_SURNAMES and len(name) > 2:
        return name[:2] + "*"
    return name[0] + "*"
