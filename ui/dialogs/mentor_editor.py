"""Add a mentor or change a mentor's details: name, role, contact, capacity, screening."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from storage import lookups, mentors, settings
from storage.errors import KnownProblem
from ui.desk import MENTORS, Desk, today
from ui.dialogs.common import OptionalDate, line_edit, ok_cancel, plain
from ui.errors import show_error


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class MentorEditor(QDialog):
    """One form for a mentor; saving writes it at once."""

    def __init__(self, desk: Desk, mentor_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.mentor_id = mentor_id
        db = desk.db
        record = (mentors.mentor(db, mentor_id) if mentor_id else None) or {}
        name = f"{record.get('first_name', '')} {record.get('last_name', '')}".strip()
        self.setWindowTitle(f"Edit {name}" if mentor_id else "Add a mentor")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(460)

        self.first_name = line_edit(record.get("first_name"), "First name", "First name")
        self.last_name = line_edit(record.get("last_name"), "Last name", "Family name")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        self.role.setToolTip("The mentor's job in the school (the list is editable in Settings)")
        self.role.addItem("(not set)", None)
        for entry in lookups.entries(db, "roles", include_inactive=True):
            if entry["active"] or entry["id"] == record.get("role_id"):
                self.role.addItem(entry["name"], entry["id"])
        self.role.setCurrentIndex(max(0, self.role.findData(record.get("role_id"))))
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
        self.check_on = OptionalDate("Done on", _day(record.get("background_check_on")), today(),
                                     "The date of the background check")
        self.check_expires = OptionalDate("Expires on",
                                          _day(record.get("background_check_expires")),
                                          today().replace(year=today().year + 3),
                                          "When the background check runs out")
        self.agreement = QCheckBox("Signed the mentor agreement")
        self.agreement.setToolTip("The mentor has signed the program's agreement")
        self.agreement.setAccessibleName("Signed the mentor agreement")
        self.agreement.setChecked(bool(record.get("agreement_signed")))
        self.agreement_on = OptionalDate("On", _day(record.get("agreement_signed_on")), today(),
                                         "The date the agreement was signed")
        self.active = QCheckBox("Mentoring this year")
        self.active.setToolTip("Untick for a mentor who stepped back: they keep their history "
                               "but get no new suggestions")
        self.active.setAccessibleName("Mentoring this year")
        self.active.setChecked(bool(record.get("active", 1)))
        self.notes = QPlainTextEdit(record.get("notes") or "")
        self.notes.setAccessibleName("Notes")
        self.notes.setToolTip("Anything worth remembering about this mentor")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().height() * 3 + 12)

        form = QFormLayout()
        form.addRow("&First name", self.first_name)
        form.addRow("&Last name", self.last_name)
        form.addRow("&Role", self.role)
        form.addRow("&Email", self.email)
        form.addRow("&Phone", self.phone)
        form.addRow("&Interests", self.interests)
        form.addRow("&Most mentees", self.capacity)
        form.addRow("Background check", self.check_on)
        form.addRow("", self.check_expires)
        form.addRow("Agreement", self.agreement)
        form.addRow("", self.agreement_on)
        form.addRow("", self.active)
        form.addRow("&Notes", self.notes)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, "Save", "Save the mentor's details"))

    def values(self) -> dict:
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

    def accept(self) -> None:
        values = self.values()
        if not values["first_name"] and not values["last_name"]:
            self._refuse("Type the mentor's name.")
            return
        try:
            if self.mentor_id is None:
                self.mentor_id = mentors.add_mentor(self.desk.db, **values)
            else:
                mentors.update_mentor(self.desk.db, self.mentor_id, **values)
        except KnownProblem as problem:
            self._refuse(problem.message)
            return
        except Exception as error:
            show_error(self, error)
            return
        self.desk.notify(MENTORS)
        super().accept()

    def _refuse(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()
