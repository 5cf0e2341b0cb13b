"""The blank monthly inspection sheet of a group (户 × 检查项目): what an inspector carries door to door on paper
and types into the grid afterwards, as plain data for the printout."""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.errors import UserError
from pointsapp.models import Group, Village
from pointsapp.services import periods
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.register.choices import group_sheet
from pointsapp.services.scoring.rules import list_rules
from pointsapp.text import translate


@dataclass(frozen=True)
class SheetItem:
    code: str
    title: str
    points: int


@dataclass(frozen=True)
class BlankSheet:
    village: str
    group: str
    period: periods.Period
    households: list[tuple[str, str]]  # (household number, head) in number order, as the grid lists them
    items: list[SheetItem]             # the village's inspection items, in the grid's order


def short_title(title: str) -> str:
    """An item's name without the "（月度检查）" every item carries: the column heads stay narrow."""
    for tail in ("（月度检查）", "(月度检查)"):
        if title.endswith(tail):
            return title[: -len(tail)]
    return title


def blank_sheet(*, actor: Actor, group_id: int, period_code: str) -> BlankSheet:
    require(actor, Permission.PRINT)
    period = periods.parse(period_code)
    if period.start.day != 1 or period.end.month != period.start.month:
        raise UserError(translate("services.inspection_sheet", "检查表按月打印，请选一个月份。"))
    group = Group.get_or_none(Group.id == group_id)
    if group is None:
        raise UserError(translate("services.inspection_sheet", "找不到这个村民小组。"))
    village = Village.get_by_id(group.village_id)
    items = [SheetItem(r.code, short_title(r.title), r.points)
             for r in list_rules(actor=actor, village_id=village.id, inspection_only=True)]
    if not items:
        raise UserError(translate("services.inspection_sheet", "{0}还没有月度检查项目（积分细则里勾选“月度检查”）。").format(
            village.name))
    households = [(no, head) for _hid, no, head in group_sheet(actor=actor, group_id=group_id)]
    return BlankSheet(village.name, group.name, period, households, items)
