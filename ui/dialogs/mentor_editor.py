"""Add a mentor or change a mentor's details: name, role, contact, capacity, screening."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from actions import mentors as mentor_actions
from actions.core import Outcome
from program.calendar import years_later
from storage import clock, lookups, mentors, settings
from ui.desk import Desk
from ui.dialogs.common import OptionalDate, choice, day_or_none, line_edit, notes_field, plain
from ui.dialogs.form_dialog import FormDialog


def _tick(text: str, tooltip: str, ticked: bool) -> QCheckBox:
    box = QCheckBox(text)
    box.setToolTip(tooltip)
    box.setAccessibleName(text)
    box.setChecked(ticked)
    return box


class MentorEditor(FormDialog):
    """One form for a mentor; saving writes it at once."""

    def __init__(self, desk: Desk, mentor_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        db = desk.db
        record = (mentors.mentor(db, mentor_id) if mentor_id else None) or {}
        name = f"{record.get('first_name', '')} {record.get('last_name', '')}".strip()
        super().__init__(desk, f"Edit {name}" if mentor_id else "Add a mentor", parent)
        self.mentor_id = mentor_id

        self.first_name = line_edit(record.get("first_name"), "First name", "First name")
        self.last_name = line_edit(record.get("last_name"), "Last name", "Family name")
        roles = [(entry["name"], entry["id"])
                 for entry in lookups.entries(db, "roles", include_inactive=True)
                 if entry["active"] or entry["id"] == record.get("role_id")]
        self.role = choice("Role", "The mentor's job in the school (the list is editable in "
                           "Settings)", [("(not set)", None)] + roles, record.get("role_id"))
        self.email = line_edit(record.get("email"), "Email", "School email address")
        self.phone = line_edit(record.get("phone"), "Phone", "Phone or extension")
        self.interests = line_edit(record.get("interests"), "Interests",
                                   "Hobbies and strengths, separated by commas (used to suggest "
                                   "matches)", "soccer, art, cooking")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 30)
        self.capacity.setValue(record.get("capacity", settings.get(db, "default_mentor_capacity")))
        self.capacity.setAccessibleName("Most mentees")
        self.capacity.setToolTip("The most students this mentor will take at once")
        self.check_on = OptionalDate("Done on", day_or_none(record.get("background_check_on")),
                                     clock.today(), "The date of the background check")
        self.check_expires = OptionalDate("Expires on",
                                          day_or_none(record.get("background_check_expires")),
                                          years_later(clock.today(), 3),
                                          "When the background check runs out")
        self.agreement = _tick("Signed the mentor agreement", "The mentor has signed the "
                               "program's agreement", bool(record.get("agreement_signed")))
        self.agreement_on = OptionalDate("On", day_or_none(record.get("agreement_signed_on")),
                                         clock.today(), "The date the agreement was signed")
        self.active = _tick("Mentoring this year", "Untick for a mentor who stepped back: they "
                            "keep their history but get no new suggestions",
                            bool(record.get("active", 1)))
        self.notes = notes_field(record.get("notes"), "Anything worth remembering about this "
                                 "mentor")
        self.lay_out(self.form_rows([
            ("&First name", self.first_name),
            ("&Last name", self.last_name),
            ("&Role", self.role),
            ("&Email", self.email),
            ("&Phone", self.phone),
            ("&Interests", self.interests),
            ("&Most mentees", self.capacity),
            ("Background check", self.check_on),
            ("", self.check_expires),
            ("Agreement", self.agreement),
            ("", self.agreement_on),
            ("", self.active),
            ("&Notes", self.notes),
        ]), "Save", "Save the mentor's details")

    def values(self) -> dict:
        """The mentor as typed."""
        return {
            "first_name": plain(self.first_name.text()),
            "last_name": plain(self.last_name.text()),
            "role_id": self.role.currentData(),
            "email": plain(self.email.text()),
            "phone": plain(self.phone.text()),
            "interests": plain(self.interests.text()),
            "capacity": self.capacity.value(),
            "background_check_on": self.check_on.day(),
            "background_check_expires": self.check_expires.day(),
            "agreement_signed": self.agreement.isChecked(),
            "agreement_signed_on": self.agreement_on.day() if self.agreement.isChecked() else None,
            "active": self.active.isChecked(),
            "notes": self.notes.toPlainText().strip(),
        }

    def check(self) -> str | None:
        values = self.values()
        if not values["first_name"] and not values["last_name"]:
            self.first_name.setFocus()
            return "Type the mentor's name."
        return None

    def save(self) -> Outcome:
        if self.mentor_id is None:
            outcome = mentor_actions.add_mentor(self.desk.db, self.values())
            self.mentor_id = outcome.value
            return outcome
        return mentor_actions.edit_mentor(self.desk.db, self.mentor_id, self.values())
