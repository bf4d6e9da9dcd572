"""The backups a data file has: found in its folder (and an older version's shared one), each
with its kind, when it was taken and what it holds; nothing here writes a copy.

A backup's name says its kind and its moment: ``STEM-auto-DAY-TIME.sqlite`` (automatic),
``STEM-DAY-TIME.sqlite`` (made by hand), ``STEM-before-update-from-vN-DAY-TIME.sqlite`` and
``STEM-before-restore-DAY-TIME.sqlite``; older automatic copies name only their day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from storage.paths import backups_folder, legacy_backups_folder, make_private_folder

AUTOMATIC, MANUAL, BEFORE_UPDATE, BEFORE_RESTORE = (
    "automatic", "manual", "before update", "before restore")
SQLITE_HEADER = b"SQLite format 3\x00"

# What follows "STEM-" in a backup's name.
_NAME = re.compile(
    r"^(?:(?P<auto>auto-)|(?P<update>before-update-from-v\d+-)|(?P<restore>before-restore-))?"
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:-(?P<time>\d{6}))?(?:-(?P<n>\d+))?\.sqlite$")

@dataclass(frozen=True)
class Backup:
    """One backup: where it is, when it was taken, what kind it is and what it holds."""

    path: Path
    taken_at: dt.datetime
    kind: str
    students: int | None = None
    meetings: int | None = None
    last_change: str | None = None
    problem: str | None = None  # why it cannot be restored (damaged, not MentorDesk's, newer)

    def document(self) -> dict:
        """The ``backups --json`` entry."""
        return {"path": str(self.path), "taken_at": self.taken_at.isoformat(),
                "kind": self.kind, "students": self.students, "meetings": self.meetings,
                "last_change": self.last_change, "problem": self.problem}


# Reading the folder ---------------------------------------------------------------------------


def kind_and_time(name: str, stem: str, path: Path) -> tuple[str, dt.datetime] | None:
    """(kind, moment taken) of a file named like a backup of the data file ``stem``, else None."""
    if not name.startswith(stem + "-"):
        return None
    match = _NAME.match(name[len(stem) + 1:])
    if not match:
        return None
    day = dt.date.fromisoformat(match["day"])
    if match["time"]:
        taken = dt.datetime.combine(day, dt.datetime.strptime(match["time"], "%H%M%S").time())
    else:
        taken = _time_of_day_from_file(path, day)
    kind = (AUTOMATIC if match["auto"] else BEFORE_UPDATE if match["update"]
            else BEFORE_RESTORE if match["restore"] else MANUAL)
    return kind, taken


def _time_of_day_from_file(path: Path, day: dt.date) -> dt.datetime:
    """Older automatic copies name only their day; the file's own time gives the hour."""
    try:
        written = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    except OSError:
        written = None
    if written is not None and written.date() == day:
        return written
    return dt.datetime.combine(day, dt.time(0, 0))


def _candidates(data_file: Path) -> list[tuple[Path, str, dt.datetime]]:
    """Every backup file of ``data_file``: its own folder, and what an older version's shared
    folder holds that belongs to it (see :func:`_legacy_belongs`)."""
    found = []
    folder = backups_folder(data_file)
    sources = [folder] if folder.is_dir() else []
    legacy = legacy_backups_folder(data_file)
    if legacy.is_dir() and legacy != folder:
        sources.append(legacy)
    for source in sources:
        for path in source.iterdir():
            if not path.is_file() or path.is_symlink():
                continue
            parsed = kind_and_time(path.name, data_file.stem, path)
            if parsed is None:
                continue
            if source != folder and not _legacy_belongs(path, data_file):
                continue
            found.append((path, *parsed))
    return found


def automatic_of(data_file: Path) -> list[Backup]:
    """The automatic copies in the data file's own folder."""
    return [Backup(path, taken, kind) for path, kind, taken in _candidates(data_file)
            if kind == AUTOMATIC and path.parent == backups_folder(data_file)]


def list_backups(data_file: Path) -> list[Path]:
    """Every backup of ``data_file``, newest first."""
    found = sorted(_candidates(data_file), key=lambda item: item[2], reverse=True)
    return [path for path, _, _ in found]


def backups_of(data_file: Path) -> list[Backup]:
    """Every backup of ``data_file`` with what it holds, newest first (each is checked for
    damage only when it is chosen: reading every page of every copy would keep a list waiting).
    """
    found = sorted(_candidates(data_file), key=lambda item: item[2], reverse=True)
    return [describe(path, kind=kind, taken_at=taken, check=False)
            for path, kind, taken in found]


