"""PDFs and exported workbooks follow the chosen language: with English installed they are in English.

The demo database is Chinese data; here its text columns are renamed to ASCII first (the village's data is
never translated), so any Chinese left in a PDF or workbook is fixed wording the code owns that missed translation.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from peewee import CharField, TextField

from pointsapp import clock
from pointsapp.models import (
    ALL_MODELS, AuditLog, EntryStatus, Household, LedgerEntry, Notice, Redemption, Rule, Village,
)
from pointsapp.printing.cards import cards_pdf
from pointsapp.printing.certificates import certificates_pdf
from pointsapp.printing.notice_list import notice_pdf
from pointsapp.printing.plaque import render_plaques
from pointsapp.printing.ranking import ranking_pdf
from pointsapp.printing.receipt import receipt_pdf
from pointsapp.printing.report_pdf import render_report_pdf
from pointsapp.printing.statement import statement_pdf
from pointsapp.services import audit, periods
from pointsapp.services.register import cards
from pointsapp.services.exports import ledger as ledger_export
from pointsapp.services.reports import monthly as reports
from pointsapp.services.exports import shop as shop_export
from pointsapp.services.register.cards import card_faces
from pointsapp.services.scoring.ledger import EntryDraft, append
from tests.conftest import bypass_append_only_triggers
from tests.pdf_helpers import decode_qr, pdf_text, render_pages

CJK = re.compile(r"[\u4e00-\u9fff]")
TODAY = clock.today()


def _ascii_data() -> None:
    """Every text column that holds Chinese becomes "<column><id>" (the ledger's notes too: its guard is
    dropped, as only the printed words matter here)."""
    bypass_append_only_triggers()
    for model in (m for m in ALL_MODELS if m is not AuditLog):  # the log is never printed
        key = model._meta.primary_key
        fields = [f for f in model._meta.sorted_fields if isinstance(f, (CharField, TextField)) and f is not key]
        if not fields or key is None or getattr(key, "field_names", None):  # nothing to rename, or a composite key
            continue
        for row in model.select():
            ident = getattr(row, key.name)
            changed = {f.name: _ascii(f, ident) for f in fields
                       if isinstance(getattr(row, f.name), str) and CJK.search(getattr(row, f.name))}
            if changed:
                model.update(**changed).where(key == ident).execute()


def _ascii(field, ident) -> str:
    """"<column><id>", within the column's length (PostgreSQL refuses longer values)."""
    value = f"{field.name}{ident}"
    limit = getattr(field, "max_length", None)
    return value if not limit or len(value) <= limit else f"x{ident}"[-limit:]


def _chinese(pdf) -> list[str]:
    return [line for line in pdf_text(pdf).splitlines() if CJK.search(line)]


def _ascii_demo_60() -> None:
    from tests.conftest import _demo_60

    _demo_60()
    _ascii_data()


BUILT_DEMO = ("demo60-ascii", _ascii_demo_60)  # the demo the ``db`` fixture copies for this module's tests


@pytest.fixture
def ascii_demo(demo_db, admin):
    """The demo with its text in ASCII (built once per worker, then copied, as the plain demo is)."""
    return admin


def _put_on_notice(admin, village) -> None:
    """One entry on public notice, so the notice list has a table."""
    household = Household.select().where(Household.village == village).order_by(Household.id).first()
    rule = Rule.select().where(Rule.village == village, Rule.points > 0).first()
    notice = Notice.create(village=village, title="Batch 1", starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=6),
                           created_by=admin.user_id)
    (entry_id,) = append([EntryDraft(household_id=household.id, village_id=village.id, kind="award", points=12,
                                     occurred_on=TODAY, note="helped a neighbour", rule_id=rule.id,
                                     category_id=rule.category_id, status=EntryStatus.NOTICE,
                                     reviewed_by=admin.user_id, reviewed_at=clock.now())],
                         created_by=admin.user_id)
    LedgerEntry.update(notice=notice.id).where(LedgerEntry.id == entry_id).execute()


def _every_pdf(admin, tmp_path) -> dict[str, object]:
    village = Village.select().order_by(Village.id).first()
    households = [h.id for h in Household.select().where(Household.village == village).order_by(Household.id)]
    _put_on_notice(admin, village)
    out = {}
    out["ranking"] = tmp_path / "ranking.pdf"
    ranking_pdf(out["ranking"], actor=admin, period=periods.year(TODAY.year), village_id=village.id, mask_names=True)
    out["ranking_a3"] = tmp_path / "ranking_a3.pdf"
    ranking_pdf(out["ranking_a3"], actor=admin, period=periods.month(TODAY), paper="a3")
    out["notice"] = tmp_path / "notice.pdf"
    notice_pdf(out["notice"], actor=admin, village_id=village.id)
    out["cards"] = tmp_path / "cards.pdf"
    issued = cards.issue_cards(actor=admin, household_ids=households[:10])
    cards_pdf(out["cards"], card_faces(actor=admin, issued=list(issued.values())))
    out["certificates"] = tmp_path / "certificates.pdf"
    certificates_pdf(out["certificates"], actor=admin, year=TODAY.year, village_id=village.id)
    out["plaques"] = tmp_path / "plaques.pdf"
    render_plaques(actor=admin, path=out["plaques"], period=str(TODAY.year), village_id=village.id)
    out["statement"] = tmp_path / "statement.pdf"
    statement_pdf(out["statement"], actor=admin, household_id=households[0], period=periods.year(TODAY.year))
    redemption = Redemption.select().order_by(Redemption.id).first()
    out["receipt"] = tmp_path / "receipt.pdf"
    out["receipt"].write_bytes(receipt_pdf(actor=admin, redemption_id=redemption.id))
    month = periods.month(TODAY)
    for name, report in (("monthly", reports.monthly_report(actor=admin, month=month)),
                         ("trends", reports.category_trends(actor=admin, year=TODAY.year)),
                         ("inspection", reports.inspection_completion(actor=admin, month=month))):
        out[name] = render_report_pdf(report, tmp_path / f"{name}.pdf")
    return out


