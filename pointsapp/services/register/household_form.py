"""A household's form as the services take it (:class:`HouseholdData` with its :class:`MemberData`), made tidy
(:func:`normalised`) and checked (:func:`validate`, :func:`member_problems`) before anything is written; the
search key and pinyin kept with a household. No database: :mod:`pointsapp.services.register.households` writes."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from pointsapp.services import limits
from pointsapp.services.register import idnumber, textnorm
from pointsapp.text import translate

HEAD_RELATIONS = ("户主", "本人")
COMMON_TAGS = ("党员户", "脱贫户", "低保户", "五保户", "军属", "乡贤")  # offered as check boxes in the form


@dataclass
class MemberData:
    name: str
    relation: str = ""
    id_number: str | None = None
    sex: str = ""
    phone: str = ""
    is_head: bool = False
    id: int | None = None  # the stored member this data describes, when editing


@dataclass
class HouseholdData:
    household_no: str
    group_name: str
    members: list[MemberData] = field(default_factory=list)
    address: str = ""
    phone: str = ""
    joined_on: dt.date | None = None
    grid_name: str = ""
    note: str = ""
    tags: list[str] | None = None  # None: leave tags as they are


def search_key(household_no: str, members, phone: str = "") -> str:
    """Lowercase text the list searches: number, phones, names with their pinyin initials and full pinyin."""
    parts = [household_no, phone]
    for m in members:
        parts.append(textnorm.name_search_terms(m.name))
        if m.phone and m.phone != phone:
            parts.append(m.phone)
    return " ".join(p for p in parts if p).lower()[:400]


def member_pinyin(name: str) -> str:
    return f"{textnorm.name_initials(name)} {textnorm.name_full(name)}"


def normalise_member(m: MemberData) -> MemberData:
    """Cleaned copy: no stray spaces, half-width digits, upper-case X, sex from the ID number when blank."""
    number = textnorm.clean(m.id_number).replace(" ", "").upper() or None
    relation = textnorm.clean(m.relation)
    is_head = m.is_head or relation in HEAD_RELATIONS
    sex = textnorm.clean(m.sex)[:1]
    if number and not sex and idnumber.is_valid(number):
        sex = idnumber.sex(number)
    return MemberData(name=textnorm.clean_name(m.name), relation="户主" if is_head else relation,
                      id_number=number, sex=sex, phone=textnorm.clean_phone(m.phone), is_head=is_head, id=m.id)


def member_problems(m: MemberData) -> list[str]:
    problems = []
    label = m.name or translate("services.households", "成员")
    if not m.name:
        problems.append(translate("services.households", "成员姓名不能为空"))
    for text, what, longest in ((m.name, translate("services.households", "姓名"), textnorm.NAME_MAX),
                                (m.relation, translate("services.households", "与户主关系"), 20)):
        why = textnorm.text_problem(text or "", name=True, max_length=longest)
        if why:
            problems.append(f"{label}的{what}{why}")
    if m.id_number:
        why = idnumber.problem(m.id_number)
        if why:
            problems.append(f"{label}：{why}")
    why = textnorm.phone_problem(m.phone)
    if why:
        problems.append(f"{label}：{why}")
    if m.sex and m.sex not in ("男", "女"):
        problems.append(translate("services.households", "{0}：性别只能是“男”或“女”").format(label))
    return problems


def validate(data: HouseholdData) -> list[str]:
    """Problems with a household's data, in the chosen language; empty when it may be saved. Expects normalised data."""
    problems = []
    if not data.household_no.strip():
        problems.append(translate("services.households", "户号不能为空"))
    if not data.group_name.strip():
        problems.append(translate("services.households", "请选择村民小组"))
    if not data.members:
        problems.append(translate("services.households", "这一户没有成员"))
    if len(data.members) > limits.MEMBERS:
        problems.append(translate("services.households", "一户最多 {0} 人，这一户有 {1} 人").format(
            limits.MEMBERS, len(data.members)))
    heads = [m for m in data.members if m.is_head]
    if data.members and len(heads) != 1:
        problems.append(translate("services.households", "每户必须有且只有一位户主") if heads
                        else translate("services.households", "这一户没有户主"))
    seen: set[str] = set()
    for m in data.members:
        problems += member_problems(m)
        if m.id_number:
            if m.id_number in seen:
                problems.append(translate("services.households", "身份证号码 {0} 在这一户里出现了两次").format(m.id_number))
            seen.add(m.id_number)
    why = textnorm.phone_problem(data.phone)
    if why:
        problems.append(translate("services.households", "户联系电话：{0}").format(why))
    for text, what, name, longest in (
            (data.household_no, translate("services.households", "户号"), False, 30),
            (data.group_name, translate("services.households", "村民小组"), True, 40),
            (data.grid_name, translate("services.households", "网格"), True, 40),
            (data.address, translate("services.households", "家庭住址"), False, 200),
            ((data.note or "").replace("\n", " ").replace("\r", " ").replace("\t", " "),
             translate("services.households", "备注"), False, 2000)):
        why = textnorm.text_problem(text or "", name=name, max_length=longest)
        if why:
            problems.append(f"{what}{why}")
    return problems


def normalised(data: HouseholdData) -> HouseholdData:
    """``data`` as it is kept: text cleaned (full-width forgiven, NFC, spaces), the phone in digits."""
    return HouseholdData(
        household_no=textnorm.clean(data.household_no), group_name=textnorm.clean(data.group_name),
        members=[normalise_member(m) for m in data.members], address=textnorm.clean(data.address),
        phone=textnorm.clean_phone(data.phone), joined_on=data.joined_on, grid_name=textnorm.clean(data.grid_name),
        note=unicodedata.normalize("NFC", data.note or "").strip(), tags=data.tags)
