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


PAGES: list[PageSpec] = [
    PageSpec("dashboard", QT_TRANSLATE_NOOP("pages", "首页"), "pointsapp.ui.dashboard_page", "DashboardPage",
             Permission.REPORT_VIEW),
    PageSpec("households", QT_TRANSLATE_NOOP("pages", "户籍管理"), "pointsapp.ui.households_page",
             "HouseholdsPage", Permission.HOUSEHOLD_VIEW),
    PageSpec("entry", QT_TRANSLATE_NOOP("pages", "积分录入"), "pointsapp.ui.entry_page", "EntryPage",
             Permission.ENTRY_CREATE),
    # for the roles that record what villagers bring to the office (objections, claims, check-ins): the clerk
    # checks in and types claims, the reviewer decides at the meeting; not the till, not a viewer
    PageSpec("events", QT_TRANSLATE_NOOP("pages", "活动与评议"), "pointsapp.ui.events_page", "EventsPage",
             Permission.OBJECTION_RECORD),
    PageSpec("review", QT_TRANSLATE_NOOP("pages", "审核公示"), "pointsapp.ui.review_page", "ReviewPage",
             Permission.ENTRY_REVIEW),
    PageSpec("shop", QT_TRANSLATE_NOOP("pages", "积分超市"), "pointsapp.ui.shop_page", "ShopPage",
             Permission.SHOP_REDEEM),
    PageSpec("ranking", QT_TRANSLATE_NOOP("pages", "排行榜"), "pointsapp.ui.ranking_page", "RankingPage",
             Permission.REPORT_VIEW),
    PageSpec("stars", QT_TRANSLATE_NOOP("pages", "星级评定"), "pointsapp.ui.stars_page", "StarsPage",
             Permission.STARS_EVALUATE),
    PageSpec("printing", QT_TRANSLATE_NOOP("pages", "打印"), "pointsapp.ui.print_page", "PrintPage",
             Permission.PRINT),
    PageSpec("settings", QT_TRANSLATE_NOOP("pages", "设置"), "pointsapp.ui.settings_page", "SettingsPage",
             Permission.HOUSEHOLD_VIEW),
]

# the page a role's work starts on (the first page the role may see otherwise): the till opens on the till
START_PAGE: dict[Role, str] = {Role.CASHIER: "shop"}


def start_row(role: Role, keys: list[str]) -> int:
    """The row of ``keys`` the window opens on for ``role``."""
    start = START_PAGE.get(role)
    return keys.index(start) if start in keys else 0
