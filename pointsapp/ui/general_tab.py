"""常规设置: the declared settings, one field each; editable only with Permission.SETTINGS_EDIT."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from pointsapp.services.ops import preferences
from pointsapp.services.auth import Permission
from pointsapp.ui.buttons import button_row
from pointsapp.ui.domain_labels import label
from pointsapp.ui.i18n import LANGUAGES
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import show_info
from pointsapp.ui.operations import run_op


class GeneralTab(QWidget):
    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.can(Permission.SETTINGS_EDIT)
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()
        self.options = preferences.list_options(actor=ctx.actor)
        for option in self.options:
            if option.key == "language":  # each language named in itself, so anyone can find theirs
                field = QComboBox()
                for code, name in LANGUAGES.items():
                    field.addItem(name, code)
                field.setCurrentIndex(max(0, field.findData(option.value)))
                field.setEnabled(self.editable)
            elif option.kind is bool:
                field = QCheckBox()
                field.setChecked(bool(option.value))
                field.setEnabled(self.editable)
            elif option.kind is int:
                field = QSpinBox()
                field.setRange(0, 100000)
                field.setValue(int(option.value))
                field.setEnabled(self.editable)
            else:
                field = QLineEdit(str(option.value))
                field.setReadOnly(not self.editable)
            field.setObjectName(option.key)
            self.fields[option.key] = field
            caption = QLabel(label(option.description) + self.tr("："))
            caption.setWordWrap(True)  # long descriptions wrap (in English they were wider than the screen)
            form.addRow(caption, field)
            if option.key == "language":
                note = QLabel(self.tr("更改界面语言后，下次启动程序时生效。"))
                note.setObjectName("language_note")
                note.setWordWrap(True)
                form.addRow("", note)
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.editable)  # hidden for roles that cannot change settings
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(button_row(self.save_button))
        layout.addStretch(1)
        ctx.hub.settings_changed.connect(self.reload)  # e.g. the backup folder chosen on its own tab

    def reload(self) -> None:
        self.options = preferences.list_options(actor=self.ctx.actor)
        for option in self.options:
            field = self.fields[option.key]
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(0, field.findData(option.value)))
            elif isinstance(field, QCheckBox):
                field.setChecked(bool(option.value))
            elif isinstance(field, QSpinBox):
                field.setValue(int(option.value))
            else:
                field.setText(str(option.value))

    def value_of(self, key: str):
        field = self.fields[key]
        if isinstance(field, QComboBox):
            return field.currentData()
        if isinstance(field, QCheckBox):
            return field.isChecked()
        if isinstance(field, QSpinBox):
            return field.value()
        return field.text().strip()

    def save(self) -> None:
        run_op(self, self.ctx, preferences.change_many, values={o.key: self.value_of(o.key) for o in self.options},
               success=lambda _changed: show_info(self, self.tr("设置已保存。")))
