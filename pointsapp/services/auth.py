"""Roles, permissions and the acting operator. Every service checks its caller here."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from pointsapp.errors import PermissionDenied
from pointsapp.text import domain_label, translate


class Role(str, enum.Enum):
    ADMIN = "admin"
    SCORER = "scorer"
    REVIEWER = "reviewer"
    CASHIER = "cashier"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "管理员",
    Role.SCORER: "录入员",
    Role.REVIEWER: "审核员",
    Role.CASHIER: "收银员",
    Role.VIEWER: "查看者",
}


class Permission(str, enum.Enum):
    HOUSEHOLD_VIEW = "household.view"
    HOUSEHOLD_EDIT = "household.edit"
    PRIVATE_VIEW = "private.view"          # full ID numbers and phone numbers
    RULE_EDIT = "rule.edit"
    ENTRY_CREATE = "entry.create"
    ENTRY_REVIEW = "entry.review"
    ENTRY_REVERSE = "entry.reverse"
    OBJECTION_RECORD = "objection.record"
    OBJECTION_DECIDE = "objection.decide"
    EXPIRY_RUN = "expiry.run"
    SHOP_REDEEM = "shop.redeem"
    SHOP_VOID = "shop.void"                # same day, own station
    SHOP_VOID_ANY = "shop.void_any"        # any redemption, later
    STOCK_EDIT = "stock.edit"
    PRODUCT_EDIT = "product.edit"
    CARD_ISSUE = "card.issue"
    STARS_EVALUATE = "stars.evaluate"
    STARS_APPLY = "stars.apply"
    PRINT = "print"
    REPORT_VIEW = "report.view"
    AUDIT_VIEW = "audit.view"
    USER_MANAGE = "user.manage"
    BACKUP = "backup"
    SETTINGS_EDIT = "settings.edit"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS.get(self, self.value)


PERMISSION_LABELS = {
    Permission.HOUSEHOLD_VIEW: "查看户籍", Permission.HOUSEHOLD_EDIT: "修改户籍",
    Permission.PRIVATE_VIEW: "查看身份证号和电话", Permission.RULE_EDIT: "修改积分细则",
    Permission.ENTRY_CREATE: "录入积分", Permission.ENTRY_REVIEW: "审核积分",
    Permission.ENTRY_REVERSE: "冲正积分", Permission.OBJECTION_RECORD: "登记异议",
    Permission.OBJECTION_DECIDE: "处理异议", Permission.EXPIRY_RUN: "积分清零",
    Permission.SHOP_REDEEM: "积分兑换", Permission.SHOP_VOID: "作废当日兑换",
    Permission.SHOP_VOID_ANY: "作废任意兑换", Permission.STOCK_EDIT: "库存管理",
    Permission.PRODUCT_EDIT: "商品管理", Permission.CARD_ISSUE: "发卡补卡",
    Permission.STARS_EVALUATE: "星级评定", Permission.STARS_APPLY: "授星摘星",
    Permission.PRINT: "打印", Permission.REPORT_VIEW: "查看报表", Permission.AUDIT_VIEW: "查看操作日志",
    Permission.USER_MANAGE: "用户管理", Permission.BACKUP: "备份与恢复", Permission.SETTINGS_EDIT: "修改设置",
}

P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.SCORER: frozenset({
        P.HOUSEHOLD_VIEW, P.HOUSEHOLD_EDIT, P.PRIVATE_VIEW, P.ENTRY_CREATE, P.OBJECTION_RECORD,
        P.CARD_ISSUE, P.PRINT, P.REPORT_VIEW,
    }),
    Role.REVIEWER: frozenset({
        P.HOUSEHOLD_VIEW, P.PRIVATE_VIEW, P.ENTRY_REVIEW, P.ENTRY_REVERSE, P.OBJECTION_RECORD,
        P.OBJECTION_DECIDE, P.STARS_EVALUATE, P.PRINT, P.REPORT_VIEW, P.AUDIT_VIEW,
    }),
    Role.CASHIER: frozenset({
        P.HOUSEHOLD_VIEW, P.SHOP_REDEEM, P.SHOP_VOID, P.STOCK_EDIT, P.PRINT,
    }),
    Role.VIEWER: frozenset({P.HOUSEHOLD_VIEW, P.PRINT, P.REPORT_VIEW}),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user of a GUI session or the CLI's operator."""

    user_id: int
    username: str
    role: Role
    display_name: str = ""

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


def require(actor: Actor | None, permission: Permission) -> Actor:
    """Raise :class:`PermissionDenied` unless ``actor`` may do ``permission``."""
    if actor is None:
        raise PermissionDenied(translate("services.auth", "请先登录后再操作。"))
    if not actor.can(permission):
        raise PermissionDenied(
            translate("services.auth", "当前用户 {0}（{1}）没有“{2}”的权限。").format(
                actor.name, domain_label(actor.role.label), domain_label(permission.label))
        )
    return actor
