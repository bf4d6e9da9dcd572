"""Back up now: a copy of the data file, noted in the history (it changes no record)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from actions.core import Outcome, change
from storage import backups


def back_up_now(db: sqlite_utils.Database, data_path: Path) -> Outcome:
    """A timestamped copy in the file's backups folder; value: the copy's path."""
    copy = backups.manual_backup(db, data_path)
    with change(db, "Back up now", set(), code="backup") as step:
        step.note(f"Backed up to {copy.name}", path=str(copy))
        step.done(f"Backed up to {copy.name}.", copy)
    return step.outcome
