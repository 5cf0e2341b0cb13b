"""Running a service call off the UI thread, with a progress dialog for long work.

``run_task(parent, fn, success=…)`` calls ``fn()`` on the single database worker
thread; the dialog appears only when the work lasts longer than ~0.6 s. A
:class:`UserError` is shown as a Chinese message; anything else is logged and shown
as an internal error. Callbacks run on the UI thread.
"""
from __future__ import annotations

import itertools
import logging
import queue
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from pointsapp.services.ops.session import friendly_db_errors
from pointsapp.errors import UserError
from pointsapp.ui.messages import show_error

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None
_side: QThreadPool | None = None


def db_pool() -> QThreadPool:
    """One worker thread: database work never runs from two threads at once."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


def side_pool() -> QThreadPool:
    """A thread for work that never touches the app's database connection (copying and checking a SQLite
    file through connections of its own): it runs beside the database worker, not queued behind it."""
    global _side
    if _side is None:
        _side = QThreadPool()
        _side.setMaxThreadCount(1)
    return _side


# Results travel from the worker thread to the UI thread through a plain queue, drained by a
# timer on the UI thread: no Qt object is touched from the worker (PySide6 can report a signal
# source "deleted" when a signal is emitted from a pool thread).
_results: "queue.SimpleQueue[tuple]" = queue.SimpleQueue()
_handlers: dict[int, "_Handlers"] = {}
_ids = itertools.count(1)
_drain_timer: QTimer | None = None


class _Handlers:
    def __init__(self, done, failed, progress):
        self.done, self.failed, self.progress = done, failed, progress


def _drain() -> None:
    while True:
        try:
            job_id, what, args = _results.get_nowait()
        except queue.Empty:
            break
        handlers = _handlers.get(job_id)
        if handlers is not None:
            getattr(handlers, what)(*args)
    if not _handlers and _drain_timer is not None:
        _drain_timer.stop()


_WAKE = QEvent.Type(QEvent.registerEventType())


class _Waker(QObject):
    """Made on the UI thread: a worker that has put a result in the queue posts it an event
    (``QCoreApplication.postEvent`` is thread-safe, and no signal is emitted), and the UI thread drains the queue at
    once instead of at the timer's next tick (up to 5 ms later: a third of a small page's first show)."""

    def event(self, event):  # noqa: D102 (Qt name)
        if event.type() == _WAKE:
            _drain()
            return True
        return super().event(event)


_waker: _Waker | None = None


def _wake() -> None:
    """On a worker, after a result is queued: the UI thread picks it up now."""
    waker = _waker
    if waker is not None:
        QCoreApplication.postEvent(waker, QEvent(_WAKE))


def _start_draining() -> None:
    global _drain_timer, _waker
    if _waker is None:
        _waker = _Waker()
    if _drain_timer is None:
        _drain_timer = QTimer()
        _drain_timer.setInterval(5)  # progress reports, and a result missed by the wake-up, wait at most 5 ms
        _drain_timer.timeout.connect(_drain)
    if not _drain_timer.isActive():
        _drain_timer.start()


def _without_frames(exc: BaseException) -> BaseException:
    """The exception without its tracebacks (already formatted): their frames hold the widgets whose work
    failed, and the last reference to a widget must never be dropped on this worker thread."""
    seen, link = set(), exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], wants_progress: bool):
        super().__init__()
        self.id = next(_ids)
        self.fn, self.wants_progress = fn, wants_progress
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            with friendly_db_errors():  # disk full, read-only folder: a Chinese message, the database unchanged
                if self.wants_progress:
                    result = self.fn(lambda text: _results.put((self.id, "progress", (text,))))
                else:
                    result = self.fn()
        except Exception as exc:  # reported on the UI thread
            tb = traceback.format_exc()  # before the frames go: formatted after, the log lost the traceback
            _results.put((self.id, "failed", (_without_frames(exc), tb)))
        else:
            _results.put((self.id, "done", (result,)))
        _wake()


_running: set[_Job] = set()


def run_on_worker_and_wait(fn: Callable[[], Any]) -> None:
    """Run ``fn`` on the database worker thread and wait for it, e.g. to close the worker's own
    connection before a restore. Its outcome is not reported.

    Always through a :class:`_Job` (never ``QRunnable.create``): an auto-deleted runnable leaves a stale
    Python wrapper behind, and PySide then hands that wrapper out for the next C++ object allocated at
    the same address (a selection model came back as a QRunnable)."""
    job = _Job(fn, False)
    _running.add(job)
    db_pool().start(job)
    db_pool().waitForDone()
    _running.discard(job)


def forget_all() -> None:
    """Let the workers finish what they were given, then drop every result nobody waits for any more
    (the end of a test: its widgets and database are about to go)."""
    for pool in (_pool, _side):
        if pool is not None:
            pool.waitForDone()
    _handlers.clear()
    _running.clear()
    while not _results.empty():
        _results.get_nowait()


def run_task(parent: QWidget | None, fn: Callable[..., Any], *, success: Callable[[Any], None] | None = None,
             failure: Callable[[Exception], None] | None = None, label: str | None = None,
             wants_progress: bool = False, settled: Callable[[Any], None] | None = None) -> _Job:
    """Run ``fn`` in the background. With ``wants_progress`` it gets a ``report(text)`` callable. ``settled``
    gets the result even when ``parent`` was closed meanwhile (``success`` then is not called)."""
    job = _Job(fn, wants_progress)
    dialog, timer = _delayed_progress(label or QCoreApplication.translate("tasks", "正在处理…"), parent,
                                      Qt.WindowModal)

    def finish() -> bool:
        """Tidy up; False when the parent widget was closed while the work ran (nobody to tell)."""
        _forget(job)
        if isValid(timer):
            timer.stop()
        if isValid(dialog):
            dialog.close()
            dialog.deleteLater()
        return parent is None or isValid(parent)

    def on_done(result):
        alive = finish()
        if settled:
            settled(result)
        if alive and success:
            success(result)

    def on_failed(exc, tb):
        alive = finish()
        if not isinstance(exc, UserError):
            log.error("background task failed:\n%s", tb)
        if not alive:
            return
        if failure:
            failure(exc)
        else:
            show_error(parent, exc)

    def on_progress(text):
        if isValid(dialog):
            dialog.setLabelText(text)

    return _submit(job, db_pool(), on_done, on_failed, on_progress)


def busy() -> bool:
    """Whether any background work has not reported back yet (tests wait for it to settle)."""
    return bool(_handlers)


def run_quietly(fn: Callable[[], Any], *, success: Callable[[Any], None] | None = None,
                failure: Callable[[Exception], None] | None = None, beside_database: bool = False,
                owner: QObject | None = None) -> _Job:
    """Run ``fn`` in the background with no progress dialog, for work nobody need wait for (the automatic
    backup). ``beside_database``: on :func:`side_pool`, for work that never touches the app's database
    connection. Callbacks run on the UI thread, and not at all once ``owner`` (whose methods they are) has
    been deleted; a failure without ``failure`` is logged."""
    job = _Job(fn, False)

    def finish() -> bool:
        _forget(job)
        return owner is None or isValid(owner)

    def on_done(result):
        if finish() and success:
            success(result)

    def on_failed(exc, tb):
        alive = finish()
        if failure and alive:
            failure(exc)
        elif not isinstance(exc, UserError):
            log.error("background task failed:\n%s", tb)
        else:
            log.warning("background task: %s", exc)

    return _submit(job, side_pool() if beside_database else db_pool(), on_done, on_failed, lambda _text: None)


def wait_beside(fn: Callable[[], Any], label: str) -> Any:
    """Run ``fn`` beside the database worker and wait for its result with the event loop turning, for work
    before any window exists (the start-up check of the database file). A progress box appears when it lasts
    longer than ~0.6 s. ``fn``'s exception is raised here."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def settle(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    dialog, timer = _delayed_progress(label, None, Qt.ApplicationModal)
    run_quietly(fn, success=lambda result: settle("result", result),
                failure=lambda exc: settle("error", exc), beside_database=True)
    if not outcome:  # results arrive through the event loop only: none can have come yet
        loop.exec()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _delayed_progress(label: str, parent: QWidget | None,
                      modality: Qt.WindowModality) -> tuple[QProgressDialog, QTimer]:
    """A busy box without a cancel button that shows itself once the work has lasted 0.6 s (stop the timer
    and close the box when it is done)."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("tasks", "请稍候"))
    dialog.setCancelButton(None)
    dialog.setWindowModality(modality)
    dialog.setMinimumDuration(600)
    dialog.reset()
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(600)
    return dialog, timer


def _forget(job: _Job) -> None:
    """A finished job's bookkeeping. Its work (a closure over widgets) is let go here, on the UI thread: were
    the worker to drop the last reference to a widget, PySide would delete it off the UI thread (a rare crash,
    seen in the suite)."""
    job.fn = None
    _running.discard(job)
    _handlers.pop(job.id, None)


def _submit(job: _Job, pool: QThreadPool, on_done, on_failed, on_progress) -> _Job:
    _handlers[job.id] = _Handlers(on_done, on_failed, on_progress)
    _running.add(job)
    _start_draining()
    pool.start(job)
    return job
