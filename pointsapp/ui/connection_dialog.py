"""连接设置: which database this PC uses — the local file, or a PostgreSQL server on the LAN."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QRadioButton, QSpinBox,
)

from pointsapp.services.ops import session as station
from pointsapp.services.ops.session import test_connection
from pointsapp.paths import default_database_path
from pointsapp.errors import UserError
from pointsapp.ui.buttons import ok_cancel, push_button
from pointsapp.ui.layouts import hbox, vbox


class ConnectionDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据库连接设置"))
        self.setMinimumWidth(480)
        config = station.load_station()
        server = config.server or station.ServerSettings()

        self.local = QRadioButton(self.tr("本机数据库文件（一台电脑使用，无需设置）"))
        self.remote = QRadioButton(self.tr("PostgreSQL 服务器（村委会和超市多台电脑共用）"))
        modes = QButtonGroup(self)
        modes.addButton(self.local)
        modes.addButton(self.remote)
        (self.remote if config.mode == "postgres" else self.local).setChecked(True)

        self.file = QLineEdit(config.sqlite_path)
        self.file.setPlaceholderText(str(default_database_path()))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        local_box = QGroupBox(self.tr("本机文件"))
        local_form = QFormLayout(local_box)
        local_form.addRow(self.tr("文件："), file_row)

        self.host = QLineEdit(server.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(server.port)
        self.database = QLineEdit(server.database)
        self.user = QLineEdit(server.user)
        self.password = QLineEdit(station.password_for(config) if config.server else "")
        self.password.setEchoMode(QLineEdit.Password)
        self.server_box = QGroupBox(self.tr("服务器"))
        form = QFormLayout(self.server_box)
        form.addRow(self.tr("地址："), self.host)
        form.addRow(self.tr("端口："), self.port)
        form.addRow(self.tr("数据库名："), self.database)
        form.addRow(self.tr("用户名："), self.user)
        form.addRow(self.tr("密码："), self.password)
        if not station.credential_store_available():
            note = QLabel(self.tr("提示：本机没有系统密码库，密码将保存在仅本用户可读的设置文件中。"))
            note.setWordWrap(True)
            form.addRow(note)

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        test = push_button(self.tr("测试连接"), self.test)
        buttons = ok_cancel(self, self.tr("保存"), self.save)
        vbox(self, self.local, local_box, self.remote, self.server_box, hbox(test, (self.result_label, 1)), buttons)
        self.local.toggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.server_box.setEnabled(self.remote.isChecked())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("选择数据库文件"), self.file.text(),
                                              self.tr("数据库文件 (*.db)"), options=QFileDialog.DontConfirmOverwrite)
        if path:
            self.file.setText(path)

    def _server(self) -> station.ServerSettings:
        return station.ServerSettings(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                                      self.user.text().strip())

    def target(self) -> str:
        if self.remote.isChecked():
            return self._server().url(self.password.text())
        return self.file.text().strip() or str(default_database_path())

    def test(self) -> bool:
        try:
            version = test_connection(self.target())
        except UserError as exc:
            self.result_label.setStyleSheet("color: #c8102e;")
            self.result_label.setText(exc.message)
            return False
        self.result_label.setStyleSheet("color: #2b8a3e;")
        self.result_label.setText(self.tr("连接成功：{0}").format(version.split(",")[0]))
        return True

    def save(self) -> None:
        if self.remote.isChecked():
            config = station.StationConfig(mode="postgres", server=self._server())
            station.save_station(config, password=self.password.text())
        else:
            station.save_station(station.StationConfig(mode="sqlite", sqlite_path=self.file.text().strip()))
        self.accept()
