"""Opening a MentorDesk data file: checks, the writer's lock, migrations, pragmas.

One connection (storage.connection.Database, with sqlite_utils.Database's interface) per thread:
a worker thread calls :meth:`DataFile.connect` for its own connection; connections are never
shared across threads.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from storage import settings
from storage.connection import Database
from storage.errors import (
    DamagedFile,
    FileFromNewerVersion,
    KnownProblem,
    NotAllowed,
    NotAMentorDeskFile,
    ReadOnlyFile,
    explain,
    translated,
)
from storage.lock import WriterLock
from storage.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    apply_pending,
    pending_count,
    schema_version,
)
from storage.paths import backups_folder, make_private_file, make_private_folder

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class DataFile:
    """An open MentorDesk data file: its path, this thread's connection, the writer's lock."""

    path: Path
    db: Database
    lock: WriterLock | None = None
    backup_taken: Path | None = field(default=None)
    read_only: bool = False
    # The window's file: the day's automatic copy is brought up to date when it closes, so the
    # first day's work (and every day's) is in a backup without waiting for the next day.
    backup_on_close: bool = False
    backup_problem: KnownProblem | None = field(default=None)

    @property
    def writable(self) -> bool:
        return self.lock is not None and self.lock.held and not self.read_only

    def connect(self) -> Database:
        """A new connection to the same file, for another thread (which must close it)."""
        return connect(self.path)

    def close(self) -> None:
        """Close the connection and give back the writer's lock (after the closing backup)."""
        try:
            if self.backup_on_close and self.writable:
                from storage.backups import closing_backup

                try:
                    closing_backup(self.db, self.path)
                except KnownProblem as problem:  # the next opening tries again
                    self.backup_problem = problem
            self.db.close()
        finally:
            if self.lock is not None:
                self.lock.release()

    def __enter__(self) -> DataFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(path: Path) -> Database:
    """A connection with MentorDesk's pragmas: WAL, foreign keys on, synchronous NORMAL.

    A read-only file gets a read-only connection. Errors the world causes (a folder where the
    working files cannot be made, a full disk) are raised as their plain sentence.
    """
    path = Path(path)
    with translated(path):
        read_only = is_read_only(path)
        db = _connect_plain(path, read_only=read_only)
        try:
            _use_wal(db, read_only=read_only)
        except BaseException:
            db.close()
            raise
    return db


def file_of(db: sqlite_utils.Database) -> Path | None:
    """The data file a connection reads (None: in memory), so a worker thread can open its
    own connection to it (one connection per thread)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def is_read_only(path: Path) -> bool:
    """True when the data file may not be changed: no write permission for its owner (so even
    an administrator's MentorDesk leaves it alone), or none for this user."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def _connect_plain(path: Path, *, read_only: bool = False) -> Database:
    # isolation_level=None: no implicit transactions; writes that belong together use one
    # transaction from storage.transactions.
    if read_only:
        # SQLite itself refuses to write then, even for an administrator.
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True,
                               timeout=15, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), timeout=15, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 15000")
    # sqlite_utils.Database's interface, with sqlite-utils loaded only when first needed.
    return Database(conn)


def _use_wal(db: sqlite_utils.Database, *, read_only: bool = False) -> None:
    # Changing the journal mode writes to the file: only after it proved to be ours, and never
    # in a read-only file (it is read as it is).
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode.lower() != "wal" and not read_only:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")


def open_data_file(
    path: Path | str,
    *,
    write: bool = True,
    create: bool = False,
    automatic_backup: bool = False,
    refuse_foreign: bool = True,
    held_lock: WriterLock | None = None,
    full_check: bool = True,
) -> DataFile:
    """Open (and with ``create``, make) a data file, checked and up to date.

    ``write`` takes the writer's lock first, so a second writer is refused before anything is
    read or written. Readers skip the lock: WAL lets them read while the app writes. A
    read-only file is refused for writing (:class:`ReadOnlyFile`) and opened read-only for
    reading, its permissions untouched. A file whose layout is not MentorDesk's is refused,
    except by ``check`` (``refuse_foreign=False``), which lists the differences instead.
    A foreign file or one from a newer MentorDesk is always refused before anything is read or
    written. ``full_check=False`` leaves the whole-file integrity check to the caller (the
    window runs :func:`check_and_back_up` once its first screen is painted), except before a
    migration, which never runs on a file not checked first.
    Raises a :class:`storage.errors.KnownProblem` with a plain sentence for every refusal.
    """
    path = Path(path).expanduser()
    with translated(path):
        return _open(path, write=write, create=create, automatic_backup=automatic_backup,
                     refuse_foreign=refuse_foreign, held_lock=held_lock, full_check=full_check)


