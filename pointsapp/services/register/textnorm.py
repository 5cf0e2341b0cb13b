"""Cleaning what people type or paste: full-width digits, stray spaces, phone numbers, name pinyin; and the one
door every name and free text passes (``checked``/``text_problem``): control characters, bidi overrides, zero-width
characters and, in names, emoji are refused with a message naming the field."""
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


# Invisible characters that change how text looks or reads (bidi overrides and isolates, zero-width spaces and
# joiners, the byte-order mark …) are all Unicode category Cf; controls are Cc; lone surrogates Cs.
_REFUSED_CATEGORIES = {"Cc": "control", "Cf": "invisible", "Cs": "invisible"}
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0xFE00, 0xFE0F), (0x1F1E6, 0x1F1FF))
NAME_MAX = 40  # Member.name, Group.name: the longest real names (爱新觉罗·溥仪, 阿卜杜热合曼·买买提) are far shorter
TEXT_MAX = 200


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _EMOJI_RANGES) or (
        unicodedata.category(ch) == "So" and code > 0x2000 and not 0x3000 <= code <= 0x33FF)


def text_problem(value: str, *, name: bool = False, max_length: int | None = None) -> str | None:
    """Why ``value`` (already cleaned) may not be stored, in the chosen language; None when it may.

    Tabs and line breaks inside a one-line field have been collapsed to spaces by the cleaning before; every other
    control character is refused (it breaks exports and prints raw escape sequences), and so is every invisible
    formatting character (a right-to-left override turns 张三 into something else on screen; a zero-width space
    makes two equal names differ). In a name an emoji or a symbol is a typo: refused too, so the office fixes it."""
    for ch in value:
        kind = _REFUSED_CATEGORIES.get(unicodedata.category(ch))
        if kind == "control":
            return translate("services.textnorm", "含有控制字符（U+{0:04X}），请删除后重新输入").format(ord(ch))
        if kind == "invisible":
            return translate("services.textnorm", "含有看不见的格式字符（U+{0:04X}，如零宽空格或文字方向控制符），"
                             "请删除后重新输入").format(ord(ch))
        if name and _is_emoji(ch):
            return translate("services.textnorm", "含有表情符号或图形符号“{0}”，姓名和名称里不能有，请改正").format(ch)
    if name and value.startswith(("=", "+", "-", "@")):
        return translate("services.textnorm", "以“{0}”开头，像是表格公式而不是名称，请改正").format(value[0])
    if max_length is not None and len(value) > max_length:
        return translate("services.textnorm", "太长了（{0} 个字，最多 {1} 个）").format(len(value), max_length)
    return None


def checked(value, label: str, *, name: bool = False, max_length: int | None = None, multiline: bool = False) -> str:
    """``value`` cleaned at the door (NFC, full-width letters and digits narrowed; trimmed; spaces collapsed unless
    ``multiline``), or a
    :class:`UserError` naming ``label`` and what is wrong."""
    from pointsapp.errors import UserError

    if multiline:
        text = "\n".join(clean(line) for line in nfkc(value).replace("\r\n", "\n").split("\n")).strip()
    else:
        text = clean_name(value) if name else clean(value)
    why = text_problem(text.replace("\n", " ") if multiline else text, name=name, max_length=max_length)
    if why:
        raise UserError(f"{label}：{why}")
    return text


def free_text(value, label: str, *, max_length: int = 2000) -> str:
    """A reason, note or objection: several lines allowed, the same characters refused as in a name's field."""
    return checked(value, label, multiline=True, max_length=max_length)


# Full-width digits, Latin letters and the ideographic space to their ordinary forms; Chinese punctuation
# (（）、，：) stays as typed — NFKC would turn "食盐（家庭装）" into "食盐(家庭装)".
_WIDE = {**{0xFF10 + i: 0x30 + i for i in range(10)}, **{0xFF21 + i: 0x41 + i for i in range(26)},
         **{0xFF41 + i: 0x61 + i for i in range(26)}, 0x3000: 0x20}


def nfkc(value) -> str:
    """NFC, with full-width digits, letters and spaces in their ordinary forms (１２３ → 123)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).translate(_WIDE)


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
