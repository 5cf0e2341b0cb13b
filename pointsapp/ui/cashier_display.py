"""The till's screen parts: the scanner's input, the panel of the household being served, the big labels and
the message colours (refused in red, done in green)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit

from pointsapp.services.scoring.rankings import stars_text
from pointsapp.services.shop import redemption

REFUSAL_STYLE = "background:#c8102e; color:white; font-size:22px; font-weight:bold; padding:10px; border-radius:6px;"
FLASH_STYLE = "background:#ffd400; color:#c8102e; font-size:22px; font-weight:bold; padding:10px; border-radius:6px;"
SUCCESS_STYLE = "background:#1b7a2f; color:white; font-size:22px; font-weight:bold; padding:10px; border-radius:6px;"
HINT_STYLE = "background:#f6f1ea; color:#333; font-size:18px; padding:10px; border-radius:6px;"


class ScanInput(QLineEdit):
    """The scanner's input. Latin only: a Chinese input method would swallow a scanner burst."""

    key_command = Signal(int)  # Qt key of a cashier command typed while the input is empty

    COMMAND_KEYS = (Qt.Key_Plus, Qt.Key_Minus, Qt.Key_Delete, Qt.Key_Up, Qt.Key_Down)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WA_InputMethodEnabled, False)
        self.setInputMethodHints(Qt.ImhLatinOnly | Qt.ImhNoPredictiveText | Qt.ImhPreferLatin)
        font = QFont(self.font())
        font.setPointSize(16)
        self.setFont(font)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key_Escape or (key in self.COMMAND_KEYS and not self.text()):
            self.key_command.emit(key)
            return
        super().keyPressEvent(event)


def big_label(size: int, bold: bool = False, style: str = "") -> QLabel:
    """A label in a size to read from a step away (the till's figures)."""
    label = QLabel()
    font = label.font()
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    if style:
        label.setStyleSheet(style)
    return label


class ShopperPanel(QFrame):
    """Who is being served: the head's name, village, group and household number, stars, and the points they may
    spend, in figures to read from a step away; "（未选户）" between sales."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.name_label = big_label(30, True)
        self.info_label = big_label(14)
        self.stars_label = big_label(18, style="color:#d4262c;")
        self.available_label = big_label(40, True, "background:#111; color:#ffd400; padding:6px 14px;")
        self.available_label.setAlignment(Qt.AlignCenter)
        grid = QGridLayout(self)
        grid.addWidget(self.name_label, 0, 0)
        grid.addWidget(self.stars_label, 0, 1, Qt.AlignRight)
        grid.addWidget(self.info_label, 1, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("可用积分")), 2, 0)
        grid.addWidget(self.available_label, 3, 0, 1, 2)

    def show_shopper(self, shopper: redemption.Shopper | None, *, by_card: bool) -> None:
        """``shopper`` (None: nobody is being served); ``by_card``: chosen by their card, not found by hand."""
        if shopper is None:
            self.name_label.setText(self.tr("（未选户）"))
            self.info_label.setText(self.tr("扫积分卡或按 F2 查找户"))
            self.stars_label.setText("")
            self.available_label.setText("—")
            return
        self.name_label.setText(shopper.head_name)
        self.info_label.setText(self.tr("{0} {1} · 户号 {2}{3}").format(
            shopper.village, shopper.group, shopper.household_no, "" if by_card else self.tr(" · 未刷卡（手动查找）")))
        self.stars_label.setText(stars_text(shopper.stars, spelled_out=10) or self.tr("暂无星级"))
        self.available_label.setText(self.tr("{0} 分").format(shopper.available))
