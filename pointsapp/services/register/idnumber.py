"""Citizen ID numbers (身份证号码, GB 11643-1999): check digit, validation, masking."""
from __future__ import annotations

import datetime as dt

from pointsapp.text import translate

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def problem(id_number: str) -> str | None:
    """Why ``id_number`` is not a valid 18-character ID number, in the chosen language; None when valid."""
    s = (id_number or "").strip().upper()
    if len(s) != 18:
        return translate("services.idnumber", "身份证号码应为18位，实际为{0}位").format(len(s))
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        return translate("services.idnumber", "身份证号码只能是数字，最后一位可以是X")
    try:
        dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return translate("services.idnumber", "身份证号码中的出生日期无效")
    if check_digit(s[:17]) != s[17]:
        return translate("services.idnumber", "身份证号码校验位不正确")
    return None


def is_valid(id_number: str) -> bool:
    return problem(id_number) is None


def mask(id_number: str | None) -> str:
    """6101**********1234: region prefix and last four only, for lists and prints."""
    if not id_number:
        return ""
    s = id_number.strip()
    if len(s) < 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def birth_date(id_number: str) -> dt.date | None:
    try:
        return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except (ValueError, IndexError):
        return None


def sex(id_number: str) -> str:
    """男 or 女 from the 17th digit."""
    try:
        return "男" if int(id_number[16]) % 2 else "女"
    except (ValueError, IndexError):
        return ""


def make(region: str, born: dt.date, sequence: int) -> str:
    """Build a valid ID number (used by the demo data and tests)."""
    first17 = f"{region[:6]}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_digit(first17)
