"""A student's nominations on their profile: who nominated them, when, why, the teacher's note,
and what the program decided (accept, waitlist or decline the chosen one)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from program.vocabulary import NOMINATION_REASONS, NOMINATION_STATUSES, day_words, label
from ui.screens.base import button

NOMINATION_ROLE = Qt.ItemDataRole.UserRole + 2


class NominationsBox(QWidget):
    """The nominations list and the three decisions; the student's pane carries them out."""

    decided = Signal(str, int)  # "accept", "waitlist" or "decline"; the nomination's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year_id: int | None = None
        self.rows: dict[int, dict] = {}
        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setAccessibleName("Nominations")
        self.view.setToolTip("Each nomination: the day, the teacher and the program's decision, "
                             "with the reasons and the teacher's note below it")
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setIndentation(14)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.none = QLabel("Not nominated this year or before.")
        self.none.setObjectName("hint")
        self.accept_button = button("Acc&ept", "Take the student into the program: they wait "
                                    "for a mentor", lambda: self._decide("accept"))
        self.waitlist_button = button("&Waitlist", "Keep the student on the waiting list (no "
                                      "place for them yet)", lambda: self._decide("waitlist"))
        self.decline_button = button("&Decline…", "The student does not join the program this "
                                     "year (you can add a note why)",
                                     lambda: self._decide("decline"))
        buttons = QHBoxLayout()
        for widget in (self.accept_button, self.waitlist_button, self.decline_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.none)
        layout.addLayout(buttons)

    def show_nominations(self, nominations: list[dict], year_id: int | None) -> None:
        """Newest first; this year's (or the only) one is chosen."""
        self.year_id = year_id
        self.rows = {n["id"]: n for n in nominations}
        self.model.removeRows(0, self.model.rowCount())
        for n in nominations:
            when = day_words(n["nominated_on"]) or "No date"
            if n["year_id"] != year_id:
                when += f" ({n['year_name']})"
            by = f", by {n['nominated_by']}" if n["nominated_by"] else ""
            head = QStandardItem(f"{when}{by}: {label(NOMINATION_STATUSES, n['status'])}")
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            reasons = ", ".join(label(NOMINATION_REASONS, r) for r in n["reasons"])
            lines = [f"Why: {reasons or 'no reason given'}"]
            if n["notes"]:
                lines.append(f"Teacher's note: {n['notes']}")
            for item in (head, *(QStandardItem(line) for line in lines)):
                item.setData(n["id"], NOMINATION_ROLE)
                item.setToolTip(n["notes"] or "No note from the teacher")
                if item is not head:
                    head.appendRow(item)
            self.model.appendRow(head)
        self.view.expandAll()
        self.view.setVisible(bool(nominations))
        self.none.setVisible(not nominations)
        current = next((row for row, n in enumerate(nominations) if n["year_id"] == year_id), 0)
        if nominations:
            self.view.setCurrentIndex(self.model.index(current, 0))
        lines = sum(2 + bool(n["notes"]) for n in nominations)
        self.view.setFixedHeight(min(8, max(lines, 1)) * (self.fontMetrics().height() + 6) + 8)
        self._update_buttons()

    def chosen(self) -> dict | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.rows.get(index.data(NOMINATION_ROLE))

    def _update_buttons(self) -> None:
        chosen = self.chosen()
        this_year = chosen is not None and chosen["year_id"] == self.year_id
        status = chosen["status"] if chosen else None
        self.accept_button.setEnabled(this_year and status != "accepted")
        self.waitlist_button.setEnabled(this_year and status not in ("waitlisted",))
        self.decline_button.setEnabled(this_year and status != "declined")
        for widget in (self.accept_button, self.waitlist_button, self.decline_button):
            widget.setVisible(bool(self.rows))
        if chosen is not None and not this_year:
            self.accept_button.setToolTip("A nomination of another school year stays as it was")
        else:
            self.accept_button.setToolTip("Take the student into the program: they wait for a "
                                          "mentor")

    def _decide(self, decision: str) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.decided.emit(decision, chosen["id"])
