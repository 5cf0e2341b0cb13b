"""The ledger's fingerprint (账本指纹, issue 21): a Merkle tree head over every ledger row, printed on every public
paper, recorded when printed, and proved later against today's ledger — also after an insider rewrote history so
well that the chain check alone passes."""
from __future__ import annotations

import hashlib
import json
import random
import re

import pytest
from peewee import DatabaseError

from pointsapp.models import (
    AuditLog, Evidence, HouseholdBalance, LedgerEntry, Objection, PublishedFingerprint, Redemption, Village,
    database,
)
from pointsapp.services.ops import check
from pointsapp.services.scoring import fingerprint
from pointsapp.services.scoring.ledger import hash_of_row
from tests.cli_helpers import run_cli
from tests.conftest import bypass_append_only_triggers
from tests.pdf_helpers import pdf_text


# ---- the tree -------------------------------------------------------------------------------------------------

def reference_head(leaves: list[bytes]) -> bytes:
    """RFC 6962's MTH written down as the RFC says it, recursively: an oracle independent of the streaming code."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + reference_head(leaves[:k]) + reference_head(leaves[k:])).digest()


def streamed_head(leaves: list[bytes]) -> bytes:
    tree = fingerprint.Frontier()
    for leaf in leaves:
        tree.append(leaf)
    return tree.head()


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 100, 255, 1000, 1023, 1025]
                         + random.Random(21).sample(range(2, 3000), 6))
def test_streamed_head_equals_the_recursive_rfc6962_head(size):
    rng = random.Random(size)
    leaves = [rng.randbytes(rng.randint(0, 70)) for _ in range(size)]
    tree = fingerprint.Frontier()
    for leaf in leaves:
        tree.append(leaf)
    assert tree.size == size
    assert tree.head() == reference_head(leaves)
    # the frontier is the perfect subtrees at that size, left to right, each the recursive head of its leaves
    start, subtrees = 0, []
    for width in fingerprint.subtree_sizes(size):
        subtrees.append(reference_head(leaves[start:start + width]))
        start += width
    assert start == size and tree.roots == subtrees


def test_head_matches_certificate_transparencys_published_test_vectors():
    # the inputs and heads of the reference tests of Certificate Transparency's Merkle tree (merkle_tree_test)
    leaves = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43", bytes(range(0x50, 0x58)),
              bytes(range(0x60, 0x70))]
    heads = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
             "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
             "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
             "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
             "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
             "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
             "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]
    for n, head in enumerate(heads, start=1):
        assert streamed_head(leaves[:n]).hex() == head
    assert fingerprint.EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_short_code_is_the_heads_first_sixty_bits_in_base32_groups():
    head = bytes.fromhex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
    code = fingerprint.short_code(head)
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", code)
    bits = bin(int.from_bytes(head, "big"))[2:].zfill(256)[:60]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    assert code.replace("-", "") == "".join(alphabet[int(bits[i:i + 5], 2)] for i in range(0, 60, 5))
    assert fingerprint.normalize_code(code.lower().replace("-", " ")) == code


# ---- the ledger's fingerprint -----------------------------------------------------------------------------------

def _rows() -> list[tuple[int, str]]:
    return list(LedgerEntry.select(LedgerEntry.id, LedgerEntry.hash).order_by(LedgerEntry.id).tuples())


def test_fingerprint_is_the_tree_of_every_rows_chain_hash_in_append_order(demo_db):
    rows = _rows()
    assert len(rows) > 500
    fp = fingerprint.current()
    assert fp.size == len(rows)
    assert fp.root == reference_head([h.encode() for _id, h in rows]).hex()
    assert fp.code == fingerprint.short_code(bytes.fromhex(fp.root))
    # read in small chunks, the same head (the chunk boundaries fall inside the tree's subtrees)
    assert fingerprint.compute(fingerprint.ledger_rows(chunk=37)) == fp
    # one row in another order changes it
    swapped = rows[:10] + [rows[11], rows[10]] + rows[12:]
    assert fingerprint.compute(swapped).root != fp.root


def test_publishing_records_the_fingerprint_with_its_frontier_and_audits_it(demo_db, admin):
    before = PublishedFingerprint.select().count()
    fp = fingerprint.publish(actor=admin, document="积分公示榜 2026 测试")
    row = PublishedFingerprint.get(PublishedFingerprint.id == fp.id)
    assert PublishedFingerprint.select().count() == before + 1
    assert (row.code, row.root, row.size, row.document) == (fp.code, fp.root, LedgerEntry.select().count(),
                                                            "积分公示榜 2026 测试")
    assert row.published_by_id == admin.user_id
    frontier = json.loads(row.frontier)
    assert len(frontier) == bin(row.size).count("1")
    assert fingerprint.fold([bytes.fromhex(h) for h in frontier]).hex() == row.root
    audit = AuditLog.select().where(AuditLog.action == "fingerprint.publish").order_by(AuditLog.id.desc()).first()
    assert audit is not None and audit.username == admin.username and audit.entity_id == str(fp.id)
    assert json.loads(audit.new_value)["code"] == fp.code
    assert fingerprint.current().code == fp.code  # computing again records nothing and gives the same head
    assert PublishedFingerprint.select().count() == before + 1


def test_the_published_table_refuses_to_be_rewritten(db, admin):
    fp = fingerprint.publish(actor=admin, document="证书 2026")
    with pytest.raises(DatabaseError, match="append-only"), database.obj.atomic():
        PublishedFingerprint.update(code="AAAA-AAAA-AAAA").where(PublishedFingerprint.id == fp.id).execute()
    with pytest.raises(DatabaseError, match="append-only"), database.obj.atomic():
        PublishedFingerprint.delete().where(PublishedFingerprint.id == fp.id).execute()
    assert PublishedFingerprint.get_by_id(fp.id).code == fp.code


# ---- the prints -------------------------------------------------------------------------------------------------

def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_public_print_carries_the_fingerprint_it_published(demo_db, db_target, tmp_path):
    Village.update(workflow=Village.WORKFLOW_REVIEWED).execute()  # so the village has a notice list to print
    household = LedgerEntry.select(LedgerEntry.household).order_by(LedgerEntry.id).first().household
    year = str(LedgerEntry.select(LedgerEntry.occurred_on).order_by(LedgerEntry.id.desc()).first().occurred_on.year)
    prints = {
        "ranking": ["print", "ranking", "--period", year],
        "notice": ["print", "notice"],
        "certificates": ["print", "certificates", "--year", year, "--top", "2"],
        "statement": ["print", "statement", "--household", household.household_no],
    }
    size = LedgerEntry.select().count()
    for name, args in prints.items():
        before = PublishedFingerprint.select().count()
        out = tmp_path / f"{name}.pdf"
        result = run_cli(*args, "--out", str(out), db=db_target)
        assert result.returncode == 0, result.stdout + result.stderr
        published = list(PublishedFingerprint.select().order_by(PublishedFingerprint.id))
        assert len(published) == before + 1, name
        latest = published[-1]
        assert latest.size == size and latest.code == fingerprint.current().code
        line = f"账本指纹：{latest.code}（共{size}条）"
        text = _flat(pdf_text(out))
        assert line in text, (name, line, text[-400:])
        assert latest.code in result.stdout
        if name == "statement":  # in the footer and beside the household's own rows
            assert text.count(line) >= 2
            assert household.head_name in text


def test_a_print_without_a_published_fingerprint_shows_todays(demo_db, admin, tmp_path):
    from pointsapp.printing.statement import statement_pdf

    household = LedgerEntry.select(LedgerEntry.household).order_by(LedgerEntry.id).first().household
    before = PublishedFingerprint.select().count()
    statement_pdf(tmp_path / "s.pdf", actor=admin, household_id=household.id)
    fp = fingerprint.current()
    assert f"账本指纹：{fp.code}（共{fp.size}条）" in _flat(pdf_text(tmp_path / "s.pdf"))
    assert PublishedFingerprint.select().count() == before  # printing itself never writes


def test_the_print_page_publishes_the_fingerprint_it_prints(qtbot, demo_db, admin, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    from pointsapp.ui.app import application
    from pointsapp.ui.context import UiContext
    from pointsapp.ui.print_page import PrintPage
    from pointsapp.ui.signals import ChangeHub

    application()
    page = PrintPage(UiContext(actor=admin, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.show()
    page.select("ranking").period.setText("2026")
    before = PublishedFingerprint.select().count()
    page.generate_button.click()
    qtbot.waitUntil(lambda: page.pdf_path is not None and page.document.status() == QPdfDocument.Status.Ready,
                    timeout=60000)
    assert PublishedFingerprint.select().count() == before + 1
    latest = PublishedFingerprint.select().order_by(PublishedFingerprint.id.desc()).first()
    assert latest.published_by_id == admin.user_id and "2026" in latest.document
    saved = tmp_path / "ranking.pdf"
    page.save_to(saved)
    assert f"账本指纹：{latest.code}（共{latest.size}条）" in _flat(pdf_text(saved))


# ---- proving a printed code later -------------------------------------------------------------------------------

def _add_entries(admin, count: int) -> None:
    from pointsapp.errors import UserError
    from pointsapp.models import Household, Rule
    from pointsapp.services.scoring.entries import add_entry

    added = 0
    for household in Household.select().where(Household.archived_at.is_null()).order_by(Household.id):
        for rule in Rule.select().where(Rule.village == household.village, Rule.active == True,  # noqa: E712
                                        Rule.points > 0).order_by(Rule.id):
            try:  # a rule with a limit the household already reached this month is passed over
                add_entry(actor=admin, household_id=household.id, rule_id=rule.id, note="指纹测试")
            except UserError:
                continue
            added += 1
            break
        if added == count:
            return
    raise AssertionError(f"only {added} of {count} entries could be added")


def test_check_fingerprint_says_only_appended_after_new_entries(demo_db, db_target, admin):
    fp = fingerprint.publish(actor=admin, document="积分公示榜 2026")
    _add_entries(admin, 3)
    now = LedgerEntry.select().count()
    assert now == fp.size + 3
    result = run_cli("check", "--fingerprint", fp.code.lower().replace("-", ""), db=db_target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"账本在该指纹之后只有追加（指纹时共 {fp.size} 条，现在共 {now} 条）" in result.stdout
    assert "积分公示榜 2026" in result.stdout


def _deletable_row() -> LedgerEntry:
    """An old row nothing else points at (a deleted row must not trip a foreign key: the insider picks one)."""
    referenced = set()
    for query in (LedgerEntry.select(LedgerEntry.reverses), Evidence.select(Evidence.entry),
                  Objection.select(Objection.entry), Objection.select(Objection.reversal),
                  Redemption.select(Redemption.ledger_entry), Redemption.select(Redemption.void_entry)):
        referenced |= {v for (v,) in query.tuples() if v}
    ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id).tuples()]
    return LedgerEntry.get_by_id(next(i for i in ids[len(ids) // 3:] if i not in referenced))


def _expected_range(position: int, size: int) -> tuple[int, int]:
    """The 1-based positions of the perfect subtree at ``size`` that holds the row at 0-based ``position``."""
    start = 0
    for width in fingerprint.subtree_sizes(size):
        if position < start + width:
            return start + 1, start + width
        start += width
    raise AssertionError("position beyond the tree")


def _named(output: str) -> tuple[int, int, int, int]:
    match = re.search(r"第 (\d+) 至 (\d+) 条记录（今天的记录编号 #(\d+) 至 #(\d+)）", output)
    assert match, output
    return tuple(int(g) for g in match.groups())


def test_check_fingerprint_names_the_range_after_an_insider_deletes_an_old_row(demo_db, db_target, admin):
    fp = fingerprint.publish(actor=admin, document="积分公示名单")
    _add_entries(admin, 2)
    ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id).tuples()]
    victim = _deletable_row()
    bypass_append_only_triggers()
    LedgerEntry.delete().where(LedgerEntry.id == victim.id).execute()
    result = run_cli("check", "--fingerprint", fp.code, db=db_target)
    assert result.returncode == 1, result.stdout
    assert "与今天的账本不符" in result.stdout
    first, last, first_id, last_id = _named(result.stdout)
    assert (first, last) == _expected_range(ids.index(victim.id), fp.size)
    assert first_id <= victim.id <= last_id


def _rewrite_points(entry: LedgerEntry, extra: int) -> None:
    """What an insider with the source code does: raise an old award, recompute its chain hash and every later one
    of its household, and make the balance cache, the monthly and the yearly sums agree — every check then
    passes."""
    rows = list(LedgerEntry.select().where(LedgerEntry.household == entry.household, LedgerEntry.seq >= entry.seq)
                .order_by(LedgerEntry.seq))
    prev = rows[0].prev_hash
    for row in rows:
        if row.id == entry.id:
            row.points += extra
        row.prev_hash = prev
        row.hash = hash_of_row(row)
        LedgerEntry.update(points=row.points, prev_hash=row.prev_hash, hash=row.hash).where(
            LedgerEntry.id == row.id).execute()
        prev = row.hash
    balance = HouseholdBalance.get_by_id(entry.household_id)
    HouseholdBalance.update(last_hash=prev, earned_total=balance.earned_total + extra,
                            available=balance.available + extra).where(
        HouseholdBalance.household == entry.household_id).execute()
    p = database.obj.param
    database.obj.execute_sql(
        f"UPDATE ledger_month SET points = points + {p} WHERE village_id = {p} AND category_id = {p} AND month = {p}",
        (extra, entry.village_id, entry.category_id, entry.occurred_on.isoformat()[:7]))
    database.obj.execute_sql(  # the ranking's yearly sums too (the entry is an award)
        f"UPDATE household_year SET points = points + {p}, awards = awards + {p} WHERE village_id = {p} "
        f"AND year = {p} AND household_id = {p} AND category_id = {p}",
        (extra, extra, entry.village_id, entry.occurred_on.year, entry.household_id, entry.category_id))
    database.obj.execute_sql(  # and the dashboard's monthly sums per household (migration 0016)
        f"UPDATE household_month SET points = points + {p}, awards = awards + {p} WHERE village_id = {p} "
        f"AND month = {p} AND household_id = {p}",
        (extra, extra, entry.village_id, entry.occurred_on.isoformat()[:7], entry.household_id))


def test_check_fingerprint_catches_a_rewrite_that_the_chain_check_passes(demo_db, db_target, admin):
    fp = fingerprint.publish(actor=admin, document="积分公示榜 2026")
    ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id).tuples()]
    entry = (LedgerEntry.select().where(LedgerEntry.kind == "award", LedgerEntry.status == "effective",
                                        LedgerEntry.earned == True, LedgerEntry.category.is_null(False),  # noqa: E712
                                        LedgerEntry.id > ids[len(ids) // 2]).order_by(LedgerEntry.id).first())
    bypass_append_only_triggers()
    _rewrite_points(entry, 500)
    found = check.run_checks()  # the per-household chain, balances and monthly sums all agree again …
    assert found and all("签名" in p for p in found), found  # … only the signature of what was written says no
    assert run_cli("check", db=db_target).returncode == 1
    result = run_cli("check", "--fingerprint", fp.code, db=db_target)
    assert result.returncode == 1, result.stdout
    first, last, first_id, last_id = _named(result.stdout)
    assert (first, last) == _expected_range(ids.index(entry.id), fp.size)
    assert first_id <= entry.id <= last_id


def test_the_newest_row_deleted_fails_the_code_that_covered_it_and_not_the_one_before(demo_db, admin):
    before = fingerprint.publish(actor=admin, document="积分公示榜 2026")
    _add_entries(admin, 1)
    after = fingerprint.publish(actor=admin, document="积分明细单")
    assert after.size == before.size + 1
    newest = LedgerEntry.select().order_by(LedgerEntry.id.desc()).first()
    bypass_append_only_triggers()
    LedgerEntry.delete().where(LedgerEntry.id == newest.id).execute()
    assert fingerprint.verify(actor=admin, code=before.code).ok
    result = fingerprint.verify(actor=admin, code=after.code)
    assert not result.ok
    text = "\n".join(result.lines)
    first, last = _expected_range(after.size - 1, after.size)
    assert f"第 {first} 至 {last} 条记录（今天的账本已没有这么多条）" in text
    assert f"今天的账本只有 {before.size} 条，少于指纹时的 {after.size} 条" in text


def test_a_rewrite_with_the_published_records_removed_too_is_still_caught(demo_db, db_target, admin):
    fp = fingerprint.publish(actor=admin, document="积分公示榜 2026")
    entry = (LedgerEntry.select().where(LedgerEntry.kind == "award", LedgerEntry.status == "effective",
                                        LedgerEntry.earned == True, LedgerEntry.category.is_null(False))  # noqa: E712
             .order_by(LedgerEntry.id).first())
    bypass_append_only_triggers()
    _rewrite_points(entry, 300)
    database.obj.execute_sql("DROP TRIGGER IF EXISTS published_fingerprint_no_delete" if database.obj.param == "?"
                             else "DROP TRIGGER IF EXISTS published_fingerprint_append_only ON published_fingerprint")
    PublishedFingerprint.delete().execute()  # … and no record of what was printed is left in the database
    found = check.run_checks()
    assert found and all("签名" in p for p in found), found  # only the signatures name it (issue 21)
    result = run_cli("check", "--fingerprint", fp.code, db=db_target)
    assert result.returncode == 1, result.stdout  # the paper on the notice board still has the code
    assert "不在已发布指纹表中" in result.stdout and "也都与它不符" in result.stdout


def test_a_row_changed_without_its_hash_fails_the_fingerprint_check_through_the_chain(demo_db, db_target, admin):
    fp = fingerprint.publish(actor=admin, document="积分明细单")
    entry = LedgerEntry.select().order_by(LedgerEntry.id).first()
    bypass_append_only_triggers()
    LedgerEntry.update(note="改过的事项").where(LedgerEntry.id == entry.id).execute()
    assert fingerprint.verify(actor=admin, code=fp.code).ok  # the leaves (the stored hashes) did not change …
    result = run_cli("check", "--fingerprint", fp.code, db=db_target)
    assert result.returncode == 1  # … but the row no longer matches its hash, and the command says which
    assert f"积分记录 #{entry.id}" in result.stdout and "内容被改动过" in result.stdout


def test_a_code_missing_from_the_table_is_still_found_as_a_prefix(demo_db, db_target, admin):
    fp = fingerprint.publish(actor=admin, document="证书 2026")
    _add_entries(admin, 2)
    # the insider removes the record of the printed code (the paper on the board still shows it)
    database.obj.execute_sql("DROP TRIGGER IF EXISTS published_fingerprint_no_delete" if database.obj.param == "?"
                             else "DROP TRIGGER IF EXISTS published_fingerprint_append_only ON published_fingerprint")
    PublishedFingerprint.delete().execute()
    result = run_cli("check", "--fingerprint", fp.code, db=db_target)
    assert result.returncode == 0, result.stdout
    assert f"指纹时共 {fp.size} 条，现在共 {fp.size + 2} 条" in result.stdout
    assert "不在本系统的已发布指纹表中" in result.stdout


def test_an_unknown_or_malformed_code_fails_plainly(demo_db, db_target):
    unknown = run_cli("check", "--fingerprint", "AAAA-BBBB-CCCC", db=db_target)
    assert unknown.returncode == 1
    assert "不在已发布指纹表中" in unknown.stdout and "也都与它不符" in unknown.stdout
    malformed = run_cli("check", "--fingerprint", "XYZ", db=db_target)
    assert malformed.returncode != 0
    assert "格式不对" in malformed.stdout + malformed.stderr


# ---- PostgreSQL: rows are numbered when inserted but seen when committed ------------------------------------------

_COPY = ("INSERT INTO ledger_entry (household_id, village_id, seq, kind, points, earned, rule_id, category_id, "
         "occurred_on, note, reverses_id, batch_id, created_by_id, created_at, prev_hash, hash, status, reviewed_by_id, "
         "reviewed_at, notice_id, effective_at) SELECT household_id, village_id, seq + %s, kind, points, earned, "
         "rule_id, category_id, occurred_on, note, NULL, batch_id, created_by_id, created_at, prev_hash, hash, status, "
         "reviewed_by_id, reviewed_at, notice_id, effective_at FROM ledger_entry WHERE id = %s RETURNING id")


@pytest.mark.postgres
# PostgreSQL only: SQLite commits one writer at a time, in id order
@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_fingerprint_published_while_a_station_appends_covers_no_row_that_commits_later(
        demo_db, db_target, admin, backend):
    """A station's row 100 may commit after another's 101: the published head waits for it instead of covering 101
    and leaving 100 to appear below it later (which a later check would call an insertion)."""
    import threading

    import psycopg2

    model = LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id.desc()).scalar()
    slow, quick = psycopg2.connect(db_target), psycopg2.connect(db_target)
    quick.autocommit = True
    try:
        first = slow.cursor()
        first.execute(_COPY, (10_000, model))  # row n: drawn, not yet committed
        early_id = first.fetchone()[0]
        late = quick.cursor()
        late.execute(_COPY, (10_001, model))   # row n + 1: committed first
        assert late.fetchone()[0] > early_id
        result: dict = {}

        def print_now():
            try:
                result["fp"] = fingerprint.publish(actor=admin, document="积分公示榜 并发")
            finally:
                database.obj.close()  # this thread's connection

        printer = threading.Thread(target=print_now)
        printer.start()
        printer.join(1.5)
        assert printer.is_alive(), "the head was taken while a row below it was still uncommitted"
        slow.commit()
        printer.join(60)
        assert not printer.is_alive()
    finally:
        slow.close()
        quick.close()
    fp = result["fp"]
    assert fp.size == LedgerEntry.select().count()
    assert fingerprint.verify(actor=admin, code=fp.code).ok
