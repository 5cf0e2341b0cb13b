"""Villages and their groups, grids, categories and rules (loaded from the default rule set)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import fn

from pointsapp.models import Category, Grid, Group, Household, Rule, Star, Township, Village, database
from pointsapp.paths import resource_path
from pointsapp.services import audit
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate


def default_rule_set() -> dict:
    return json.loads(resource_path("rules", "default.json").read_text(encoding="utf-8"))


def default_star_scheme() -> dict:
    return json.loads(resource_path("stars", "ten_stars.json").read_text(encoding="utf-8"))


def load_rule_set(village: Village, rule_set: dict) -> int:
    """Create the categories and rules of ``rule_set`` for ``village`` that it lacks (by code); returns rules
    created. A village's categories and rule codes are read once and the new rows written in one statement
    each: a new village gets ~40 rows, and row by row that was 80 round trips to a server."""
    categories = {code: cid for code, cid in
                  Category.select(Category.code, Category.id).where(Category.village == village).tuples()}
    missing: dict[str, dict] = {}  # by code, the first of a code as before (get_or_create kept the first)
    for c in rule_set["categories"]:
        if c["code"] not in categories:
            missing.setdefault(c["code"], c)
    if missing:
        Category.insert_many([{"village": village.id, "code": c["code"], "name": c["name"],
                               "sort_order": c.get("sort_order", 0)} for c in missing.values()]).execute()
        categories = {code: cid for code, cid in
                      Category.select(Category.code, Category.id).where(Category.village == village).tuples()}
    taken = {code for (code,) in Rule.select(Rule.code).where(Rule.village == village).tuples()}
    rows = []
    for cat in rule_set["categories"]:
        for r in cat["rules"]:
            if r["code"] in taken:
                continue
            taken.add(r["code"])
            rows.append({"village": village.id, "category": categories[cat["code"]], "code": r["code"],
                         "title": r["title"], "points": r["points"], "frequency": r.get("frequency", "event"),
                         "cap": r.get("cap"), "is_veto": r.get("is_veto", False),
                         "inspection_item": r.get("inspection_item", False)})
    if rows:
        Rule.insert_many(rows).execute()
    return len(rows)


def load_star_scheme(village: Village, scheme: dict) -> int:
    """Create the stars of ``scheme`` that ``village`` lacks (by code); returns stars created."""
    taken = {code for (code,) in Star.select(Star.code).where(Star.village == village).tuples()}
    rows = []
    for s in scheme["stars"]:
        if s["code"] in taken:
            continue
        taken.add(s["code"])
        rows.append({"village": village.id, "code": s["code"], "name": s["name"], "color": s.get("color", "#d4262c"),
                     "sort_order": s.get("sort_order", 0),
                     "criterion": json.dumps(s.get("criterion", {}), ensure_ascii=False)})
    if rows:
        Star.insert_many(rows).execute()
    return len(rows)


def create_village(*, actor: Actor, name: str, code: str, township: Township | None = None,
                   workflow: str = Village.WORKFLOW_SIMPLE, groups: list[str] | None = None,
                   with_defaults: bool = True) -> Village:
    require(actor, Permission.SETTINGS_EDIT)
    name = textnorm.checked(name, translate("services.villages", "村名"), name=True, max_length=60)
    code = textnorm.checked(code, translate("services.villages", "村代码"), max_length=20)
    groups = [textnorm.checked(g, translate("services.villages", "村民小组"), name=True, max_length=40)
              for g in groups or []]
    if not name or not code:
        raise UserError(translate("services.villages", "村名和村代码都不能为空。"))
    if Village.get_or_none(Village.code == code):
        raise UserError(translate("services.villages", "村代码“{0}”已被使用。").format(code))
    with Village._meta.database.atomic():
        village = Village.create(name=name, code=code, township=township, workflow=workflow)
        for i, group_name in enumerate(groups or []):
            Group.create(village=village, name=group_name, sort_order=i + 1)
        if with_defaults:
            load_rule_set(village, default_rule_set())
            load_star_scheme(village, default_star_scheme())
        audit.record(actor, "village.create", "village", village.id, None, {"name": name, "code": code})
    return village


def group_by_name(village: Village, name: str, *, create: bool = False) -> Group:
    name = textnorm.checked(name, translate("services.villages", "村民小组"), name=True, max_length=40)
    if name.isdigit():  # a roster's 组别 column often says just "3"
        name = f"{int(name)}组"
    group = Group.get_or_none(Group.village == village, Group.name == name)
    if group is None:
        if not create:
            raise UserError(translate("services.villages", "{0}没有“{1}”这个村民小组。").format(village.name, name))
        order = (Group.select(fn.MAX(Group.sort_order)).where(Group.village == village).scalar() or 0) + 1
        group = Group.create(village=village, name=name, sort_order=order)
    return group


def grid_by_name(village: Village, name: str, *, create: bool = False) -> Grid:
    name = textnorm.checked(name, translate("services.villages", "网格"), name=True, max_length=40)
    grid = Grid.get_or_none(Grid.village == village, Grid.name == name)
    if grid is None:
        if not create:
            raise UserError(translate("services.villages", "{0}没有“{1}”这个网格。").format(village.name, name))
        grid = Grid.create(village=village, name=name)
    return grid


@dataclass(frozen=True)
class Place:
    """A group or a grid of a village, as the village and household forms list it."""
    id: int
    name: str
    households: int  # archived included: a place with households cannot be deleted
    keeper: str = ""  # a grid's 网格员


@dataclass(frozen=True)
class VillagePlaces:
    groups: tuple[Place, ...]
    grids: tuple[Place, ...]


def places(*, actor: Actor, village_id: int) -> VillagePlaces:
    """A village's groups (display order) and grids (name order), each with how many households it holds."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    base = Household.select(fn.COUNT(Household.id)).where(Household.village == village_id)
    by_group = dict(base.select(Household.group, fn.COUNT(Household.id)).group_by(Household.group).tuples())
    by_grid = dict(base.select(Household.grid, fn.COUNT(Household.id)).where(Household.grid.is_null(False))
                   .group_by(Household.grid).tuples())
    groups = tuple(Place(gid, name, by_group.get(gid, 0)) for gid, name in
                   Group.select(Group.id, Group.name).where(Group.village == village_id)
                   .order_by(Group.sort_order, Group.name).tuples())
    grids = tuple(Place(gid, name, by_grid.get(gid, 0), keeper or "") for gid, name, keeper in
                  Grid.select(Grid.id, Grid.name, Grid.keeper).where(Grid.village == village_id)
                  .order_by(Grid.name).tuples())
    return VillagePlaces(groups, grids)


