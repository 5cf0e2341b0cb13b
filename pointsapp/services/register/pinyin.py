"""Pinyin for Chinese names: initials for search (zsf → 张三丰) and a key for sorting."""
from __future__ import annotations

from functools import lru_cache


def _pypinyin():
    """pypinyin loads its phrase dictionary on import (~0.2 s): only a command or page that needs pinyin pays."""
    import pypinyin

    return pypinyin


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    p = _pypinyin()
    return "".join(p.lazy_pinyin(text, style=p.Style.FIRST_LETTER, errors="ignore")).lower()


@lru_cache(maxsize=65536)
def full(text: str) -> str:
    return "".join(_pypinyin().lazy_pinyin(text, errors="ignore")).lower()


def sort_key(text: str) -> str:
    """Pinyin order, the order a Chinese office expects for a list of names."""
    return " ".join(_pypinyin().lazy_pinyin(text or "", errors="default")).lower()


def search_terms(name: str) -> str:
    """What a name contributes to a household's search key."""
    return f"{name} {initials(name)} {full(name)}"
