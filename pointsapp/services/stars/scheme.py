"""星级设置: a village's star scheme (which stars, their names, colours, order and criteria).

A scheme is data, not code: a five-star scheme or a renamed star is a change of rows
(or a JSON file loaded with :func:`load_scheme`). Stars are deactivated, never deleted,
because awards of past years point at them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pointsapp.models import Category, Star, Village, database
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import list_sep, translate

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


@dataclass(frozen=True)
class Criterion:
    """What a household must show in the period to qualify for a star.

    ``categories``: category codes whose earned points are added up (empty: all categories);
    ``min_points``: the sum must be at least this (exactly the threshold qualifies);
    ``no_veto``: no effective, unreversed veto entry (一票否决) in the year;
    ``no_deductions``: no unreversed deduction in those categories in the period.
    """

    categories: tuple[str, ...] = ()
    min_points: int = 0
    no_veto: bool = True
    no_deductions: bool = False

    @classmethod
    def from_dict(cls, data: dict | None) -> "Criterion":
        data = dict(data or {})
        unknown = set(data) - {"categories", "min_points", "no_veto", "no_deductions"}
        if unknown:
            raise UserError(translate("services.star_scheme", "评星条件中有无法识别的项：{0}。").format(
                list_sep().join(sorted(unknown))))
        cats = data.get("categories") or []
        if isinstance(cats, str):
            cats = [c for c in re.split(r"[,，\s]+", cats) if c]
        if not all(isinstance(c, str) and c for c in cats):
            raise UserError(translate("services.star_scheme", "评星条件的类别必须是类别代码列表，例如 [\"hygiene\"]。"))
        points = data.get("min_points", 0)
        if not isinstance(points, int) or isinstance(points, bool):
            raise UserError(translate("services.star_scheme", "评星条件的最低积分必须是整数。"))
        return cls(tuple(cats), points, bool(data.get("no_veto", True)), bool(data.get("no_deductions", False)))

    @classmethod
    def of(cls, star: Star) -> "Criterion":
        try:
            return cls.from_dict(json.loads(star.criterion or "{}"))
        except ValueError as exc:
            raise UserError(translate("services.star_scheme", "星级“{0}”的评星条件不是有效的 JSON。").format(star.name)) from exc

    def to_dict(self) -> dict:
        return {"categories": list(self.categories), "min_points": self.min_points,
                "no_veto": self.no_veto, "no_deductions": self.no_deductions}

    def describe(self, category_names: dict[str, str] | None = None) -> str:
        """In Chinese, e.g. "环境卫生 ≥ 100 分，无一票否决"."""
        names = category_names or {}
        cats = "、".join(names.get(c, c) for c in self.categories) or "全部类别"
        parts = [f"{cats} ≥ {self.min_points} 分"]
        if self.no_deductions:
            parts.append("无扣分")
        if self.no_veto:
            parts.append("无一票否决")
        return "，".join(parts)


@dataclass
class StarSpec:
    """A star as shown and edited: the row's fields with the criterion parsed."""

    id: int
    code: str
    name: str
    color: str
    sort_order: int
    active: bool
    criterion: Criterion = field(default_factory=Criterion)


def _spec(star: Star) -> StarSpec:
    return StarSpec(star.id, star.code, star.name, star.color, star.sort_order, star.active, Criterion.of(star))


def _village(village_id: int) -> Village:
    village = Village.get_or_none(Village.id == village_id)
    if village is None:
        raise UserError(translate("services.star_scheme", "找不到这个村。"))
    return village


def category_names(*, actor: Actor, village_id: int) -> dict[str, str]:
    """The village's category code → name, in display order: what star criteria and figures are told in."""
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STARS_EVALUATE)
    return names_of_categories(village_id)


def names_of_categories(village_id: int) -> dict[str, str]:
    """:func:`category_names` without a reader: for other services."""
    return dict(Category.select(Category.code, Category.name).where(Category.village == village_id)
                .order_by(Category.sort_order).tuples())


