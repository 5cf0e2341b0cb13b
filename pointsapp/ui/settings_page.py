"""设置: one tab per job, each shown only to the roles that may use it."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from pointsapp.services.auth import Permission
from pointsapp.ui.context import UiContext


class SettingsPage(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        if ctx.can(Permission.USER_MANAGE):
            from pointsapp.ui.users_tab import UsersTab

            self.tabs.addTab(UsersTab(ctx), self.tr("用户管理"))
        if ctx.can(Permission.AUDIT_VIEW):
            from pointsapp.ui.audit_tab import AuditTab

            self.tabs.addTab(AuditTab(ctx), self.tr("操作日志"))
        if ctx.can(Permission.BACKUP):
            from pointsapp.ui.backup_tab import BackupTab

            self.tabs.addTab(BackupTab(ctx), self.tr("备份与恢复"))
        if ctx.can(Permission.EXPIRY_RUN) or ctx.can(Permission.SETTINGS_EDIT):
            from pointsapp.ui.expiry_tab import ExpiryTab

            self.tabs.addTab(ExpiryTab(ctx), self.tr("积分清零"))
        if ctx.can(Permission.SETTINGS_EDIT):
            from pointsapp.ui.shop_policy_tab import ShopPolicyTab

            self.tabs.addTab(ShopPolicyTab(ctx), self.tr("积分超市规则"))
        from pointsapp.ui.general_tab import GeneralTab
        from pointsapp.ui.password_tab import PasswordTab

        self.tabs.addTab(GeneralTab(ctx), self.tr("常规设置"))
        self.tabs.addTab(PasswordTab(ctx), self.tr("修改密码"))

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def tab(self, title: str) -> QWidget:
        return self.tabs.widget(self.tab_titles().index(title))
