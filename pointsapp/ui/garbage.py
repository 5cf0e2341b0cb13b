"""Python's cyclic garbage collector, run on the UI thread only, between events.

Left automatic, the collector runs on whichever thread happens to allocate at the moment a threshold is
crossed: the database worker, or the UI thread in the middle of a view asking its model for a cell. A
collected reference cycle that holds a widget (a closure over a page, a dialog that refers to itself)
then destroys that widget off the UI thread, or while Qt is painting its neighbours: a rare crash that
no test reproduces on demand (the suite met one inside ``QAbstractTableModel.data``).

So automatic collection is switched off once the application exists, and a timer on the UI thread
collects each generation when its threshold has been passed, the same rule the interpreter uses, only
at a moment when nothing else is on the stack. Plain reference counting still frees everything that is
not in a cycle at once, as before.

What is alive when collection moves to the UI thread (the modules, classes and functions loaded at start-up,
~80,000 objects) is then set aside (``gc.freeze``): a full collection looks only at what the program made
since, a few milliseconds instead of 30–60 ms in which the window could not repaint.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_if_due() -> int:
    """Collect the generations whose thresholds are passed, youngest first; the number of objects found
    unreachable. Cheap when nothing is due."""
    thresholds, counts = gc.get_threshold(), gc.get_count()
    found = 0
    if counts[0] > thresholds[0]:
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 2 if counts[2] > thresholds[2] else 1
        found = gc.collect(generation)
    return found


class UiThreadCollector(QObject):
    """Owns the timer; made once per application by :func:`collect_on_ui_thread`."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(collect_if_due)
        self.timer.start()


def collect_on_ui_thread(app: QObject) -> UiThreadCollector:
    """Switch automatic collection off and collect on ``app``'s thread from now on (idempotent)."""
    existing = getattr(app, "_pointsapp_collector", None)  # not findChild: its first call loads PySide's
    if existing is not None:                                # signature machinery, a tenth of the app's start
        return existing
    gc.disable()
    gc.collect()  # garbage first: what is frozen is never collected
    gc.freeze()
    app._pointsapp_collector = UiThreadCollector(app)
    return app._pointsapp_collector
