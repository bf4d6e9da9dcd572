"""Backups: back up now (to the backups folder or a chosen place), and restore one.

A copy changes no record, so it keeps no undo entry (it notes itself in the history). Restoring
replaces everything in the file: the file as it is is set aside as a backup first, the chosen
copy is brought up to date if an older MentorDesk made it, and the file's undo steps are let go.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from actions import history
from actions.changes import EVERYTHING
from actions.core import Outcome, change
from program.vocabulary import day_words, plural
from storage import backups
from storage.database import open_data_file
from storage.errors import DamagedFile, InvalidInput, explain
from storage.lock import WriterLock, lock_path_for
from storage.paths import backups_folder

Progress = Callable[[int, int], None]

KIND_WORDS = {backups.AUTOMATIC: "an automatic backup", backups.MANUAL: "a backup made by hand",
              backups.BEFORE_UPDATE: "the copy taken before an update",
              backups.BEFORE_RESTORE: "the copy set aside before a restore"}


def back_up_now(db: sqlite_utils.Database, data_path: Path,
                progress: Progress | None = None) -> Outcome:
    """A timestamped copy in the file's backups folder; value: the copy's path."""
    copy = backups.manual_backup(db, data_path, progress=progress)
    with change(db, "Back up now", set(), code="backup") as step:
        step.note(f"Backed up to {copy.name}", path=str(copy))
        step.done(f"Backed up to {copy.name}.", copy)
    return step.outcome


PRIVACY_WARNING = (
    "The copy holds your students' records: names, families' contacts, attendance and notes. "
    "Keep it somewhere only you can reach (a USB stick you keep with you, not a shared "
    "folder), and delete it when it is no longer needed.")


def back_up_to(db: sqlite_utils.Database, data_path: Path, target: Path,
               progress: Progress | None = None) -> Outcome:
    """A copy at a place the user chose (a USB stick); value: the copy's path."""
    target = Path(target).expanduser()
    refuse_overwriting_the_file(data_path, target)
    copy = backups.backup_to(db, target, progress)
    with change(db, "Back up to a chosen place", set(), code="backup") as step:
        step.note(f"Backed up to {copy}", path=str(copy))
        step.done(f"Backed up to {copy}. {PRIVACY_WARNING}", copy)
    return step.outcome


def refuse_overwriting_the_file(data_path: Path, target: Path) -> None:
    """A copy never goes over the data file itself or the files beside it that it needs."""
    data_path = Path(data_path)
    own = {Path(str(data_path) + suffix).resolve() for suffix in ("", "-wal", "-shm")}
    own.add(lock_path_for(data_path).resolve())
    if Path(target).resolve() in own:
        raise InvalidInput(f"The copy cannot go over {Path(target).name}: that is the data file "
                           "itself (or part of it). Choose another name. Nothing was changed.")


# Restoring ----------------------------------------------------------------------------------


def _holds(backup: backups.Backup) -> str:
    last = f", last change {day_words(backup.last_change)} {backup.last_change[11:16]}" \
        if backup.last_change else ""
    return (f"{plural(backup.students or 0, 'student')}, "
            f"{plural(backup.meetings or 0, 'meeting')}{last}")


def describe_choice(data_path: Path, backup_path: Path) -> backups.Backup:
    """The chosen backup with what it holds, or a refusal saying why it cannot be restored."""
    chosen = Path(backup_path).expanduser()
    if not chosen.exists() and (backups_folder(data_path) / chosen.name).exists():
        chosen = backups_folder(data_path) / chosen.name
    if not chosen.is_file():
        raise InvalidInput(f"There is no backup at {chosen}. The backups command lists them.")
    if Path(data_path).exists() and chosen.resolve() == Path(data_path).resolve():
        raise InvalidInput(f"{chosen.name} is the data file itself, not a backup of it. "
                           "Choose one of its backups.")
    listed = {backup.path.resolve(): backup for backup in backups.backups_of(Path(data_path))}
    known = listed.get(chosen.resolve())
    found = backups.describe(chosen, kind=known.kind if known else None,
                             taken_at=known.taken_at if known else None)
    if found.problem:
        raise InvalidInput(f"{found.problem} Nothing was changed. Choose another backup.")
    return found


def restore_question(data_path: Path, backup_path: Path) -> str:
    """What restoring would do, in words (the confirmation, and the command without --yes)."""
    chosen = describe_choice(data_path, backup_path)
    data_path = Path(data_path)
    what = KIND_WORDS.get(chosen.kind, "a backup")
    taken = f"{day_words(chosen.taken_at.date())} {chosen.taken_at:%H:%M}"
    sentence = (f"Restore {chosen.path.name} ({what}, taken {taken}: {_holds(chosen)})? It "
                f"replaces everything in {data_path.name}")
    if data_path.exists() and data_path.stat().st_size:
        now = backups.describe(data_path)
        if now.problem is None:
            sentence += f" (now {_holds(now)})"
        sentence += (". The file as it is now is first set aside as a backup, so nothing is "
                     "lost; Edit > Undo cannot take the restore back.")
    else:
        sentence += "."
    return sentence


@dataclass(frozen=True)
class Restored:
    """What a restore did: from which copy, where the file as it was went, whether it was
    brought up to date."""

    backup: backups.Backup
    set_aside: Path | None
    updated_from: int | None

    def document(self) -> dict:
        return {"restored": str(self.backup.path), "taken_at": self.backup.taken_at.isoformat(),
                "kind": self.backup.kind, "students": self.backup.students,
                "meetings": self.backup.meetings,
                "set_aside": str(self.set_aside) if self.set_aside else None,
                "updated": self.updated_from is not None}


def restore_backup(data_path: Path, backup_path: Path,
                   progress: Progress | None = None) -> Outcome:
    """Restore a backup over the data file (which nobody may have open for writing: the
    window closes it first); value: :class:`Restored`."""
    data_path = Path(data_path).expanduser()
    chosen = describe_choice(data_path, backup_path)
    lock = WriterLock(data_path)
    lock.acquire()
    try:
        set_aside = _set_aside(data_path)
        backups.restore_from(chosen.path, data_path, progress)
        version = _version(data_path)
        data = open_data_file(data_path, write=True, held_lock=lock)
    except BaseException:
        lock.release()
        raise
    with data:
        updated_from = version if data.backup_taken is not None else None
        with change(data.db, f"Restore the backup {chosen.path.name}", EVERYTHING,
                    code="restore", undoable=False) as step:
            step.note(f"Restored the backup {chosen.path.name}"
                      + (f" (the file as it was is {set_aside.name})" if set_aside else ""),
                      backup=str(chosen.path), set_aside=str(set_aside) if set_aside else None)
            step.done(f"Restored {chosen.path.name}.",
                      Restored(chosen, set_aside, updated_from))
        history.forget_all(data.db)
    return step.outcome


def _set_aside(data_path: Path) -> Path | None:
    """The file as it is, copied into its backups folder (moved there if SQLite cannot read
    it: a damaged file is what restoring is for)."""
    if not data_path.exists() or data_path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(data_path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        try:
            readable = connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.OperationalError as error:
            known = explain(error, data_path)
            if known is not None and not isinstance(known, DamagedFile):
                raise known from None  # a folder not writable: stop before anything moves
            readable = False
        except sqlite3.DatabaseError:
            readable = False
        if readable:
            # A full disk stops the restore here, before anything was replaced.
            return backups.backup_before_restore(
                sqlite_utils.Database(connection, execute_plugins=False), data_path)
    finally:
        connection.close()
    return backups.set_aside_unreadable(data_path)


def _version(path: Path) -> int:
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
