"""积分细则: categories and rules of a village, and how often a rule may still apply to a household.

A rule may be edited or retired at any time: entries keep the points they were given,
so a change never reaches back into the ledger. Codes never change (entries, prints
and imports refer to them).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from peewee import fn

from pointsapp.db import cursor_date
from pointsapp.models import Category, Rule, Village, database, now
from pointsapp.services import audit, limits
from pointsapp.services.register import textnorm
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.scoring import sql
from pointsapp.errors import UserError
from pointsapp.text import translate

FREQUENCY_LABELS = {Rule.FREQ_EVENT: "每次", Rule.FREQ_MONTH: "每月一次", Rule.FREQ_YEAR: "每年一次"}
EDITABLE = ("title", "points", "frequency", "cap", "is_veto", "inspection_item", "description", "category_id")


def _rule_dict(rule: Rule) -> dict:
    return {"code": rule.code, "title": rule.title, "points": rule.points, "frequency": rule.frequency,
            "cap": rule.cap, "is_veto": rule.is_veto, "inspection_item": rule.inspection_item,
            "description": rule.description, "category_id": rule.category_id, "active": rule.active}


def _validate(title: str, points, frequency: str, cap) -> None:
    if not (title or "").strip():
        raise UserError(translate("services.rules", "细则名称不能为空。"))
    textnorm.checked(title, translate("services.rules", "细则名称"), max_length=120)
    if not isinstance(points, int) or isinstance(points, bool) or points == 0:
        raise UserError(translate("services.rules", "分值必须是不为 0 的整数（加分为正，扣分为负）。"))
    limits.bounded(points, translate("services.rules", "分值"), -limits.POINTS_PER_ENTRY, limits.POINTS_PER_ENTRY)
    if cap is not None and isinstance(cap, int) and not isinstance(cap, bool):
        limits.bounded(cap, translate("services.rules", "年度上限"), -limits.RULE_CAP, limits.RULE_CAP)
    if frequency not in FREQUENCY_LABELS:
        raise UserError(translate("services.rules", "频次“{0}”无效，只能是 event（每次）、month（每月）或 year（每年）。").format(frequency))
    if cap is not None and (not isinstance(cap, int) or isinstance(cap, bool) or cap == 0):
        raise UserError(translate("services.rules", "年度上限必须是不为 0 的整数，或留空表示不设上限。"))
    if cap is not None and abs(cap) < abs(points):
        raise UserError(translate("services.rules", "年度上限 {0} 小于单次分值 {1}，这条细则将无法使用。").format(abs(cap), abs(points)))


@dataclass(frozen=True)
class CategoryView:
    """A category (a heading of the ranking) as the rule form and the ledger view offer it."""
    id: int
    code: str
    name: str


def list_categories(*, actor: Actor, village_id: int) -> list[CategoryView]:
    """The village's categories in display order."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    return [CategoryView(*row) for row in Category.select(Category.id, Category.code, Category.name)
            .where(Category.village == village_id).order_by(Category.sort_order, Category.code).tuples()]


def create_category(*, actor: Actor, village_id: int, code: str, name: str, sort_order: int | None = None) -> Category:
    require(actor, Permission.RULE_EDIT)
    code = (code or "").strip()
    name = textnorm.checked(name, translate("services.rules", "类别名称"), name=True, max_length=40)
    if not code or not name:
        raise UserError(translate("services.rules", "类别代码和名称都不能为空。"))
    if not re.fullmatch(r"[A-Za-z0-9_]{1,20}", code):
        raise UserError(translate("services.rules", "类别代码“{0}”只能用字母、数字和下划线，最多 20 个。").format(code))
    if Category.get_or_none(Category.village == village_id, Category.code == code):
        raise UserError(translate("services.rules", "类别代码“{0}”已存在。").format(code))
    with database.obj.atomic():
        if sort_order is None:
            sort_order = (Category.select(fn.MAX(Category.sort_order)).where(Category.village == village_id)
                          .scalar() or 0) + 1
        category = Category.create(village=village_id, code=code, name=name, sort_order=sort_order)
        audit.record(actor, "category.create", "category", category.id, None, {"code": code, "name": name})
    return category


@dataclass(frozen=True)
class RuleView:
    """A rule as screens and the command line list it: plain data with its category's code and name."""
    id: int
    code: str
    title: str
    points: int
    frequency: str
    cap: int | None
    is_veto: bool
    inspection_item: bool
    active: bool
    category_id: int
    category_code: str
    category_name: str


def list_rules(*, actor: Actor, village_id: int, include_retired: bool = False,
               inspection_only: bool = False) -> list[RuleView]:
    """Rules in category order, then code."""
    require(actor, Permission.HOUSEHOLD_VIEW)
    query = (Rule.select(Rule.id, Rule.code, Rule.title, Rule.points, Rule.frequency, Rule.cap, Rule.is_veto,
                         Rule.inspection_item, Rule.active, Category.id, Category.code, Category.name)
             .join(Category).where(Rule.village == village_id)
             .order_by(Category.sort_order, Category.code, Rule.code))
    if not include_retired:
        query = query.where(Rule.active == True)  # noqa: E712
    if inspection_only:
        query = query.where(Rule.inspection_item == True)  # noqa: E712
    return [RuleView(rid, code, title, points, frequency, cap, bool(veto), bool(inspection), bool(active), cid,
                     ccode, cname)
            for rid, code, title, points, frequency, cap, veto, inspection, active, cid, ccode, cname in query.tuples()]


