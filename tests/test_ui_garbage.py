"""Python's cycle collector runs on the UI thread between events, never automatically (pointsapp.ui.garbage)."""
from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication

from pointsapp.ui.garbage import collect_if_due, collect_on_ui_thread


class Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the collector frees it


def test_the_application_collects_on_its_own_thread_and_only_there(qtbot):
    app = QApplication.instance()
    collector = collect_on_ui_thread(app)
    assert collect_on_ui_thread(app) is collector  # once per application
    assert not gc.isenabled()  # no automatic collection on whichever thread allocates
    old = gc.get_threshold()
    gc.set_threshold(50, 10, 10)
    try:
        gc.collect()
        freed_on = []
        node = Node()
        weakref.finalize(node, lambda: freed_on.append(threading.current_thread()))
        del node
        garbage = [Node() for _ in range(200)]  # past the youngest generation's threshold
        del garbage
        assert freed_on == []  # nothing collected it while we allocated
        qtbot.waitUntil(lambda: bool(freed_on), timeout=3000)  # the timer did, between events
        assert freed_on == [threading.main_thread()]
    finally:
        gc.set_threshold(*old)


def test_nothing_is_collected_until_a_threshold_is_passed():
    old = gc.get_threshold()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        gc.set_threshold(100000, 10, 10)
        node = Node()
        ref = weakref.ref(node)
        del node
        assert collect_if_due() == 0 and ref() is not None
        gc.set_threshold(1, 10, 10)
        Node(), Node()
        assert collect_if_due() > 0 and ref() is None
    finally:
        gc.set_threshold(*old)
        if was_enabled:
            gc.enable()
