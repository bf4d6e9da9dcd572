"""The crash log: a bug's details saved to a file, below both faces (window and commands).

Each report gets a name of its own (two crashes in one second keep both), is created
owner-only without following links, and writing it never raises: when the logs folder cannot be
written, the system's temporary folder is tried, and failing that the caller is told there is no
file (the user then sees a sentence, never a raw traceback). Hard crashes that kill the process
(a segmentation fault inside Qt) are written by :mod:`faulthandler` into the same folder.
"""

from __future__ import annotations

import atexit
import contextlib
import faulthandler
import os
import tempfile
import traceback
from pathlib import Path
from typing import IO

from storage import clock

HARD_CRASH_FILE = "hard-crash-watch.txt"
_hard_crash_handle: IO[str] | None = None


def crash_folder() -> Path:
    """Where crash reports go (the logs folder in MentorDesk's data folder)."""
    from storage.paths import logs_folder

    return logs_folder()


def _create_private(folder: Path, stem: str) -> tuple[Path, int]:
    """A new file ``stem.txt`` (or ``stem-2.txt``, ...) created owner-only, never a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for number in range(1, 1000):
        path = folder / (f"{stem}.txt" if number == 1 else f"{stem}-{number}.txt")
        try:
            return path, os.open(path, flags, 0o600)
        except FileExistsError:
            continue
    raise FileExistsError(folder / f"{stem}.txt")


def write_crash_report(error: BaseException, *, title: str = "MentorDesk crash report"
                       ) -> Path | None:
    """Save a bug's details to a new log file; its path, or None when none could be written."""
    moment = clock.now()
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    text = f"{title}\n{moment.isoformat()}\n\n{details}"
    for folder in _candidate_folders():
        try:
            path, handle = _create_private(folder, f"crash-{moment:%Y-%m-%d-%H%M%S}")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            return path
        except OSError:
            continue
    return None


def _candidate_folders() -> list[Path]:
    folders = []
    with contextlib.suppress(OSError):
        folders.append(crash_folder())
    with contextlib.suppress(OSError):
        folders.append(Path(tempfile.gettempdir()))
    return folders


def enable_hard_crash_log() -> Path | None:
    """Let :mod:`faulthandler` write a hard crash's traceback into the crash folder.

    A file is kept open for it while the program runs; a normal exit removes it. A watch file
    left non-empty by a crash the last time is kept as a crash report of its own first.
    Returns the watch file's path (None when the folder cannot be written: then nothing).
    """
    global _hard_crash_handle
    if _hard_crash_handle is not None:
        return Path(_hard_crash_handle.name)
    try:
        folder = crash_folder()
        watch = folder / HARD_CRASH_FILE
        keep_previous_hard_crash(watch)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        handle = os.fdopen(os.open(watch, flags, 0o600), "w", encoding="utf-8")
    except OSError:
        return None
    handle.write(f"MentorDesk hard crash report (the program was stopped by the system)\n"
                 f"started {clock.now().isoformat()}\n\n")
    handle.flush()
    faulthandler.enable(file=handle, all_threads=True)
    _hard_crash_handle = handle
    atexit.register(_close_hard_crash_log, watch)
    return watch


def keep_previous_hard_crash(watch: Path) -> Path | None:
    """A watch file that holds a traceback becomes ``crash-...-hard.txt``; returns it."""
    try:
        text = watch.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if "Fatal Python error" not in text and "Traceback" not in text \
            and "Current thread" not in text:
        return None
    stamp = clock.now()
    try:
        path, handle = _create_private(watch.parent, f"crash-{stamp:%Y-%m-%d-%H%M%S}-hard")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        watch.unlink()
    except OSError:
        return None
    return path


def _close_hard_crash_log(watch: Path) -> None:
    global _hard_crash_handle
    if _hard_crash_handle is None:
        return
    with contextlib.suppress(Exception):
        faulthandler.disable()
    with contextlib.suppress(OSError):
        _hard_crash_handle.close()
        watch.unlink()
    _hard_crash_handle = None
