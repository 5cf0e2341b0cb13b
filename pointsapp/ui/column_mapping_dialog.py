"""列对应: when the importer is unsure, the user says which row is the header and which column holds what."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout

from pointsapp.services.register import roster_columns as rc
from pointsapp.ui.domain_labels import label as domain_label
from pointsapp.ui.buttons import ok_cancel


class ColumnMappingDialog(QDialog):
    def __init__(self, rows: list[tuple[int, list]], header_row: int | None, columns: dict[str, int] | None,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("列对应"))
        self.rows = {n: cells for n, cells in rows[:60]}
        self.width_ = max((len(cells) for cells in self.rows.values()), default=0)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, max(self.rows) if self.rows else 1)
        self.header_row.setValue(header_row or 1)
        self.header_row.valueChanged.connect(self._fill)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("表头在第几行："), self.header_row)
        for field, (label, _names) in rc.FIELDS.items():
            combo = QComboBox()
            combo.setObjectName(f"map_{field}")
            self.combos[field] = combo
            required = field in rc.REQUIRED
            form.addRow(self.tr("{0}{1}：").format(domain_label(label), self.tr("（必填）") if required else ""), combo)
        self.buttons = ok_cancel(self, self.tr("确定"))
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("导入程序没能认全表头。请选出每一项在花名册的哪一列；没有的项选“（无）”。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill()
        for field, column in (columns or {}).items():
            if field in self.combos:
                self.combos[field].setCurrentIndex(self.combos[field].findData(column))

    def _fill(self) -> None:
        cells = self.rows.get(self.header_row.value(), [])
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("（无）"), None)
            for i in range(self.width_):
                text = rc.text(cells[i]) if i < len(cells) else ""
                combo.addItem(self.tr("第 {0} 列：{1}").format(_letters(i), text), i)
                if rc.field_of(text) == field:
                    combo.setCurrentIndex(combo.count() - 1)
            combo.blockSignals(False)

    def columns(self) -> dict[str, int]:
        return {f: c.currentData() for f, c in self.combos.items() if c.currentData() is not None}

    def accept(self) -> None:
        missing = [rc.FIELDS[f][0] for f in rc.REQUIRED if f not in self.columns()]
        if missing:
            from pointsapp.ui.messages import show_error

            show_error(self, self.tr("请选出这几项所在的列：{0}").format("、".join(missing)))
            return
        super().accept()


def _letters(i: int) -> str:
    """0 → A, 26 → AA: the column names Excel shows."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(ord("A") + r) + out
    return out
