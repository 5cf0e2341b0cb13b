"""The navigation of the main window: one page per job, each in its own module.

A page class takes ``(ctx: UiContext, parent=None)``. Pages are imported when first
shown, so start-up stays fast and a page's import cost is paid only by its users.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from pointsapp.services.auth import Permission, Role


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # translated with context "pages"
    module: str
    cls: str
    permission: Permission


def _page(key: str, title: str, permission: Permission, name: str = "") -> PageSpec:
    """The page of ``key``: class ``<Name>Page`` in ``pointsapp/ui/<name>_page.py`` (``name`` is the key unless
    given)."""
    name = name or key
    return PageSpec(key, title, f"pointsapp.ui.{name}_page", f"{name.capitalize()}Page", permission)


PAGES: list[PageSpec] = [
    _page("dashboard", QT_TRANSLATE_NOOP("pages", "首页"), Permission.REPORT_VIEW),
    _page("households", QT_TRANSLATE_NOOP("pages", "户籍管理"), Permission.HOUSEHOLD_VIEW),
    _page("entry", QT_TRANSLATE_NOOP("pages", "积分录入"), Permission.ENTRY_CREATE),
    # for the roles that record what villagers bring to the office (objections, claims, check-ins): the clerk
    # checks in and types claims, the reviewer decides at the meeting; not the till, not a viewer
    _page("events", QT_TRANSLATE_NOOP("pages", "活动与评议"), Permission.OBJECTION_RECORD),
    _page("review", QT_TRANSLATE_NOOP("pages", "审核公示"), Permission.ENTRY_REVIEW),
    _page("shop", QT_TRANSLATE_NOOP("pages", "积分超市"), Permission.SHOP_REDEEM),
    _page("ranking", QT_TRANSLATE_NOOP("pages", "排行榜"), Permission.REPORT_VIEW),
    _page("stars", QT_TRANSLATE_NOOP("pages", "星级评定"), Permission.STARS_EVALUATE),
    _page("printing", QT_TRANSLATE_NOOP("pages", "打印"), Permission.PRINT, name="print"),
    _page("settings", QT_TRANSLATE_NOOP("pages", "设置"), Permission.HOUSEHOLD_VIEW),
]

# the page a role's work starts on (the first page the role may see otherwise): the till opens on the till
START_PAGE: dict[Role, str] = {Role.CASHIER: "shop"}


def start_row(role: Role, keys: list[str]) -> int:
    """The row of ``keys`` the window opens on for ``role``."""
    start = START_PAGE.get(role)
    return keys.index(start) if start in keys else 0