def _open(path: Path, *, write: bool, create: bool, automatic_backup: bool,
          refuse_foreign: bool, held_lock: WriterLock | None = None,
          full_check: bool = True) -> DataFile:
    _refuse_unusable_path(path, create=create)
    read_only = path.exists() and is_read_only(path)
    if read_only and write:
        raise ReadOnlyFile(
            f"{path.name} is read-only (or belongs to another user), so MentorDesk can show it "
            "but not change it. Nothing was changed. To work in it, copy it to your Documents "
            "folder and open the copy, or ask whoever looks after the computer to let you "
            "change it.")
    # ``held_lock``: the caller took the writer's lock already (restoring a backup over the file).
    lock = held_lock or (WriterLock(path) if write else None)
    if lock is not None:
        lock.acquire()
    try:
        is_new = not path.exists() or path.stat().st_size == 0
        if is_new and not create:
            raise NotAMentorDeskFile(
                f"{path} is empty, so it is not a MentorDesk data file. Open another file, or "
                "make a new one with File > Open demo school or by adding a school year."
            )
        if not is_new:
            _refuse_non_sqlite(path)
        if is_new:
            make_private_folder(path.parent)
            _create_private(path)
        db = _connect_plain(path, read_only=read_only)
        try:
            _check_identity(db, path, is_new=is_new)
            if full_check:
                _quick_check(db, path)
            needs_update = _needs_update(db, path)
            if needs_update and not full_check and not is_new:
                _quick_check(db, path)
            if not is_new and (refuse_foreign or needs_update):
                from storage.schema_check import refuse_foreign_objects

                # Before anything is written: a trigger someone added must never run.
                refuse_foreign_objects(db, path)
            _use_wal(db, read_only=read_only)
            data_file = DataFile(path=path, db=db, lock=lock, read_only=read_only)
            if needs_update:
                if read_only:
                    raise ReadOnlyFile(
                        f"{path.name} was saved by an older MentorDesk and must be brought up "
                        "to date before it can be opened, but it is read-only. Copy it to your "
                        "Documents folder and open the copy.")
                if lock is None:
                    # A reader met an older file: it needs the writer's lock to bring it up to date.
                    lock = WriterLock(path)
                    lock.acquire()
                    data_file.lock = lock
                if not is_new:
                    from storage.backups import backup_before_update

                    data_file.backup_taken = backup_before_update(db, path, schema_version(db))
                apply_pending(db)
            if not is_new and refuse_foreign:
                from storage.schema_check import refuse_foreign_schema

                refuse_foreign_schema(db, path)
            if data_file.writable:
                settings.fill_missing(db)
                if automatic_backup:
                    data_file.backup_on_close = True
                if automatic_backup and not is_new:
                    from storage.backups import adopt_legacy_backups
                    from storage.backups import automatic_backup as take_automatic_backup

                    adopt_legacy_backups(db, path)
                    taken = take_automatic_backup(db, path)
                    data_file.backup_taken = taken or data_file.backup_taken
        except BaseException:
            db.close()
            raise
        if not read_only:
            for suffix in ("", "-wal", "-shm"):
                make_private_file(Path(str(path) + suffix))
        return data_file
    except BaseException:
        if lock is not None:
            lock.release()
        raise


def check_and_back_up(path: Path) -> Path | None:
    """What can wait until the window is up: the whole-file integrity check, then (only for a
    sound file) the day's automatic backup; returns the backup taken, if any.

    Runs on a connection of its own, on the writer's thread (so it never races an import or
    another background write; WAL gives it a steady view while the window writes). Raises
    :class:`DamagedFile` when the check fails.
    """
    from storage.backups import adopt_legacy_backups, automatic_backup

    db = connect(path)
    try:
        _quick_check(db, path)
        adopt_legacy_backups(db, path)
        return automatic_backup(db, path)
    finally:
        db.close()


