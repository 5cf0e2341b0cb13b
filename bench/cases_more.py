"""The later cases: a redemption, 1,000 cards to PDF, a roster import, one household-list filter keystroke."""
from __future__ import annotations

import dataclasses
import io
import statistics
import tempfile
import time
from pathlib import Path

from bench.backends import Backend, signed_in_admin
from bench.timing import CaseResult, DataSetTooSmall, compare, rounds_for, seconds
from peewee import fn

from pointsapp.models import Household, HouseholdBalance, Product, Village
from pointsapp.services.register import cards
from pointsapp.services.shop import redemption
from pointsapp.services.shop import stock


def _shop(actor, count: int) -> tuple[list[Product], list[int]]:
    """The three cheapest products, stocked for ``count`` redemptions, and ``count`` active households with
    enough points for them. The demo's shop runs up to its last day, so on some days its shelves are nearly
    bare: the case stocks what it will take (outside the timing) rather than depend on the calendar."""
    products = list(Product.select().where(Product.active == True)  # noqa: E712
                    .order_by(Product.price, Product.id).limit(3))
    if len(products) < 3:
        raise DataSetTooSmall(f"the redemption case needs three products on sale; the data set has {len(products)}")
    for product in products:
        if product.stock < count + 10:
            stock.stock_in(actor=actor, product_id=product.id, quantity=count + 10 - product.stock,
                           note="benchmark: stock for the redemption case")
    products = [Product.get_by_id(p.id) for p in products]
    cost = sum(p.price for p in products)
    ids = [h for (h,) in HouseholdBalance.select(HouseholdBalance.household)
           .join(Household, on=(HouseholdBalance.household == Household.id))
           .where(HouseholdBalance.available >= cost, Household.status == Household.STATUS_ACTIVE)
           .order_by(HouseholdBalance.household).limit(count).tuples()]
    if len(ids) < count:
        raise DataSetTooSmall(f"the redemption case needs {count} households with {cost} points for its basket; "
                              f"the data set has {len(ids)} (a larger --size, or more --years)")
    return products, ids


