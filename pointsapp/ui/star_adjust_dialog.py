"""Dialog: the committee includes or excludes one star for one household, with a mandatory reason."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QRadioButton, QHBoxLayout, QWidget,
)

from pointsapp.services.stars.evaluation import HouseholdProposals, ProposalItem, explain
from pointsapp.ui.buttons import ok_cancel


class StarAdjustDialog(QDialog):
    def __init__(self, household: HouseholdProposals, category_names: dict[str, str], parent=None,
                 star_id: int | None = None):
        super().__init__(parent)
        self.household, self.category_names = household, category_names
        self.setWindowTitle(self.tr("调整评星结果"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(self.tr("户："), QLabel(f"{household.household_no}　{household.head_name}（{household.group}）"))
        self.star = QComboBox()
        for item in household.items:
            state = self.tr("授予") if item.included else self.tr("不授予")
            self.star.addItem(self.tr("{0}（目前：{1}）").format(item.name, state), item.star_id)
        if star_id is not None:
            self.star.setCurrentIndex(max(0, self.star.findData(star_id)))
        form.addRow(self.tr("星级(&S)："), self.star)
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        form.addRow(self.tr("依据："), self.figures)
        self.include = QRadioButton(self.tr("授予(&I)"))
        self.exclude = QRadioButton(self.tr("不授予(&E)"))
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.include)
        row.addWidget(self.exclude)
        row.addStretch(1)
        form.addRow(self.tr("决定："), choice)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("必须填写，例如：经村民代表会议评议……"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        form.addRow(self.tr("原因(&R)："), self.reason)
        self.buttons = ok_cancel(self, self.tr("确定调整"))
        form.addRow(self.buttons)
        self.star.currentIndexChanged.connect(self._star_changed)
        self.reason.textChanged.connect(self._update_ok)
        self._star_changed()

    def current(self) -> ProposalItem:
        return self.household.items[self.star.currentIndex()]

    def _star_changed(self) -> None:
        item = self.current()
        self.figures.setText(explain(item.figures, self.category_names))
        # the useful decision is the opposite of the current one
        (self.exclude if item.included else self.include).setChecked(True)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def values(self) -> tuple[int, bool, str]:
        """``(star_id, include, reason)``."""
        return self.current().star_id, self.include.isChecked(), self.reason.toPlainText().strip()
