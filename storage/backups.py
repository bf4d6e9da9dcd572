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
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from storage import clock
from storage.errors import InvalidInput, KnownProblem, explain
from storage.paths import backups_folder, legacy_backups_folder, make_private_folder

KEEP_DAILY = 14
AUTOMATIC, MANUAL, BEFORE_UPDATE, BEFORE_RESTORE = (
    "automatic", "manual", "before update", "before restore")
SQLITE_HEADER = b"SQLite format 3\x00"

# What follows "STEM-" in a backup's name.
_NAME = re.compile(
    r"^(?:(?P<auto>auto-)|(?P<update>before-update-from-v\d+-)|(?P<restore>before-restore-))?"
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:-(?P<time>\d{6}))?(?:-(?P<n>\d+))?\.sqlite$")
_PART = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.part(?:-journal|-wal|-shm)?$")
_in_progress: set[Path] = set()

Progress = Callable[[int, int], None]


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
    if any(backup.taken_at.date() == today for backup in _automatic(data_file)):
        return None
    return _take_automatic(db, data_file)


def closing_backup(db: sqlite_utils.Database, data_file: Path) -> Path | None:
    """When the window closes a file: today's automatic copy again, if the file changed since
    the newest automatic copy was taken (the first day's work is backed up this way too)."""
    newest = max(_automatic(data_file), key=lambda backup: backup.taken_at, default=None)
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
    for backup in _automatic(data_file):
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
        connection = _read_only(path)
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
    source = _read_only(Path(backup))
    try:
        destination = sqlite3.connect(str(data_file), isolation_level=None)
        try:
            _copy(source, destination, progress)
        finally:
            destination.close()
    finally:
        source.close()


# Reading the folder ---------------------------------------------------------------------------


def _kind_and_time(name: str, stem: str, path: Path) -> tuple[str, dt.datetime] | None:
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
            parsed = _kind_and_time(path.name, data_file.stem, path)
            if parsed is None:
                continue
            if source != folder and not _legacy_belongs(path, data_file):
                continue
            found.append((path, *parsed))
    return found


def _automatic(data_file: Path) -> list[Backup]:
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
        connection = _read_only(path)
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


def _read_only(path: Path) -> sqlite3.Connection:
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
        mine, theirs = _read_only(data_file), _read_only(backup)
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


# Pruning --------------------------------------------------------------------------------------


def automatic_backups(folder: Path, stem: str) -> list[tuple[dt.date, Path]]:
    """The automatic backups of one data file in ``folder``, oldest first."""
    found = []
    if not folder.exists():
        return found
    for path in folder.iterdir():
        parsed = _kind_and_time(path.name, stem, path)
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

