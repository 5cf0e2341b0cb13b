"""设置→操作日志 with a year's log of a township (issues 20 and 23): its first show and switching back to it, the
first against a bare QTableView over a plain list model holding the same rows, in the same run.

The log is filled once per bench database with ``ROWS`` rows made of the database's own redemptions, entries,
households, users and logged changes (what a township's year writes: the till most of all), dated within the
last 29 days so that the tab's default filter (the last 30 days) matches every one of them. The bench writes
them straight into the table: they are not sealed, so the check case, which runs first, never sees them.
``python -m bench.cases_audit DB`` measures it alone.
"""
from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from bench.timing import CaseResult, rounds_for, seconds
from pointsapp import clock
from pointsapp.models import (
    AuditLog, Household, LedgerEntry, Product, Redemption, RedemptionLine, Rule, User, database,
)
from pointsapp.services import audit
from pointsapp.services.audit import AuditFilter, to_json

ROWS = 100_000
SWITCH_TARGET_MS = 50.0
SPREAD = dt.timedelta(days=29)


def _templates() -> dict[str, list[tuple]]:
    """(user_id, username, action, entity, entity_id, old, new) made of the database's own rows, by kind."""
    users = {u.role: (u.id, u.username) for u in User.select(User.id, User.username, User.role)}
    cashier = users.get("cashier") or next(iter(users.values()))
    scorer = users.get("scorer") or cashier
    admin = users.get("admin") or cashier
    skus = dict(Product.select(Product.id, Product.sku).tuples())
    items: dict[int, dict] = {}
    for rid, pid, qty in (RedemptionLine.select(RedemptionLine.redemption, RedemptionLine.product,
                                                RedemptionLine.quantity).limit(20000).tuples()):
        items.setdefault(rid, {})[skus.get(pid, str(pid))] = qty
    redemptions = [(*cashier, "redemption.create", "redemption", rid, None,
                    {"household": hid, "points": points, "items": items.get(rid, {}), "card_serial": serial})
                   for rid, hid, points, serial in Redemption.select(
                       Redemption.id, Redemption.household, Redemption.total_points, Redemption.card_serial)
                   .order_by(Redemption.id.desc()).limit(5000).tuples()]
    entries = [(*scorer, "entry.create", "ledger_entry", eid, None,
                {"household": no, "rule": code, "points": points, "occurred_on": day, "status": status,
                 "evidence": False})
               for eid, no, code, points, day, status in LedgerEntry.select(
                   LedgerEntry.id, Household.household_no, Rule.code, LedgerEntry.points, LedgerEntry.occurred_on,
                   LedgerEntry.status)
               .join_from(LedgerEntry, Household).join_from(LedgerEntry, Rule)
               .order_by(LedgerEntry.id.desc()).limit(5000).tuples()]
    households = [(*admin, "household.update", "household", hid, {"address": address, "note": ""},
                   {"address": address + "（新）", "note": "搬迁", "members": 3})
                  for hid, address in Household.select(Household.id, Household.address).limit(2000).tuples()]
    sign_ins = [(uid, name, "user.sign_in", "user", uid, None, None) for uid, name in users.values()]
    logged = [(uid, name, action, entity, entity_id, old or None, new or None)
              for uid, name, action, entity, entity_id, old, new in AuditLog.select(
                  AuditLog.user_id, AuditLog.username, AuditLog.action, AuditLog.entity, AuditLog.entity_id,
                  AuditLog.old_value, AuditLog.new_value).limit(5000).tuples()]
    return {"redemption": redemptions, "entry": entries, "household": households, "sign_in": sign_ins,
            "logged": logged}


# of every twenty rows: eight at the till, seven entries, two sign-ins, one change of a household, two of the rest
MIX = ("redemption",) * 8 + ("entry",) * 7 + ("sign_in",) * 2 + ("household",) + ("logged",) * 2


def audit_rows(rows: int = ROWS) -> int:
    """Fill the log up to ``rows`` rows (once: a log that has them already is left alone); returns the count."""
    have = AuditLog.select().count()
    if have >= rows:
        return have
    templates = {kind: found for kind, found in _templates().items() if found}
    mix = [kind for kind in MIX if kind in templates] or ["sign_in"]
    want = rows - have
    start, step = clock.now() - SPREAD, SPREAD / want
    payload = []
    for n in range(want):
        kind = mix[n % len(mix)]
        found = templates[kind]
        uid, name, action, entity, entity_id, old, new = found[n % len(found)]
        payload.append({"at": start + step * n, "user_id": uid, "username": name, "action": action,
                        "entity": entity, "entity_id": str(entity_id),
                        "old_value": old if isinstance(old, str) else to_json(old),
                        "new_value": new if isinstance(new, str) else to_json(new)})
    from pointsapp.db.bulk import insert_rows

    with database.obj.atomic():
        insert_rows(AuditLog, payload)
    return AuditLog.select().count()


