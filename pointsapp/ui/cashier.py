"""收银: the cashier screen, built for a USB barcode scanner and no mouse.

One input always holds the focus. The scanner types a card payload or a barcode and
presses Enter: a card selects the household, a barcode adds a product, Enter on an
empty input (or F12) confirms. + and - change the highlighted line's quantity, Delete
removes it, F2 finds a household without a card, F3 searches products, F9 takes part in cash
(现金补差, where the village allows it), Esc clears.

Every sale starts from a card: after a sale, a refused card, Esc or a minute without input no
household is selected, and goods scanned then are refused — so the next villager's goods can
never be charged to the one before.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from pointsapp.services.register import cards
from pointsapp.services.shop import policy as shop_policy
from pointsapp.services.shop import products, redemption
from pointsapp.errors import UserError
from pointsapp.ui import cashier_payment
from pointsapp.ui.cashier_basket import BasketLine, BasketModel, Columns
from pointsapp.ui.cashier_display import (
    FLASH_STYLE, HINT_STYLE, REFUSAL_STYLE, SUCCESS_STYLE, ScanInput, ShopperPanel, big_label,
)
from pointsapp.ui.cashier_products import ProductGrid
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm
from pointsapp.ui.operations import run_op
from pointsapp.ui.table_model import table_view

IDLE_MS = 60_000  # a minute without input at the till ends the sale in progress


class CashierWidget(QWidget):
    redeemed = Signal(object)  # RedemptionResult

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.shopper: redemption.Shopper | None = None
        self.policy: shop_policy.Policy | None = None  # the shopper's village: cash, point price, redemption days
        self.pay_points: int | None = None  # F9: points to use, the rest in cash; None: all in points
        self.card_payload: str | None = None  # None when the household was chosen by hand
        self.busy = False
        self.last_message = ""
        self.last_refusal = ""
        self.refusals = 0

        self.scan = ScanInput()
        self.scan.setPlaceholderText(self.tr("扫积分卡或商品条码；空着按回车 = 确认兑换"))
        self.scan.returnPressed.connect(self._entered)
        self.scan.key_command.connect(self._command)

        self.shopper_panel = ShopperPanel()

        self.basket = BasketModel(self)
        self.table = table_view(self.basket, fit=False, stretch=Columns.NAME, row_height=34)
        self.table.setFocusPolicy(Qt.NoFocus)
        self.basket.rowsInserted.connect(self._basket_changed)
        self.basket.rowsRemoved.connect(self._basket_changed)
        self.basket.dataChanged.connect(self._basket_changed)
        self.basket.modelReset.connect(self._basket_changed)

        self.total_label = big_label(30, True, "color:#111;")
        self.after_label = big_label(16)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(60)
        self._flash_timer = QTimer(self, singleShot=True, interval=350)
        self._flash_timer.timeout.connect(lambda: self.message.setStyleSheet(REFUSAL_STYLE))
        self._idle_timer = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle_timer.timeout.connect(self._idle)
        self.scan.textEdited.connect(self._touch)

        self.find_button = QPushButton(self.tr("查找户 (F2)"))
        self.confirm_button = QPushButton(self.tr("确认兑换 (F12)"))
        self.clear_button = QPushButton(self.tr("清空 (Esc)"))
        self.confirm_button.setStyleSheet("font-size:18px; font-weight:bold; padding:8px 18px;")
        for button in (self.find_button, self.confirm_button, self.clear_button):
            button.setFocusPolicy(Qt.NoFocus)
        self.find_button.clicked.connect(self.find_household)
        self.confirm_button.clicked.connect(self.confirm)
        self.clear_button.clicked.connect(self.clear_basket)
        self.print_receipt = QCheckBox(self.tr("打印小票"))
        self.print_receipt.setFocusPolicy(Qt.NoFocus)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("58 毫米"), 58)
        self.paper.addItem(self.tr("80 毫米"), 80)
        self.paper.setFocusPolicy(Qt.NoFocus)

        self.product_grid = ProductGrid(self.ctx.actor)
        self.product_grid.picked.connect(self.add_product)
        self.product_grid.done.connect(self.scan.setFocus)

        left = QVBoxLayout()
        left.addWidget(self.scan)
        left.addWidget(self.shopper_panel)
        left.addWidget(self.table, 1)
        totals = QHBoxLayout()
        totals.addWidget(self.total_label, 1)
        totals.addWidget(self.after_label)
        left.addLayout(totals)
        left.addWidget(self.message)
        buttons = QHBoxLayout()
        for w in (self.find_button, self.clear_button, self.print_receipt, self.paper):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.product_grid, 2)

        # function keys work wherever the focus is on this screen (the product search too)
        for key, slot in ((Qt.Key_F2, self.find_household), (Qt.Key_F3, self.product_grid.search.setFocus),
                          (Qt.Key_F9, self.take_cash), (Qt.Key_F12, self.confirm)):
            QShortcut(QKeySequence(key), self, slot, context=Qt.WidgetWithChildrenShortcut)
        self.ctx.hub.shop_changed.connect(self.product_grid.refresh)
        self._show_shopper()
        self._basket_changed()
        self.hint(self.tr("请扫描村民的积分卡。"))

    # --- what the cashier sees --------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scan.setFocus()

    def hint(self, text: str) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet(HINT_STYLE)

    def success(self, text: str) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet(SUCCESS_STYLE)

    def refuse(self, text: str) -> None:
        """Big, red, with a beep and a flash; the basket and the database stay as they were."""
        self.last_message = self.last_refusal = text
        self.refusals += 1
        self.message.setText(text)
        self.message.setStyleSheet(FLASH_STYLE)
        self._flash_timer.start()
        QApplication.beep()
        self.scan.setFocus()

    def _show_shopper(self) -> None:
        self.shopper_panel.show_shopper(self.shopper, by_card=bool(self.card_payload))
        self._basket_changed()

    def _basket_changed(self, *_args) -> None:
        total = self.basket.total
        self.total_label.setText(self.tr("合计：{0} 分（{1} 件）").format(total, self.basket.count))
        if self.shopper is None:
            self.after_label.setText("")
            return
        paid = cashier_payment.split(total, self.pay_points, self.policy)
        if paid is not None:
            self.after_label.setText(cashier_payment.describe(paid))
            self.after_label.setStyleSheet("color:#8a4b00; font-weight:bold;")
            return
        left = self.shopper.available - total
        self.after_label.setText(self.tr("兑换后剩余 {0} 分").format(left) if left >= 0 else self.tr(
            "还差 {0} 分").format(-left) + cashier_payment.shortfall_hint(-left, self.policy))
        self.after_label.setStyleSheet("color:#c8102e; font-weight:bold;" if left < 0 else "color:#1b7a2f;")

    # --- scanner input ----------------------------------------------------------------
    def _entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        self._touch()
        if not text:
            self.confirm()
        elif self.busy:  # a scan during the confirmation would land in a basket that is being redeemed
            self.refuse(self.tr("正在兑换上一笔，请稍后重新扫描。"))
        elif text.upper().startswith(cards.PREFIX[:2]) and ":" in text:
            self.card_scanned(text)
        else:
            self.add_product(text)

    def _command(self, key: int) -> None:
        self._touch()
        if key == Qt.Key_Escape:
            self.clear_basket()
        elif key in (Qt.Key_Plus, Qt.Key_Minus):
            self.change_quantity(1 if key == Qt.Key_Plus else -1)
        elif key == Qt.Key_Delete:
            self.basket.remove(self._current_row())
        elif key in (Qt.Key_Up, Qt.Key_Down) and self.basket.lines:
            row = self._current_row() + (1 if key == Qt.Key_Down else -1)
            self.table.selectRow(max(0, min(row, len(self.basket.lines) - 1)))

    def _current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else len(self.basket.lines) - 1

    def card_scanned(self, payload: str) -> None:
        try:
            shopper = redemption.read_card(actor=self.ctx.actor, payload=payload)
            # not a redemption day: refused at the card, before any goods are scanned
            self.policy = shop_policy.check_today(actor=self.ctx.actor, household_id=shopper.household_id)
        except UserError as exc:
            # a refused card ends the sale in progress: the goods scanned next must not go to the household before
            self._end_sale()
            self.refuse(exc.message)
            return
        self._select(shopper, payload)

    def _select(self, shopper: redemption.Shopper, payload: str | None) -> None:
        same = self.shopper is not None and self.shopper.household_id == shopper.household_id
        if self.basket.lines and not same:
            if not confirm(self, self.tr("购物篮里还有 {0} 件商品没有兑换（{1}户）。\n放弃它，开始为 {2}户 兑换吗？").format(
                    self.basket.count, self.shopper.head_name if self.shopper else "", shopper.head_name),
                    yes=self.tr("开始新的兑换")):
                self.scan.setFocus()
                return
        if not same:
            self.basket.reset()
            self.pay_points = None
        self.shopper, self.card_payload = shopper, payload
        self._touch()
        self._show_shopper()
        self.hint(self.tr("{0}户：请扫描商品条码，扫完后按回车确认。").format(shopper.head_name))
        self.scan.setFocus()

    def add_product(self, sku: str) -> None:
        if self.shopper is None:
            self.refuse(self.tr("请先扫描村民积分卡（或按 F2 查找户），再扫商品。"))
            return
        try:
            product = products.find_by_sku(sku, actor=self.ctx.actor)
        except UserError as exc:
            self.refuse(exc.message)
            return
        if not product.active:
            self.refuse(self.tr("“{0}”已下架，不能兑换。").format(product.name))
            return
        in_basket = sum(l.quantity for l in self.basket.lines if l.product_id == product.id)
        if in_basket + 1 > product.stock:
            self.refuse(self.tr("“{0}”库存不足：只剩 {1}{2}。").format(product.name, product.stock, product.unit))
            return
        self._touch()
        row = self.basket.add(BasketLine(product.id, product.sku, product.name, product.unit, product.price, 1,
                                         product.stock))
        self.table.selectRow(row)
        self.hint(self.tr("已加入：{0}（{1} 分）。继续扫描，或按回车确认。").format(product.name, product.price))
        self.scan.setFocus()

    def change_quantity(self, delta: int) -> None:
        row = self._current_row()
        if not 0 <= row < len(self.basket.lines):
            return
        line = self.basket.lines[row]
        if delta > 0 and line.quantity + delta > line.stock:
            self.refuse(self.tr("“{0}”库存不足：只剩 {1}{2}。").format(line.name, line.stock, line.unit))
            return
        self.basket.change_quantity(row, delta)
        if self.basket.lines:
            self.table.selectRow(min(row, len(self.basket.lines) - 1))

    def clear_basket(self) -> None:
        """Esc: the sale is abandoned (after a confirmation when goods were scanned); the next starts from a card."""
        if self.basket.lines and not confirm(self, self.tr("清空购物篮？"), yes=self.tr("清空")):
            self.scan.setFocus()
            return
        self._end_sale()
        self.hint(self.tr("已清空。请扫描下一位村民的积分卡。"))
        self.scan.setFocus()

    def _end_sale(self) -> None:
        """No household, an empty basket: what the till shows between two villagers."""
        self.basket.reset()
        self.shopper, self.card_payload, self.policy, self.pay_points = None, None, None, None
        self._show_shopper()

    def _touch(self, *_args) -> None:
        """The cashier did something: the minute without input starts again."""
        self._idle_timer.start()

    def _idle(self) -> None:
        if self.busy or (self.shopper is None and not self.basket.lines):
            return
        self._end_sale()
        self.hint(self.tr("一分钟没有操作，本次兑换已取消。请扫描村民的积分卡。"))

    def find_household(self) -> None:
        from pointsapp.ui.household_picker import HouseholdPicker

        picker = HouseholdPicker(self.ctx.actor, self)
        if picker.exec() and picker.chosen_id is not None:
            try:
                found = redemption.shopper(actor=self.ctx.actor, household_id=picker.chosen_id)
                self.policy = shop_policy.check_today(actor=self.ctx.actor, household_id=found.household_id)
                self._select(found, None)
            except UserError as exc:
                self.refuse(exc.message)
        self.scan.setFocus()

    def take_cash(self) -> None:
        """F9: use only part of the points (or all there are) and take the rest in cash."""
        refusal = cashier_payment.refusal(self.shopper, self.basket.total, self.policy)
        if refusal:
            self.refuse(refusal)
            return
        points = cashier_payment.ask_points(self, self.basket.total, self.shopper.available, self.policy)
        if points is not None:
            self.pay_points = points
            paid = cashier_payment.split(self.basket.total, points, self.policy)
            self.hint(self.tr("{0}。收好现金后按回车确认。").format(cashier_payment.describe(paid)))
        self._basket_changed()
        self.scan.setFocus()

    # --- confirming -------------------------------------------------------------------
    def confirm(self) -> None:
        if self.busy:
            return  # the same basket is being redeemed: a second Enter must not start another
        if self.shopper is None:
            self.refuse(self.tr("请先扫描村民积分卡（或按 F2 查找户），再确认兑换。"))
            return
        if not self.basket.lines:
            self.hint(self.tr("购物篮是空的：请扫描商品条码。"))
            return
        self.busy = True
        self.confirm_button.setEnabled(False)
        payload, household_id = self.card_payload, None if self.card_payload else self.shopper.household_id
        paid = cashier_payment.split(self.basket.total, self.pay_points, self.policy)
        run_op(self, self.ctx, redemption.redeem, card_payload=payload, household_id=household_id,
               items=self.basket.items(), token=self.basket.token, success=self._redeemed, failure=self._failed,
               points=paid.points if paid else None, cash_fen=paid.cash_fen if paid else None,
               refused=lambda exc: self.refuse(exc.message), label=self.tr("正在兑换…"))

    def _redeemed(self, result: redemption.RedemptionResult) -> None:
        self.busy = False
        self.confirm_button.setEnabled(True)
        name = self.shopper.head_name if self.shopper else ""
        self._end_sale()  # the next sale starts from the next villager's card
        cash = self.tr("，收现金 {0} 元").format(cashier_payment.yuan(result.cash_fen)) if result.cash_fen else ""
        self.success(self.tr("{0}户兑换成功：{1} 分{3}，剩余 {2} 分。请扫描下一位村民的积分卡。").format(
            name, result.total_points, result.available_after, cash))
        self.redeemed.emit(result)
        if self.print_receipt.isChecked():
            self._print(result.redemption_id)
        self.scan.setFocus()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.confirm_button.setEnabled(True)
        if self.shopper is not None:
            try:
                self.shopper = redemption.shopper(actor=self.ctx.actor, household_id=self.shopper.household_id,
                                                  card_serial=self.shopper.card_serial)
            except UserError:
                pass
            self._show_shopper()
        if not isinstance(exc, UserError):  # refused: the status line says why (``refused`` above)
            self.refuse(self.tr("兑换没有完成（程序内部错误），积分和库存都没有变化。"))

    def _print(self, redemption_id: int) -> None:
        from pointsapp.ui.receipt_print import print_receipt

        print_receipt(self, self.ctx.actor, redemption_id, self.paper.currentData())