def redemption_case(backend: Backend, rounds: int) -> list[CaseResult]:
    """One card scan confirmed at the cashier: 3 items, written durably (redemption.redeem)."""
    actor = signed_in_admin()
    # each side redeems once per round and once to warm up, and short cases run at least SHORT_ROUNDS
    wanted = 2 * (rounds_for(rounds * 3) + 1)
    products, ids = _shop(actor, wanted)
    app_ids, base_ids = iter(ids[0::2]), iter(ids[1::2])
    issued = cards.issue_cards(actor=actor, household_ids=ids)
    payloads = {h: issued[h].payload for h in ids}
    items = [(p.sku, 1) for p in products]
    conn = backend.raw()

    def app():
        redemption.redeem(actor=actor, items=items, card_payload=payloads[next(app_ids)])

    def baseline():
        hid = next(base_ids)
        stamp = "2026-11-23 10:00:00"
        total = sum(p.price for p in products)
        conn.begin()
        village, = conn.execute("SELECT village_id FROM household WHERE id = ?", (hid,)).fetchone()
        entry = conn.insert_returning_id(
            "INSERT INTO ledger_entry (household_id, village_id, seq, kind, points, earned, occurred_on, note,"
            " created_by_id, created_at, prev_hash, hash, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (hid, village, 2_000_000 + hid, "redemption", -total, False, stamp[:10], "积分超市兑换", actor.user_id,
             stamp, "x" * 64, "y" * 64, "effective"))
        red = conn.insert_returning_id(
            "INSERT INTO redemption (token, household_id, card_serial, total_points, status, ledger_entry_id,"
            " created_by_id, created_at, void_reason) VALUES (?,?,?,?,?,?,?,?,?)",
            (f"bench-{hid}-{time.time_ns()}", hid, 1, total, "done", entry, actor.user_id, stamp, ""))
        for p in products:
            conn.execute("INSERT INTO redemption_line (redemption_id, product_id, quantity, unit_price, points)"
                         " VALUES (?,?,?,?,?)", (red, p.id, 1, p.price, p.price))
            conn.execute("INSERT INTO stock_move (product_id, kind, quantity, source, donor, reason, redemption_id,"
                         " created_by_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                         (p.id, "redeem", -1, "", "", "", red, actor.user_id, stamp))
            conn.execute("UPDATE product SET stock = stock - 1 WHERE id = ?", (p.id,))
        conn.execute("UPDATE household_balance SET available = available - ? WHERE household_id = ?", (total, hid))
        conn.execute("COMMIT")

    result = compare(f"one redemption of 3 items, committed durably{backend.suffix}", app, baseline, target=3.0,
                     rounds=rounds * 3, backend=backend.name)
    conn.close()
    return [result]


def cards_pdf_case(db_path: Path, rounds: int, count: int = 1000) -> list[CaseResult]:
    """Printing 1,000 積分卡 (cards_pdf) against a bare canvas drawing the same QR modules and text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from pointsapp.printing.cards import cards_pdf
    from pointsapp.printing.fonts import cjk_font
    from pointsapp.services.qr import dark_runs, qr_matrix

    actor = signed_in_admin()
    ids = cards.households_for_cards(actor=actor)[:count]
    issued = cards.issue_cards(actor=actor, household_ids=ids)
    faces = cards.card_faces(actor=actor, issued=list(issued.values()))
    font = cjk_font()

    def app():
        cards_pdf(io.BytesIO(), faces)

    def baseline():
        c = Canvas(io.BytesIO(), pagesize=A4, initialFontName=font)
        for i, face in enumerate(faces):
            x, y = (i % 2) * 86 * mm, ((i // 2) % 5) * 54 * mm
            c.setFont(font, 10)
            c.drawString(x + 5, y + 120, face.village_name)
            c.drawString(x + 5, y + 100, face.head_name)
            c.drawString(x + 5, y + 80, face.household_no)
            c.drawString(x + 5, y + 60, face.group)
            c.drawString(x + 5, y + 10, f"卡号 {face.village_code}-{face.household_no}-{face.serial}")
            c.saveState()
            c.translate(x + 170, y + 90)
            c.scale(2.5, -2.5)
            c.addLiteral("\n".join(f"{col} {row} {n} 1 re" for row, col, n in dark_runs(qr_matrix(face.payload)))
                         + "\nf")
            c.restoreState()
            if i % 10 == 9:
                c.showPage()
        c.save()

    return [compare(f"{len(faces)} QR cards to PDF", app, baseline, target=1.5, rounds=max(1, rounds // 2),
                    unit="s")]


def roster_import_case(db_path: Path, rounds: int, people: int = 3000) -> list[CaseResult]:
    """Checking a village's roster workbook of about 3,000 people (import_roster, dry run: nothing is written)."""
    import openpyxl

    from pointsapp.models import Member
    from pointsapp.services.exports.roster import export_households
    from pointsapp.services.register.roster_import import import_roster

    actor = signed_in_admin()
    counts = {v: n for v, n in Member.select(Household.village, fn.COUNT(Member.id)).join(Household)
              .where(Member.active == True).group_by(Household.village).tuples()}  # noqa: E712
    village_id = min(counts, key=lambda v: abs(counts[v] - people))
    folder = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    exported = export_households(actor=actor, path=folder / "roster.xlsx", village_id=village_id, private=True)
    path = Path(getattr(exported, "path", folder / "roster.xlsx"))
    code = Village.get_by_id(village_id).code

    def app():
        result = import_roster(actor=actor, path=path, village=code, dry_run=True)
        assert not result.faults, result.fault_lines()[:3]

    def baseline():
        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        book.close()

    return [compare(f"roster import of {counts[village_id]} people (check, dry run)", app, baseline, target=3.0,
                    rounds=max(1, rounds // 2), unit="s")]


def household_filter_case(db_path: Path, rounds: int, households: int = 30000) -> list[CaseResult]:
    """One keystroke in the household list's search box over 30,000 households (absolute, ms)."""
    from PySide6.QtWidgets import QApplication

    from pointsapp.services.register.household_list import list_households
    from pointsapp.ui.household_model import HouseholdListModel, PreparedRows

    QApplication.instance() or QApplication([])
    actor = signed_in_admin()
    rows = list_households(actor=actor, include_archived=True)
    base = list(rows)
    copy = 0
    while len(rows) < households:  # the quick data set is smaller: repeat it under other numbers
        copy += 1
        rows += [dataclasses.replace(r, id=r.id + copy * 10_000_000, household_no=f"{r.household_no}-{copy}")
                 for r in base[:households - len(rows)]]
    model = HouseholdListModel()
    model.set_rows(PreparedRows.of(rows))
    surname = base[len(base) // 2].head_name[:1]
    words = [surname, "3", base[0].household_no[:2], "zh", base[-1].head_name[:2], "7"]
    times = []
    for i in range(max(20, rounds * 10)):
        model.set_filter("")
        times.append(seconds(lambda: model.set_filter(words[i % len(words)])))
    median = statistics.median(times) * 1000
    return [CaseResult(f"household list: one filter keystroke over {len(rows)} households", round(median, 3), "ms",
                       None, None, None, "absolute median", target_value=50.0)]


def check_case(backend: Backend) -> list[CaseResult]:
    """``pointsapp check`` of the whole data set as the demo made it, signatures included; the
    baseline is the same check without the signature parts (chains, balances, sums, stock, workflow). Reported,
    no target: it is run by hand, not at the till."""
    from pointsapp.services.ops import check

    plain = [(title, fn) for title, fn in check.CHECKS if "签名" not in title and "封存" not in title]
    start = time.perf_counter()
    problems = check.run_checks()
    app = time.perf_counter() - start
    start = time.perf_counter()
    for _title, part in plain:
        list(part())
    bare = time.perf_counter() - start
    note = "passes" if not problems else f"{len(problems)} problems: {problems[0]}"
    return [CaseResult(f"check of the whole database, signatures included{backend.suffix}", round(app, 2), "s",
                       round(bare, 2), round(app / bare, 2) if bare else None, None, note, backend.name)]