def audit_log_cases(rounds: int, rows: int = ROWS) -> list[CaseResult]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

    from bench.backends import signed_in_admin
    from bench.bare_table import SIZE, bare_view
    from pointsapp.services import audit_pages
    from pointsapp.ui import tasks
    from pointsapp.ui.audit_tab import AuditTab
    from pointsapp.ui.context import UiContext
    from pointsapp.ui.settings_page import SettingsPage
    from pointsapp.ui.signals import ChangeHub

    app = QApplication.instance() or QApplication([])
    actor = signed_in_admin()
    audit_rows(rows)
    ctx = UiContext(actor, ChangeHub(), "bench")
    today = clock.today()
    shown_filter = AuditFilter(since=today - dt.timedelta(days=30), until=today)  # the tab's default
    total = audit_pages.page(actor=actor, filter=shown_filter, size=1, count=True).total
    plain_rows = [(str(at), name, action, f"{entity} {entity_id}", old, new) for at, name, action, entity, entity_id,
                  old, new in audit._select(shown_filter).select(
                      AuditLog.at, AuditLog.username, AuditLog.action, AuditLog.entity, AuditLog.entity_id,
                      AuditLog.old_value, AuditLog.new_value).tuples()]

    def wait_for(done) -> None:
        """Turn the event loop as the program's own does (``exec``, which lets the database worker's thread run;
        ``processEvents`` waiting for events holds Python's lock and starves it) until ``done()``."""
        if done():
            return
        loop, poll = QEventLoop(), QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda: done() and loop.quit())
        poll.start()
        loop.exec()
        poll.stop()

    def idle() -> None:
        wait_for(lambda: not tasks.busy())

    def first_show() -> float:
        """Seconds from making the tab to its first rows drawn; then (not timed) the count and the filters'
        choices it reads after them, so that no work of one round runs into the next or beside the baseline."""
        started = time.perf_counter()
        tab = AuditTab(ctx)
        tab.resize(*SIZE)
        tab.show()
        wait_for(lambda: tab.loaded)  # the rows arrive from the database worker
        app.processEvents()  # and are drawn
        took = time.perf_counter() - started
        idle()
        assert tab.total == total and tab.model.rowCount(), (tab.total, total)
        tab.close()
        tab.deleteLater()
        app.processEvents()
        return took

    def bare() -> float:
        started = time.perf_counter()
        view = bare_view(plain_rows)
        view.show()
        app.processEvents()
        took = time.perf_counter() - started
        view.close()
        view.deleteLater()
        app.processEvents()
        return took

    first_show(), bare()  # warm both
    shown, bared = [], []
    for _ in range(rounds_for(rounds)):
        shown.append(first_show())
        bared.append(bare())
    a, b = statistics.median(shown), statistics.median(bared)
    results = [CaseResult(f"操作日志: first show, {total:,} rows", round(a * 1000, 3), "ms", round(b * 1000, 3),
                          round(a / b, 2), 3.0, "to the first rows drawn; the count and the filters' choices after")]

    # switching back: 设置 shown on 常规设置 after 操作日志, and 操作日志 chosen again
    page = SettingsPage(ctx)
    page.resize(*SIZE)
    page.show()
    log_tab = page.tab("操作日志")
    page.tabs.setCurrentWidget(log_tab)
    wait_for(lambda: log_tab.loaded)
    idle()
    app.processEvents()
    other = page.tabs.indexOf(page.tab("常规设置"))
    bare_tabs = QTabWidget()
    bare_tabs.addTab(bare_view(plain_rows), "table")
    bare_tabs.addTab(QWidget(), "other")
    bare_tabs.resize(*SIZE)
    bare_tabs.show()
    app.processEvents()

    def back(tabs, index_back, index_away) -> float:
        tabs.setCurrentIndex(index_away)
        app.processEvents()
        took = seconds(lambda: (tabs.setCurrentIndex(index_back), app.processEvents()))
        return took

    app_times, bare_times = [], []
    for _ in range(max(rounds, 11)):
        app_times.append(back(page.tabs, page.tabs.indexOf(log_tab), other))
        bare_times.append(back(bare_tabs, 0, 1))
    a, b = statistics.median(app_times), statistics.median(bare_times)
    idle()
    page.close()
    page.deleteLater()
    bare_tabs.close()
    bare_tabs.deleteLater()
    app.processEvents()
    results.append(CaseResult("操作日志: switching back to it", round(a * 1000, 3), "ms", round(b * 1000, 3),
                              round(a / b, 2), None, "设置 → 常规设置 → 操作日志", target_value=SWITCH_TARGET_MS))
    return results


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pointsapp.db import open_database

    open_database(sys.argv[1])
    for result in audit_log_cases(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
        print(result)
