"""Villages and their groups, grids, categories and rules (loaded from the default rule set)."""
from __future__ import annotations

import json

from pointsapp.models import Category, Grid, Group, Rule, Star, Township, Village
from pointsapp.paths import resource_path
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.errors import UserError


def default_rule_set() -> dict:
    return json.loads(resource_path("rules", "default.json").read_text(encoding="utf-8"))


def default_star_scheme() -> dict:
    return json.loads(resource_path("stars", "ten_stars.json").read_text(encoding="utf-8"))


def load_rule_set(village: Village, rule_set: dict) -> int:
    """Create the categories and rules of ``rule_set`` for ``village``; returns rules created."""
    created = 0
    for cat in rule_set["categories"]:
        category, _ = Category.get_or_create(
            village=village, code=cat["code"], defaults={"name": cat["name"], "sort_order": cat.get("sort_order", 0)})
        for r in cat["rules"]:
            if Rule.get_or_none(Rule.village == village, Rule.code == r["code"]):
                continue
            Rule.create(village=village, category=category, code=r["code"], title=r["title"], points=r["points"],
                        frequency=r.get("frequency", "event"), cap=r.get("cap"), is_veto=r.get("is_veto", False),
                        inspection_item=r.get("inspection_item", False))
            created += 1
    return created


def load_star_scheme(village: Village, scheme: dict) -> int:
    created = 0
    for s in scheme["stars"]:
        _, was_created = Star.get_or_create(
            village=village, code=s["code"],
            defaults={"name": s["name"], "color": s.get("color", "#d4262c"), "sort_order": s.get("sort_order", 0),
                      "criterion": json.dumps(s.get("criterion", {}), ensure_ascii=False)})
        created += was_created
    return created


def create_village(*, actor: Actor, name: str, code: str, township: Township | None = None,
                   workflow: str = Village.WORKFLOW_SIMPLE, groups: list[str] | None = None,
                   with_defaults: bool = True) -> Village:
    require(actor, Permission.SETTINGS_EDIT)
    name, code = (name or "").strip(), (code or "").strip()
    if not name or not code:
        raise UserError("村名和村代码都不能为空。")
    if Village.get_or_none(Village.code == code):
        raise UserError(f"村代码“{code}”已被使用。")
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
    group = Group.get_or_none(Group.village == village, Group.name == name)
    if group is None:
        if not create:
            raise UserError(f"{village.name}没有“{name}”这个村民小组。")
        order = Group.select().where(Group.village == village).count() + 1
        group = Group.create(village=village, name=name, sort_order=order)
    return group


def find_village(text: str | None) -> Village:
    """By code or name; with no text, the only village (or an error asking to choose)."""
    if text:
        village = Village.get_or_none((Village.code == text) | (Village.name == text))
        if village is None:
            raise UserError(f"找不到村“{text}”。")
        return village
    villages = list(Village.select().limit(2))
    if not villages:
        raise UserError("数据库里还没有村。请先建村或导入花名册（pointsapp demo 可生成演示数据）。")
    if len(villages) > 1:
        raise UserError("数据库里有多个村，请用 --village 指定村名或村代码。")
    return villages[0]


__all__ = ["Grid", "create_village", "default_rule_set", "default_star_scheme", "find_village", "group_by_name",
           "load_rule_set", "load_star_scheme"]
