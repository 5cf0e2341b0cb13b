"""积分证明: a household's certificate a bank checks from its QR code alone, with the village's public key."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pointsapp.errors import UserError
from pointsapp.models import AuditLog
from pointsapp.services.credit import certificates
from pointsapp.services.credit import payload as qr
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


def _pdf_and_qr(cert, tmp_path):
    from pointsapp.printing.credit_certificate import render_certificate
    from tests.pdf_helpers import decode_qr, render_pages

    pdf = tmp_path / "certificate.pdf"
    render_certificate(pdf, cert)
    pages = render_pages(pdf, tmp_path / "pages", dpi=150)
    return pdf, pages, decode_qr(pages[0])


def _standalone(key_hex: str, payload: str) -> subprocess.CompletedProcess:
    """The bank's verifier, run as the bank runs it: a plain Python with cryptography, not our package."""
    return subprocess.run([sys.executable, "-I", str(VERIFIER), "--key", key_hex, payload], check=False, capture_output=True,
                          text=True, timeout=60, cwd=str(VERIFIER.parent), env={"PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("head", ["欧阳娜娜娜", "阿卜杜热合曼·买买提", "王䶮"])
def test_printed_certificate_is_verified_by_the_banks_script_from_its_qr_alone(db, admin, tmp_path, head):
    from tests.pdf_helpers import page_count, pdf_text

    _village, household, *_ = credit_village(admin, head_name=head)
    scorer = make_scorer()
    cert = certificates.issue(actor=scorer, household_id=household.id, consent=True)
    pdf, _pages, found = _pdf_and_qr(cert, tmp_path)
    assert page_count(pdf) == 1
    assert found == [cert.payload]
    text = pdf_text(pdf)
    assert cert.serial in text and "1101**********002X" in text and "11010519491231002X" not in text
    assert "账本指纹" in text
    key_hex, code = certificates.public_key(actor=admin)
    assert code in text
    result = _standalone(key_hex, found[0])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout and "伪造" not in result.stdout
    assert f"户号：{household.household_no}" in result.stdout and "scorer" in result.stdout


def make_scorer():
    from pointsapp.services.auth import Role
    from tests.conftest import make_actor

    return make_actor(Role.SCORER)


def test_one_digit_changed_in_the_payload_is_refused_by_both_verifiers(db, admin):
    _village, household, *_ = credit_village(admin)
    cert = certificates.issue(actor=make_scorer(), household_id=household.id, consent=True)
    facts = cert.signed
    forged = cert.payload.replace(f"|{facts.available}|", f"|{facts.available + 1}|", 1)
    assert forged != cert.payload
    key_hex, _code = certificates.public_key(actor=admin)
    result = _standalone(key_hex, forged)
    assert result.returncode == 1 and "伪造" in result.stdout and "OK" not in result.stdout
    checked = certificates.check(actor=admin, payload=forged)
    assert not checked.valid and "签名无效" in checked.reason
    assert certificates.check(actor=admin, payload=cert.payload).valid


def test_a_payload_signed_by_another_installations_key_is_refused(db, admin):
    """Another installation: its own root signs a well-formed certificate of the same household."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _village, household, *_ = credit_village(admin)
    cert = certificates.issue(actor=admin, household_id=household.id, consent=True)
    other = Ed25519PrivateKey.generate()
    forged = qr.encode(cert.signed, other.sign(cert.signed.signed_text().encode()), [])
    checked = certificates.check(actor=admin, payload=forged)
    assert not checked.valid
    key_hex, _code = certificates.public_key(actor=admin)
    result = _standalone(key_hex, forged)
    assert result.returncode == 1 and "伪造" in result.stdout
    # and it verifies with the other installation's key: the refusal is the key, not the form
    other_hex = keys.public_hex(other)
    assert _standalone(other_hex, forged).returncode == 0


def test_an_operator_key_registered_elsewhere_does_not_chain_to_this_village(db, admin):
    """A real operator of another installation (its key registered by that root) signing our household's facts."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    _village, household, *_ = credit_village(admin)
    cert = certificates.issue(actor=make_scorer(), household_id=household.id, consent=True)
    other_root, operator = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    link = qr.Link(7, "scorer", "scorer", "2026-01-01 08:00:00", bytes.fromhex(keys.public_hex(operator)), b"")
    link = qr.Link(**{**link.__dict__, "signature": other_root.sign(link.registration().encode())})
    forged = qr.encode(cert.signed, operator.sign(cert.signed.signed_text().encode()), [link])
    checked = certificates.check(actor=admin, payload=forged)
    assert not checked.valid and "追溯" in checked.reason
    key_hex, _code = certificates.public_key(actor=admin)
    assert _standalone(key_hex, forged).returncode == 1


def test_a_clerk_registered_by_a_second_administrator_chains_back_to_the_root(db, admin, tmp_path):
    """Two links (clerk ← second administrator ← root): the printed QR still reads and both verifiers accept it;
    a clerk's registration claimed by a non-administrator is refused."""
    from pointsapp.models import User
    from pointsapp.services.ops import users
    from tests.conftest import TEST_KEY_COST, _cheap_hash

    _village, household, *_ = credit_village(admin, head_name="阿卜杜热合曼·买买提")
    root = keys.signer_for(admin.user_id)
    second = User.create(username="副主任", display_name="副主任", role="admin", password_hash=_cheap_hash("pw"))
    second_signer = keys.create_key(second, "pw", registrar=root, cost=TEST_KEY_COST)
    clerk = User.create(username="文书", display_name="文书", role="scorer", password_hash=_cheap_hash("pw"))
    keys.create_key(clerk, "pw", registrar=second_signer, cost=TEST_KEY_COST)
    cert = certificates.issue(actor=users.actor_for(clerk), household_id=household.id, consent=True)
    assert len(qr.decode(cert.payload)[2]) == 2
    _pdf, _pages, found = _pdf_and_qr(cert, tmp_path)
    assert found == [cert.payload]
    key_hex, _code = certificates.public_key(actor=admin)
    result = _standalone(key_hex, found[0])
    assert result.returncode == 0 and "文书" in result.stdout, result.stdout + result.stderr
    assert certificates.check(actor=admin, payload=cert.payload).issuer == "文书"

    facts, signature, (clerk_link, second_link) = qr.decode(cert.payload)
    demoted = qr.Link(**{**second_link.__dict__, "role": "scorer"})
    forged = qr.encode(facts, signature, [clerk_link, demoted])
    assert not certificates.check(actor=admin, payload=forged).valid
    assert _standalone(key_hex, forged).returncode == 1


def test_the_banks_script_imports_nothing_but_the_standard_library_and_cryptography():
    import ast

    tree = ast.parse(VERIFIER.read_text(encoding="utf-8"))
    modules = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert modules <= {"__future__", "argparse", "base64", "re", "sys", "cryptography"}, modules


def test_the_banks_script_and_the_program_describe_a_certificate_alike(db, admin):
    import importlib.util

    _village, household, *_ = credit_village(admin)
    cert = certificates.issue(actor=admin, household_id=household.id, consent=True, show_stars=False)
    spec = importlib.util.spec_from_file_location("verify_certificate", VERIFIER)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    bank = script.describe(script.verify(cert.payload, certificates.village_key()))
    ours = certificates.describe(qr.verify(cert.payload, certificates.village_key()))
    assert bank[:len(ours)] == ours and "星级：户主未同意出具" in ours


def test_the_certificate_reads_in_english_when_english_is_chosen(db, admin, english, tmp_path):
    from tests.pdf_helpers import page_count, pdf_text

    _village, household, *_ = credit_village(admin, head_name="王䶮")
    cert = certificates.issue(actor=admin, household_id=household.id, consent=True)
    pdf, _pages, found = _pdf_and_qr(cert, tmp_path)
    assert found == [cert.payload] and page_count(pdf) == 1
    text = pdf_text(pdf)
    assert "Villager points certificate" in text and "Available points now" in text and "村民积分证明" not in text


def test_a_cashier_and_an_archived_household_get_no_certificate(db, admin, actor_of):
    from pointsapp.models import Household
    from pointsapp.services.auth import Role

    _village, household, *_ = credit_village(admin)
    with pytest.raises(UserError):
        certificates.issue(actor=actor_of(Role.CASHIER), household_id=household.id, consent=True)
    Household.update(status=Household.STATUS_ARCHIVED).where(Household.id == household.id).execute()
    with pytest.raises(UserError, match="归档"):
        certificates.issue(actor=admin, household_id=household.id, consent=True)
    assert AuditLog.select().where(AuditLog.action == certificates.ISSUE).count() == 0


def test_separators_in_names_survive_the_payload_and_cannot_shift_a_field():
    """A village or name holding the payload's own separators is escaped: read back the same, and the signed text
    of a name with ``|`` differs from the one where the ``|`` would have started the next field."""
    import datetime as dt

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    root = Ed25519PrivateKey.generate()
    facts = qr.Facts("20261125-ABCDEF", "V|1", "某~村%7C", "01|001", "张*\n", dt.date(2026, 11, 25),
                     ((2025, 30), (2026, -5)), 25, None, ((2025, 0), (2026, 1)))
    text = qr.encode(facts, root.sign(facts.signed_text().encode()), [])
    assert text.count("~") == 2 and "\n" not in text
    assert qr.verify(text, bytes.fromhex(keys.public_hex(root))) == facts


def test_issuing_is_a_signed_write_that_check_verifies_and_its_audit_row_sealed(db, admin):
    from pointsapp.models import SignedWrite
    from pointsapp.services.signing import verify

    _village, household, *_ = credit_village(admin)
    cert = certificates.issue(actor=make_scorer(), household_id=household.id, consent=True)
    certificates.revoke(actor=admin, serial=cert.serial, reason="遗失")
    found = verify.gather()
    assert found.problems == []
    assert list(verify.audit(found)) == []
    sections = [(kind, payload) for _w, kind, _u, payload in found.sections if kind == certificates.KIND]
    assert [p.splitlines()[0] for _k, p in sections] == [f"serial={cert.serial}", f"revoke={cert.serial}"]
    assert SignedWrite.select().count() >= 2
    # the sealed audit row of the issue, edited behind the program's back, is named by check
    from pointsapp.db.connection import is_sqlite
    from pointsapp.models import database

    for name in (["audit_log_no_update"] if is_sqlite() else ["audit_log_append_only"]):  # an insider's first step
        database.obj.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if is_sqlite() else " ON audit_log"))
    row = AuditLog.get(AuditLog.action == certificates.ISSUE)
    AuditLog.update(new_value=row.new_value.replace("户主同意出具", "未同意")).where(AuditLog.id == row.id).execute()
    assert list(verify.audit(verify.gather()))
