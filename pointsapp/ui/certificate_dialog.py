"""积分证明: issue a household's points certificate for a bank from its detail dialog — the head's consent ticked,
what to show chosen, saved as a PDF (an audited, signed write through ``run_op``)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from pointsapp import clock
from pointsapp.services.credit import certificates
from pointsapp.ui.context import UiContext
from pointsapp.ui.operations import changes_of, run_op


def issue_and_print(*, actor, household_id: int, consent: bool, years: int, show_stars: bool,
                    show_black_board: bool, path: str) -> str:
    """Sign and record the certificate, then write its PDF; the serial."""
    from pointsapp.printing.credit_certificate import render_certificate

    cert = certificates.issue(actor=actor, household_id=household_id, consent=consent, years=years,
                              show_stars=show_stars, show_black_board=show_black_board)
    render_certificate(path, cert)
    return cert.serial


class CertificateDialog(QDialog):
    def __init__(self, ctx: UiContext, household_id: int, title: str, parent=None):
        super().__init__(parent)
        self.ctx, self.household_id = ctx, household_id
        self.serial = ""
        self.setWindowTitle(self.tr("出具积分证明"))
        self.setMinimumWidth(440)
        self.consent = QCheckBox(self.tr("户主同意出具"))
        self.stars = QCheckBox(self.tr("出具星级"))
        self.stars.setChecked(True)
        self.black_board = QCheckBox(self.tr("出具黑榜记录"))
        self.black_board.setChecked(True)
        self.years = QSpinBox()
        self.years.setRange(1, 10)
        self.years.setValue(3)
        self.years.setSuffix(self.tr(" 年"))
        form = QFormLayout()
        form.addRow(QLabel(title))
        form.addRow(self.tr("列出最近"), self.years)
        form.addRow(self.stars)
        form.addRow(self.black_board)
        form.addRow(self.consent)
        hint = QLabel(self.tr("证明上只写户主同意出具的内容，身份证号隐去中间位。二维码由您的签名密钥签名，"
                              "银行用本村公钥即可验证。出具会记入操作日志。"))
        hint.setWordWrap(True)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        self.issue_button = self.buttons.button(QDialogButtonBox.Ok)
        self.issue_button.setText(self.tr("出具并保存 PDF…"))
        self.issue_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.Close).setText(self.tr("关闭"))
        self.consent.toggled.connect(self.issue_button.setEnabled)
        self.buttons.accepted.connect(self.choose_file)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        name = self.tr("积分证明_{0}.pdf").format(f"{clock.today():%Y%m%d}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存积分证明"), name, self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.issue_to(path)

    def issue_to(self, path: str) -> None:
        run_op(self, self.ctx, issue_and_print, changes=changes_of(certificates.issue), busy=self.issue_button,
               success=self._issued, household_id=self.household_id, consent=self.consent.isChecked(),
               years=self.years.value(), show_stars=self.stars.isChecked(),
               show_black_board=self.black_board.isChecked(), path=path)

    def _issued(self, serial: str) -> None:
        self.serial = serial
        self.result.setText(self.tr("已出具积分证明 {0}，PDF 已保存。").format(serial))
