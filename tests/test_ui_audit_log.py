"""设置→操作日志 with a long log (issues 20 and 23): read off the UI thread a page at a time, the next page as the
list is scrolled to its end, the filters done in SQL, and a log that grew while the tab was hidden read again
only when it is shown."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from pointsapp import clock
from pointsapp.db.connection import write_transaction
from pointsapp.models import AuditLog
from pointsapp.services import audit, audit_pages
from pointsapp.services.audit import AuditColumn, AuditFilter
from pointsapp.services.auth import Role
from pointsapp.services.changes import Changes
from pointsapp.ui import tasks
from pointsapp.ui.audit_tab import AuditTab
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.conftest import make_actor
from tests.ui_helpers import settle

CHANGED = 450  # more than two pages after the first, all written at one moment (one import's rows)


def _log(admin) -> int:
    """``CHANGED`` household changes by the administrator and three sign-ins by a scorer; the log's length."""
    scorer = make_actor(Role.SCORER, "luru")
    with write_transaction():
        audit.record_many(admin, "household.update", "household",
                          [(n, {"address": f"旧址{n}"}, {"address": f"新址{n}"}) for n in range(1, CHANGED + 1)])
        for _ in range(3):
            audit.record(scorer, "user.sign_in", "user", scorer.user_id)
    return AuditLog.select().count()


def _tab(qtbot, admin) -> AuditTab:
    tab = AuditTab(UiContext(actor=admin, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    return tab


def _column(tab, column) -> list[str]:
    return [tab.model.index(r, column).data() for r in range(tab.model.rowCount())]


def _scroll_to_the_end(qtbot, tab) -> None:
    """Scroll down as a user would until no page is left to read."""
    while tab.model.after is not None:
        had = tab.model.rowCount()
        tab.view.scrollToBottom()
        qtbot.waitUntil(lambda had=had: tab.model.rowCount() > had)


def test_the_log_is_read_off_the_ui_thread_a_page_at_a_time(qtbot, admin):
    total = _log(admin)
    tab = _tab(qtbot, admin)
    # the tab is up before a row is read: the reading runs on the database worker
    assert tab.model.rowCount() == 0 and not tab.loaded and tasks.busy()
    assert tab.status.text() == "正在读取…"
    qtbot.waitUntil(lambda: tab.loaded)
    assert tab.model.rowCount() == audit_pages.FIRST_ROWS
    qtbot.waitUntil(lambda: tab.status.text() == f"共 {total} 条")  # counted after the rows are shown
    _scroll_to_the_end(qtbot, tab)
    assert tab.model.rowCount() == total
    # every row once, newest first, as the whole log reads (the change rows share one moment: ids order them)
    assert [r.id for r in tab.model.rows] == [r.id for r in audit.query(actor=admin)]
    assert _column(tab, AuditColumn.ACTION)[:3] == ["登录"] * 3
    assert _column(tab, AuditColumn.CHANGE)[3] == f"地址：旧址{CHANGED} → 新址{CHANGED}"
    assert tab.model.index(3, AuditColumn.CHANGE).data(Qt.ToolTipRole) == f"地址：旧址{CHANGED} → 新址{CHANGED}"


def test_the_filters_are_done_in_sql_and_hold_for_the_pages_after(qtbot, admin):
    _log(admin)
    tab = _tab(qtbot, admin)
    qtbot.waitUntil(lambda: tab.loaded and tab.user.findData("luru") >= 0)  # the choices come after the rows
    tab.user.setCurrentIndex(tab.user.findData("luru"))
    qtbot.mouseClick(tab.search_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.loaded and tab.total is not None)
    assert set(_column(tab, AuditColumn.USER)) == {"luru"} and tab.model.rowCount() == 3
    assert tab.status.text() == "共 3 条" and tab.model.after is None
    # a kind: the administrator's changes of households, page after page
    tab.user.setCurrentIndex(0)
    tab.kind.setCurrentIndex(tab.kind.findData("household"))
    qtbot.mouseClick(tab.search_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.loaded and tab.total is not None)
    assert tab.total == CHANGED and tab.model.rowCount() == audit_pages.FIRST_ROWS
    tab.kind.setCurrentIndex(0)  # chosen but not searched: the pages still read the household changes
    _scroll_to_the_end(qtbot, tab)
    assert tab.model.rowCount() == CHANGED and set(_column(tab, AuditColumn.ACTION)) == {"修改户籍"}
    # dates: nothing before today
    yesterday = QDate(clock.today() - dt.timedelta(days=1))
    tab.since.setDate(yesterday.addDays(-5))
    tab.until.setDate(yesterday)
    qtbot.mouseClick(tab.search_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: tab.loaded and tab.total is not None)
    assert tab.model.rowCount() == 0 and tab.status.text() == "共 0 条"


def test_a_log_grown_while_hidden_is_read_when_shown_again(qtbot, admin):
    total = _log(admin)
    tab = _tab(qtbot, admin)
    qtbot.waitUntil(lambda: tab.loaded)
    settle(qtbot)
    tab.hide()
    audit.record(admin, "setting.change", "setting", "backup_keep", 7, 9)
    tab.ctx.hub.broadcast(Changes.SETTINGS)
    assert not tasks.busy()  # hidden: nothing read for it yet
    tab.show()
    qtbot.waitUntil(lambda: tab.loaded and tab.total == total + 1)
    assert tab.model.index(0, AuditColumn.ACTION).data() == "修改设置"


def test_pages_follow_one_another_without_a_gap_or_a_repeat(admin):
    total = _log(admin)
    seen, after = [], None
    while True:
        page = audit_pages.page(actor=admin, filter=AuditFilter(), after=after, size=100)
        seen += [r.id for r in page.rows]
        assert [t[AuditColumn.USER] for t in page.texts] == [r.username for r in page.rows]
        after = page.after
        if after is None:
            break
    assert seen == [r.id for r in audit.query(actor=admin)] and len(seen) == total
    assert audit_pages.count_rows(actor=admin, filter=AuditFilter(kind="household")) == CHANGED
