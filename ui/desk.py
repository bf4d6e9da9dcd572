"""The open data file and the school year on screen, shared by every screen and dialog."""

from __future__ import annotations

import importlib.util

import sqlite_utils
from PySide6.QtCore import QObject, Signal

from actions.changes import (  # noqa: F401 - the kinds every screen listens for
    ATTENDANCE,
    EVERYTHING,
    GOALS,
    MATCHES,
    MEETINGS,
    MENTORS,
    NOMINATIONS,
    REFERRALS,
    SETTINGS,
    STUDENTS,
    TRAININGS,
    YEARS,
)
from actions.core import Outcome
from storage import settings, years
from storage.database import DataFile


def import_available() -> bool:
    """True once the import wizard is part of MentorDesk (File > Import… is offered then)."""
    return importlib.util.find_spec("ui.dialogs.import_wizard") is not None


class Desk(QObject):
    """What the window has open: the data file, the year being looked at, and change news."""

    opened = Signal()  # another file (or none) is open now
    year_changed = Signal()  # the year on screen changed
    changed = Signal(frozenset)  # what kinds of records were just written
    history_changed = Signal()  # what Edit > Undo and Redo would do changed
    message = Signal(str)  # a sentence for the status bar after a change

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data: DataFile | None = None
        self.year: dict | None = None

    @property
    def is_open(self) -> bool:
        return self.data is not None

    @property
    def db(self) -> sqlite_utils.Database:
        """The UI thread's connection (small reads and writes only)."""
        assert self.data is not None, "no data file is open"
        return self.data.db

    @property
    def year_id(self) -> int | None:
        return self.year["id"] if self.year else None

    @property
    def is_current_year(self) -> bool:
        current = years.current_year(self.db) if self.data else None
        return bool(self.year and current and current["id"] == self.year["id"])

    def school_name(self) -> str:
        return (settings.get(self.db, "school_name") if self.data else "") or "Your school"

    def set_data(self, data: DataFile | None) -> None:
        """Show another file (closing the one open now) on its current year."""
        old, self.data = self.data, data
        if old is not None:
            old.close()
        self.year = None
        self.history_changed.emit()
        if data is not None:
            self.year = years.current_year(data.db) or years.newest_year(data.db)
        self.opened.emit()

    def set_year(self, year_id: int) -> None:
        """Look at another school year (the stored current year stays as it is)."""
        if self.year and self.year["id"] == year_id:
            return
        self.year = years.year_by_id(self.db, year_id)
        self.year_changed.emit()

    def reload_year(self) -> None:
        if self.year is not None:
            self.year = years.year_by_id(self.db, self.year["id"])

    def notify(self, *kinds: str) -> None:
        """Tell every screen that these kinds of records changed."""
        self.changed.emit(frozenset(kinds))

    def applied(self, outcome: Outcome) -> None:
        """An action finished: screens refresh what it changed, Undo names it, the status bar
        says what happened."""
        if outcome.changed:
            self.changed.emit(frozenset(outcome.changed))
        self.history_changed.emit()
        if outcome.message:
            self.message.emit(outcome.message)