def _needs_update(db: sqlite_utils.Database, path: Path) -> bool:
    try:
        return pending_count(db) > 0
    except sqlite3.DatabaseError:
        raise DamagedFile(
            f"{path.name} is damaged and cannot be read. Restore it from a backup "
            f"(the backups are in the folder \"{path.stem} backups\" beside it)."
        ) from None


def _create_private(path: Path) -> None:
    """Make the new, empty data file owner-only from the start; a link in its place (which
    would make SQLite create the file somewhere else) is refused."""
    if path.is_symlink():
        raise NotAllowed(
            f"{path} is a link to somewhere else, not a file. MentorDesk never follows a link "
            "to make its data file. Choose another name, or remove the link. Nothing was made.")
    if path.exists():
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, flags, 0o600))


def _refuse_unusable_path(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise NotAMentorDeskFile(f"{path} is a folder. Choose a MentorDesk data file inside it.")
    if not path.exists() and not create:
        raise NotAMentorDeskFile(
            f"There is no MentorDesk data file at {path}. Check the name and folder, or open "
            "the demo school to try MentorDesk out."
        )


def _refuse_non_sqlite(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise NotAMentorDeskFile(
            f"MentorDesk could not read {path} ({error.strerror}). Check that the file is not "
            "open in another program and that you may read it."
        ) from None
    if header != SQLITE_HEADER:
        raise NotAMentorDeskFile(
            f"{path.name} is not a MentorDesk data file (it may be a spreadsheet or another "
            "program's file). To bring a spreadsheet in, use File > Import instead."
        )


def _check_identity(db: sqlite_utils.Database, path: Path, *, is_new: bool) -> None:
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = schema_version(db)
        has_tables = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    except sqlite3.DatabaseError as error:
        known = explain(error, path)
        if known is not None and not isinstance(known, DamagedFile):
            raise known from None  # a full disk or a folder not writable is not damage
        raise DamagedFile(
            f"{path.name} is damaged and cannot be read. Restore it from a backup with File > "
            f"Restore from a backup (the backups are in the folder "
            f"\"{backups_folder(path).name}\" beside it)."
        ) from None
    if application_id not in (0, APPLICATION_ID) or (
        application_id == 0 and has_tables and not _has_mentordesk_tables(db)
    ):
        raise NotAMentorDeskFile(
            f"{path.name} is a database, but not a MentorDesk data file. Choose the MentorDesk "
            "file (it ends in .sqlite), or start a new one."
        )
    if version > LATEST_VERSION:
        raise FileFromNewerVersion(
            f"{path.name} was saved by a newer version of MentorDesk. Install the latest "
            "MentorDesk to open it; this version will not change it."
        )


def _has_mentordesk_tables(db: sqlite_utils.Database) -> bool:
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return "_sqlite_migrations" in names and "students" in names


def _quick_check(db: sqlite_utils.Database, path: Path) -> None:
    try:
        result = _quick_check_read_only(path)
    except sqlite3.OperationalError:
        # No read-only view of the file (a folder we may not write the shared-memory file in):
        # the same check on the file's own connection.
        try:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            known = explain(error, path)
            if known is not None and not isinstance(known, DamagedFile):
                raise known from None  # a full disk or a folder not writable is not damage
            result = "unreadable"
    except sqlite3.DatabaseError as error:
        known = explain(error, path)
        if known is not None and not isinstance(known, DamagedFile):
            raise known from None  # a full disk or a folder not writable is not damage
        result = "unreadable"
    if result != "ok":
        raise DamagedFile(
            f"{path.name} is damaged. Nothing was changed. Restore the latest backup "
            f"(in the folder \"{backups_folder(path).name}\" beside it) with File > Restore "
            "from a backup."
        )


def _quick_check_read_only(path: Path) -> str:
    """SQLite's quick check on a read-only connection of its own: the same check, several
    times faster than on a read-write connection (0.16 s against 0.86 s on a 50 MB file), and
    every command and the window pay it on opening."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=15)
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()


def file_path(db: sqlite_utils.Database) -> Path | None:
    """The file a connection has open (None for an in-memory database)."""
    for _, name, filename in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and filename:
            return Path(filename)
    return None
