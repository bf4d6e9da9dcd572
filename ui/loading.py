"""Reading lists off the UI thread: each load has its own connection; stale answers are dropped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils
from PySide6.QtCore import QObject, Signal, Slot

from ui import background
from ui.errors import show_error

T = TypeVar("T")


def read_file(path: Path, read: Callable[[sqlite_utils.Database], T]) -> T:
    """``read(db)`` on a connection of its own to the data file (for work off the UI thread:
    connections never cross threads)."""
    from storage.database import connect

    db = connect(path)
    try:
        return read(db)
    finally:
        db.close()


class Loader(QObject):
    """Runs ``read(db)`` on the global pool and hands the newest answer to ``on_done``.

    Asking again before an answer came back makes the older answer stale: it is dropped, so a
    quick run of filter changes or year switches never shows an out-of-date list.
    """

    loaded = Signal()  # after on_done ran (tests wait for it)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._job: background.Job | None = None
        self.busy = False

    def load(self, path: Path, read: Callable[[sqlite_utils.Database], Any],
             on_done: Callable[[Any], None]) -> None:
        """Read from the data file at ``path`` in the background; ``on_done(result)`` after."""
        self.run(lambda: read_file(path, read), on_done)

    def run(self, work: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run ``work()`` (no widgets, no shared connection) in the background; then
        ``on_done(result)`` on the UI thread, unless a newer request came first."""
        self._generation += 1
        generation = self._generation
        if self._job is not None:
            self._job.cancel()
        job = background.Job(lambda progress: work())
        self._job = job
        self.busy = True
        # A QObject receiver (not a lambda): if this loader goes away first, Qt disconnects it.
        reply = _Reply(self, generation, on_done)
        job.signals.finished.connect(reply.finished)
        job.signals.failed.connect(reply.failed)
        background.start(job)

    def _finished(self, generation: int, result: Any, on_done: Callable[[Any], None]) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self._job = None
        on_done(result)
        self.loaded.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self._job = None
        parent = self.parent()
        show_error(parent if parent is not None and parent.isWidgetType() else None, error)

    def forget(self) -> None:
        """Drop whatever answer is on its way (the file closed)."""
        self._generation += 1
        self.busy = False
        if self._job is not None:
            self._job.cancel()
            self._job = None


class _Reply(QObject):
    """Carries one load's answer back to its loader on the UI thread."""

    def __init__(self, loader: Loader, generation: int, on_done: Callable[[Any], None]) -> None:
        super().__init__(loader)
        self._loader = loader
        self._generation = generation
        self._on_done = on_done

    @Slot(object)
    def finished(self, result: Any) -> None:
        self.deleteLater()
        self._loader._finished(self._generation, result, self._on_done)

    @Slot(Exception)
    def failed(self, error: Exception) -> None:
        self.deleteLater()
        self._loader._failed(self._generation, error)
