"""Change notifications: after a service call succeeds, the caller emits what changed and
every open view refreshes itself (instead of being poked by the caller)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeHub(QObject):
    households_changed = Signal()
    ledger_changed = Signal()
    rules_changed = Signal()
    shop_changed = Signal()
    stars_changed = Signal()
    users_changed = Signal()
    settings_changed = Signal()