def find_rule(village_id: int, code: str) -> Rule:
    rule = Rule.get_or_none(Rule.village == village_id, Rule.code == (code or "").strip())
    if rule is None:
        raise UserError(translate("services.rules", "找不到细则“{0}”。可用 pointsapp rules list 查看细则代码。").format(code))
    return rule


def create_rule(*, actor: Actor, village_id: int, category_id: int, code: str, title: str, points: int,
                frequency: str = Rule.FREQ_EVENT, cap: int | None = None, is_veto: bool = False,
                inspection_item: bool = False, description: str = "") -> Rule:
    require(actor, Permission.RULE_EDIT)
    code = (code or "").strip()
    if not code:
        raise UserError(translate("services.rules", "细则代码不能为空。"))
    _validate(title, points, frequency, cap)
    category = Category.get_or_none(Category.id == category_id, Category.village == village_id)
    if category is None:
        raise UserError(translate("services.rules", "所选类别不属于这个村。"))
    if Rule.get_or_none(Rule.village == village_id, Rule.code == code):
        raise UserError(translate("services.rules", "细则代码“{0}”已存在。").format(code))
    with database.obj.atomic():
        rule = Rule.create(village=village_id, category=category, code=code, title=textnorm.clean(title), points=points,
                           frequency=frequency, cap=cap, is_veto=is_veto, inspection_item=inspection_item,
                           description=description)
        audit.record(actor, "rule.create", "rule", rule.id, None, _rule_dict(rule))
    return rule


def update_rule(*, actor: Actor, rule_id: int, **changes) -> Rule:
    """Edit a rule's title, points, frequency, cap, flags or category; past entries keep their points."""
    require(actor, Permission.RULE_EDIT)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise UserError(translate("services.rules", "不能修改细则的这些项：{0}").format(', '.join(sorted(unknown))))
    rule = Rule.get_or_none(Rule.id == rule_id)
    if rule is None:
        raise UserError(translate("services.rules", "找不到这条细则。"))
    old = _rule_dict(rule)
    new = {**old, **changes}
    _validate(new["title"], new["points"], new["frequency"], new["cap"])
    if "category_id" in changes and not Category.get_or_none(
            Category.id == changes["category_id"], Category.village == rule.village_id):
        raise UserError(translate("services.rules", "所选类别不属于这个村。"))
    with database.obj.atomic():
        for key, value in changes.items():
            setattr(rule, key, textnorm.clean(value) if isinstance(value, str) and key == "title" else value)
        rule.save()
        audit.record(actor, "rule.update", "rule", rule.id, old, _rule_dict(rule))
    return rule


def set_rule_active(*, actor: Actor, rule_id: int, active: bool) -> Rule:
    """Retire (停用) or bring back a rule. A retired rule takes no new entries."""
    require(actor, Permission.RULE_EDIT)
    rule = Rule.get_or_none(Rule.id == rule_id)
    if rule is None:
        raise UserError(translate("services.rules", "找不到这条细则。"))
    if rule.active == active:
        return rule
    with database.obj.atomic():
        rule.active, rule.retired_at = active, (None if active else now())
        rule.save()
        audit.record(actor, "rule.retire" if not active else "rule.activate", "rule", rule.id,
                     {"active": not active}, {"active": active})
    return rule


@dataclass
class Usage:
    """How much a household has already used a rule in one year (entries not rejected, net of reversals)."""

    points: int = 0
    count: int = 0
    months: set[int] = field(default_factory=set)


def usage(rule_ids: Iterable[int], household_ids: Iterable[int], year: int) -> dict[tuple[int, int], Usage]:
    """``{(household_id, rule_id): Usage}`` for the year, in one grouped query.

    Pending entries (entered, reviewed, on notice) count: otherwise two entries typed
    before review could together pass a cap. A reversal cancels its original.
    """
    rule_ids, household_ids = list(set(rule_ids)), list(set(household_ids))
    out: dict[tuple[int, int], Usage] = defaultdict(Usage)
    if not rule_ids or not household_ids:
        return out
    for start in range(0, len(household_ids), 500):
        for household, rule, day, points, count in sql.rule_usage(rule_ids, household_ids[start:start + 500], year):
            item = out[(household, rule)]
            item.points += int(points or 0)
            item.count += int(count or 0)
            day = cursor_date(day)
            if count and count > 0:
                item.months.add(day.month)
    return out


def limit_problem(rule: Rule, used: Usage, day: dt.date, household_label: str) -> str | None:
    """The reason (chosen language) why ``rule`` may not apply once more on ``day``, or None."""
    name = f"“{rule.code} {rule.title}”"
    if rule.frequency == Rule.FREQ_MONTH and day.month in used.months:
        return translate("services.rules", "{0} 在 {1}年{2}月 已经有细则{3}的记录（每月只能一次）。").format(
            household_label, day.year, day.month, name)
    if rule.frequency == Rule.FREQ_YEAR and used.count > 0:
        return translate("services.rules", "{0} 在 {1}年 已经有细则{2}的记录（每年只能一次）。").format(household_label, day.year, name)
    if rule.cap is not None and abs(used.points + rule.points) > abs(rule.cap):
        return translate("services.rules", "{0} 在 {1}年 从细则{2}已得 {3} 分，再记 {4:+d} 分将超过年度上限 {5} 分。").format(
            household_label, day.year, name, used.points, rule.points, abs(rule.cap))
    return None


def village_of(rule: Rule) -> Village:
    return Village.get_by_id(rule.village_id)
