"""Suggest matches for everyone waiting: the best assignment as a list to tick, saved together."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from actions import matches as match_actions
from actions.matches import NewMatch
from analysis import matching
from program.vocabulary import CONSENT_STATUSES, label, plural
from storage import clock, students
from ui.desk import Desk
from ui.dialogs.common import ok_cancel, resize_within_screen
from ui.loading import Loader
from ui.models.students import fold
from ui.models.table import Column, FilterProxy, Index, RowsModel
from ui.operations import perform
from ui.screens.base import button, make_table, set_column_widths
from ui.words import person_name, usual_time

TICK, STUDENT, MENTOR, WHEN, WHY, CONSENT_COLUMN, SCREENING = range(7)

def load_proposal(db: sqlite_utils.Database, year_id: int, on: dt.date, *,
                  include_not_cleared: bool = False) -> dict:
    """The rules' best assignment of everyone waiting, with names (reads only; any thread);
    mentors not cleared are left out unless ``include_not_cleared``."""
    assignment = matching.suggest_all(db, year_id, on,
                                      include_not_cleared=include_not_cleared)
    left_out = ([] if include_not_cleared else
                sorted(option.name for option in matching.not_cleared_with_room(db, year_id, on)))
    people = {row["id"]: row for row in students.students_in_year(db, year_id)}
    rows = []
    for pair in assignment.pairs:
        student = people.get(pair.student_id, {})
        first_time = pair.shared_times[0] if pair.shared_times and pair.times_known else None
        rows.append({
            "ticked": True,
            "student_id": pair.student_id,
            "student_name": person_name(student),
            "sort_name": fold(f"{student.get('last_name', '')} {student.get('first_name', '')}"),
            "mentor_id": pair.mentor_id,
            "mentor_name": pair.mentor_name,
            "usual": first_time,
            "reasons": pair.reason_text,
            "consent": student.get("consent_status", "unknown"),
            "cleared": pair.cleared,
        })
    rows.sort(key=lambda row: row["sort_name"])
    unmatched = [person_name(people[i]) for i in assignment.unmatched if i in people]
    return {"rows": rows, "unmatched": sorted(unmatched, key=fold), "left_out": left_out}

def names_in_short(names: list[str], most: int = 8) -> str:
    """The first few names, then how many more (a long list would push the proposals off a
    small screen; the Students screen's "Waiting for a mentor" lists them all)."""
    if len(names) <= most:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


class ProposalModel(RowsModel):
    """Proposed matches, each with a tick box: ticked ones are saved."""

    COLUMNS = (
        Column("ticked", "Keep", "Ticked matches are saved; untick the ones you do not want"),
        Column("student_name", "Student", "A student waiting for a mentor"),
        Column("mentor_name", "Mentor", "The mentor proposed"),
        Column("usual", "Usual time", "A time both are free (you can change it later)"),
        Column("reasons", "Why", "Why this pair"),
        Column("consent", "Consent", "Guardian consent for the program"),
        Column("cleared", "Screening", "Whether the mentor is cleared to mentor"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == TICK:
            return ""
        if column == WHEN:
            return usual_time(*row["usual"]) if row["usual"] else ""
        if column == CONSENT_COLUMN:
            return label(CONSENT_STATUSES, row["consent"])
        if column == SCREENING:
            return "Cleared" if row["cleared"] else "Not cleared"
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == STUDENT:
            return row["sort_name"]
        if column == TICK:
            return int(row["ticked"])
        if column == SCREENING:
            return int(row["cleared"])
        return super().cell_sort_value(row, column)

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        return row["reasons"] if column == WHY else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == TICK:
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if row["ticked"] else Qt.CheckState.Unchecked)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return "Keep" if row["ticked"] else "Leave out"
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == TICK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != TICK or \
                role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self.row_at(index.row())["ticked"] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def ticked(self) -> list[dict]:
        return [row for row in self.rows() if row["ticked"]]

    def tick_all(self, ticked: bool) -> None:
        for row in self.rows():
            row["ticked"] = ticked
        if self.rowCount():
            self.dataChanged.emit(self.index(0, TICK), self.index(self.rowCount() - 1, TICK),
                                  [Qt.ItemDataRole.CheckStateRole])

class SuggestAllDialog(QDialog):
    """Every waiting student with the mentor the rules propose; tick, then save together."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.saved: list[int] = []
        self.setWindowTitle("Suggest matches for everyone waiting")
        self.setAccessibleName(self.windowTitle())
        resize_within_screen(self, 1080, 620)
        intro = QLabel("MentorDesk proposes a mentor for as many waiting students as it can, "
                       "then the best pairs by shared free times, interests and last year's "
                       "mentor. Nothing is saved until you press Save. Untick any you do not "
                       "want.")
        intro.setWordWrap(True)
        self.model = ProposalModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("Proposed matches", "Tick the matches to keep", self.proxy)
        set_column_widths(self.table, [4, 17, 16, 23, 28, 18, 10])
        self.model.dataChanged.connect(lambda *_: self._update_save())
        self.status = QLabel("Working out the best matches…")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.unmatched = QLabel("")
        self.unmatched.setWordWrap(True)
        self.unmatched.setObjectName("hint")
        self.left_out = QLabel("")
        self.left_out.setWordWrap(True)
        self.left_out.setObjectName("hint")
        self.left_out.setAccessibleName("Mentors left out")
        self.include_not_cleared = QCheckBox("&Include mentors who are not cleared yet")
        self.include_not_cleared.setToolTip(
            "Mentors whose background check is missing or out of date, or whose agreement is "
            "not signed, are left out unless you tick this")
        self.include_not_cleared.setAccessibleName("Include mentors who are not cleared yet")
        self.include_not_cleared.toggled.connect(lambda _: self._load())
        tick_row = QHBoxLayout()
        tick_row.addWidget(button("Tick &all", "Keep every proposed match",
                                  lambda: self.model.tick_all(True)))
        tick_row.addWidget(button("Untick a&ll", "Leave every proposed match out",
                                  lambda: self.model.tick_all(False)))
        tick_row.addStretch(1)
        tick_row.addWidget(self.include_not_cleared)
        buttons = ok_cancel(self, "Save", "Save every ticked match now, together",
                            "Close without saving any match")
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(tick_row)
        layout.addWidget(self.status)
        layout.addWidget(self.unmatched)
        layout.addWidget(self.left_out)
        layout.addWidget(buttons)
        self.loader = Loader(self)
        self._load()

    def _load(self) -> None:
        year_id, on = self.desk.year_id, clock.today()
        include = self.include_not_cleared.isChecked()
        self.status.setText("Working out the best matches…")
        self.save_button.setEnabled(False)
        self.loader.load(self.desk.data.path, lambda db: load_proposal(
            db, year_id, on, include_not_cleared=include), self._loaded)

    def _loaded(self, proposal: dict) -> None:
        self.model.set_rows(proposal["rows"])
        left_out = proposal["left_out"]
        self.left_out.setText(
            f"Left out because not cleared yet: {', '.join(left_out)}. Tick Include mentors "
            "who are not cleared yet to consider them too." if left_out else "")
        self.left_out.setVisible(bool(left_out))
        if not proposal["rows"] and not proposal["unmatched"]:
            self.status.setText("Nobody is waiting: every nominated student has a mentor.")
        elif not proposal["rows"]:
            self.status.setText("No mentor has room (or a free time in common) for the "
                                "students waiting.")
        else:
            self.status.setText(f"{plural(len(proposal['rows']), 'match', 'matches')} "
                                "proposed.")
        if proposal["unmatched"]:
            self.unmatched.setText(
                f"No mentor could take {plural(len(proposal['unmatched']), 'student')}: "
                + names_in_short(proposal["unmatched"])
                + ". Every mentor with a free time in common is full; raise a capacity or "
                "add a mentor.")
        self._update_save()

    def _update_save(self) -> None:
        count = len(self.model.ticked())
        self.save_button.setEnabled(count > 0)
        self.save_button.setText(f"Save {plural(count, 'match', 'matches')}" if count else
                                 "Save")

    def accept(self) -> None:
        ticked = self.model.ticked()
        if not ticked:
            return
        no_consent = [row for row in ticked if row["consent"] != "given"]
        not_cleared = {row["mentor_name"] for row in ticked if not row["cleared"]}
        questions = []
        if no_consent:
            questions.append(f"{plural(len(no_consent), 'student')} ticked "
                             f"{'has' if len(no_consent) == 1 else 'have'} no guardian consent "
                             "yet (ask before the first meeting).")
        if not_cleared:
            questions.append(f"Not cleared to mentor: {', '.join(sorted(not_cleared))}.")
        if questions:
            answer = QMessageBox.question(self, "Save these matches?",
                                          "\n\n".join(questions) + "\n\nSave the matches anyway?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        chosen = [NewMatch(row["student_id"], row["mentor_id"], clock.today(),
                           *(row["usual"] if row["usual"] else (None, None)))
                  for row in ticked]
        outcome = perform(self, self.desk, partial(
            match_actions.save_suggested_matches, year_id=self.desk.year_id, chosen=chosen))
        if outcome is None:
            return
        self.saved = list(outcome.value)
        super().accept()

    def toggle(self, proxy_row: int) -> None:
        """Tick or untick one proposed match (as a click on its box does)."""
        index = self.proxy.index(proxy_row, TICK)
        current = self.proxy.data(index, Qt.ItemDataRole.CheckStateRole)
        self.proxy.setData(index, Qt.CheckState.Unchecked if current == Qt.CheckState.Checked
                           else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
