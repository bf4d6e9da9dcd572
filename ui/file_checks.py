"""The whole-file integrity check and the day's automatic backup, once the window is up.

They read the whole file, which takes a while on a big school: the window shows first, then they
run on the writer's thread (never beside an import or another background write). A file that
fails the check is closed at once, before anything more is written to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from storage.errors import DamagedFile
from ui import background
from ui.errors import show_error


def start_file_checks(window: QMainWindow, path: Path) -> background.Job:
    """Check ``path`` and take its daily backup in the background; close it if damaged."""

    def work(progress) -> Path | None:
        from storage.database import check_and_back_up

        return check_and_back_up(path)

    job = background.Job(work)
    window.file_checks = job  # the self-test and the tests wait for it

    def failed(error: Exception) -> None:
        desk = window.desk
        if isinstance(error, DamagedFile) and desk.data is not None and desk.data.path == path:
            # Nothing more is written to a damaged file, and no closing copy of it goes among
            # the good backups.
            desk.data.backup_on_close = False
            desk.set_data(None)
        show_error(window, error)

    def finished(_taken: Path | None) -> None:
        from ui.life_cycle_commands import update_backup_status

        if window.desk.data is not None and window.desk.data.path == path:
            update_backup_status(window)  # the status bar says when the last copy was taken

    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    background.start(job, writes=True)
    return job
