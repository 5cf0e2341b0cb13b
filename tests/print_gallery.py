"""Every print type, made from the long/rare data set on one pinned day: what the font, layout and reference
image tests look at. ``python -m tests.print_gallery OUT_DIR`` writes them for a person to look at."""
from __future__ import annotations

import dataclasses

import sys
from pathlib import Path

from pointsapp.db import settings
from pointsapp.models import Household, Redemption, StockMove, Village
from pointsapp.printing.cards import cards_pdf
from pointsapp.printing.certificates import certificates_pdf
from pointsapp.printing.donations import donation_list_pdf, donation_receipts_pdf
from pointsapp.printing.notice_list import notice_pdf
from pointsapp.printing.plaque import render_plaques
from pointsapp.printing.ranking import ranking_pdf
from pointsapp.printing.receipt import receipt_pdf
from pointsapp.printing.report_pdf import render_report_pdf
from pointsapp.printing.statement import statement_pdf
from pointsapp.services import periods
from pointsapp.services.register import cards
from pointsapp.services.reports import monthly
from pointsapp.services.scoring.fingerprint import Fingerprint
from tests.print_data import PUBLISHED, make_long_and_rare, put_on_notice

# the ledger's head depends on the moment its rows were written: the reference images need the same one every time
FINGERPRINT = Fingerprint(code="ABCD-EFGH-JK23", root="0" * 64, size=12345)


def make_data(admin) -> Village:
    """The long/rare data set with what the board notices use: a supervision phone, 红榜/黑榜, an anonymous
    donor (the first donor of the data)."""
    village = make_long_and_rare()
    put_on_notice(village, admin_id=admin.user_id)
    settings.set("supervision_phone", "0000-12345678（镇纪委）")
    settings.set("red_black_rows", 5)
    donor = (StockMove.select(StockMove.donor).where(StockMove.source == StockMove.SOURCE_DONATION)
             .order_by(StockMove.id).scalar())
    if donor:
        settings.set("anonymous_donors", donor)
    return village


def every_print(admin, village: Village, out: Path) -> dict[str, Path]:
    """name → PDF of every print type (several papers where a print has them)."""
    out.mkdir(parents=True, exist_ok=True)
    year = periods.parse("2026")
    pdfs: dict[str, Path] = {}

    def path(name: str) -> Path:
        pdfs[name] = out / f"{name}.pdf"
        return pdfs[name]

    for paper in ("a4", "a4-landscape", "a3", "a3-landscape"):
        ranking_pdf(path(f"ranking-township-{paper}"), actor=admin, period=year, paper=paper, published_on=PUBLISHED,
                    fingerprint=FINGERPRINT)
    ranking_pdf(path("ranking-village-masked"), actor=admin, period=year, village_id=village.id, mask_names=True,
                published_on=PUBLISHED, fingerprint=FINGERPRINT)
    notice_pdf(path("notice-list"), actor=admin, village_id=village.id, printed_on=PUBLISHED, fingerprint=FINGERPRINT)
    heads = list(Household.select().where(Household.village == village).order_by(Household.household_no))
    statement_pdf(path("statement"), actor=admin, household_id=heads[1].id, period=year, printed_on=PUBLISHED,
                  fingerprint=FINGERPRINT)
    ids = [h.id for h in heads[:10]]
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    # a card's token is random: the reference images need the same one every time (the layout is compared)
    fixed = [dataclasses.replace(c, payload=c.payload.rsplit(":", 1)[0] + ":" + "K" * cards.TOKEN_LENGTH)
             for c in issued.values()]
    faces = cards.card_faces(actor=admin, issued=fixed)
    cards_pdf(path("cards-sheet"), faces)
    cards_pdf(path("cards-single"), faces[2:4], single=True)
    certificates_pdf(path("certificates"), actor=admin, year=2026, village_id=village.id, top=4, issued_on=PUBLISHED,
                     fingerprint=FINGERPRINT)
    render_plaques(actor=admin, path=path("plaque"), period="2026", village_id=village.id, issued_on=PUBLISHED)
    redemption = Redemption.select().order_by(Redemption.id).first()
    for paper in (58, 80):
        path(f"receipt-{paper}").write_bytes(receipt_pdf(actor=admin, redemption_id=redemption.id, paper_mm=paper))
    month = periods.parse("2026-11")
    render_report_pdf(monthly.monthly_report(actor=admin, month=month), path("report-monthly"))
    render_report_pdf(monthly.category_trends(actor=admin, year=2026), path("report-trends"))
    render_report_pdf(monthly.inspection_completion(actor=admin, month=month), path("report-inspection"))
    donation_list_pdf(path("donations-list"), actor=admin, period=year, printed_on=PUBLISHED)
    moves = [m.id for m in StockMove.select(StockMove.id).where(StockMove.source == StockMove.SOURCE_DONATION)
             .order_by(StockMove.id).limit(2)]
    donation_receipts_pdf(path("donations-receipts"), actor=admin, move_ids=moves)
    return pdfs


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("POINTSAPP_TODAY", PUBLISHED.isoformat())
    from pointsapp.db import close_database, open_database
    from pointsapp.services.ops import users

    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    db = out / "gallery.db"
    db.unlink(missing_ok=True)
    open_database(str(db))
    admin = users.ensure_admin()
    for name, pdf in every_print(admin, make_data(admin), out).items():
        print(name, pdf)
    close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