def stars_of(village_id: int, *, include_inactive: bool = False) -> list[StarSpec]:
    """The village's stars in display order (no permission check: read by other services)."""
    query = Star.select().where(Star.village == village_id)
    if not include_inactive:
        query = query.where(Star.active == True)  # noqa: E712
    return [_spec(s) for s in query.order_by(Star.sort_order, Star.id)]


def list_stars(*, actor: Actor, village_id: int, include_inactive: bool = True) -> list[StarSpec]:
    if not actor.can(Permission.REPORT_VIEW):
        require(actor, Permission.STARS_EVALUATE)
    _village(village_id)
    return stars_of(village_id, include_inactive=include_inactive)


def _check(village_id: int, name: str, color: str, criterion: Criterion, *, star_id: int | None = None) -> None:
    if not name or len(name) > 30:
        raise UserError(translate("services.star_scheme", "星级名称不能为空，且不超过 30 个字。"))
    if not _COLOR.match(color or ""):
        raise UserError(translate("services.star_scheme", "颜色“{0}”无效，请写成 #RRGGBB，例如 #d4262c。").format(color))
    same = Star.select().where(Star.village == village_id, Star.name == name, Star.active == True)  # noqa: E712
    if star_id is not None:
        same = same.where(Star.id != star_id)
    if same.exists():
        raise UserError(translate("services.star_scheme", "本村已有名为“{0}”的星级。").format(name))
    known = names_of_categories(village_id)
    missing = [c for c in criterion.categories if c not in known]
    if missing:
        raise UserError(translate("services.star_scheme", "本村没有这些积分类别：{0}。可用的类别代码：{1}。").format(
            list_sep().join(missing), list_sep().join(known) or translate("services.star_scheme", "无")))


def add_star(*, actor: Actor, village_id: int, code: str, name: str, color: str = "#d4262c",
             criterion: dict | Criterion | None = None) -> StarSpec:
    """Add a star at the end of the village's scheme."""
    require(actor, Permission.SETTINGS_EDIT)
    _village(village_id)
    code, name = (code or "").strip(), (name or "").strip()
    crit = criterion if isinstance(criterion, Criterion) else Criterion.from_dict(criterion)
    if not _CODE.match(code):
        raise UserError(translate("services.star_scheme", "星级代码只能用字母、数字、下划线或短横线，最多 20 个字符。"))
    if Star.select().where(Star.village == village_id, Star.code == code).exists():
        raise UserError(translate("services.star_scheme", "本村已有代码为“{0}”的星级。").format(code))
    _check(village_id, name, color, crit)
    last = max((s.sort_order for s in stars_of(village_id, include_inactive=True)), default=0)
    with database.obj.atomic():
        star = Star.create(village=village_id, code=code, name=name, color=color.lower(), sort_order=last + 1,
                           criterion=json.dumps(crit.to_dict(), ensure_ascii=False), active=True)
        audit.record(actor, "star.create", "star", star.id, None,
                     {"code": code, "name": name, "color": star.color, "criterion": crit.to_dict()})
    return _spec(star)


def update_star(*, actor: Actor, star_id: int, name: str | None = None, color: str | None = None,
                criterion: dict | Criterion | None = None, active: bool | None = None) -> StarSpec:
    """Rename, recolour, change the criterion or (de)activate one star."""
    require(actor, Permission.SETTINGS_EDIT)
    star = Star.get_or_none(Star.id == star_id)
    if star is None:
        raise UserError(translate("services.star_scheme", "找不到这个星级。"))
    before = _spec(star)
    new_name = before.name if name is None else name.strip()
    new_color = before.color if color is None else color.strip()
    if criterion is None:
        crit = before.criterion
    else:
        crit = criterion if isinstance(criterion, Criterion) else Criterion.from_dict(criterion)
    _check(star.village_id, new_name, new_color, crit, star_id=star.id)
    with database.obj.atomic():
        star.name, star.color = new_name, new_color.lower()
        star.criterion = json.dumps(crit.to_dict(), ensure_ascii=False)
        if active is not None:
            star.active = bool(active)
        star.save()
        audit.record(actor, "star.update", "star", star.id,
                     {"name": before.name, "color": before.color, "criterion": before.criterion.to_dict(),
                      "active": before.active},
                     {"name": star.name, "color": star.color, "criterion": crit.to_dict(), "active": star.active})
    return _spec(star)