def describe(path: Path, *, kind: str | None = None, taken_at: dt.datetime | None = None,
             check: bool = True) -> Backup:
    """What a backup file holds (students, meetings, last change), or why it cannot be used
    (``check``: SQLite's quick check for damage too)."""
    from storage.migrations import APPLICATION_ID, LATEST_VERSION

    path = Path(path)
    if taken_at is None:
        taken_at = _time_of_day_from_file(path, dt.date.min)
        with contextlib.suppress(OSError):
            taken_at = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    kind = kind or MANUAL
    if not _looks_like_sqlite(path):
        return Backup(path, taken_at, kind, problem=f"{path.name} is not a MentorDesk backup.")
    try:
        connection = read_only(path)
    except sqlite3.Error:
        return Backup(path, taken_at, kind, problem=f"{path.name} cannot be read.")
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if application_id != APPLICATION_ID and not {"students", "_sqlite_migrations"} <= tables:
            return Backup(path, taken_at, kind,
                          problem=f"{path.name} is a database, but not a MentorDesk file.")
        if version > LATEST_VERSION:
            return Backup(path, taken_at, kind, problem=(
                f"{path.name} was saved by a newer version of MentorDesk. Install the latest "
                "MentorDesk to restore it."))
        if check and connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return Backup(path, taken_at, kind, problem=f"{path.name} is damaged.")
        students = connection.execute("SELECT count(*) FROM students").fetchone()[0]
        meetings = connection.execute("SELECT count(*) FROM meetings").fetchone()[0]
        last = connection.execute("SELECT max(at) FROM activity").fetchone()[0]
    except sqlite3.Error:
        return Backup(path, taken_at, kind, problem=f"{path.name} is damaged.")
    finally:
        connection.close()
    return Backup(path, taken_at, kind, students, meetings, last)


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a copy (it is looked at, never changed)."""
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True,
                           isolation_level=None)


def last_backup_time(db: sqlite_utils.Database, data_file: Path) -> dt.datetime | None:
    """When the newest copy of this file was taken: in its backups folder, or (Back up to...)
    somewhere the user chose, as the history remembers."""
    times = [taken for _, _, taken in _candidates(data_file)]
    row = db.execute("SELECT max(at) FROM activity WHERE action = 'backup'").fetchone()
    if row and row[0]:
        with contextlib.suppress(ValueError):
            times.append(dt.datetime.fromisoformat(row[0]))
    return max(times, default=None)


# Older versions' shared folders ---------------------------------------------------------------


def _fingerprint(connection: sqlite3.Connection) -> str | None:
    """When the file's first migration ran: the same in a file and in every copy of it."""
    try:
        row = connection.execute(
            "SELECT applied_at FROM _sqlite_migrations WHERE name = '0001_initial'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _legacy_belongs(backup: Path, data_file: Path) -> bool:
    """Does a backup in an older version's ``STEM backups`` folder belong to ``data_file``?

    Yes when no other data file beside it has the same stem; otherwise only when the copy
    comes from the same file (the moment its first migration ran is the same).
    """
    data_file = data_file.resolve()
    others = [path for path in data_file.parent.glob(f"{data_file.stem}.*")
              if path != data_file and path.is_file() and _looks_like_sqlite(path)]
    if not others:
        return True
    try:
        mine, theirs = read_only(data_file), read_only(backup)
    except sqlite3.Error:
        return False
    try:
        ours = _fingerprint(mine)
        return ours is not None and ours == _fingerprint(theirs)
    finally:
        mine.close()
        theirs.close()


def adopt_legacy_backups(db: sqlite_utils.Database, data_file: Path) -> list[Path]:
    """Move this file's copies from an older version's shared folder into its own folder."""
    legacy = legacy_backups_folder(data_file)
    folder = backups_folder(data_file)
    if not legacy.is_dir() or legacy == folder:
        return []
    moved = []
    for path, _, _ in _candidates(data_file):
        if path.parent != legacy:
            continue
        make_private_folder(folder)
        target = folder / path.name
        if target.exists():
            continue
        try:
            os.replace(path, target)
        except OSError:
            continue
        moved.append(target)
    with contextlib.suppress(OSError):
        legacy.rmdir()  # only when nothing else is left in it
    return moved
