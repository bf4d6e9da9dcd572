"""Edit > Undo and Redo: take the last change back whole, or make it again."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from actions import history
from actions.core import Outcome
from storage import activity, journal
from storage.errors import KnownProblem
from storage.journal import UndoConflict
from storage.transactions import write_transaction


class NothingToUndo(KnownProblem):
    """Undo or Redo was asked for with nothing to take back."""


def undo_title(db: sqlite_utils.Database) -> str | None:
    """The name of the change Undo would take back, or None."""
    return history.of(db).undo_title


def redo_title(db: sqlite_utils.Database) -> str | None:
    """The name of the change Redo would make again, or None."""
    return history.of(db).redo_title


def undo(db: sqlite_utils.Database) -> Outcome:
    """Take back the newest change whole; it can be redone."""
    steps = history.of(db)
    if not steps.undo:
        raise NothingToUndo("There is nothing to undo.")
    entry = steps.undo[-1]
    replayed = _take_back(db, entry, f"Undo {entry.title}", "undo", f"Undid: {entry.title}")
    steps.undo.pop()
    steps.redo.append(history.Entry(entry.title, entry.kinds, replayed))
    return Outcome(entry.kinds, f"Undid: {entry.title}.")


def redo(db: sqlite_utils.Database) -> Outcome:
    """Make again the change that Undo took back last."""
    steps = history.of(db)
    if not steps.redo:
        raise NothingToUndo("There is nothing to redo.")
    entry = steps.redo[-1]
    replayed = _take_back(db, entry, f"Redo {entry.title}", "redo", f"Redid: {entry.title}")
    steps.redo.pop()
    steps.undo.append(history.Entry(entry.title, entry.kinds, replayed))
    return Outcome(entry.kinds, f"Redid: {entry.title}.")


def _take_back(db: sqlite_utils.Database, entry: history.Entry, what: str, code: str,
               summary: str) -> list[journal.RowChange]:
    try:
        with write_transaction(db):
            replayed = journal.take_back(db, entry.changes, what)
            activity.record(db, code, summary)
    except UndoConflict as conflict:
        # The file moved on under this step: neither it nor the steps before it can be
        # replayed safely any more.
        history.of(db).forget()
        raise UndoConflict(conflict.message + " Undo starts again from your next change.") \
            from None
    except sqlite3.IntegrityError:
        history.of(db).forget()
        raise UndoConflict(
            f"{what} cannot go ahead on its own: something added after it depends on it. "
            "Nothing was changed. Undo starts again from your next change.") from None
    return replayed
