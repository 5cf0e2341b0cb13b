"""What the screen tests share: a context for an actor, and waiting for the writes a screen ran on the worker."""
from __future__ import annotations

from pointsapp.services.auth import Actor
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub


def ctx_of(actor: Actor, hub: ChangeHub | None = None) -> UiContext:
    return UiContext(actor=actor, hub=hub or ChangeHub(), db_description="test")


def settle(qtbot, timeout: int = 15000) -> None:
    """Wait until every operation run through ``ui.operations.run_op`` (or ``run_task``) has reported back, its
    broadcast sent and its success or error shown: what a user sees a moment after the click."""
    from pointsapp.ui import tasks

    qtbot.waitUntil(lambda: not tasks.busy(), timeout=timeout)
