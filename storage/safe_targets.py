"""Where an exported file may go: never over a MentorDesk data file, its backups or its parts.

A report, an export or a blank template saved under the data file's name (or a backup's) would
replace a school's records with a spreadsheet. Every file MentorDesk writes for the user is
checked here first.
"""

from __future__ import annotations

from pathlib import Path

from storage.errors import InvalidInput

_HEADER = b"SQLite format 3\x00"
_PARTS = ("-wal", "-shm", "-journal", ".lock")


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_HEADER)) == _HEADER
    except OSError:
        return False


def refuse_overwriting_data(target: Path | str) -> None:
    """Refuse, in a sentence, to write ``target`` when it is a MentorDesk data file, a backup,
    or a file SQLite keeps beside one (its write-ahead log, its lock)."""
    target = Path(target).expanduser()
    try:
        resolved = target.resolve()
    except OSError:
        return
    if resolved.exists() and resolved.is_file() and _is_sqlite(resolved):
        raise InvalidInput(
            f"{target.name} is a MentorDesk data file (or a backup of one, or another "
            "program's database). MentorDesk never saves a report or a sheet over it. Choose "
            "another name. Nothing was changed.")
    for part in _PARTS:
        if resolved.name.endswith(part):
            beside = resolved.with_name(resolved.name[: -len(part)])
            if beside.is_file() and _is_sqlite(beside):
                raise InvalidInput(
                    f"{target.name} belongs to the data file {beside.name} (SQLite keeps it "
                    "beside it). MentorDesk never saves a report or a sheet there. Choose "
                    "another name. Nothing was changed.")
