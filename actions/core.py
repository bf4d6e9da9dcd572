"""How every action runs: one transaction, a line in the history, an undo entry, an outcome."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from actions import history
from storage import activity, journal
from storage.transactions import write_transaction


@dataclass(frozen=True)
class Outcome:
    """What an action did: the kinds of record it changed, a sentence, and what it made."""

    changed: frozenset[str]
    message: str = ""
    value: Any = None


@dataclass
class Step:
    """An action under way: it fills in its history line and its outcome as it goes."""

    title: str
    kinds: frozenset[str]
    code: str
    summary: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    value: Any = None

    def note(self, summary: str | None = None, **details: Any) -> None:
        """Set the history line (default: the title) and add details to it."""
        if summary is not None:
            self.summary = summary
        self.details.update(details)

    def done(self, message: str | None = None, value: Any = None) -> None:
        """What the status bar says afterwards, and what the caller gets back (a new id)."""
        if message is not None:
            self.message = message
        self.value = value

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.kinds, self.message or f"{self.title}: done.", self.value)


@contextmanager
def change(db: sqlite_utils.Database, title: str, kinds: Iterable[str], *, code: str,
           undoable: bool = True) -> Iterator[Step]:
    """Run the block as one action called ``title`` ("Log a meeting with Ana Peña").

    One transaction: the block's writes, then the history line; rolled back whole if the block
    raises. ``undoable`` actions keep an undo entry; the others (letting data go on purpose:
    delete for good, restore, a new year) keep none and let go of the file's earlier steps, so no
    undo entry holds what they removed.
    """
    step = Step(title=title, kinds=frozenset(kinds), code=code)
    recorded: journal.Recording | None = None
    with write_transaction(db):
        if undoable:
            with journal.recording(db) as recorded:
                yield step
        else:
            yield step
        activity.record(db, step.code, step.summary or title, **step.details)
    files_history = history.of(db)
    if not undoable:
        files_history.forget()
    elif recorded is not None and recorded.changes:
        files_history.did(history.Entry(title, step.kinds, recorded.changes))
