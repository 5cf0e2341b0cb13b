"""家庭成员: adding, changing and removing one member, keeping exactly one head per household."""
from __future__ import annotations

from pointsapp.models import Household, Member, database
from pointsapp.services import audit
from pointsapp.services.register import idnumber
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.services.register.households import (
    MemberData, _check_ids_free, _create_member, get_household, member_pinyin, member_problems, normalise_member,
    retire, sync_household,
)
from pointsapp.text import translate


def _member(member_id: int) -> Member:
    return Member.by_id(member_id, translate("services.members", "找不到编号为 {0} 的成员。"))


def _checked(data: MemberData) -> MemberData:
    data = normalise_member(data)
    problems = member_problems(data)
    if problems:
        raise UserError("；".join(problems))
    return data


def _view(m: Member | MemberData) -> dict:
    return {"name": m.name, "relation": m.relation, "is_head": m.is_head, "id_number": idnumber.mask(m.id_number),
            "sex": m.sex}


def add_member(*, actor: Actor, household_id: int, data: MemberData) -> Member:
    """A new member; made head (the old head stays as an ordinary member) when ``data.is_head``."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    data = _checked(data)
    with database.obj.atomic():
        household = get_household(household_id)
        _check_ids_free([data], None)
        if data.is_head:
            _demote_heads(household)
        member = _create_member(household, data)
        sync_household(household)
        audit.record(actor, "member.add", "member", member.id, None, {**_view(data), "household": household.id})
    return member


def _demote_heads(household: Household) -> None:
    Member.update(is_head=False, relation="").where(
        Member.household == household.id, Member.is_head == True, Member.relation == "户主").execute()  # noqa: E712
    Member.update(is_head=False).where(Member.household == household.id, Member.is_head == True).execute()  # noqa: E712


def edit_member(*, actor: Actor, member_id: int, data: MemberData) -> Member:
    """Change a member. Making them head demotes the old head; a head cannot simply stop being head."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    data = _checked(data)
    with database.obj.atomic():
        member = _member(member_id)
        household = get_household(member.household_id)
        if member.is_head and not data.is_head:
            raise UserError(translate("services.members", "户主不能直接取消。请把另一位成员设为户主。"))
        _check_ids_free([data], household.id)
        clash = Member.get_or_none(Member.id_number == data.id_number, Member.id != member.id) \
            if data.id_number else None
        if clash is not None:
            raise UserError(translate("services.members", "身份证号码 {0} 已是本户成员 {1} 的号码。").format(
                data.id_number, clash.name))
        old = _view(member)
        if data.is_head and not member.is_head:
            _demote_heads(household)
        Member.update(name=data.name, relation=data.relation, is_head=data.is_head, id_number=data.id_number,
                      sex=data.sex, phone=data.phone, pinyin=member_pinyin(data.name),
                      birth_date=idnumber.birth_date(data.id_number) if data.id_number else None,
                      ).where(Member.id == member.id).execute()
        sync_household(household)
        audit.record(actor, "member.edit", "member", member.id, old, _view(data))
    return _member(member_id)


def remove_member(*, actor: Actor, member_id: int) -> None:
    """Take a member off the register (moved away, passed away). The head is changed first, never removed."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        member = _member(member_id)
        if member.is_head:
            raise UserError(translate("services.members", "不能删除户主。请先把另一位成员设为户主。"))
        household = get_household(member.household_id)
        old = {**_view(member), "household": household.id}
        retire(member)
        sync_household(household)
        audit.record(actor, "member.remove", "member", member_id, old, None)
