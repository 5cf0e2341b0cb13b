"""审核公示 at township size (issue 23): the page's first show with 1,000 entries awaiting review and 1,000 on
notice, against a bare QTableView over a plain list model holding the same rows, in the same run.

The rows are made in a village of their own that reviews its entries (monthly inspection sheets, so through
the services), in the bench's database: ``python -m bench.cases_review DB`` measures it alone.
"""
from __future__ import annotations

import datetime as dt
import sys

from bench.timing import CaseResult, compare
from pointsapp import clock
from pointsapp.models import EntryStatus, Household, LedgerEntry, Rule, User, Village
from pointsapp.services.ops import users
from pointsapp.services.register.villages import create_village
from pointsapp.services.scoring import entries, review

CODE = "BRV"  # the bench's own village


def review_village(actor, *, pending: int = 1000, notice: int = 1000) -> int:
    """A reviewed village with ``notice`` entries on notice and ``pending`` awaiting review (made once)."""
    village = Village.get_or_none(Village.code == CODE)
    if village is not None:
        return village.id
    village = create_village(actor=actor, name="审核基准村", code=CODE, workflow=Village.WORKFLOW_REVIEWED,
                             groups=[f"{i}组" for i in range(1, 9)])
    items = [r.id for r in Rule.select().where(Rule.village == village.id, Rule.inspection_item == True)]  # noqa: E712
    per_month = (max(pending, notice) + len(items) - 1) // len(items)
    groups = list(village.groups)
    for n in range(per_month):
        Household.create(village=village, group=groups[n % len(groups)], household_no=f"{n + 1:05d}",
                         head_name=f"户主{n + 1}")
    today = clock.today()
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    from pointsapp.demo.step_passwords import DEMO_PASSWORD

    # the demo's reviewer, signed in: a review step is signed by its reviewer's unlocked key
    reviewer = users.sign_in("shenhe", DEMO_PASSWORD).actor
    for month, wanted in ((last_month, notice), (this_month, pending)):
        made = 0
        for group in groups:
            households = [h for (h,) in Household.select(Household.id).where(Household.group == group.id).tuples()]
            marks = {}
            for hid in households:
                if made >= wanted:
                    break
                take = items[:wanted - made]
                marks[hid] = set(take)
                made += len(take)
            if marks:
                entries.add_batch(actor=actor, group_id=group.id, period_code=f"{month:%Y-%m}", marks=marks,
                                  occurred_on=month, today=today)
        if month == last_month:
            ids = [i for (i,) in LedgerEntry.select(LedgerEntry.id).where(
                LedgerEntry.village == village.id, LedgerEntry.status == EntryStatus.ENTERED).tuples()]
            review.review(actor=reviewer, entry_ids=ids, approve=True)
            review.put_on_notice(actor=reviewer, village_id=village.id, starts_on=today)
    return village.id


def review_page_case(rounds: int) -> list[CaseResult]:
    from PySide6.QtWidgets import QApplication

    from bench.bare_table import SIZE, show_bare
    from pointsapp.services.scoring import entry_lines
    from pointsapp.ui.context import UiContext
    from pointsapp.ui.review_page import ReviewPage
    from pointsapp.ui.signals import ChangeHub

    app = QApplication.instance() or QApplication([])
    from bench.backends import signed_in_admin

    actor = signed_in_admin()  # its key unlocked: the case's entries are signed as the program signs them
    village_id = review_village(actor)
    ctx = UiContext(actor, ChangeHub(), "bench")
    rows = [*entry_lines.awaiting_review(actor=actor, village_id=village_id),
            *entry_lines.on_notice(actor=actor, village_id=village_id)]
    width = 10
    plain_rows = [tuple(getattr(r, f) for f in r.__dataclass_fields__)[:width] for r in rows]

    def show_page():
        page = ReviewPage(ctx)
        page.picker.choose(village_id)
        page.resize(*SIZE)
        page.show()
        page.tabs.setCurrentIndex(1)  # 公示中
        app.processEvents()
        page.close()
        page.deleteLater()

    return [compare(f"审核公示: first show, {len(rows)} rows (awaiting review and on notice)", show_page,
                    lambda: show_bare(app, plain_rows, width), target=3.0, rounds=rounds)]


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pointsapp.db import open_database

    open_database(sys.argv[1])
    for result in review_page_case(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
        print(result)
