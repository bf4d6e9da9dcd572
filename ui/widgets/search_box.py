"""The window's search box (Ctrl+F): students and mentors by any part of a name or ID."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QSizePolicy, QWidget

from storage import mentors, students
from ui.models.students import fold
from ui.words import grade_words

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
MOST_SHOWN = 25


def load_entries(db: sqlite_utils.Database, year_id: int | None) -> list[dict]:
    """Everyone the box can find: the year's students (archived too) and every mentor."""
    entries = []
    if year_id is not None:
        for row in students.students_in_year(db, year_id):
            name = f"{row['first_name']} {row['last_name']}".strip()
            if row["preferred_name"] and row["preferred_name"] != row["first_name"]:
                name += f" ({row['preferred_name']})"
            detail = [f"ID {row['local_id']}" if row["local_id"] else "no ID"]
            if row["grade"] is not None:
                detail.append(f"grade {grade_words(row['grade'])}")
            if row["archived"]:
                detail.append("archived")
            entries.append({
                "kind": "student", "id": row["id"],
                "text": f"{name} — student, {', '.join(detail)}",
                "haystack": fold(f"{row['first_name']} {row['last_name']} "
                                 f"{row['preferred_name']} {row['local_id'] or ''}"),
                "order": (0, fold(f"{row['last_name']} {row['first_name']}")),
            })
    for row in mentors.all_mentors(db):
        name = f"{row['first_name']} {row['last_name']}".strip()
        role = (row["role"] or "mentor").lower()
        entries.append({
            "kind": "mentor", "id": row["id"],
            "text": f"{name} — mentor, {role}" + ("" if row["active"] else " (not active)"),
            "haystack": fold(f"{row['first_name']} {row['last_name']} {row['email']}"),
            "order": (1, fold(f"{row['last_name']} {row['first_name']}")),
        })
    return entries


def find(entries: list[dict], typed: str, limit: int = MOST_SHOWN) -> list[dict]:
    """Entries holding every typed word (accents and case ignored); names starting with the
    first word come first."""
    tokens = fold(typed).split()
    if not tokens:
        return []
    found = [e for e in entries if all(token in e["haystack"] for token in tokens)]
    found.sort(key=lambda e: (not any(part.startswith(tokens[0])
                                      for part in e["haystack"].split()), e["order"]))
    return found[:limit]


class ResultsModel(QAbstractListModel):
    """The people found so far."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return entry["text"]
        if role == ENTRY_ROLE:
            return entry
        return None

    def entry(self, row: int) -> dict:
        return self._entries[row]


class SearchBox(QLineEdit):
    """Type a few letters of a name or ID; choose a student or mentor from the list below."""

    chosen = Signal(str, int)  # "student" or "mentor", internal id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Find a student or mentor (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Find a student or mentor")
        self.setToolTip("Type any part of a name or student ID, then choose from the list "
                        "(Enter opens the first one)")
        # Wide enough for its hint; on a small screen at 150% it gives way (down to a third
        # less) so the school's name and the way back from the demo stay in the top bar.
        self.setMinimumWidth(200)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.entries: list[dict] = []
        self.results = ResultsModel(self)
        self.completer_ = QCompleter(self.results, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._activated)
        self.completer_.popup().setAccessibleName("People found")
        self.textEdited.connect(self._typed)
        self.returnPressed.connect(self._enter)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        hint.setWidth(max(280, self.fontMetrics().horizontalAdvance(self.placeholderText()) + 40))
        return hint

    def set_entries(self, entries: list[dict]) -> None:
        self.entries = entries
        if self.text():
            self._typed(self.text())

    def _typed(self, text: str) -> None:
        found = find(self.entries, text)
        self.results.set_entries(found)
        if self.results.rowCount():
            self.completer_.complete(self.popup_rect(found))
        else:
            self.completer_.popup().hide()

    def popup_rect(self, found: list[dict]) -> QRect:
        """Where the list of people found opens: under the box, as wide as its longest line
        (never cut off), growing to the left since the box sits at the window's right edge."""
        popup = self.completer_.popup()
        metrics = popup.fontMetrics()
        widest = max((metrics.horizontalAdvance(entry["text"]) for entry in found), default=0)
        wanted = max(self.width(), widest + popup.verticalScrollBar().sizeHint().width() + 28)
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().width() - 20)
        left = self.width() - wanted
        corner = self.mapToGlobal(QPoint(left, 0))
        if screen is not None and corner.x() < screen.availableGeometry().left():
            left += screen.availableGeometry().left() - corner.x()
        return QRect(left, 0, wanted, self.height())

    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            self._choose(entry)

    def _enter(self) -> None:
        popup = self.completer_.popup()
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        if current.isValid():
            self._choose(current.data(ENTRY_ROLE))
        elif self.results.rowCount():
            self._choose(self.results.entry(0))

    def _choose(self, entry: dict) -> None:
        self.completer_.popup().hide()
        self.clear()
        self.results.set_entries([])
        self.chosen.emit(entry["kind"], entry["id"])
