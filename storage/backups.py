"""Copies of the data file, always through SQLite's online backup API (never a raw file copy).

Each data file has its own backups folder beside it, named after the whole file name
(``school.sqlite backups``), so two files with the same stem never share one. Kinds of copy:

- automatic: when the window opens a file (at most one a day), and again when it closes the
  file after a day's work (so the first day's work is backed up too); the newest 14 days are
  kept, plus the last one of every earlier month;
- manual: File > Back up now; never pruned;
- before update: taken before a migration changes the file's layout; never pruned;
- before restore: the file as it was, set aside before a backup was restored over it.

A copy is written to an owner-only temporary file in the target folder and renamed into place
only once complete; temporary files a killed backup left behind are cleaned up by the next one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from storage import clock
from storage.backup_list import AUTOMATIC as AUTOMATIC
from storage.backup_list import BEFORE_RESTORE as BEFORE_RESTORE
from storage.backup_list import BEFORE_UPDATE as BEFORE_UPDATE
from storage.backup_list import MANUAL as MANUAL
from storage.backup_list import Backup as Backup
from storage.backup_list import adopt_legacy_backups as adopt_legacy_backups
from storage.backup_list import automatic_of, kind_and_time, read_only
from storage.backup_list import backups_of as backups_of
from storage.backup_list import describe as describe
from storage.backup_list import last_backup_time as last_backup_time
from storage.backup_list import list_backups as list_backups
from storage.errors import InvalidInput, KnownProblem, explain
from storage.paths import backups_folder, make_private_folder

KEEP_DAILY = 14

_PART = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.part(?:-journal|-wal|-shm)?$")
_in_progress: set[Path] = set()

Progress = Callable[[int, int], None]


# Writing copies -------------------------------------------------------------------------------


def backup_to(db: sqlite_utils.Database, target: Path, progress: Progress | None = None
              ) -> Path:
    """Write a consistent copy of the open database to ``target``, atomically.

    The copy goes to a temporary file in the target's folder first, owner-only from its
    creation, and replaces ``target`` only once complete, so a full disk or a crash never leaves
    half a backup under the real name (and the next backup removes what is left).
    """
    target = Path(target).expanduser()
    if not target.name or target.name in (".", ".."):
        raise InvalidInput("Name the backup file, for example school-backup.sqlite.")
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder. Name a file inside it for the backup, for "
                           "example school-backup.sqlite.")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        make_private_folder(target.parent)
        remove_stale_parts(target.parent)
        _in_progress.add(temporary)
        _create_private(temporary)
        destination = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            # No journal file beside the copy: a killed backup leaves only the temporary file.
            destination.execute("PRAGMA journal_mode = OFF")
            _copy(db.conn, destination, progress)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        os.replace(temporary, target)
    except (OSError, sqlite3.Error) as error:
        _remove_quietly(temporary)
        known = explain(error, target)
        reason = known.message if known is not None else (
            f"{getattr(error, 'strerror', None) or error}. Check that the folder exists, that "
            "there is free space, and that you may write there.")
        raise KnownProblem(f"MentorDesk could not write the backup {target.name}: {reason}"
                           ) from None
    except BaseException:
        _remove_quietly(temporary)
        raise
    finally:
        _in_progress.discard(temporary)
    return target


def _copy(source: sqlite3.Connection, destination: sqlite3.Connection,
          progress: Progress | None) -> None:
    if progress is None:
        source.backup(destination)
        return

    def step(status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    source.backup(destination, pages=64, progress=step)


def _create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only; never through a link (O_EXCL refuses one)."""
    _remove_quietly(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, 0o600))


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove temporary files that killed backups left in ``folder``; return them."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _PART.match(path.name)
        if not match or path in _in_progress or path.with_name(
                path.name.split(".part")[0] + ".part") in _in_progress:
            continue
        pid = match["pid"]
        if pid is not None and int(pid) != os.getpid() and _process_alive(int(pid)):
            continue
        if path.is_symlink() or path.is_file():
            _remove_quietly(path)
            if not path.exists():
                removed.append(path)
    return removed


def _process_alive(pid: int) -> bool:
    if os.name == "nt":
        return False  # an open file cannot be removed there: the unlink itself refuses
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stamp(now: dt.datetime) -> str:
    return f"{now:%Y-%m-%d-%H%M%S}"


def _free_name(folder: Path, stem: str) -> Path:
    """``stem.sqlite``, or ``stem-2.sqlite``... when a copy was taken in the same second."""
    path = folder / f"{stem}.sqlite"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.sqlite"
        number += 1
    return path


def manual_backup(db: sqlite_utils.Database, data_file: Path, now: dt.datetime | None = None,
                  progress: Progress | None = None) -> Path:
    """File > Back up now: a timestamped copy in the backups folder."""
    now = now or clock.now()
    folder = backups_folder(data_file)
    return backup_to(db, _free_name(folder, f"{data_file.stem}-{_stamp(now)}"), progress)


