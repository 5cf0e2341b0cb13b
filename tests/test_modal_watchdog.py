"""The test run's modal watchdog closes a box nobody answers, so a forgotten dialog fails its test."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.modal_watchdog import ModalWatchdog


def test_an_unanswered_message_box_is_closed_and_named(qtbot):
    watchdog = ModalWatchdog(patience=0.3, interval_ms=50).start()
    box = QMessageBox(QMessageBox.Warning, "积分超市", "这张积分卡已挂失作废。", QMessageBox.Ok | QMessageBox.Cancel)
    qtbot.addWidget(box)
    answer = box.exec()  # without the watchdog this would wait for ever
    watchdog.stop()
    assert answer == QMessageBox.Cancel  # rejected, as Esc would
    assert watchdog.closed == ["QMessageBox 「积分超市」 这张积分卡已挂失作废。"]


def test_a_static_input_dialog_is_closed_too(qtbot):
    watchdog = ModalWatchdog(patience=0.3, interval_ms=50).start()
    text, ok = QInputDialog.getText(None, "作废兑换", "原因：")
    watchdog.stop()
    assert (text, ok) == ("", False)
    assert len(watchdog.closed) == 1 and "作废兑换" in watchdog.closed[0]


def test_a_box_answered_in_time_is_left_alone(qtbot):
    from PySide6.QtCore import QTimer

    watchdog = ModalWatchdog(patience=5, interval_ms=50).start()
    box = QMessageBox(QMessageBox.Question, "确认", "确定授星吗？", QMessageBox.Yes | QMessageBox.No)
    qtbot.addWidget(box)
    QTimer.singleShot(200, lambda: box.button(QMessageBox.Yes).click())
    assert box.exec() == QMessageBox.Yes
    watchdog.stop()
    assert watchdog.closed == []
