"""Every page instant at township size (issue 23): the first show of each page, and switching back to it.

First show: the page built, shown at 1280×760 and filled in (its background reads reported back, the event loop
idle), against a bare ``QTableView`` over a plain list model holding the rows the page shows, in the same run;
target 3×, and the absolute median is the case's value. The rows are read once before timing: the page's own
reads are part of its time, not of the baseline's.

Switching back: in one main window with every page already shown, another page then this one again, until
the event loop is idle; absolute target 50 ms median.

The review page (审核公示) and the audit log have cases of their own (``cases_review``).
``python -m bench.cases_pages DB [rounds]`` measures them alone.
"""
from __future__ import annotations

import statistics
import sys
import time

from bench.backends import signed_in_admin
from bench.timing import CaseResult, compare, rounds_for, seconds

FIRST_SHOW_TARGET = 3.0
SWITCH_TARGET_MS = 50.0
SWITCHES = 15
PAGE_KEYS = ("households", "entry", "ranking", "stars", "shop", "dashboard")


def settle(app) -> None:
    """Shown and filled in: the event loop turned twice (work queued for after the first paint starts on the turn
    after it), then, while background reads are out, run as the program runs it (``exec``, which lets the database
    worker's thread run; ``processEvents`` in a loop holds Python's lock and starves it) until they have reported
    back and been drawn."""
    from PySide6.QtCore import QEventLoop, QTimer

    from pointsapp.ui import tasks

    app.processEvents()
    app.processEvents()
    while tasks.busy():
        loop, poll = QEventLoop(), QTimer()
        poll.setInterval(1)
        poll.timeout.connect(lambda: tasks.busy() or loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        app.processEvents()
        app.processEvents()


def shown_rows(key: str, actor) -> list[tuple]:
    """The rows page ``key`` shows on its first show (what its visible tables and charts hold), as plain tuples."""
    from pointsapp import clock
    from pointsapp.services import periods
    from pointsapp.services.register import choices
    from pointsapp.services.register.household_list import list_households
    from pointsapp.services.reports.dashboard import dashboard
    from pointsapp.services.scoring import entry_lines, rankings
    from pointsapp.services.shop import products
    from pointsapp.services.stars import evaluation
    from pointsapp.ui.household_ledger_view import period_choices

    def plain(items) -> list[tuple]:
        return [tuple(getattr(r, f) for f in r.__dataclass_fields__) for r in items]

    villages = choices.villages(actor=actor)
    if key == "households":
        return plain(list_households(actor=actor, include_archived=True))
    if key == "entry":  # the single entry form's recent entries
        return plain(entry_lines.recent(actor=actor))
    if key == "ranking":  # the page's first period, the whole township (one village: that village)
        code = period_choices(clock.today())[1][1]
        village_id = villages[0].id if len(villages) == 1 else None
        return plain(rankings.ranking(actor=actor, period=periods.parse(code), village_id=village_id).rows)
    if key == "stars":  # the first village's latest evaluation of the page's first period
        from pointsapp.ui.star_evaluation_tab import period_choices as star_periods

        shown = evaluation.shown_evaluation(actor=actor, village_id=villages[0].id, period=star_periods()[0])
        return plain(shown.rows)
    if key == "shop":  # the till: the product buttons beside an empty basket
        return plain(products.search("", actor=actor, limit=36))
    if key == "dashboard":  # six tiles, three charts and two lists
        board = dashboard(actor=actor, village_id=None)
        rows = [("tile", i) for i in range(6)]
        rows += [(g.village, g.group, g.average, g.participation) for g in board.groups]  # participation bars
        rows += [(c.name, m, p) for c in board.categories for m, p in zip(board.months, c.points)]
        rows += [(name, n) for name, n in board.stars]
        rows += [(g.group, g.average) for g in [*board.top_groups(), *board.bottom_groups()]]
        rows += [(w.name, w.stock, w.low_stock) for w in board.stock_warnings[:10]]
        return rows
    raise KeyError(key)


def page_reads(actor) -> dict:
    """What each page reads from the database on its first show (the services it calls), to time apart: how much
    of a first show is the database's answer, which the bare table is given for free."""
    from pointsapp import clock
    from pointsapp.services import periods
    from pointsapp.services.register import choices
    from pointsapp.services.register.household_list import list_households
    from pointsapp.services.reports.dashboard import dashboard
    from pointsapp.services.scoring import entry_lines, rankings, rules
    from pointsapp.services.shop import products
    from pointsapp.services.stars import evaluation
    from pointsapp.ui.household_ledger_view import period_choices
    from pointsapp.ui.household_model import PreparedRows
    from pointsapp.ui.star_evaluation_tab import period_choices as star_periods

    villages = choices.villages(actor=actor)
    code = period_choices(clock.today())[1][1]
    one = villages[0].id if len(villages) == 1 else None
    return {
        "households": lambda: PreparedRows.of(list_households(actor=actor, include_archived=True)),
        "entry": lambda: (entry_lines.recent(actor=actor), rules.list_rules(actor=actor, village_id=villages[0].id)),
        "ranking": lambda: rankings.ranking(actor=actor, period=periods.parse(code), village_id=one),
        "stars": lambda: evaluation.shown_evaluation(actor=actor, village_id=villages[0].id, period=star_periods()[0]),
        "shop": lambda: products.search("", actor=actor, limit=36),
        "dashboard": lambda: dashboard(actor=actor, village_id=one),
    }


def page_cases(rounds: int) -> list[CaseResult]:
    import importlib

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from bench.bare_table import SIZE, show_bare
    from pointsapp.ui.context import UiContext
    from pointsapp.ui.main_window import MainWindow
    from pointsapp.ui.pages import PAGES
    from pointsapp.ui.signals import ChangeHub

    app = QApplication.instance() or QApplication([])
    actor = signed_in_admin()
    ctx = UiContext(actor, ChangeHub(), "bench")
    specs = {p.key: p for p in PAGES}

    def first_show(key: str) -> None:
        spec = specs[key]
        page = getattr(importlib.import_module(spec.module), spec.cls)(ctx)
        page.resize(*SIZE)
        page.show()
        settle(app)
        page.close()
        page.deleteLater()

    results = []
    reads = page_reads(actor)
    for key in PAGE_KEYS:
        rows = shown_rows(key, actor)
        title = specs[key].title
        # the page (or table) a run closed is deleted between the runs, untimed: left to the next event loop, its
        # deletion fell in whichever run came next — the bare table's, after a page read before its first paint
        result = compare(f"{title} ({key}): first show, {len(rows)} rows", lambda key=key: first_show(key),
                         lambda rows=rows: show_bare(app, rows), target=FIRST_SHOW_TARGET, rounds=rounds,
                         note="value: absolute median; baseline: a bare QTableView over the same rows",
                         between=lambda: QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete))
        read = statistics.median(seconds(reads[key]) for _ in range(5)) * 1000
        result.note += f"; the page's database reads alone: {read:.0f} ms ({read / result.baseline:.1f}× the baseline)"
        results.append(result)
        app.processEvents()

    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    for key in PAGE_KEYS:
        window.show_page(key)
        settle(app)
    for i, key in enumerate(PAGE_KEYS):
        other = PAGE_KEYS[(i + 1) % len(PAGE_KEYS)]
        times, cpu = [], []
        for _ in range(rounds_for(rounds, SWITCHES)):
            window.show_page(other)
            settle(app)
            started = time.process_time()
            times.append(seconds(lambda key=key: (window.show_page(key), settle(app))))
            cpu.append(time.process_time() - started)
        median = statistics.median(times) * 1000
        # the CPU time beside it: on a shared machine the wall-clock median is mostly waiting for a core
        results.append(CaseResult(f"{specs[key].title} ({key}): switch back to it, already shown",
                                  round(median, 3), "ms", None, None, None,
                                  f"absolute median of {len(times)}, from {other}; CPU time "
                                  f"{statistics.median(cpu) * 1000:.0f} ms", target_value=SWITCH_TARGET_MS))
    window.close()
    window.deleteLater()
    app.processEvents()
    return results


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from pointsapp.db import open_database

    open_database(sys.argv[1])
    started = time.perf_counter()
    for result in page_cases(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
        print(result)
    print(f"{time.perf_counter() - started:.1f} s")
