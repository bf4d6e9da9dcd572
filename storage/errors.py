"""Errors that come from the world (a locked file, a full disk, a damaged file), not from bugs.

Each carries a sentence a facilitator can act on; the UI shows it as it is and the headless
commands print it and exit 1. :func:`explain` turns what SQLite and the operating system raise
(``sqlite3.Error``, ``OSError``) into one of these, naming the real cause: a full disk is not
"damage", and a folder MentorDesk may not write in is not a broken file. Anything it does not
recognise stays what it is: a bug, for the crash dialog and the crash log.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class KnownProblem(Exception):
    """A problem with the user's files or input, explained in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileInUse(KnownProblem):
    """Another MentorDesk is writing to this data file (or SQLite's lock stayed busy)."""


class NotAMentorDeskFile(KnownProblem):
    """The file is missing, empty where it should not be, or not a MentorDesk data file."""


class FileFromNewerVersion(KnownProblem):
    """The file was written by a newer MentorDesk than this one."""


class DamagedFile(KnownProblem):
    """SQLite's checks found damage, or the file's layout is not what MentorDesk made."""


class InvalidInput(KnownProblem):
    """A value typed or passed by the user cannot be used."""


class DiskFull(KnownProblem):
    """The disk (or the USB stick) has no room left."""


class NotAllowed(KnownProblem):
    """The operating system does not let MentorDesk write there (permissions, ownership)."""


class ReadOnlyFile(KnownProblem):
    """The data file is read-only: it can be read, not changed."""


class CannotWrite(KnownProblem):
    """Writing failed for another reason of the world's (a removed USB stick, an I/O error)."""


def _where(path: Path | str | None) -> str:
    return f" {Path(path).name}" if path else " the data file"


def _subject(path: Path | str | None) -> str:
    return Path(path).name if path else "The data file"


def explain(error: BaseException, path: Path | str | None = None) -> KnownProblem | None:
    """The plain sentence for an error the environment caused, or None for a bug.

    ``path`` names the file the work was on, so the sentence can say which one.
    """
    if isinstance(error, KnownProblem):
        return error
    if isinstance(error, sqlite3.Error):
        return _explain_sqlite(error, path)
    if isinstance(error, OSError):
        return _explain_os(error, path)
    return None


def _sqlite_words(error: sqlite3.Error) -> str:
    name = getattr(error, "sqlite_errorname", "") or ""
    return f"{name} {error}".lower()


def _explain_sqlite(error: sqlite3.Error, path: Path | str | None) -> KnownProblem | None:
    words = _sqlite_words(error)
    where = _where(path)
    folder = f'"{Path(path).resolve().parent}"' if path else "its folder"
    if "sqlite_full" in words or "database or disk is full" in words:
        return DiskFull(
            f"The disk is full, so MentorDesk could not save the change to{where}. Nothing was "
            "changed and the file is not damaged. Free some space (empty the Recycle Bin, move "
            "old files away), then try again.")
    if "readonly" in words or "read-only" in words or "attempt to write a readonly" in words:
        return ReadOnlyFile(
            f"{_subject(path)} is read-only (or "
            "belongs to another user), so MentorDesk can show it but not change it. Nothing was "
            "changed. Copy the file to your Documents folder and open the copy, or ask whoever "
            "looks after the computer to let you change it.")
    if "sqlite_cantopen" in words or "unable to open database file" in words:
        return NotAllowed(
            f"MentorDesk could not open{where}: it needs to make small working files beside it, "
            f"in the folder {folder}, and may not write there (or the folder is gone). The file "
            "itself is not damaged. Move it to a folder you can write in, such as your "
            "Documents folder, and open it from there.")
    if "sqlite_busy" in words or "database is locked" in words or "sqlite_locked" in words:
        return FileInUse(
            f"{_subject(path)} is busy: another program (another "
            "MentorDesk, a backup or sync tool) kept it locked for too long. Nothing was "
            "changed. Close the other program, or wait a minute, and try again.")
    if "sqlite_ioerr" in words or "disk i/o error" in words:
        return CannotWrite(
            f"The disk did not answer when MentorDesk read or wrote{where} (a USB stick taken "
            "out, a network drive gone, or a full disk). Nothing was changed. Check the disk, "
            "then try again; if it keeps happening, copy the file somewhere safe.")
    if "sqlite_notadb" in words or "file is not a database" in words or "malformed" in words \
            or "sqlite_corrupt" in words:
        return DamagedFile(
            f"{_subject(path)} is damaged and cannot be read. "
            "Restore the latest backup with File > Restore from a backup.")
    return None


def _explain_os(error: OSError, path: Path | str | None) -> KnownProblem | None:
    named = error.filename or path
    target = f'"{named}"' if named else "the file"
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(
            f"The disk is full, so MentorDesk could not write {target}. Free some space (empty "
            "the Recycle Bin, move old files away), then try again.")
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return NotAllowed(
            f"MentorDesk may not write {target}: the folder or the file does not allow it (it "
            "may belong to another user). Choose a folder you can write in, such as your "
            "Documents folder, or ask whoever looks after the computer.")
    if error.errno == errno.EROFS:
        return ReadOnlyFile(
            f"{target} is on a disk that can only be read (a locked USB stick or a CD). Choose "
            "another place to save.")
    if isinstance(error, IsADirectoryError):
        return CannotWrite(
            f"There is a folder named {target} where MentorDesk needs to write a file. Rename or "
            "move that folder, then try again.")
    if error.errno in (errno.EIO, errno.ENODEV, errno.ENXIO):
        return CannotWrite(
            f"The disk did not answer when MentorDesk wrote {target} (a USB stick taken out, a "
            "network drive gone). Check the disk and try again.")
    return None


@contextmanager
def translated(path: Path | str | None = None) -> Iterator[None]:
    """Inside the block, errors the world caused become their plain :class:`KnownProblem`."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        known = explain(error, path)
        if known is None:
            raise
        raise known from error
