"""A student's nominations on their profile: who nominated them, when, why, the teacher's note,
and what the program decided (accept, waitlist or decline this year's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from program.vocabulary import NOMINATION_REASONS, NOMINATION_STATUSES, day_words, label
from ui.screens.base import button
from ui.words import escaped as _e


def nomination_html(n: dict, this_year: bool) -> str:
    """One nomination as a short paragraph: the day and teacher with the decision, the
    reasons, and the teacher's note."""
    when = day_words(n["nominated_on"]) or "No date"
    if not this_year:
        when += f" ({n['year_name']})"
    by = f", by {n['nominated_by']}" if n["nominated_by"] else ""
    reasons = ", ".join(label(NOMINATION_REASONS, r) for r in n["reasons"]) or "no reason given"
    text = (f"<b>{_e(when + by)}: {_e(label(NOMINATION_STATUSES, n['status']))}</b><br>"
            f"Why: {_e(reasons)}")
    if n["notes"]:
        text += f"<br><i>Teacher's note: {_e(n['notes'])}</i>"
    return f"<p style='margin-top:2px; margin-bottom:6px'>{text}</p>"


class NominationsBox(QWidget):
    """The nominations (newest first) and the three decisions on one of this year's; the
    student's pane carries them out."""

    decided = Signal(str, int)  # "accept", "waitlist" or "decline"; the nomination's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year_id: int | None = None
        self.rows: dict[int, dict] = {}
        # A label, not a list: long reasons and notes wrap in a narrow pane.
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Nominations")
        self.which = QComboBox()
        self.which.setAccessibleName("Which nomination")
        self.which.setToolTip("The nomination the buttons decide (this year's)")
        self.which.currentIndexChanged.connect(lambda _: self._update_buttons())
        self.accept_button = button("Acc&ept", "Take the student into the program: they wait "
                                    "for a mentor", lambda: self._decide("accept"))
        self.waitlist_button = button("&Waitlist", "Keep the student on the waiting list (no "
                                      "place for them yet)", lambda: self._decide("waitlist"))
        self.decline_button = button("&Decline…", "The student does not join the program this "
                                     "year (you can add a note why)",
                                     lambda: self._decide("decline"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.which)
        for widget in (self.accept_button, self.waitlist_button, self.decline_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(buttons)

    def show_nominations(self, nominations: list[dict], year_id: int | None) -> None:
        """Every nomination, newest first; the buttons act on this year's latest one (or the
        one chosen, when the year has several)."""
        self.year_id = year_id
        self.rows = {n["id"]: n for n in nominations}
        if nominations:
            self.text.setText("".join(nomination_html(n, n["year_id"] == year_id)
                                      for n in nominations))
        else:
            self.text.setText("Not nominated this year or before.")
        this_year = [n for n in nominations if n["year_id"] == year_id]
        self.which.blockSignals(True)
        self.which.clear()
        for n in this_year:
            by = f", {n['nominated_by']}" if n["nominated_by"] else ""
            self.which.addItem(f"{day_words(n['nominated_on']) or 'No date'}{by}", n["id"])
        self.which.setCurrentIndex(0 if this_year else -1)
        self.which.blockSignals(False)
        self.which.setVisible(len(this_year) > 1)
        self._update_buttons()

    def chosen(self) -> dict | None:
        """This year's nomination the buttons act on (None: the year has none)."""
        return self.rows.get(self.which.currentData())

    def _update_buttons(self) -> None:
        chosen = self.chosen()
        status = chosen["status"] if chosen else None
        self.accept_button.setEnabled(chosen is not None and status != "accepted")
        self.waitlist_button.setEnabled(chosen is not None and status != "waitlisted")
        self.decline_button.setEnabled(chosen is not None and status != "declined")
        for widget in (self.accept_button, self.waitlist_button, self.decline_button):
            widget.setVisible(chosen is not None)

    def _decide(self, decision: str) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.decided.emit(decision, chosen["id"])