def rename_village(*, actor: Actor, village_id: int, name: str, objection_contact: str | None = None) -> Village:
    require(actor, Permission.SETTINGS_EDIT)
    name = textnorm.clean(name)
    if not name:
        raise UserError(translate("services.villages", "村名不能为空。"))
    with database.obj.atomic():
        village = Village.get_by_id(village_id)
        old = {"name": village.name, "objection_contact": village.objection_contact}
        village.name = name
        if objection_contact is not None:
            village.objection_contact = objection_contact.strip()
        village.save()
        audit.record(actor, "village.update", "village", village.id, old,
                     {"name": village.name, "objection_contact": village.objection_contact})
    return village


def _unique_name(model, village_id: int, name: str, own_id: int | None, what: str) -> str:
    name = textnorm.clean(name)
    if not name:
        raise UserError(translate("services.villages", "{0}名称不能为空。").format(what))
    query = model.select().where(model.village == village_id, model.name == name)
    if own_id is not None:
        query = query.where(model.id != own_id)
    if query.exists():
        raise UserError(translate("services.villages", "本村已有名为“{0}”的{1}。").format(name, what))
    return name


def create_group(*, actor: Actor, village_id: int, name: str) -> Group:
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        name = _unique_name(Group, village_id, name, None, translate("services.villages", "村民小组"))
        order = (Group.select(fn.MAX(Group.sort_order)).where(Group.village == village_id).scalar() or 0) + 1
        group = Group.create(village=village_id, name=name, sort_order=order)
        audit.record(actor, "group.create", "group", group.id, None, {"village": village_id, "name": name})
    return group


def rename_group(*, actor: Actor, group_id: int, name: str) -> Group:
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        group = Group.get_by_id(group_id)
        old = group.name
        group.name = _unique_name(Group, group.village_id, name, group.id, translate("services.villages", "村民小组"))
        group.save()
        audit.record(actor, "group.rename", "group", group.id, old, group.name)
    return group


def delete_group(*, actor: Actor, group_id: int) -> None:
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        group = Group.get_by_id(group_id)
        n = Household.select().where(Household.group == group.id).count()
        if n:
            raise UserError(translate("services.villages", "“{0}”还有 {1} 户（含已归档的），请先把它们移到别的小组。").format(group.name, n))
        from pointsapp.models import Batch

        if Batch.select().where(Batch.group == group.id).exists():
            raise UserError(translate("services.villages", "“{0}”已有检查记录，不能删除。").format(group.name))
        group.delete_instance()
        audit.record(actor, "group.delete", "group", group_id, group.name, None)


def save_grid(*, actor: Actor, village_id: int, name: str, keeper: str = "", grid_id: int | None = None) -> Grid:
    """Create a grid, or rename it and change its grid worker (网格员)."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        name = _unique_name(Grid, village_id, name, grid_id, translate("services.villages", "网格"))
        if grid_id is None:
            grid = Grid.create(village=village_id, name=name, keeper=textnorm.clean(keeper))
            audit.record(actor, "grid.create", "grid", grid.id, None, {"name": name, "keeper": grid.keeper})
        else:
            grid = Grid.get_by_id(grid_id)
            old = {"name": grid.name, "keeper": grid.keeper}
            grid.name, grid.keeper = name, textnorm.clean(keeper)
            grid.save()
            audit.record(actor, "grid.update", "grid", grid.id, old, {"name": name, "keeper": grid.keeper})
    return grid


def delete_grid(*, actor: Actor, grid_id: int) -> int:
    """Remove a grid; its households simply have no grid afterwards. Returns how many were affected."""
    require(actor, Permission.HOUSEHOLD_EDIT)
    with database.obj.atomic():
        grid = Grid.get_by_id(grid_id)
        n = Household.update(grid=None).where(Household.grid == grid.id).execute()
        grid.delete_instance()
        audit.record(actor, "grid.delete", "grid", grid_id, {"name": grid.name, "households": n}, None)
    return n


def find_village(text: str | None) -> Village:
    """By code or name; with no text, the only village (or an error asking to choose)."""
    if text:
        village = Village.get_or_none((Village.code == text) | (Village.name == text))
        if village is None:
            raise UserError(translate("services.villages", "找不到村“{0}”。").format(text))
        return village
    villages = list(Village.select().limit(2))
    if not villages:
        raise UserError(translate("services.villages", "数据库里还没有村。请先建村或导入花名册（pointsapp demo 可生成演示数据）。"))
    if len(villages) > 1:
        raise UserError(translate("services.villages", "数据库里有多个村，请用 --village 指定村名或村代码。"))
    return villages[0]


__all__ = ["Grid", "create_group", "create_village", "default_rule_set", "default_star_scheme", "delete_grid",
           "delete_group", "find_village", "grid_by_name", "group_by_name", "load_rule_set", "load_star_scheme", "rename_group",
           "places", "rename_village", "save_grid"]
