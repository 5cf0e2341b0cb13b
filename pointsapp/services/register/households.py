"""户籍: creating, changing, moving and archiving households, and finding them fast."""
from __future__ import annotations

from pointsapp.models import (
    Grid, Group, Household, HouseholdBalance, HouseholdTag, LedgerEntry, Member, Tag, Village, database, now,
)
from pointsapp.services import audit
from pointsapp.services.register import idnumber
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import NotFound, UserError
# the list and the detail view live in their own modules; they are part of this service's interface
from pointsapp.services.register.household_detail import (
    HouseholdDetail, MemberView, get_household, has_history, household_detail, tag_names,
)
from pointsapp.services.register.household_list import HouseholdRow, list_households, mask_phone, search_terms
from pointsapp.services.register.household_form import (  # noqa: F401 — the form: part of this service's interface
    COMMON_TAGS, HEAD_RELATIONS, HouseholdData, MemberData, member_pinyin, member_problems, normalise_member, normalised,
    search_key, validate,
)
from pointsapp.text import translate

def _check_ids_free(members: list[MemberData], household_id: int | None) -> None:
    numbers = [m.id_number for m in members if m.id_number]
    if not numbers:
        return
    clash = (Member.select(Member.id_number, Member.name, Household.household_no, Village.name.alias("vn"))
             .join(Household).join(Village)
             .where(Member.id_number.in_(numbers)))
    if household_id is not None:
        clash = clash.where(Member.household != household_id)
    for row in clash.dicts().limit(1):
        raise UserError(translate("services.households", "身份证号码 {0} 已登记在{1}户号 {2}"
                                  "（{3}）名下。").format(row['id_number'], row['vn'], row['household_no'], row['name']))


def _check_number_free(village: Village | int, household_no: str, household_id: int | None) -> None:
    query = Household.select().where(Household.village == village, Household.household_no == household_no)
    if household_id is not None:
        query = query.where(Household.id != household_id)
    if query.exists():
        raise UserError(translate("services.households", "本村已有户号为“{0}”的户。").format(household_no))


def _grid(village: Village, name: str) -> Grid | None:
    from pointsapp.services.register.villages import grid_by_name

    return grid_by_name(village, name, create=True) if name else None


def _valid_form(actor: Actor, data: HouseholdData) -> HouseholdData:
    """The household form as saved (creating or editing alike): the editor's permission, the form normalised and
    refused with every problem at once."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    data = normalised(data)
    problems = validate(data)
    if problems:
        raise UserError("；".join(problems))
    return data


def create_household(*, actor: Actor, village: Village, data: HouseholdData) -> Household:
    data = _valid_form(actor, data)
    from pointsapp.services.register.villages import group_by_name

    with database.obj.atomic():
        _check_number_free(village, data.household_no, None)
        _check_ids_free(data.members, None)
        group = group_by_name(village, data.group_name, create=True)
        head = next(m for m in data.members if m.is_head)
        household = Household.create(
            village=village, group=group, grid=_grid(village, data.grid_name), household_no=data.household_no,
            head_name=head.name, search_key=search_key(data.household_no, data.members, data.phone or head.phone),
            address=data.address, phone=data.phone or head.phone, joined_on=data.joined_on, note=data.note)
        for m in data.members:
            _create_member(household, m)
        if data.tags:
            _replace_tags(household, data.tags)
        audit.record(actor, "household.create", "household", household.id, None,
                     {"household_no": data.household_no, "head": head.name, "members": len(data.members)})
    return household


def next_household_no(*, actor: Actor, village_id: int) -> str:
    """The number after the highest all-digit number of the village, as wide as it ("0040" → "0041")."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    numbers = [no for (no,) in Household.select(Household.household_no).where(Household.village == village_id)
               .tuples() if no.isdigit()]
    if not numbers:
        return "0001"
    top = max(numbers, key=int)
    return str(int(top) + 1).zfill(len(top))


