"""Cleaning what people type or paste: full-width digits, stray spaces, phone numbers, name pinyin."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pointsapp.services.register import pinyin
from pointsapp.text import translate

# Surnames whose reading differs from the common one: pypinyin reads 曾 as "ceng", a village office says "zeng".
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "翟": "zhai", "区": "ou", "查": "zha", "乐": "yue",
    "朴": "piao", "盖": "ge", "缪": "miao", "覃": "qin", "员": "yun", "召": "shao", "藏": "zang", "尉": "yu",
    "种": "chong", "秘": "bi", "繁": "po", "宓": "mi", "句": "gou", "阚": "kan", "那": "na", "朝": "chao",
    "折": "she", "隗": "wei", "万俟": "moqi", "尉迟": "yuchi", "长孙": "zhangsun",
}
COMPOUND_INITIALS = {"万俟": "mq", "尉迟": "yc", "长孙": "zs"}

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3}-?)?[2-9]\d{6,7}")
_SPACES = re.compile(r"\s+")


def nfkc(value) -> str:
    """Full-width digits, letters and spaces to their ordinary forms (１２３ → 123)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value))


def clean(value) -> str:
    """Trimmed, inner runs of spaces collapsed to one."""
    return _SPACES.sub(" ", nfkc(value)).strip()


def clean_name(value) -> str:
    """Chinese names carry no spaces ("张  三" is padding); a middle dot stays (买买提·吐尔逊)."""
    return _SPACES.sub("", nfkc(value)).replace("•", "·").replace(".", "·")


def clean_phone(value) -> str:
    text = _SPACES.sub("", nfkc(value))
    if _MOBILE.fullmatch(text.replace("-", "")):
        return text.replace("-", "")
    return text


def phone_problem(phone: str) -> str | None:
    """Why ``phone`` is not a mobile (11 digits) or landline number, in the chosen language; None when fine or empty."""
    if not phone:
        return None
    if _MOBILE.fullmatch(phone) or _LANDLINE.fullmatch(phone):
        return None
    if phone.isdigit() and phone.startswith("1"):
        return translate("services.textnorm", "手机号码应为11位，实际为{0}位").format(len(phone))
    return translate("services.textnorm", "电话号码“{0}”格式不对").format(phone)


def _surname_split(name: str) -> tuple[str, str]:
    for length in (2, 1):
        if name[:length] in SURNAME_READINGS and len(name) > length:
            return name[:length], name[length:]
    return "", name


@lru_cache(maxsize=131072)
def name_initials(name: str) -> str:
    surname, rest = _surname_split(name)
    if surname:
        reading = SURNAME_READINGS[surname]
        head = reading[0] if len(surname) == 1 else COMPOUND_INITIALS[surname]
        return head + pinyin.initials(rest)
    return pinyin.initials(name)


@lru_cache(maxsize=131072)
def name_full(name: str) -> str:
    surname, rest = _surname_split(name)
    if surname:
        return SURNAME_READINGS[surname] + pinyin.full(rest)
    return pinyin.full(name)


@lru_cache(maxsize=131072)
def name_sort_key(name: str) -> str:
    """Pinyin order with surnames read as surnames (曾 sorts under z)."""
    surname, rest = _surname_split(name or "")
    if surname:
        return SURNAME_READINGS[surname] + " " + pinyin.sort_key(rest)
    return pinyin.sort_key(name or "")


def name_search_terms(name: str) -> str:
    """A name, its initials and full pinyin; the common reading too when the surname reads differently."""
    terms = [name, name_initials(name), name_full(name)]
    plain = pinyin.initials(name)
    if plain != terms[1]:
        terms += [plain, pinyin.full(name)]
    return " ".join(t for t in terms if t)
