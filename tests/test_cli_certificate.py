"""``pointsapp certificate …`` as the office and the bank run it, on both backends: issue a PDF, read its QR from
the page image, verify it, print the public key, list and revoke, and the whole-village list as .xlsx."""
from __future__ import annotations

import subprocess
import sys

from openpyxl import load_workbook

from pointsapp.models import AuditLog, Household
from tests.cli_helpers import run_cli
from tests.credit_helpers import credit_village
from tests.pdf_helpers import decode_qr, render_pages
from tests.test_credit_certificate import VERIFIER


def test_issue_print_scan_verify_list_and_revoke_from_the_command_line(db, db_target, admin, tmp_path):
    village, household, *_ = credit_village(admin, head_name="阿卜杜热合曼·买买提")
    out = tmp_path / "证明.pdf"
    refused = run_cli("certificate", "issue", "--village", village.code, "--household", household.household_no,
                      "--out", str(out), db=db_target)
    assert refused.returncode != 0 and "户主同意" in refused.stderr and not out.exists()
    issued = run_cli("certificate", "issue", "--village", village.code, "--household", household.household_no,
                     "--out", str(out), "--consent", "--no-black-board", db=db_target)
    assert issued.returncode == 0, issued.stderr
    serial = issued.stdout.split("积分证明 ")[1].split("：")[0]
    page = render_pages(out, tmp_path / "pages", dpi=150)[0]
    (payload,) = decode_qr(page)
    assert f"JF1~{serial}|" in payload and payload.endswith(payload.split("~")[-1])
    by_image = run_cli("certificate", "verify", "--image", str(page), db=db_target)
    assert by_image.returncode == 0, by_image.stderr
    assert "OK" in by_image.stdout and "黑榜记录：户主未同意出具" in by_image.stdout and "本系统记录：有效" in by_image.stdout

    key = run_cli("certificate", "public-key", db=db_target)
    assert key.returncode == 0, key.stderr
    key_hex = key.stdout.split()[0]
    assert len(key_hex) == 64
    bank = subprocess.run([sys.executable, "-I", str(VERIFIER), "--key", key_hex, payload], check=False, capture_output=True,
                          text=True, timeout=60, env={"PYTHONIOENCODING": "utf-8"})
    assert bank.returncode == 0 and "阿卜**" in bank.stdout and "OK" in bank.stdout, bank.stdout + bank.stderr

    tampered = payload.replace(f"|{household.household_no}|", "|V01002|", 1)
    forged = run_cli("certificate", "verify", tampered, db=db_target)
    assert forged.returncode == 1 and "伪造" in forged.stdout and "OK" not in forged.stdout

    again = run_cli("certificate", "issue", "--household", household.household_no, "--village", village.code,
                    "--out", str(tmp_path / "2.pdf"), "--consent", db=db_target)
    assert again.returncode == 0, again.stderr
    listed = run_cli("certificate", "list", db=db_target)
    assert listed.returncode == 0 and f"{serial}\t" in listed.stdout and "已被新证明取代" in listed.stdout
    newer = again.stdout.split("积分证明 ")[1].split("：")[0]
    revoked = run_cli("certificate", "revoke", "--serial", newer, "--reason", "户主遗失", db=db_target)
    assert revoked.returncode == 0 and "已作废" in revoked.stdout, revoked.stderr
    assert AuditLog.select().where(AuditLog.action == "certificate.issue").count() == 2
    older = run_cli("certificate", "verify", payload, db=db_target)
    assert older.returncode == 0 and "本系统记录：已被新证明取代" in older.stdout, older.stderr
    (newer_payload,) = decode_qr(render_pages(tmp_path / "2.pdf", tmp_path / "pages2", dpi=150)[0])
    withdrawn = run_cli("certificate", "verify", newer_payload, db=db_target)
    assert withdrawn.returncode == 0 and "本系统记录：已作废" in withdrawn.stdout, withdrawn.stderr


def test_village_list_opens_with_no_formula_cells_and_masked_ids(db, db_target, admin, tmp_path):
    village, household, award, deduction = credit_village(admin, head_name="=HYPERLINK(\"http://x\")")
    Household.create(village=village, group=household.group, household_no="V01009", head_name="+1-2")
    out = tmp_path / "整村授信.xlsx"
    done = run_cli("certificate", "village-list", "--village", village.code, "--out", str(out), db=db_target)
    assert done.returncode == 0, done.stderr
    wb = load_workbook(out)
    ws = wb.active
    values = [cell for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    texts = [str(c.value) for c in values]
    assert "=HYPERLINK(\"http://x\")" in texts and "+1-2" in texts
    assert "1101**********002X" in texts and "11010519491231002X" not in texts
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0] == household.household_no}
    row = rows[household.household_no]
    assert award.points + deduction.points in row and 3 * award.points + deduction.points in row
    assert len([r for r in ws.iter_rows(values_only=True) if r and str(r[0]).startswith("V01")]) == 4
