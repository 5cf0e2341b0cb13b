"""Every write a screen makes, run one way: ``run_op(parent, ctx, service_fn, **arguments)``.

The service call runs on the database worker (``ui.tasks``), never on the UI thread. A :class:`UserError` is shown
as its Chinese message; anything else is logged with its traceback and shown as one Chinese sentence naming the log
file (``ui.messages``). On success the change hub is told once what the operation changed — looked up in
``services.changes.WRITES`` for the service function — so every open view showing that data refreshes itself.
Nothing else in ``ui`` broadcasts a change."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from pointsapp.errors import UserError
from pointsapp.services import changes as service_changes
from pointsapp.services.changes import Changes
from pointsapp.ui.context import UiContext
from pointsapp.ui.messages import show_error
from pointsapp.ui.tasks import run_task

__all__ = ["Changes", "changes_of", "run_op"]

changes_of = service_changes.of


def run_op(parent: QWidget | None, ctx: UiContext, op: Callable[..., Any], /, *,
           success: Callable[[Any], None] | None = None, failure: Callable[[Exception], None] | None = None,
           label: str | None = None, changes: Changes | None = None, wants_progress: bool = False,
           refused: Callable[[UserError], None] | None = None, busy: QWidget | None = None, **arguments: Any):
    """Run ``op(actor=ctx.actor, **arguments)`` on the database worker.

    ``op`` is a service write listed in ``services.changes.WRITES``; a few steps that belong together (find a
    household, then reissue its card) may be a local function taking ``actor``, and then ``changes`` says what
    they change (``changes_of(service_fn)`` names a service's). With ``wants_progress``, ``op`` gets a
    ``report(text)`` callable as its one positional argument. ``success(result)`` runs on the UI thread after the broadcast; ``failure(exc)`` after the error
    was shown (to re-enable a button, keep a form open). ``refused`` shows a refusal (a :class:`UserError`) in the
    screen's own way instead of a message box (the till's status line); a bug is always shown in a box. ``busy``
    (a dialog, a button) is disabled until the operation has answered: a second Enter cannot save twice."""
    what = changes if changes is not None else service_changes.of(op)
    actor, hub = ctx.actor, ctx.hub

    def work(*report):
        return op(*report, actor=actor, **arguments)

    def answered() -> None:
        if busy is not None and isValid(busy):
            busy.setEnabled(True)

    def done(result) -> None:
        answered()
        if success is not None:
            success(result)

    def failed(exc: Exception) -> None:
        answered()
        if refused is not None and isinstance(exc, UserError):
            refused(exc)
        else:
            show_error(parent, exc)
        if failure is not None:
            failure(exc)

    if busy is not None:
        busy.setEnabled(False)
    return run_task(parent, work, success=done, failure=failed, label=label, wants_progress=wants_progress,
                    settled=lambda _result: hub.broadcast(what))
