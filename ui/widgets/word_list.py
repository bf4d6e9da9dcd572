"""One of the school's word lists (mentor roles, meeting topics) with Add, Rename, Retire and
Bring back; each saved at once through actions.lists."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from actions import lists as list_actions
from storage import lookups
from ui.desk import Desk
from ui.operations import perform
from ui.screens.base import button

Index = QModelIndex | QPersistentModelIndex


class WordsModel(QAbstractListModel):
    """A list's words in their order; retired ones greyed, marked "(retired)"."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[dict] = []

    def set_entries(self, entries: list[dict]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> dict | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, entry_id: int) -> int:
        return next((n for n, e in enumerate(self._entries) if e["id"] == entry_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry["name"] if entry["active"] else f"{entry['name']} (retired)"
        if role == Qt.ItemDataRole.ForegroundRole and not entry["active"]:
            return QColor("#7b8794")
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("Offered in the forms" if entry["active"] else
                    "No longer offered; what already uses it keeps it")
        return None


class WordList(QWidget):
    """A titled list with its buttons."""

    def __init__(self, desk: Desk, which: str, title: str, hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.which = which
        self.one, self.many = list_actions.WORDS[which]
        self.model = WordsModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setToolTip(hint)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _: self.rename())
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setBuddy(self.view)
        note = QLabel(hint)
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.add_button = button("Add…", f"Add a {self.one}", self.add)
        self.rename_button = button("Rename…", f"Rename the chosen {self.one} (what uses it "
                                    "shows the new name)", self.rename)
        self.retire_button = button("Retire", f"Stop offering the chosen {self.one} (what "
                                    "already uses it keeps it)", self.retire)
        self.back_button = button("Bring back", f"Offer the chosen retired {self.one} again",
                                  self.bring_back)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.rename_button, self.retire_button,
                       self.back_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def reload(self) -> None:
        chosen = self.chosen()
        self.model.set_entries(lookups.entries(self.desk.db, self.which, include_inactive=True))
        if chosen is not None:
            self.choose(chosen["id"])
        self._update_buttons()

    def chosen(self) -> dict | None:
        return self.model.entry(self.view.currentIndex().row())

    def choose(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def _update_buttons(self) -> None:
        entry = self.chosen()
        self.rename_button.setEnabled(entry is not None)
        self.retire_button.setEnabled(entry is not None and bool(entry["active"]))
        self.back_button.setEnabled(entry is not None and not entry["active"])

    def _run(self, action) -> None:
        outcome = perform(self, self.desk, action)
        if outcome is not None:
            self.reload()
            if isinstance(outcome.value, int):
                self.choose(outcome.value)

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, f"Add a {self.one}", f"The new {self.one}:")
        if ok and name.strip():
            self._run(partial(list_actions.add_entry, which=self.which, name=name))

    def rename(self) -> None:
        entry = self.chosen()
        if entry is None:
            return
        name, ok = QInputDialog.getText(self, f"Rename a {self.one}",
                                        f"A new name for \u201c{entry['name']}\u201d:",
                                        text=entry["name"])
        if ok and name.strip() and name.strip() != entry["name"]:
            self._run(partial(list_actions.rename_entry, which=self.which,
                              entry_id=entry["id"], name=name))

    def retire(self) -> None:
        entry = self.chosen()
        if entry is not None and entry["active"]:
            self._run(partial(list_actions.retire_entry, which=self.which,
                              entry_id=entry["id"]))

    def bring_back(self) -> None:
        entry = self.chosen()
        if entry is not None and not entry["active"]:
            self._run(partial(list_actions.add_entry, which=self.which, name=entry["name"]))
