"""积分证明 from the household's detail dialog: a button for those who may print it; nothing issued until the
head's consent is ticked; issuing writes a PDF whose QR verifies, and an audit row."""
from __future__ import annotations

from pointsapp.models import AuditLog
from pointsapp.services.auth import Role
from pointsapp.services.credit import certificates
from pointsapp.services.credit import payload as qr
from pointsapp.ui.certificate_dialog import CertificateDialog
from pointsapp.ui.household_dialog import HouseholdDialog
from tests.credit_helpers import credit_village
from tests.pdf_helpers import decode_qr, render_pages
from tests.ui_helpers import ctx_of


def test_certificate_button_issues_a_pdf_only_with_consent(qtbot, db, admin, actor_of, tmp_path):
    _village, household, *_ = credit_village(admin, head_name="王䶮")
    cashier = HouseholdDialog(ctx_of(actor_of(Role.CASHIER)), household_id=household.id)
    qtbot.addWidget(cashier)
    assert not hasattr(cashier, "certificate_button")
    detail = HouseholdDialog(ctx_of(admin), household_id=household.id)
    qtbot.addWidget(detail)
    assert detail.certificate_button.text() == "积分证明…"

    dialog = CertificateDialog(ctx_of(admin), household.id, "V01001 王䶮", parent=detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.issue_button.isEnabled()
    dialog.black_board.setChecked(False)
    dialog.consent.setChecked(True)
    assert dialog.issue_button.isEnabled()
    dialog.grab().save(str(tmp_path / "dialog.png"))
    out = tmp_path / "cert.pdf"
    dialog.issue_to(str(out))
    qtbot.waitUntil(lambda: bool(dialog.serial), timeout=20000)
    assert dialog.serial in dialog.result.text()
    (payload,) = decode_qr(render_pages(out, tmp_path / "pages")[0])
    facts = qr.verify(payload, certificates.village_key())
    assert facts.serial == dialog.serial and facts.black is None and facts.head == "王*"
    assert AuditLog.select().where(AuditLog.action == certificates.ISSUE).count() == 1
