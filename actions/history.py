"""The undo and redo history of each open data file, kept while the program runs.

It lives in memory, not in the file: a data file never holds what the user chose to let go, and
a change made by another program (an import on its own connection, a headless command) is caught
by the undo's own check that nothing it would put back was changed again since.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import sqlite_utils

from storage.journal import RowChange

# Edit > Undo goes back at least this many steps.
LIMIT = 50


@dataclass(frozen=True)
class Entry:
    """One change that can be taken back: its name ("Log a meeting with Ana Peña") and rows."""

    title: str
    kinds: frozenset[str]
    changes: list[RowChange] = field(repr=False)


@dataclass
class History:
    """A file's undo steps (newest last) and the redo steps that undo made."""

    undo: list[Entry] = field(default_factory=list)
    redo: list[Entry] = field(default_factory=list)

    def did(self, entry: Entry) -> None:
        """A new change: it can be undone, and what was undone before can no longer be redone."""
        self.undo.append(entry)
        del self.undo[:-LIMIT]
        self.redo.clear()

    def forget(self) -> None:
        """Let go of every step (after a change that keeps no undo entry on purpose)."""
        self.undo.clear()
        self.redo.clear()

    @property
    def undo_title(self) -> str | None:
        return self.undo[-1].title if self.undo else None

    @property
    def redo_title(self) -> str | None:
        return self.redo[-1].title if self.redo else None


_histories: dict[str, History] = {}
_lock = threading.Lock()


def file_key(db: sqlite_utils.Database) -> str:
    """Which data file a connection is on (its path), so every connection shares one history."""
    for _, name, path in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return path or f"memory:{id(db.conn)}"
    return f"memory:{id(db.conn)}"


def of(db: sqlite_utils.Database) -> History:
    """The history of the file this connection is on."""
    key = file_key(db)
    with _lock:
        return _histories.setdefault(key, History())


def forget_all(db: sqlite_utils.Database) -> None:
    """Let go of the file's whole history (its data was replaced or let go)."""
    with _lock:
        _histories.pop(file_key(db), None)
