"""Copies of the data file, always through SQLite's online backup API (never a raw file copy).

Automatic backups: at most one a day when the app opens a file; the newest 14 are kept, plus the
last one of every earlier month. Manual and before-update copies are never pruned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

import sqlite_utils

from storage import clock
from storage.errors import KnownProblem
from storage.paths import backups_folder, make_private_file, make_private_folder

KEEP_DAILY = 14
_AUTOMATIC_NAME = re.compile(r"^(?P<stem>.+)-auto-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite$")


def backup_to(db: sqlite_utils.Database, target: Path) -> Path:
    """Write a consistent copy of the open database to ``target``, atomically.

    The copy goes to a temporary file in the target's folder first and replaces ``target`` only
    once complete, so a full disk or a crash never leaves half a backup under the real name.
    """
    target = Path(target).expanduser()
    temporary = target.with_name(f".{target.name}.part")
    try:
        make_private_folder(target.parent)
        if temporary.exists():
            temporary.unlink()
        destination = sqlite3.connect(str(temporary))
        try:
            db.conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        make_private_file(temporary)
        os.replace(temporary, target)
    except OSError as error:
        _remove_quietly(temporary)
        raise KnownProblem(
            f"MentorDesk could not write the backup {target.name} ({error.strerror}). Check that "
            "the folder exists, that there is free space, and that you may write there."
        ) from None
    except sqlite3.Error as error:
        _remove_quietly(temporary)
        raise KnownProblem(
            f"MentorDesk could not write the backup {target.name} ({error}). Check that there is "
            "free space on the disk and try again."
        ) from None
    return target


def restore_from(backup: Path, data_file: Path) -> None:
    """Replace the contents of ``data_file`` with ``backup``, through the backup API.

    The caller holds the writer's lock on ``data_file``.
    """
    source = sqlite3.connect(f"file:{Path(backup).resolve()}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(str(data_file), isolation_level=None)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()


def manual_backup(
    db: sqlite_utils.Database, data_file: Path, now: dt.datetime | None = None
) -> Path:
    """File > Back up now: a timestamped copy in the backups folder."""
    now = now or clock.now()
    name = f"{data_file.stem}-{now:%Y-%m-%d-%H%M%S}.sqlite"
    return backup_to(db, backups_folder(data_file) / name)


def backup_before_update(db: sqlite_utils.Database, data_file: Path, version: int) -> Path:
    """The copy taken before a migration changes the file's layout."""
    now = clock.now()
    name = f"{data_file.stem}-before-update-from-v{version}-{now:%Y-%m-%d-%H%M%S}.sqlite"
    return backup_to(db, backups_folder(data_file) / name)


def automatic_backup(
    db: sqlite_utils.Database, data_file: Path, today: dt.date | None = None
) -> Path | None:
    """Today's automatic copy, unless one exists already; then prune old automatic copies."""
    today = today or clock.today()
    folder = backups_folder(data_file)
    target = folder / f"{data_file.stem}-auto-{today.isoformat()}.sqlite"
    if target.exists():
        return None
    backup_to(db, target)
    prune_automatic_backups(folder, data_file.stem)
    return target


def automatic_backups(folder: Path, stem: str) -> list[tuple[dt.date, Path]]:
    """The automatic backups of one data file, oldest first."""
    found = []
    if not folder.exists():
        return found
    for path in folder.iterdir():
        match = _AUTOMATIC_NAME.match(path.name)
        if match and match["stem"] == stem:
            found.append((dt.date.fromisoformat(match["day"]), path))
    return sorted(found)


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
    keep = backups_to_keep([day for day, _ in found])
    removed = []
    for day, path in found:
        if day not in keep:
            _remove_quietly(path)
            removed.append(path)
    return removed


def list_backups(data_file: Path) -> list[Path]:
    """Every backup of ``data_file``, newest first."""
    folder = backups_folder(data_file)
    if not folder.exists():
        return []
    found = [p for p in folder.glob(f"{data_file.stem}-*.sqlite") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
