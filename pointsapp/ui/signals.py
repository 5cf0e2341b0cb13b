"""Change notifications: an operation names what it changed (``services.changes.Changes``), ``ui.operations``
broadcasts it here once, and every open view that shows that data refreshes itself."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal, Slot

from pointsapp.services.changes import Changes


class ChangeHub(QObject):
    changed = Signal(object)  # the Changes of one operation
    households_changed = Signal()
    ledger_changed = Signal()
    rules_changed = Signal()
    shop_changed = Signal()
    stars_changed = Signal()
    users_changed = Signal()
    settings_changed = Signal()

    _BY_FLAG = (("LEDGER", "ledger_changed"), ("STARS", "stars_changed"), ("HOUSEHOLDS", "households_changed"),
                ("SHOP", "shop_changed"), ("RULES", "rules_changed"), ("USERS", "users_changed"),
                ("SETTINGS", "settings_changed"))

    def broadcast(self, changes: Changes) -> None:
        """Tell every view what one operation changed. Called by ``ui.operations`` only."""
        if not changes:
            return
        self.changed.emit(changes)
        for flag, signal in self._BY_FLAG:
            if changes & Changes[flag]:
                getattr(self, signal).emit()

    def follow(self, changes: Changes, receiver: QObject, slot: Callable[[], None]) -> None:
        """Call ``slot`` once after any operation that changed one of ``changes``, for as long as ``receiver``
        lives (one refresh, however many of the flags the operation names)."""
        _Follower(self, changes, receiver, slot)


class _Follower(QObject):
    """A child of the receiving view: deleted with it, which disconnects it from the hub."""

    def __init__(self, hub: ChangeHub, changes: Changes, receiver: QObject, slot: Callable[[], None]):
        super().__init__(receiver)
        self.changes, self.slot = changes, slot
        hub.changed.connect(self.on_changed)

    @Slot(object)
    def on_changed(self, changes: Changes) -> None:
        if changes & self.changes:
            self.slot()