def _member_fields(m: MemberData) -> dict:
    """A member's stored fields from the form (a new member's and an edited one's alike)."""
    return dict(name=m.name, relation=m.relation, is_head=m.is_head, id_number=m.id_number or None, sex=m.sex,
                phone=m.phone, pinyin=member_pinyin(m.name),
                birth_date=idnumber.birth_date(m.id_number) if m.id_number else None)


def _create_member(household: Household | int, m: MemberData) -> Member:
    return Member.create(household=household, **_member_fields(m))


def _snapshot(h: Household) -> dict:
    return {"household_no": h.household_no, "group": h.group_id, "grid": h.grid_id, "address": h.address,
            "phone": h.phone, "note": h.note, "joined_on": h.joined_on, "status": h.status}


def save_household(*, actor: Actor, household_id: int, data: HouseholdData) -> Household:
    """Save the whole edit form: household fields and its member list (matched by member id) in one go."""
    data = _valid_form(actor, data)
    from pointsapp.services.register.villages import group_by_name

    with database.obj.atomic():
        household = get_household(household_id)
        old = _snapshot(household)
        _check_number_free(household.village_id, data.household_no, household.id)
        _check_ids_free(data.members, household.id)
        stored = {m.id: m for m in household.members if m.active}
        keep = {m.id for m in data.members if m.id in stored}
        for member_id in set(stored) - keep:
            retire(stored[member_id])
        # clear ID numbers first so that two members may swap numbers without tripping the unique index
        for m in data.members:
            if m.id in stored:
                Member.update(id_number=None, is_head=False).where(Member.id == m.id).execute()
        for m in data.members:
            if m.id in stored:
                Member.update(**_member_fields(m)).where(Member.id == m.id).execute()
            else:
                _create_member(household, m)
        village = household.village
        household.household_no = data.household_no
        household.group = group_by_name(village, data.group_name, create=True)
        household.grid = _grid(village, data.grid_name)
        household.address, household.note, household.joined_on = data.address, data.note, data.joined_on
        household.phone = data.phone or next(m.phone for m in data.members if m.is_head)
        if data.tags is not None:
            _replace_tags(household, data.tags)
        sync_household(household)
        audit.record(actor, "household.update", "household", household.id, old,
                     {**_snapshot(household), "members": len(data.members)})
    return household


def retire(member: Member) -> None:
    """A member leaves the register: deleted, or, when entries name them (their points are history), kept
    inactive with the ID number freed (it may belong to someone on the register now)."""
    if LedgerEntry.select().where(LedgerEntry.member == member.id).exists():
        Member.update(active=False, is_head=False, id_number=None).where(Member.id == member.id).execute()
    else:
        member.delete_instance()


def sync_household(household: Household) -> None:
    """Keep ``head_name`` and ``search_key`` equal to the members; refuse anything but exactly one head."""
    members = list(Member.select().where(Member.household == household.id, Member.active == True))  # noqa: E712
    heads = [m for m in members if m.is_head]
    if len(heads) != 1:
        raise UserError(translate("services.households", "每户必须有且只有一位户主") if heads
                        else translate("services.households", "户号 {0} 没有户主").format(household.household_no))
    household.head_name = heads[0].name
    phone = household.phone or heads[0].phone
    household.search_key = search_key(household.household_no, members, phone)
    household.updated_at = now()
    household.save()


