"""One way from a screen to the data: writes run through ``ui.operations.run_op`` on the database worker, one
error path, and one broadcast that every open view follows — so no view shows stale data after a change."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from pointsapp.errors import UserError
from pointsapp.models import Star, StarAward
from pointsapp.services import changes as service_changes
from pointsapp.services.changes import WRITES, Changes
from pointsapp.services.ops import users
from pointsapp.ui.app import application
from pointsapp.ui.operations import run_op
from tests.scoring_helpers import household, make_village, rule
from tests.star_helpers import applied_evaluation
from tests.ui_helpers import answer_boxes, ctx_of, settle  # noqa: F401 (answer_boxes: a fixture)

UI_DIR = Path(__file__).resolve().parent.parent / "pointsapp" / "ui"


def _held(h) -> int:
    return StarAward.select().where(StarAward.household == h, StarAward.withdrawn_at.is_null()).count()


def test_after_a_veto_entry_every_open_view_shows_the_withdrawn_stars(qtbot, admin):
    """The entry page saves a veto deduction; the service withdraws the household's stars. The star summary, the
    household list, the dashboard and the ranking, all open beside it, show it without anyone touching them."""
    from pointsapp.ui.dashboard_page import DashboardPage
    from pointsapp.ui.entry_page import EntryPage
    from pointsapp.ui.households_page import HouseholdsPage
    from pointsapp.ui.ranking_page import RankingPage
    from pointsapp.ui.star_summary_tab import StarSummaryTab

    application()
    village = make_village(admin)
    h = household(village, 1)
    stars = list(Star.select().where(Star.village == village))
    applied_evaluation(village.id, "2025", [(h, star) for star in stars], admin.user_id)
    assert _held(h) == len(stars) == 10

    ctx = ctx_of(admin)
    views = {cls: cls(ctx) for cls in (EntryPage, StarSummaryTab, HouseholdsPage, DashboardPage, RankingPage)}
    for view in views.values():
        qtbot.addWidget(view)
        view.show()
    summary, listing = views[StarSummaryTab], views[HouseholdsPage]
    dashboard, ranking = views[DashboardPage], views[RankingPage]

    def shown() -> dict[str, int]:
        village_total = next(r for r in summary.summary_model.rows if r.village == village.name and not r.group)
        row = listing.model.household_at(listing.model.row_of(h.id))
        ranked = next(r for r in ranking.model.ranking.rows if r.household_no == h.household_no)
        return {"summary": village_total.stars, "list": row.stars if row else -1,
                "dashboard": int(dashboard.tiles["stars"].value_label.text() or -1), "ranking": ranked.stars}

    qtbot.waitUntil(lambda: dashboard.board is not None and listing.model.row_of(h.id) is not None
                    and ranking.model.ranking is not None and bool(summary.summary_model.rows), timeout=30000)
    assert shown() == {"summary": 10, "list": 10, "dashboard": 1, "ranking": 10}

    form = views[EntryPage].single
    form.household.edit.setText(h.household_no)
    form.rule_box.setCurrentIndex(form.rule_box.findData(rule(village, "LW03").id))  # 违法建设: a veto item
    form.note_edit.setText("违法建设")
    form.save()
    settle(qtbot)
    assert _held(h) == 0 and "已录入" in form.status.text()
    qtbot.waitUntil(lambda: shown() == {"summary": 0, "list": 0, "dashboard": 0, "ranking": 0}, timeout=30000)


def test_a_refused_write_shows_its_message_and_broadcasts_nothing(qtbot, admin, answer_boxes):
    from pointsapp.services.scoring import entries

    application()
    village = make_village(admin)
    ctx = ctx_of(admin)
    heard: list[Changes] = []
    ctx.hub.changed.connect(heard.append)
    seen = answer_boxes
    run_op(None, ctx, entries.add_entry, household_id=household(village, 1).id, rule_id=-1)
    settle(qtbot)
    qtbot.waitUntil(lambda: bool(seen))
    assert "细则" in seen[0] and "日志" not in seen[0]
    assert heard == []


def test_a_bug_in_a_write_is_logged_with_its_traceback_and_told_with_the_log_file(qtbot, admin, caplog, answer_boxes):
    from pointsapp.logs import log_path

    application()
    ctx = ctx_of(admin)
    heard: list[Changes] = []
    ctx.hub.changed.connect(heard.append)

    def broken(*, actor):
        return {}["no such key"]

    seen = answer_boxes
    with caplog.at_level(logging.ERROR):
        run_op(None, ctx, broken, changes=Changes.LEDGER)
        settle(qtbot)
        qtbot.waitUntil(lambda: bool(seen))
    assert "KeyError" in seen[0] and str(log_path()) in seen[0]
    assert "Traceback" in caplog.text and "broken" in caplog.text
    assert heard == []


def test_a_write_broadcasts_what_the_table_says_it_changes_once(qtbot, admin):
    from pointsapp.services.scoring import entries

    application()
    village = make_village(admin)
    ctx = ctx_of(admin)
    heard: list[Changes] = []
    ledger: list[int] = []
    ctx.hub.changed.connect(heard.append)
    ctx.hub.ledger_changed.connect(lambda: ledger.append(1))
    run_op(None, ctx, entries.add_entry, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id)
    settle(qtbot)
    assert heard == [Changes.LEDGER | Changes.STARS] and ledger == [1]


def test_a_service_write_missing_from_the_table_is_refused_before_it_runs(admin):
    def unlisted(*, actor):
        raise AssertionError("must not run")

    with pytest.raises(LookupError):
        run_op(None, ctx_of(admin), unlisted)


def test_every_write_in_the_table_is_a_service_function():
    import importlib

    for key in WRITES:
        module, name = key.rsplit(".", 1)
        fn = getattr(importlib.import_module(f"pointsapp.services.{module}"), name)
        assert service_changes.of(fn) == WRITES[key]


def test_only_the_operations_helper_broadcasts_a_change():
    """A page that emits a change signal itself would bypass the one table of what a write changes."""
    emits, broadcasts = [], []
    for path in sorted(UI_DIR.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        emits += [f"{path.name}: {m}" for m in re.findall(r"hub\.\w+\.emit\(", text)]
        emits += [f"{path.name}: {m}" for m in re.findall(r"\b(?:households|ledger|rules|shop|stars|users|settings)"
                                                           r"_changed\.emit\(", text) if path.name != "signals.py"]
        if re.search(r"\.broadcast\(", text):
            broadcasts.append(path.name)
    assert emits == []
    assert broadcasts == ["operations.py"]


def test_the_screens_never_write_on_the_ui_thread_around_run_op():
    """Every service write a screen names goes through run_op (or is named as run_op's ``changes``)."""
    calls = []
    for path in sorted(UI_DIR.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for key in WRITES:
            module, name = key.rsplit(".", 1)
            alias = module.rsplit(".", 1)[-1]
            for m in re.finditer(rf"\b\w+\.{name}\(\s*actor=", text):
                calls.append(f"{path.name}: {m.group(0)} ({alias})")
    allowed = {
        "star_evaluation_tab.py", "card_reissue_dialog.py", "import_dialog.py",  # inside a local op run by run_op
        "certificate_dialog.py",  # 积分证明 issued and its PDF written: one local op that run_op runs
        "print_options.py",  # cards issued, fingerprints published while the print job runs, a job run_op runs
        "signin.py",  # before the session exists (no actor yet, no view to tell): on the worker through run_task
    }
    assert [c for c in calls if c.split(":")[0] not in allowed] == []
    assert any(c.startswith("signin.py: users.change_password") for c in calls)  # the search finds writes


def test_a_write_refused_in_a_dialog_keeps_the_dialog_open(qtbot, admin):
    from pointsapp.ui.user_dialog import NewUserDialog

    application()
    dialog = NewUserDialog(ctx_of(admin))
    qtbot.addWidget(dialog)
    dialog.username.setText("has space")
    dialog.password.setText("temp-123")
    dialog.save()
    settle(qtbot)
    assert dialog.result() == 0 and "用户名" in dialog.message.text()
    assert users.list_users(actor=admin)[-1].username != "has space"


def test_user_error_is_not_a_bug(qtbot, admin, caplog, answer_boxes):
    application()
    seen = answer_boxes

    def refused(*, actor):
        raise UserError("请先选择一户。")

    with caplog.at_level(logging.ERROR):
        run_op(None, ctx_of(admin), refused, changes=Changes.NONE)
        settle(qtbot)
        qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["请先选择一户。"] and "Traceback" not in caplog.text


def test_a_village_added_elsewhere_appears_in_every_open_chooser(qtbot, admin):
    from pointsapp.services.register import villages
    from pointsapp.ui.entry_page import EntryPage
    from pointsapp.ui.review_page import ReviewPage

    application()
    make_village(admin)
    ctx = ctx_of(admin)
    pages = [EntryPage(ctx), ReviewPage(ctx)]
    for page in pages:
        qtbot.addWidget(page)
    run_op(None, ctx, villages.create_village, name="某某某镇某某某某村", code="T2")
    settle(qtbot)
    assert [p.picker.village.findText("某某某镇某某某某村") >= 0 for p in (pages[0].single, pages[1])] == [True, True]


def test_a_second_enter_while_the_write_runs_does_not_save_twice(qtbot, admin):
    from PySide6.QtCore import Qt

    from pointsapp.services.shop import products
    from pointsapp.ui.product_dialogs import StockDialog
    from tests.shop_helpers import make_shop, stocks

    application()
    make_shop(admin, stock_each=10)
    product = products.find_by_sku("6901234500011", actor=admin)
    dialog = StockDialog(ctx_of(admin), product, "in")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.quantity.setValue(5)
    qtbot.keyClick(dialog.quantity, Qt.Key_Return)
    qtbot.keyClick(dialog.quantity, Qt.Key_Return)  # the dialog is disabled until the first has answered
    settle(qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert stocks()["6901234500011"] == 15


def test_a_closed_page_is_not_told_of_changes_any_more(qtbot, admin):
    from PySide6.QtCore import QCoreApplication, QEvent

    from pointsapp.ui.entry_page import EntryPage

    application()
    make_village(admin)
    ctx = ctx_of(admin)
    page = EntryPage(ctx)
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    with qtbot.capture_exceptions() as raised:
        ctx.hub.broadcast(~Changes.NONE)
    assert raised == []
