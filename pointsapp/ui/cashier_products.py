"""The cashier's manual product picker: a search field over a grid of product buttons."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from pointsapp.services.auth import Actor
from pointsapp.services.shop import products


class ProductGrid(QWidget):
    """Buttons for the products matching the search (name, barcode or pinyin initials)."""

    picked = Signal(str)  # sku
    done = Signal()       # the cashier is finished here: focus goes back to the scan input

    COLUMNS = 3
    LIMIT = 36

    def __init__(self, actor: Actor, parent=None):
        super().__init__(parent)
        self.actor = actor
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("找商品：名称或拼音首字母（F3）"))
        self.search.setFocusPolicy(Qt.ClickFocus)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._pick_first)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignTop)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(self.grid_host)
        scroll.setFocusPolicy(Qt.NoFocus)
        scroll.viewport().installEventFilter(self)  # its width decides how many columns fit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(scroll, 1)
        self.buttons: list[QPushButton] = []
        self.refresh()

    def refresh(self) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for i, p in enumerate(products.search(self.search.text(), actor=self.actor, limit=self.LIMIT)):
            button = QPushButton(self.tr("{0}\n{1} 分 · 存 {2}").format(p.name, p.price, p.stock))
            button.setFocusPolicy(Qt.NoFocus)
            button.setMinimumHeight(56)
            button.setProperty("sku", p.sku)
            if p.stock <= 0:
                button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, sku=p.sku: self._pick(sku))
            self.buttons.append(button)
        self._lay_out()

    def columns(self) -> int:
        """As many columns of buttons as fit the width, up to ``COLUMNS``: on a 1024-pixel screen, in English,
        three would run past the edge (the grid does not scroll sideways) and cut the buttons in half."""
        if not self.buttons:
            return self.COLUMNS
        widest = max(b.sizeHint().width() for b in self.buttons) + self.grid.horizontalSpacing()
        margins = self.grid.contentsMargins()
        room = self.scroll.viewport().width() - margins.left() - margins.right()
        return max(1, min(self.COLUMNS, room // max(widest, 1)))

    def _lay_out(self) -> None:
        columns = self.columns()
        for i, button in enumerate(self.buttons):
            self.grid.addWidget(button, i // columns, i % columns)  # a button already in the grid moves

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.scroll.viewport() and event.type() == QEvent.Resize and self.buttons
                and min(self.columns(), len(self.buttons)) != self._placed_columns()):
            self._lay_out()
        return False

    def _placed_columns(self) -> int:
        return max((self.grid.getItemPosition(self.grid.indexOf(b))[1] for b in self.buttons), default=0) + 1

    def _pick(self, sku: str) -> None:
        self.picked.emit(sku)
        self.done.emit()

    def _pick_first(self) -> None:
        enabled = [b for b in self.buttons if b.isEnabled()]
        if enabled:
            self._pick(enabled[0].property("sku"))
        self.search.clear()
        self.done.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.search.clear()
            self.done.emit()
            return
        super().keyPressEvent(event)
