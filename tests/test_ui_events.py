"""The 活动与评议 page driven as the clerk would: cards scanned one after another with the USB scanner, a
household typed, a second scan, a forged card; a claim typed in, checked and decided; a meeting recorded and its
minutes saved. Real widgets, the real database; screenshots kept under the test's folder to look at."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pointsapp.models import Claim, EventAttendance, LedgerEntry, MeetingDecision
from pointsapp.services.auth import Role
from pointsapp.services.register import cards
from pointsapp.services.scoring import events
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.events_page import EventsPage
from pointsapp.ui.signals import ChangeHub
from tests.pdf_helpers import pdf_text
from tests.scoring_helpers import accept_next_message_box, household, make_village, rule
from tests.shop_helpers import tampered


def _opened_by(button) -> list[tuple[str, int]]:
    """Click ``button``; the dialog it opens (its class and claim) is noted and closed unsaved."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    opened = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close)
            return
        opened.append((type(dialog).__name__, dialog.claim.id))
        dialog.reject()

    QTimer.singleShot(20, close)
    button.click()
    return opened


def _page(qtbot, actor):
    application()
    page = EventsPage(UiContext(actor=actor, hub=ChangeHub(), db_description="test"))
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


def scan(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget.scan, text)
    qtbot.keyClick(widget.scan, Qt.Key_Return)


def test_cards_scanned_one_after_another_show_green_then_already_then_red(qtbot, db, admin, tmp_path):
    village = make_village(admin, households=4)
    ids = [household(village, n).id for n in (1, 2, 3)]
    issued = cards.issue_cards(actor=admin, household_ids=ids)
    events.create_event(actor=admin, village_id=village.id, title="11月环境整治日", held_on=dt.date(2026, 11, 20),
                        rule_id=rule(village, "PA03").id)
    page = _page(qtbot, admin)
    w = page.checkin
    assert w.current_event() is not None and w.scan.isEnabled()

    scan(qtbot, w, issued[ids[0]].payload)
    qtbot.waitUntil(lambda: "签到成功" in w.last_message, timeout=10000)
    assert "户主1" in w.big.text() and "#1b7a2f" in w.big.styleSheet()
    w.grab().save(str(tmp_path / "checkin-green.png"))
    scan(qtbot, w, issued[ids[0]].payload)
    qtbot.waitUntil(lambda: "已签到：" in w.last_message, timeout=10000)
    assert "#ffd400" in w.big.styleSheet()
    scan(qtbot, w, tampered(issued[ids[1]].payload))
    qtbot.waitUntil(lambda: "伪造" in w.last_message, timeout=10000)
    assert "#c8102e" in w.big.styleSheet()
    w.grab().save(str(tmp_path / "checkin-red.png"))
    scan(qtbot, w, "T1004")  # came without the card: the number typed
    qtbot.waitUntil(lambda: "户主4" in w.big.text(), timeout=10000)
    assert EventAttendance.select().count() == 2
    assert [p.household_no for p in w.present_model.rows] == ["T1001", "T1004"]
    assert "已签到 2 户" in w.count_label.text()

    out = tmp_path / "sheet.pdf"
    accept_next_message_box(QMessageBox.Ok)
    w.write_sheet(out)
    assert "户主4" in pdf_text(out)

    accept_next_message_box("结束活动")
    w.close_button.click()
    qtbot.waitUntil(lambda: "活动已结束" in w.last_message, timeout=10000)
    assert LedgerEntry.select().count() == 2 and not w.scan.isEnabled()
    w.grab().save(str(tmp_path / "checkin-closed.png"))


