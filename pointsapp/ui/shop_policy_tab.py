"""积分超市规则: per village, whether cash may make up a shortfall, the price of a point, and the redemption days."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPushButton, QVBoxLayout

from pointsapp.services.auth import Permission
from pointsapp.services.shop import money
from pointsapp.services.shop import policy as shop_policy
from pointsapp.ui.buttons import button_row
from pointsapp.ui.context import UiContext
from pointsapp.ui.fields import note_label
from pointsapp.ui.messages import show_info
from pointsapp.ui.operations import run_op
from pointsapp.ui.village_picker import VillageTab


class ShopPolicyTab(VillageTab):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(ctx, parent)
        editable = ctx.can(Permission.SETTINGS_EDIT)
        self.village_box = self.picker.village
        self.cash = QCheckBox(self.tr("积分不足时可用现金补足差价（也可只用部分积分）"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("如 1 或 0.50"))
        self.days = QLineEdit()
        self.days.setPlaceholderText(self.tr("如 1-5 或 1-5, 15, 2027-01-20；空着表示每天都可兑换"))
        for field in (self.cash, self.price, self.days):
            field.setEnabled(editable)
        self.save_button = QPushButton(self.tr("保存超市规则"))
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("村："), self.village_box)
        form.addRow("", self.cash)
        form.addRow(self.tr("每分积分折合（元）："), self.price)
        form.addRow(self.tr("兑换日："), self.days)
        note = note_label(self.tr("兑换日写每月的日子（如 1-5 表示每月 1 日到 5 日）或具体日期，用逗号分开。"
                                  "不在兑换日时，收银台拒绝兑换并告诉村民下一个兑换日。"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(button_row(self.save_button))
        layout.addStretch(1)
        self.village_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        vid = self.village_box.currentData()
        if vid is None:
            return
        found = shop_policy.village_policy(actor=self.ctx.actor, village_id=vid)
        self.cash.setChecked(found.cash_allowed)
        self.price.setText(money.yuan(found.point_price_fen))
        self.days.setText(found.redemption_days)

    def save(self) -> None:
        vid = self.village_box.currentData()
        if vid is None:
            return
        run_op(self, self.ctx, shop_policy.set_policy, village_id=vid, cash_allowed=self.cash.isChecked(),
               point_price=self.price.text(), redemption_days=self.days.text(), success=self._saved)

    def _saved(self, saved: shop_policy.Policy) -> None:
        self.days.setText(saved.redemption_days)
        show_info(self, self.tr("积分超市规则已保存。"))
