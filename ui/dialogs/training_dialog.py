"""Add a training session or change one: the day, the title, the kind, whether it is required."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QWidget

from actions import trainings as training_actions
from actions.core import Outcome
from program.vocabulary import TRAINING_KINDS
from storage import clock, trainings
from ui.dialogs.common import DateField, choice, line_edit, notes_field
from ui.dialogs.form_dialog import FormDialog


class TrainingEditor(FormDialog):
    """One session: saving adds it (or saves the changes) at once."""

    def __init__(self, desk, training_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        record = trainings.training(desk.db, training_id) if training_id else None
        super().__init__(desk, "Change a training session" if record else
                         "Add a training session", parent, minimum_width=480)
        self.training_id = training_id
        self.saved_id: int | None = None
        record = record or {}
        day = dt.date.fromisoformat(record["held_on"]) if record else clock.today()
        self.held_on = DateField(day, "Date", "The day of the session")
        self.title = line_edit(record.get("title"), "Title", "What the session is called",
                               "Welcome and mentor basics")
        self.kind = choice("Kind", "Start of year, mid-year, end of year or other: a later "
                           "session of the same kind counts as a make-up",
                           [(text, code) for code, text in TRAINING_KINDS.items()],
                           record.get("kind", "start_of_year"))
        self.required = QCheckBox("Every mentor must come (or make it up)")
        self.required.setAccessibleName("Required")
        self.required.setToolTip("Mentors who miss it are listed until they come to a later "
                                 "session of the same kind")
        self.required.setChecked(bool(record.get("required", False)))
        self.notes = notes_field(record.get("notes"), "Where, who leads it, what to bring "
                                 "(optional)", lines=2)
        form = self.form_rows([("&Date", self.held_on), ("&Title", self.title),
                               ("&Kind", self.kind), ("", self.required), ("&Notes", self.notes)])
        self.lay_out(form, "Save the session" if record else "Add the session",
                     "Save this training session")
        self.title.setFocus()

    def save(self) -> Outcome:
        values = dict(held_on=self.held_on.day(), title=self.title.text(),
                      kind=self.kind.currentData(), required=self.required.isChecked(),
                      notes=self.notes.toPlainText())
        if self.training_id:
            outcome = training_actions.edit_training(self.desk.db, self.training_id, **values)
        else:
            outcome = training_actions.add_training(self.desk.db, **values)
        self.saved_id = outcome.value
        return outcome