def test_a_claim_typed_checked_and_decided_at_a_recorded_meeting_from_the_page(qtbot, db, admin, tmp_path):
    village = make_village(admin, households=2)
    page = _page(qtbot, admin)
    c = page.claims
    page.tabs.setCurrentWidget(c)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    c.household.edit.setText("T1002")
    assert "户主2" in c.household.label.text()
    c.rule.setCurrentIndex(c.rule.findData(rule(village, "CV02").id))
    c.deed.setText("调解邻里纠纷")
    c.date.setDate(dt.date(2026, 11, 10))
    c.evidence.set_paths([photo])
    c.save_button.click()
    qtbot.waitUntil(lambda: "已登记申报" in c.status.text(), timeout=10000)
    assert Claim.get().status == Claim.STATUS_GROUP_CHECK and len(c.model.rows) == 1
    page.grab().save(str(tmp_path / "claims.png"))

    c.table.selectRow(0)
    from pointsapp.ui.claims_tab import DecideClaimDialog, GroupCheckDialog

    assert _opened_by(c.check_button) == [("GroupCheckDialog", Claim.get().id)]  # on the selected claim
    assert _opened_by(c.decide_button) == [("DecideClaimDialog", Claim.get().id)]
    check = GroupCheckDialog(c.ctx, c.selected(), c)
    check.head.setText("钱组长")
    check.save()
    qtbot.waitUntil(lambda: Claim.get().status == Claim.STATUS_PENDING, timeout=10000)

    m = page.meetings
    from pointsapp.ui.meetings_tab import MeetingDialog

    dialog = MeetingDialog(c.ctx, village.id, m)
    dialog.place.setText("村委会议室")
    dialog.chair.setText("李书记")
    dialog.attendees.setPlainText("李书记 村党支部书记\n赵大妈 村民代表\n钱组长：1组组长")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=10000)
    assert [(a.name, a.role) for a in dialog.created.attendees] == [
        ("李书记", "村党支部书记"), ("赵大妈", "村民代表"), ("钱组长", "1组组长")]

    qtbot.waitUntil(lambda: len(c.model.rows) == 1 and c.model.rows[0].status == Claim.STATUS_PENDING,
                    timeout=10000)
    c.table.selectRow(0)
    decide = DecideClaimDialog(c.ctx, c.selected(), c)
    assert decide.meeting.count() == 1
    decide.save()
    qtbot.waitUntil(lambda: Claim.get().status == Claim.STATUS_APPROVED, timeout=10000)
    assert MeetingDecision.select().count() == 1 and LedgerEntry.get().points == 5

    page.tabs.setCurrentWidget(m)
    qtbot.waitUntil(lambda: len(m.model.rows) == 1, timeout=10000)
    m.table.selectRow(0)
    qtbot.waitUntil(lambda: "调解邻里纠纷" in m.detail.text(), timeout=10000)  # the page follows the change
    page.grab().save(str(tmp_path / "meetings.png"))
    accept_next_message_box(QMessageBox.Ok)
    out = tmp_path / "minutes.pdf"
    m.write_minutes(out)
    assert "赵大妈" in pdf_text(out)


def test_a_new_event_from_the_dialog_opens_for_check_in_at_once(qtbot, db, admin):
    from pointsapp.ui.event_dialog import NewEventDialog

    village = make_village(admin, households=2)
    page = _page(qtbot, admin)
    dialog = NewEventDialog(page.checkin.ctx, village.id, page)
    assert dialog.rule.currentText().startswith("PA01") and dialog.points.value() == 5
    dialog.title.setText("12月志愿服务")
    dialog.cap.setValue(20)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=10000)
    assert (dialog.created.title, dialog.created.cap, dialog.created.points) == ("12月志愿服务", 20, 5)
    page.checkin.refresh()
    page.checkin.choose(dialog.created.id)
    assert page.checkin.scan.isEnabled() and "名额 20 户" in page.checkin.count_label.text()


def test_the_meeting_rejects_an_events_batch_only_with_a_reason(qtbot, db, admin, actor_of):
    """The batch decision dialog: 驳回 without a reason is refused and nothing moves; with one, the batch is
    rejected at the meeting (by a reviewer other than the clerk who closed the event)."""
    from pointsapp.models import EntryStatus, Village
    from pointsapp.services.scoring import meetings
    from pointsapp.ui.meetings_tab import BatchDecisionDialog

    village = make_village(admin, households=2, workflow=Village.WORKFLOW_REVIEWED)
    clerk, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    event = events.create_event(actor=clerk, village_id=village.id, title="冬季消防演练", held_on=dt.date(2026, 11, 8),
                                rule_id=rule(village, "PA03").id)
    events.check_in(actor=clerk, event_id=event.id, household_id=household(village, 1).id)
    closed = events.close_event(actor=clerk, event_id=event.id)
    meeting = meetings.create_meeting(actor=clerk, village_id=village.id, held_on=dt.date(2026, 11, 16),
                                      attendees=[("李书记", "村党支部书记")])
    application()
    ctx = UiContext(reviewer, ChangeHub(), "test")
    dialog = BatchDecisionDialog(ctx, meeting)
    qtbot.addWidget(dialog)
    assert dialog.batch.currentData() == closed.batch_id
    dialog.refuse_choice.setChecked(True)
    accept_next_message_box(QMessageBox.Ok)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10000)
    assert LedgerEntry.get().status == EntryStatus.ENTERED and MeetingDecision.select().count() == 0
    dialog.reason.setText("签到名单与现场照片不符")
    dialog.save()
    qtbot.waitUntil(lambda: LedgerEntry.get().status == EntryStatus.REJECTED, timeout=10000)
    assert MeetingDecision.get().reason == "签到名单与现场照片不符"