def backup_before_update(db: sqlite_utils.Database, data_file: Path, version: int) -> Path:
    """The copy taken before a migration changes the file's layout."""
    folder = backups_folder(data_file)
    name = f"{data_file.stem}-before-update-from-v{version}-{_stamp(clock.now())}"
    return backup_to(db, _free_name(folder, name))


def backup_before_restore(db: sqlite_utils.Database, data_file: Path) -> Path:
    """The file as it is, set aside before a backup is restored over it."""
    folder = backups_folder(data_file)
    name = f"{data_file.stem}-before-restore-{_stamp(clock.now())}"
    return backup_to(db, _free_name(folder, name))


def set_aside_unreadable(data_file: Path) -> Path:
    """Move a file SQLite cannot copy (damaged) into the backups folder, with its journal."""
    folder = backups_folder(data_file)
    make_private_folder(folder)
    target = _free_name(folder, f"{data_file.stem}-before-restore-{_stamp(clock.now())}")
    os.replace(data_file, target)
    for suffix in ("-wal", "-shm"):
        beside = Path(str(data_file) + suffix)
        if beside.exists():
            os.replace(beside, Path(str(target) + suffix))
    return target


def automatic_backup(
    db: sqlite_utils.Database, data_file: Path, today: dt.date | None = None
) -> Path | None:
    """Today's automatic copy, unless one exists already; then prune old automatic copies."""
    today = today or clock.today()
    if any(backup.taken_at.date() == today for backup in automatic_of(data_file)):
        return None
    return _take_automatic(db, data_file)


def closing_backup(db: sqlite_utils.Database, data_file: Path) -> Path | None:
    """When the window closes a file: today's automatic copy again, if the file changed since
    the newest automatic copy was taken (the first day's work is backed up this way too)."""
    newest = max(automatic_of(data_file), key=lambda backup: backup.taken_at, default=None)
    if newest is not None and _last_activity(newest.path) == _activity_mark(db):
        return None
    if newest is None and not _holds_anything(db):
        return None
    return _take_automatic(db, data_file)


def _take_automatic(db: sqlite_utils.Database, data_file: Path) -> Path:
    now = clock.now()
    folder = backups_folder(data_file)
    target = backup_to(db, _free_name(folder, f"{data_file.stem}-auto-{_stamp(now)}"))
    # One automatic copy a day: the newest.
    for backup in automatic_of(data_file):
        if backup.taken_at.date() == now.date() and backup.path != target:
            _remove_quietly(backup.path)
    prune_automatic_backups(folder, data_file.stem)
    return target


def _activity_mark(db: sqlite_utils.Database) -> int | None:
    return db.execute("SELECT max(id) FROM activity").fetchone()[0]


def _holds_anything(db: sqlite_utils.Database) -> bool:
    return _activity_mark(db) is not None or any(
        db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
        for table in ("school_years", "students", "mentors"))


def _last_activity(path: Path) -> int | None:
    try:
        connection = read_only(path)
    except sqlite3.Error:
        return -1
    try:
        return connection.execute("SELECT max(id) FROM activity").fetchone()[0]
    except sqlite3.Error:
        return -1
    finally:
        connection.close()


def restore_from(backup: Path, data_file: Path, progress: Progress | None = None) -> None:
    """Replace the contents of ``data_file`` with ``backup``, through the backup API.

    The caller holds the writer's lock on ``data_file``.
    """
    source = read_only(Path(backup))
    try:
        destination = sqlite3.connect(str(data_file), isolation_level=None)
        try:
            _copy(source, destination, progress)
        finally:
            destination.close()
    finally:
        source.close()


# Pruning --------------------------------------------------------------------------------------


def automatic_backups(folder: Path, stem: str) -> list[tuple[dt.date, Path]]:
    """The automatic backups of one data file in ``folder``, oldest first."""
    found = []
    if not folder.exists():
        return found
    for path in folder.iterdir():
        parsed = kind_and_time(path.name, stem, path)
        if parsed and parsed[0] == AUTOMATIC:
            found.append((parsed[1], path))
    return [(taken.date(), path) for taken, path in sorted(found)]


def backups_to_keep(days: list[dt.date]) -> set[dt.date]:
    """Which automatic backups survive: the newest 14, and the last of every earlier month."""
    ordered = sorted(days)
    keep = set(ordered[-KEEP_DAILY:])
    last_of_month: dict[tuple[int, int], dt.date] = {}
    for day in ordered:
        last_of_month[(day.year, day.month)] = day
    keep.update(last_of_month.values())
    return keep


def prune_automatic_backups(folder: Path, stem: str) -> list[Path]:
    """Delete automatic backups that :func:`backups_to_keep` lets go; return what was removed."""
    found = automatic_backups(folder, stem)
    keep = backups_to_keep(sorted({day for day, _ in found}))
    removed = []
    for day, path in found:
        if day not in keep:
            _remove_quietly(path)
            removed.append(path)
    return removed


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()

