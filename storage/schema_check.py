"""Is the file's layout MentorDesk's? Compared with the layout the migrations make.

A data file can be changed by other programs: a trigger added to it would run inside MentorDesk's
own imports (one emptied attendance during an import), a dropped column makes the next screen
crash. Opening refuses a file with objects MentorDesk did not make, or without tables or columns
it needs; ``check`` lists every difference, indexes included.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from storage.errors import DamagedFile


@dataclass(frozen=True)
class Layout:
    """A file's tables (with their columns), indexes, triggers and views."""

    tables: dict[str, tuple[tuple[str, str, int, int], ...]]  # name -> (column, type, notnull, pk)
    indexes: frozenset[str]
    triggers: frozenset[str]
    views: frozenset[str]


def layout_of(db: sqlite_utils.Database) -> Layout:
    """The layout of the file's main schema (SQLite's own objects left out)."""
    rows = db.execute(
        "SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    tables = {}
    for kind, name in rows:
        if kind == "table":
            info = db.execute(f"PRAGMA main.table_info([{name}])").fetchall()
            tables[name] = tuple(sorted((row[1], (row[2] or "").upper(), row[3], row[5])
                                        for row in info))
    return Layout(
        tables=tables,
        indexes=frozenset(name for kind, name in rows if kind == "index"),
        triggers=frozenset(name for kind, name in rows if kind == "trigger"),
        views=frozenset(name for kind, name in rows if kind == "view"),
    )


@lru_cache(maxsize=1)
def expected_layout() -> Layout:
    """The layout a new file gets from every migration (made once, in memory)."""
    from storage.migrations import apply_pending

    db = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None),
                               execute_plugins=False)
    try:
        apply_pending(db)
        return layout_of(db)
    finally:
        db.close()


def foreign_objects(db: sqlite_utils.Database) -> list[str]:
    """Triggers and views: MentorDesk makes none, so every one was added by something else."""
    found = layout_of(db)
    return ([f'a trigger "{name}"' for name in sorted(found.triggers)]
            + [f'a view "{name}"' for name in sorted(found.views)])


def differences(db: sqlite_utils.Database) -> list[str]:
    """Every way the file's layout differs from MentorDesk's, in words; empty when it matches."""
    found, expected = layout_of(db), expected_layout()
    problems = foreign_objects(db) + _table_differences(found, expected)
    for name in sorted(expected.indexes - found.indexes):
        problems.append(f'the index "{name}" is missing')
    for name in sorted(found.indexes - expected.indexes):
        problems.append(f'an index "{name}" that MentorDesk did not make')
    return problems


def _table_differences(found: Layout, expected: Layout) -> list[str]:
    problems = []
    for name in sorted(set(found.tables) - set(expected.tables)):
        problems.append(f'a table "{name}" that MentorDesk did not make')
    for name in sorted(set(expected.tables) - set(found.tables)):
        problems.append(f'the table "{name}" is missing')
    # The migrations' own bookkeeping table is sqlite-utils' layout, not MentorDesk's.
    for name in sorted(set(expected.tables) & set(found.tables) - {"_sqlite_migrations"}):
        have = {column[0]: column for column in found.tables[name]}
        want = {column[0]: column for column in expected.tables[name]}
        for column in sorted(set(want) - set(have)):
            problems.append(f'the table "{name}" lacks its column "{column}"')
        for column in sorted(set(have) - set(want)):
            problems.append(f'the table "{name}" has a column "{column}" MentorDesk did not make')
        for column in sorted(set(have) & set(want)):
            if have[column] != want[column]:
                problems.append(f'the column "{column}" of "{name}" was changed')
    return problems


def _refusal(path: Path, problems: list[str]) -> DamagedFile:
    shown = "; ".join(problems[:4]) + ("; and more" if len(problems) > 4 else "")
    return DamagedFile(
        f"{path.name} has been changed by another program, so MentorDesk will not work in it: "
        f"{shown}. Nothing was run or changed. Restore the latest backup with File > Restore "
        "from a backup, or keep a copy of the file and ask for help.")


def refuse_foreign_objects(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse a file holding triggers or views (checked before anything is written to it)."""
    problems = foreign_objects(db)
    if problems:
        raise _refusal(path, problems)


def refuse_foreign_schema(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse a file whose tables or columns are not MentorDesk's (after its migrations).

    Indexes are left to ``check``: a missing index slows MentorDesk down but loses nothing.
    """
    problems = foreign_objects(db) + _table_differences(layout_of(db), expected_layout())
    if problems:
        raise _refusal(path, problems)
