"""补卡: revoke a household's card and issue the next one, then show the new card's QR."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QStackedWidget, QVBoxLayout, QWidget,
)

from pointsapp.services.register import cards
from pointsapp.services.register import choices
from pointsapp.services.register.choices import VillageChoice
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import confirm, show_error
from pointsapp.ui.qr_widget import QrWidget
from pointsapp.ui.operations import changes_of, run_op
from pointsapp.ui.village_picker import VillagePicker

REASONS = [
    QT_TRANSLATE_NOOP("CardReissueDialog", "卡片遗失"),
    QT_TRANSLATE_NOOP("CardReissueDialog", "卡片损坏"),
    QT_TRANSLATE_NOOP("CardReissueDialog", "户主变更"),
]


class CardReissueDialog(QDialog):
    """After ``exec()`` returns Accepted, ``village_id`` and ``household_no`` name the household to print."""

    def __init__(self, ctx: UiContext, villages: list[VillageChoice], parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.village_id: int | None = None
        self.household_no = ""
        self.setWindowTitle(self.tr("补卡"))
        self.setMinimumWidth(420)
        self.picker = VillagePicker(villages, parent=self)
        self.village = self.picker.village
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("如 01001"))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([QCoreApplication.translate("CardReissueDialog", r) for r in REASONS])
        form_page = QWidget()
        form = QFormLayout(form_page)
        form.addRow(self.tr("村"), self.village)
        form.addRow(self.tr("户号"), self.number)
        form.addRow(self.tr("补卡原因"), self.reason)
        hint = QLabel(self.tr("补卡后旧卡立即作废，在积分超市刷旧卡会被拒绝。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #8f0b1f;")
        form.addRow(hint)

        done_page = QWidget()
        done = QVBoxLayout(done_page)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.qr = QrWidget()
        done.addWidget(self.result_label)
        done.addWidget(self.qr, 0, Qt.AlignHCenter)

        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(done_page)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("补卡"), QDialogButtonBox.AcceptRole)
        self.cancel = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.RejectRole)
        self.ok.clicked.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        self.number.setFocus()

    def _submit(self) -> None:
        if self.pages.currentIndex() == 1:  # "打印新卡"
            self.accept()
            return
        village_id, number, reason = self.village.currentData(), self.number.text().strip(), self.reason.currentText()
        if not number:
            show_error(self, self.tr("请填写户号。"))
            return
        if not reason.strip():
            show_error(self, self.tr("请填写补卡原因。"))
            return
        if not confirm(self, self.tr("为户号 {0} 补发新卡？旧卡将立即作废。").format(number), yes=self.tr("补卡")):
            return

        def reissue(*, actor):
            household = choices.require_household(actor=actor, village_id=village_id, household_no=number)
            card = cards.reissue(actor=actor, household_id=household.id, reason=reason)
            return household.head_name, card.serial, card.payload

        self.ok.setEnabled(False)
        run_op(self, self.ctx, reissue, changes=changes_of(cards.reissue),
               success=lambda r: self._done(village_id, number, *r), failure=lambda _exc: self.ok.setEnabled(True),
               label=self.tr("正在补卡…"))

    def _done(self, village_id: int, number: str, head: str, serial: int, payload: str) -> None:
        self.village_id, self.household_no = village_id, number
        self.result_label.setText(self.tr("已为 {0}（户号 {1}）补发第 {2} 号卡，旧卡已作废。请打印新卡交给村民。")
                                  .format(head, number, serial))
        self.qr.set_text(payload)
        self.pages.setCurrentIndex(1)
        self.ok.setText(self.tr("打印新卡"))
        self.ok.setEnabled(True)
        self.cancel.setText(self.tr("关闭"))
