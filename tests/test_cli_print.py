"""``pointsapp print …`` and ``pointsapp card …`` run as a user would, in a child process."""
from __future__ import annotations

import json

import pytest

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.models import Card, Household
from tests.cli_helpers import run_cli
from tests.pdf_helpers import decode_qr, page_count, pdf_text, render_pages

YEAR = str(clock.today().year)


@pytest.fixture(scope="module")
def village_db(tmp_path_factory):
    """One demo database (one village, 40 households) shared by this module's read-mostly tests."""
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "village.db"
    # module-scoped: runs before the per-test data folder is set, so give the child its own
    result = run_cli("demo", "--households", "40", "--villages", "1", "--seed", "3", db=path,
                     env={"POINTSAPP_DATA_DIR": str(folder / "data")})
    assert result.returncode == 0, result.stderr
    return path


def _first_household(db_path):
    open_database(db_path)
    try:
        household = Household.select().order_by(Household.household_no).first()
        return household.household_no, household.head_name
    finally:
        close_database()


def test_print_cards_issues_missing_cards_then_every_code_scans_and_verifies(village_db, tmp_path):
    out = tmp_path / "cards.pdf"
    result = run_cli("print", "cards", "--out", str(out), db=village_db)
    assert result.returncode == 0, result.stderr
    assert "40 张" in result.stdout and page_count(out) == 5  # eight a sheet
    decoded = [t for png in render_pages(out, tmp_path / "png") for t in decode_qr(png)]
    assert len(set(decoded)) == 40
    for payload in decoded[:5] + decoded[-2:]:
        check = run_cli("card", "verify", payload, "--json", db=village_db)
        assert check.returncode == 0, check.stdout
        assert json.loads(check.stdout)["valid"] is True


def test_print_cards_for_chosen_households_on_card_sized_pages(village_db, tmp_path):
    no, head = _first_household(village_db)
    out = tmp_path / "one.pdf"
    result = run_cli("print", "cards", "--household", no, "--single", "--out", str(out), db=village_db)
    assert result.returncode == 0, result.stderr
    assert page_count(out) == 1 and head in pdf_text(out)


def test_unknown_household_number_fails_in_chinese_and_writes_no_file(village_db, tmp_path):
    out = tmp_path / "none.pdf"
    result = run_cli("print", "cards", "--household", "99999", "--out", str(out), db=village_db)
    assert result.returncode == 1 and "99999" in result.stderr and "错误" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".pointsapp-*"))


def test_card_verify_reports_household_and_refuses_tampering_with_nonzero_exit(village_db, tmp_path):
    no, head = _first_household(village_db)
    open_database(village_db)
    try:
        from pointsapp.services.register import cards
        from pointsapp.services.ops import users

        household = Household.get(Household.household_no == no)
        payload = cards.issue_cards(actor=users.ensure_admin(), household_ids=[household.id])[household.id].payload
    finally:
        close_database()
    ok = run_cli("card", "verify", payload, "--json", db=village_db)
    assert ok.returncode == 0
    data = json.loads(ok.stdout)
    assert data["valid"] and data["household_no"] == no and data["head"] == head
    assert {"village", "available", "earned", "stars"} <= set(data)
    text = run_cli("card", "verify", payload, db=village_db)
    assert text.returncode == 0 and head in text.stdout and "可用积分" in text.stdout
    tampered = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    bad = run_cli("card", "verify", tampered, db=village_db)
    assert bad.returncode != 0 and "伪造" in bad.stdout
    bad_json = run_cli("card", "verify", tampered, "--json", db=village_db)
    assert bad_json.returncode != 0 and json.loads(bad_json.stdout)["valid"] is False


def test_card_reissue_revokes_the_old_card(village_db, tmp_path):
    no, _head = _first_household(village_db)
    open_database(village_db)
    try:
        from pointsapp.services.register import cards
        from pointsapp.services.ops import users

        household = Household.get(Household.household_no == no)
        old = cards.issue_cards(actor=users.ensure_admin(), household_ids=[household.id])[household.id].payload
    finally:
        close_database()
    result = run_cli("card", "reissue", "--household", no, "--reason", "卡片遗失", db=village_db)
    assert result.returncode == 0, result.stderr
    refused = run_cli("card", "verify", old, db=village_db)
    assert refused.returncode == 1 and "挂失" in refused.stdout
    open_database(village_db)
    try:
        assert Card.select().where(Card.household == household.id, Card.revoked_at.is_null()).count() == 1
    finally:
        close_database()
    missing = run_cli("card", "reissue", "--household", no, "--reason", "", db=village_db)
    assert missing.returncode == 1 and "原因" in missing.stderr


def test_print_ranking_masked_on_a3(village_db, tmp_path):
    no, head = _first_household(village_db)
    out = tmp_path / "ranking.pdf"
    result = run_cli("print", "ranking", "--period", YEAR, "--mask-names", "--paper", "a3", "--out", str(out),
                     db=village_db)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert head not in text and "公示榜" in text


def test_print_ranking_rejects_a_bad_period(village_db, tmp_path):
    result = run_cli("print", "ranking", "--period", "2026-13", "--out", str(tmp_path / "x.pdf"), db=village_db)
    assert result.returncode == 1 and "月份" in result.stderr


def test_print_statement_certificates_and_notice(village_db, tmp_path):
    no, head = _first_household(village_db)
    statement = tmp_path / "statement.pdf"
    result = run_cli("print", "statement", "--household", no, "--period", YEAR, "--out", str(statement),
                     db=village_db)
    assert result.returncode == 0, result.stderr
    assert head in pdf_text(statement) and "村民积分明细单" in pdf_text(statement)

    certificates = tmp_path / "certificates.pdf"
    result = run_cli("print", "certificates", "--year", YEAR, "--top", "2", "--date", f"{YEAR}-12-28",
                     "--out", str(certificates), db=village_db)
    assert result.returncode == 0, result.stderr
    assert page_count(certificates) >= 2 and "荣" in pdf_text(certificates)
    assert f"{YEAR}年12月28日" in pdf_text(certificates, 1, 1)

    notice = tmp_path / "notice.pdf"  # the demo village takes entries into effect without review and notice
    result = run_cli("print", "notice", "--out", str(notice), db=village_db)
    assert result.returncode == 1 and "不经审核公示" in result.stderr and not notice.exists()


def test_the_command_lines_paper_names_are_the_prints():
    """``print --paper`` lists the papers without loading reportlab: the two lists must not drift apart."""
    from pointsapp.cli.prints import PAPER_CHOICES
    from pointsapp.printing.page import PAPERS

    assert PAPER_CHOICES == tuple(PAPERS)
