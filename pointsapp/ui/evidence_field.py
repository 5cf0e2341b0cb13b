"""The evidence field of a form (an entry's photo, a claim's photos): a button that chooses the files and their
names beside it, （可不选） while there are none."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget


class EvidenceField(QWidget):
    """``several``: any number of photos or scans (a claim); otherwise one picture (an entry)."""

    def __init__(self, *, several: bool = False, parent=None):
        super().__init__(parent)
        self.several = several
        self.paths: list[Path] = []
        self.button = QPushButton(self.tr("选择证据照片…"))
        self.names = QLabel(self.tr("（可不选）"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.names, 1)
        self.button.clicked.connect(self.choose)

    def choose(self) -> None:
        caption = self.tr("选择证据照片")
        if self.several:
            names, _ = QFileDialog.getOpenFileNames(self, caption, "", self.tr("图片或扫描件 (*.jpg *.jpeg *.png *.pdf)"))
        else:
            name, _ = QFileDialog.getOpenFileName(self, caption, "", self.tr("图片 (*.jpg *.jpeg *.png)"))
            names = [name] if name else []
        if names:
            self.set_paths([Path(n) for n in names])

    def set_paths(self, paths: list[Path]) -> None:
        self.paths = list(paths)
        self.names.setText("、".join(p.name for p in self.paths) or self.tr("（可不选）"))

    def clear(self) -> None:
        self.set_paths([])

    @property
    def first(self) -> Path | None:
        return self.paths[0] if self.paths else None
