"""积分证明: a household's certificate a bank checks from its QR code alone, with the village's public key."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pointsapp.errors import UserError
from pointsapp.models import AuditLog
from pointsapp.services.credit import certificates, payload as qr
from pointsapp.services.signing import keys
from tests.credit_helpers import credit_village

ROOT = Path(__file__).resolve().parent.parent
VERIFIER = ROOT / "tools" / "verify_certificate.py"


def test_issue_without_consent_is_refused_and_nothing_is_recorded(db, admin):
    _village, household, *_ = credit_village(admin)
    before = AuditLog.select().where(AuditLog.action == certificates.ISSUE).count()
    with pytest.raises(UserError, match="户主同意"):
        certificates.issue(actor=admin, household_id=household.id, consent=False)
    assert AuditLog.select().where(AuditLog.action == certificates.ISSUE).count() == before


def test_issued_payload_verifies_with_the_village_key_and_says_the_ledgers_figures(db, admin):
    from pointsapp import clock

    _village, household, award, deduction = credit_village(admin)
    cert = certificates.issue(actor=admin, household_id=household.id, consent=True)
    facts = qr.verify(cert.payload, certificates.village_key())
    year = clock.today().year
    assert facts.years == ((year - 2, award.points), (year - 1, award.points), (year, award.points + deduction.points))
    assert facts.available == 3 * award.points + deduction.points
    assert facts.head == "欧阳*" and facts.household_no == household.household_no
    assert facts.black == ((year - 2, 0), (year - 1, 0), (year, 1))
    assert facts.stars == 2
    assert len(cert.payload.encode()) < 600
    row = AuditLog.get(AuditLog.action == certificates.ISSUE)
    assert cert.serial in row.new_value and "户主同意出具" in row.new_value