def test_every_pdf_is_english_when_english_is_chosen(english, ascii_demo, tmp_path):
    assert Redemption.select().exists() and LedgerEntry.select().exists()
    pdfs = _every_pdf(ascii_demo, tmp_path)
    left = {name: _chinese(pdf) for name, pdf in pdfs.items()}
    assert not any(left.values()), left
    flat = {name: " ".join(pdf_text(pdf).split()) for name, pdf in pdfs.items()}
    assert "helped a neighbour" in flat["notice"] and "± Points" in flat["notice"]
    assert "Page 1 of" in flat["ranking"] and "Villager Points Ranking" in flat["ranking"]
    assert "Villager Points Card" in flat["cards"] and "CERTIFICATE OF HONOUR" in flat["certificates"]
    assert "Points Shop Receipt" in flat["receipt"] and "Villager Points Statement" in flat["statement"]
    assert "Star Model Household" in flat["plaques"] and "Township monthly points report" in flat["monthly"]
    assert f"{TODAY.day} {TODAY:%b} {TODAY.year}" in flat["statement"]  # dates as "23 Nov 2026"


def test_the_print_page_makes_english_pdfs_in_the_background(english, qtbot, ascii_demo, tmp_path):
    """Through the app: the print page renders off the UI thread, where the translation applies too."""
    from PySide6.QtPdf import QPdfDocument

    from pointsapp.ui.context import UiContext
    from pointsapp.ui.print_page import PrintPage
    from pointsapp.ui.signals import ChangeHub

    page = PrintPage(UiContext(actor=ascii_demo, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.show()
    for kind in ("ranking", "certificates"):
        page.pdf_path = None
        panel = page.select(kind)
        if kind == "certificates":
            panel.picker.village.setCurrentIndex(1)
        page.generate_button.click()
        qtbot.waitUntil(lambda: page.pdf_path is not None and page.document.status() == QPdfDocument.Status.Ready,
                        timeout=60000)
        saved = tmp_path / f"{kind}.pdf"
        page.save_to(saved)
        assert pdf_text(saved).strip() and not _chinese(saved), (kind, _chinese(saved))


def test_english_cards_still_scan(english, ascii_demo, tmp_path):
    village = Village.select().order_by(Village.id).first()
    ids = [h.id for h in Household.select().where(Household.village == village).order_by(Household.id)][:8]  # one sheet
    issued = cards.issue_cards(actor=ascii_demo, household_ids=ids)
    pdf = tmp_path / "cards.pdf"
    cards_pdf(pdf, card_faces(actor=ascii_demo, issued=list(issued.values())))
    [page] = render_pages(pdf, tmp_path / "png", dpi=200)
    found = decode_qr(page)
    assert sorted(found) == sorted(issued[i].payload for i in ids)
    assert all(cards.verify(text).valid for text in found)


def test_the_same_pdfs_are_chinese_when_chinese_is_chosen(ascii_demo, tmp_path):
    pdfs = _every_pdf(ascii_demo, tmp_path)
    for name, pdf in pdfs.items():
        assert _chinese(pdf), f"{name} has no Chinese wording"
    text = pdf_text(pdfs["ranking"])
    assert "第1页共" in "".join(text.split()) and "村民积分公示榜" in text and "Page 1 of" not in " ".join(text.split())


def _workbooks(admin, tmp_path) -> dict[str, object]:
    month = periods.month(TODAY)
    day = Redemption.select().order_by(Redemption.id).first().created_at.date()
    out = {name: tmp_path / f"{name}.xlsx" for name in ("monthly", "ledger", "close", "stock", "log")}
    reports.export_xlsx(reports.monthly_report(actor=admin, month=month).table(), out["monthly"])
    ledger_export.export_ledger(actor=admin, path=out["ledger"])
    shop_export.daily_close_xlsx(actor=admin, day=day, path=out["close"])
    shop_export.inventory_xlsx(actor=admin, path=out["stock"])
    out["log"] = audit.export_xlsx(actor=admin, path=out["log"])
    return out


def _chinese_cells(path) -> list[str]:
    book = load_workbook(path, read_only=True)
    found = [f"sheet {sheet.title}" for sheet in book.worksheets if CJK.search(sheet.title)]
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            if sheet.title in ("Audit log", "操作日志"):
                row = row[:5]  # the old and new values are what users typed (data)
            found += [f"{sheet.title}: {v}" for v in row if isinstance(v, str) and CJK.search(v)]
    return found


def test_exported_workbooks_are_english_when_english_is_chosen(english, ascii_demo, tmp_path):
    books = _workbooks(ascii_demo, tmp_path)
    left = {name: _chinese_cells(path) for name, path in books.items()}
    assert not any(left.values()), left
    headers = next(load_workbook(books["ledger"], read_only=True).active.iter_rows(values_only=True))
    assert "Points" in headers and "Status" in headers


def test_exported_workbooks_are_chinese_when_chinese_is_chosen(ascii_demo, tmp_path):
    books = _workbooks(ascii_demo, tmp_path)
    assert all(_chinese_cells(path) for path in books.values())
