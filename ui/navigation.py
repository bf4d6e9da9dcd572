"""The left navigation list: one entry per screen, with an icon and a Ctrl+number shortcut."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ui.icons import icon


@dataclass(frozen=True)
class ScreenEntry:
    """A screen the navigation offers: its key, words, icon, where its class lives, and its
    Ctrl+number (kept apart from the order, so a screen added at the top takes the next number
    and the others keep theirs)."""

    key: str
    title: str
    tooltip: str
    module: str
    class_name: str
    # Ctrl and this digit opens the screen (0 is Ctrl+0); each screen keeps its number as
    # screens are added, so people's habits stay right.
    shortcut: int | None = None

    def load_class(self) -> type:
        return getattr(importlib.import_module(self.module), self.class_name)

    @property
    def keys(self) -> str:
        """"Ctrl+8" (or "" for a screen without a shortcut)."""
        return f"Ctrl+{self.shortcut}" if self.shortcut is not None else ""


# In the order the facilitator sees them; This week is the home screen the window opens on.
# Ctrl+1..6 were the first screens' and stay theirs; This week has Ctrl+7, the screens
# added after it the next numbers.
SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("this_week", "This week", "Who needs attention this week: overdue matches, "
                "absences, new flags, waiting students, referrals, trainings, screening",
                "ui.screens.week", "WeekScreen", 7),
    ScreenEntry("students", "Students", "Every student this year: find, filter, match, edit",
                "ui.screens.students", "StudentsScreen", 1),
    ScreenEntry("mentors", "Mentors", "Mentors' load, meetings, screening and availability",
                "ui.screens.mentors", "MentorsScreen", 2),
    ScreenEntry("matches", "Matches", "Every match: how each is meeting; close a match",
                "ui.screens.matches", "MatchesScreen", 3),
    ScreenEntry("meetings", "Meetings", "Every meeting by month and mentor: log, change, delete",
                "ui.screens.meetings", "MeetingsScreen", 4),
    ScreenEntry("attendance", "Attendance", "The school at a glance: tiers, months, early "
                "warning and chronic lists, import coverage", "ui.screens.attendance",
                "AttendanceScreen", 5),
    ScreenEntry("reports", "Reports", "The end-of-year program report for any period, and the "
                "mentor roster", "ui.screens.reports", "ReportsScreen", 6),
    ScreenEntry("referrals", "Referrals", "Needs passed on to the counselor, nurse, an "
                "administrator or others: raise one, follow up, note each step",
                "ui.screens.referrals", "ReferralsScreen", 8),
    ScreenEntry("trainings", "Trainings", "Mentor training sessions: who came, the sign-in "
                "sheet, who still has to make one up", "ui.screens.trainings",
                "TrainingsScreen", 9),
    ScreenEntry("settings", "Settings", "The school's name and logo, school years and their "
                "calendar, attendance rules, meetings, lists, grades, and the history of "
                "changes", "ui.screens.settings", "SettingsScreen", 0),
)
HOME = SCREENS[0].key


class Navigation(QListWidget):
    """The screens, one per row; choosing one shows it."""

    chosen = Signal(str)  # the screen's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setAccessibleName("Screens")
        self.setToolTip("Choose a screen (or press Ctrl and its number)")
        self.setIconSize(QSize(22, 22))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(150)
        self.setSpacing(2)
        self._keys: list[str] = []
        for entry in SCREENS:
            item = QListWidgetItem(icon(entry.key, "#f0f4f8"), entry.title)
            item.setToolTip(f"{entry.tooltip} ({entry.keys})" if entry.keys else entry.tooltip)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.addItem(item)
            self._keys.append(entry.key)
        self.currentRowChanged.connect(self._row_changed)

    def keys(self) -> list[str]:
        return list(self._keys)

    def select(self, key: str) -> None:
        if key in self._keys:
            self.setCurrentRow(self._keys.index(key))

    def current_key(self) -> str | None:
        row = self.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            self.chosen.emit(self._keys[row])


class Screens(Mapping):
    """The window's screens by key, each built the first time it is asked for.

    Building every screen up front costs a few tenths of a second before the window can show;
    this way only the first one is built then (the others follow once it is painted).
    """

    def __init__(self, make: Callable[[str], QWidget]) -> None:
        self._make = make
        self._built: dict[str, QWidget] = {}
        self._keys = [entry.key for entry in SCREENS]

    def __getitem__(self, key: str) -> QWidget:
        screen = self._built.get(key)
        if screen is None:
            if key not in self._keys:
                raise KeyError(key)
            screen = self._built[key] = self._make(key)
        return screen

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def built(self) -> list[QWidget]:
        """The screens made so far (nothing is built by asking)."""
        return list(self._built.values())

    def unbuilt(self) -> list[str]:
        """The keys of the screens not made yet."""
        return [key for key in self._keys if key not in self._built]
