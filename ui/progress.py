"""A progress dialog with Cancel, wired to a background :class:`ui.background.Job`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui import background
from ui.errors import show_error


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[background.ProgressCallback], Any],
    on_done: Callable[[Any], None],
    *,
    writes: bool = False,
    on_cancelled: Callable[[], None] | None = None,
    on_failed: Callable[[Exception], None] | None = None,
) -> background.Job:
    """Run ``work`` off the UI thread behind a modal progress dialog with a Cancel button."""
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("MentorDesk")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(label)
    job = background.Job(work)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(error: Exception) -> None:
        dialog.close()
        if on_failed is not None:
            on_failed(error)
        else:
            show_error(parent, error)

    def cancelled() -> None:
        dialog.close()
        if on_cancelled is not None:
            on_cancelled()

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    dialog.canceled.connect(job.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText("Stopping…"))
    background.start(job, writes=writes)
    return job