def move_household(*, actor: Actor, household_id: int, group_id: int, grid_id: int | None = None) -> Household:
    """Move a household to another group (and grid), possibly of another village (大村制 merges)."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        household = get_household(household_id)
        group = Group.get_or_none(Group.id == group_id)
        if group is None:
            raise NotFound(translate("services.households", "找不到要移入的村民小组。"))
        grid = Grid.get_or_none(Grid.id == grid_id) if grid_id else None
        if grid is not None and grid.village_id != group.village_id:
            raise UserError(translate("services.households", "网格和小组不属于同一个村。"))
        old = {"village": household.village_id, "group": household.group_id, "grid": household.grid_id}
        if group.village_id != household.village_id:
            if LedgerEntry.select().where(LedgerEntry.household == household.id).exists():
                raise UserError(translate("services.households", "这一户已有积分记录，积分按村记账，不能移到别的村。请在新村建户，原户归档。"))
            _check_number_free(group.village_id, household.household_no, household.id)
            household.village = group.village_id
        household.group, household.grid = group, grid
        household.updated_at = now()
        household.save()
        audit.record(actor, "household.move", "household", household.id, old,
                     {"village": household.village_id, "group": group.id, "grid": grid.id if grid else None})
    return household



def archive_household(*, actor: Actor, household_id: int, reason: str = "") -> Household:
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        household = get_household(household_id)
        if household.status == Household.STATUS_ARCHIVED:
            raise UserError(translate("services.households", "户号 {0} 已经归档。").format(household.household_no))
        household.status, household.archived_at, household.updated_at = Household.STATUS_ARCHIVED, now(), now()
        household.save()
        audit.record(actor, "household.archive", "household", household.id, {"status": "active"},
                     {"status": "archived", "reason": reason})
    return household


def unarchive_household(*, actor: Actor, household_id: int) -> Household:
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        household = get_household(household_id)
        if household.status != Household.STATUS_ARCHIVED:
            raise UserError(translate("services.households", "户号 {0} 没有归档。").format(household.household_no))
        household.status, household.archived_at, household.updated_at = Household.STATUS_ACTIVE, None, now()
        household.save()
        audit.record(actor, "household.unarchive", "household", household.id, {"status": "archived"},
                     {"status": "active"})
    return household


def can_delete(*, actor: Actor, household_id: int) -> bool:
    """Whether the household may be deleted: nothing that must be kept refers to it (else: archive it)."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return not has_history(household_id)


def delete_household(*, actor: Actor, household_id: int) -> None:
    """Only a household entered by mistake (no ledger, redemptions, stars or cards) may be deleted."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        household = get_household(household_id)
        if has_history(household.id):
            raise UserError(translate("services.households", "户号 {0} 已有积分、兑换、星级或积分卡记录，只能归档，不能删除。").format(
                household.household_no))
        old = {**_snapshot(household), "head": household.head_name,
               "members": [m.name for m in household.members]}
        HouseholdTag.delete().where(HouseholdTag.household == household.id).execute()
        Member.delete().where(Member.household == household.id).execute()
        HouseholdBalance.delete().where(HouseholdBalance.household == household.id).execute()
        household.delete_instance()
        audit.record(actor, "household.delete", "household", household_id, old, None)


def _replace_tags(household: Household, names: list[str]) -> list[str]:
    wanted = sorted({textnorm.clean(n) for n in names if textnorm.clean(n)})
    HouseholdTag.delete().where(HouseholdTag.household == household.id).execute()
    for name in wanted:
        tag, _ = Tag.get_or_create(name=name[:30])
        HouseholdTag.create(household=household, tag=tag)
    return wanted


def set_tags(*, actor: Actor, household_id: int, tags: list[str]) -> list[str]:
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        household = get_household(household_id)
        old = tag_names(household.id)
        new = _replace_tags(household, tags)
        audit.record(actor, "household.tags", "household", household.id, old, new)
    return new



def all_tags(*, actor: Actor) -> list[str]:
    """Every tag any household has had, in name order: the tag boxes of the household form."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return [t.name for t in Tag.select().order_by(Tag.name)]


def touch(household: Household) -> None:
    household.updated_at = now()


__all__ = [
    "HEAD_RELATIONS", "HouseholdData", "HouseholdDetail", "HouseholdRow", "MemberData", "MemberView",
    "all_tags", "archive_household", "can_delete", "create_household", "delete_household", "has_history", "household_detail",
    "list_households", "mask_phone", "move_household", "save_household", "search_key", "search_terms", "set_tags",
    "sync_household", "tag_names", "unarchive_household", "validate",
]


def add_household(*, actor: Actor, village_id: int, data: HouseholdData) -> int:
    """:func:`create_household` in the village with this id (the household form's "新增户"); the new id."""
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise NotFound(translate("services.households", "找不到这个村，可能已被删除。"))
    return create_household(actor=actor, village=village, data=data).id
