"""The one way MentorDesk runs long work off the UI thread.

A :class:`Job` wraps a plain function ``work(progress)`` where ``progress(done, total)`` reports
progress and raises :class:`Cancelled` once the user pressed Cancel. The function must not touch
widgets and must open its own database connection (connections never cross threads).
Writes go through :data:`WRITER_POOL` (one thread), so two writes never race.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from storage.errors import KnownProblem


class Cancelled(Exception):
    """The user pressed Cancel; the job stops and its transaction rolls back."""


ProgressCallback = Callable[[int, int], None]


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(Exception)
    progress = Signal(int, int)
    cancelled = Signal()


# Owns every job's signal object, so the C++ object is only ever deleted on the UI thread (by
# deleteLater once the job reported back), never by a worker thread dropping the last reference.
_ANCHOR = QObject()


class Job(QRunnable):
    """Run ``work(progress)`` on a pool thread and report back through Qt signals."""

    def __init__(self, work: Callable[[ProgressCallback], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = JobSignals(_ANCHOR)
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # delivered to the UI thread, which decides how to show it
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()


WRITER_POOL = QThreadPool()
WRITER_POOL.setMaxThreadCount(1)

_running: set[Job] = set()


def start(job: Job, *, writes: bool = False) -> Job:
    """Start a job on the writer's pool (``writes=True``) or the global pool for reads."""
    _running.add(job)

    def ended(*_: object) -> None:
        _running.discard(job)
        job.signals.deleteLater()

    for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
        signal.connect(ended)
    (WRITER_POOL if writes else QThreadPool.globalInstance()).start(job)
    return job


def is_known_problem(error: Exception) -> bool:
    return isinstance(error, KnownProblem)
