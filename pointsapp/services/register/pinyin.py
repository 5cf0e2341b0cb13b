"""Pinyin for Chinese names: initials for search (zsf → 张三丰) and a key for sorting."""
from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")).lower()


@lru_cache(maxsize=65536)
def full(text: str) -> str:
    return "".join(lazy_pinyin(text, errors="ignore")).lower()


def sort_key(text: str) -> str:
    """Pinyin order, the order a Chinese office expects for a list of names."""
    return " ".join(lazy_pinyin(text or "", errors="default")).lower()


def search_terms(name: str) -> str:
    """What a name contributes to a household's search key."""
    return f"{name} {initials(name)} {full(name)}"