def reorder_stars(*, actor: Actor, village_id: int, codes: list[str]) -> list[StarSpec]:
    """Put the named stars first, in this order; the others keep their relative order after them."""
    require(actor, Permission.SETTINGS_EDIT)
    stars = stars_of(village_id, include_inactive=True)
    by_code = {s.code: s for s in stars}
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise UserError(translate("services.star_scheme", "本村没有这些星级：{0}。").format(list_sep().join(unknown)))
    order = list(dict.fromkeys(codes)) + [s.code for s in stars if s.code not in codes]
    with database.obj.atomic():
        for i, code in enumerate(order, start=1):
            Star.update(sort_order=i).where(Star.id == by_code[code].id).execute()
        audit.record(actor, "star.reorder", "village", village_id, [s.code for s in stars], order)
    return stars_of(village_id, include_inactive=True)


def load_scheme(*, actor: Actor, village_id: int, scheme: dict, replace: bool = True) -> list[StarSpec]:
    """Load a scheme (the format of ``resources/stars/ten_stars.json``) into a village.

    Stars are matched by code: existing ones are updated, new ones created. With
    ``replace`` the village's stars missing from the scheme are deactivated, so a
    five-star scheme replaces the ten stars without losing past awards.
    """
    require(actor, Permission.SETTINGS_EDIT)
    _village(village_id)
    items = scheme.get("stars") if isinstance(scheme, dict) else None
    if not items or not isinstance(items, list):
        raise UserError(translate("services.star_scheme", "星级方案里没有星级（需要 {\"stars\": [...]}）。"))
    codes = [str(s.get("code", "")).strip() for s in items]
    if len(set(codes)) != len(codes):
        raise UserError(translate("services.star_scheme", "星级方案里有重复的星级代码。"))
    names = [str(s.get("name", "")).strip() for s in items]
    if len(set(names)) != len(names):
        raise UserError(translate("services.star_scheme", "星级方案里有重复的星级名称。"))
    before = [s.code for s in stars_of(village_id)]
    with database.obj.atomic():
        if replace:
            # free the names first: a renamed scheme may reuse a name another code had
            Star.update(active=False).where(Star.village == village_id, Star.code.not_in(codes)).execute()
        existing = {s.code: s for s in stars_of(village_id, include_inactive=True)}
        for code, name in zip(codes, names):
            if code in existing:
                Star.update(name=f"~{existing[code].id}").where(Star.id == existing[code].id).execute()
        for i, (item, code, name) in enumerate(zip(items, codes, names), start=1):
            crit = Criterion.from_dict(item.get("criterion"))
            color = str(item.get("color", "#d4262c"))
            if not _CODE.match(code):
                raise UserError(translate("services.star_scheme", "星级代码“{0}”无效。").format(code))
            star_id = existing[code].id if code in existing else None
            _check(village_id, name, color, crit, star_id=star_id)
            values = {"name": name, "color": color.lower(), "sort_order": int(item.get("sort_order", i)),
                      "criterion": json.dumps(crit.to_dict(), ensure_ascii=False), "active": True}
            if star_id is None:
                Star.create(village=village_id, code=code, **values)
            else:
                Star.update(**values).where(Star.id == star_id).execute()
        audit.record(actor, "star.load_scheme", "village", village_id, before,
                     {"name": scheme.get("name", ""), "stars": codes, "replace": replace})
    return stars_of(village_id, include_inactive=True)


def scheme_as_json(village_id: int) -> dict:
    """The village's active scheme in the file format (round-trips through :func:`load_scheme`)."""
    return {"stars": [{"code": s.code, "name": s.name, "color": s.color, "sort_order": s.sort_order,
                       "criterion": s.criterion.to_dict()} for s in stars_of(village_id)]}
