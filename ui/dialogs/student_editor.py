"""Add a student or change a student's profile: names, ID, grade, guardian and consent."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from actions import students as student_actions
from actions.core import Outcome
from program.vocabulary import CONSENT_STATUSES
from storage import clock, settings, students
from ui.desk import Desk
from ui.dialogs.common import OptionalDate, choice, day_or_none, line_edit, notes_field, plain
from ui.dialogs.form_dialog import FormDialog
from ui.words import grade_words, person_name


class StudentEditor(FormDialog):
    """One form for a student's profile; saving writes it at once (a small write)."""

    def __init__(self, desk: Desk, student_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        db = desk.db
        record = (students.student(db, student_id) if student_id else None) or {}
        super().__init__(desk, f"Edit {person_name(record)}" if student_id else "Add a student",
                         parent)
        self.student_id = student_id
        self._enrollment = (students.enrollment(db, student_id, desk.year_id)
                            if student_id and desk.year_id else None)
        enrollment = self._enrollment or {}

        self.first_name = line_edit(record.get("first_name"), "First name",
                                    "The student's first name as the school writes it")
        self.last_name = line_edit(record.get("last_name"), "Last name", "Family name")
        self.preferred_name = line_edit(record.get("preferred_name"), "Preferred name",
                                        "What the student likes to be called (optional)")
        self.local_id = line_edit(record.get("local_id"), "Student ID",
                                  "The school's student ID, exactly as in the office system "
                                  "(leading zeros kept)")
        grades = set(range(settings.get(db, "lowest_grade"), settings.get(db, "top_grade") + 1))
        if enrollment.get("grade") is not None:
            grades.add(enrollment["grade"])
        self.grade = choice("Grade", "Grade this school year",
                            [("(not set)", None)] + [(grade_words(g), g) for g in sorted(grades)],
                            enrollment.get("grade"))
        self.homeroom = line_edit(enrollment.get("homeroom"), "Homeroom",
                                  "Homeroom this school year")
        self.guardian_name = line_edit(record.get("guardian_name"), "Guardian",
                                       "Parent or guardian to contact")
        self.guardian_phone = line_edit(record.get("guardian_phone"), "Guardian's phone",
                                        "Phone number for the guardian")
        self.guardian_email = line_edit(record.get("guardian_email"), "Guardian's email",
                                        "Email address for the guardian")
        self.consent = choice("Guardian consent", "Has a parent or guardian agreed to the "
                              "student joining the mentoring program?",
                              [(text, code) for code, text in CONSENT_STATUSES.items()],
                              record.get("consent_status") or "unknown")
        self.consent_date = OptionalDate("On", day_or_none(record.get("consent_date")),
                                         clock.today(),
                                         "The date the guardian answered")
        self.interests = line_edit(record.get("interests"), "Interests",
                                   "What the student enjoys, separated by commas "
                                   "(used to suggest mentors)", "soccer, drawing, music")
        self.notes = notes_field(record.get("notes"), "Anything a mentor should know (kept "
                                 "private to the program)", lines=4)
        self.lay_out(self.form_rows([
            ("&First name", self.first_name),
            ("&Last name", self.last_name),
            ("&Preferred name", self.preferred_name),
            ("Student &ID", self.local_id),
            ("&Grade", self.grade),
            ("&Homeroom", self.homeroom),
            ("G&uardian", self.guardian_name),
            ("Guardian's p&hone", self.guardian_phone),
            ("Guardian's &email", self.guardian_email),
            ("&Consent", self.consent),
            ("", self.consent_date),
            ("I&nterests", self.interests),
            ("N&otes", self.notes),
        ]), "Save", "Save the student's details")
        self.first_name.setFocus()

    def values(self) -> dict:
        """The profile as typed."""
        return {
            "first_name": plain(self.first_name.text()),
            "last_name": plain(self.last_name.text()),
            "preferred_name": plain(self.preferred_name.text()),
            "local_id": plain(self.local_id.text()),
            "guardian_name": plain(self.guardian_name.text()),
            "guardian_phone": plain(self.guardian_phone.text()),
            "guardian_email": plain(self.guardian_email.text()),
            "consent_status": self.consent.currentData(),
            "consent_date": self.consent_date.day(),
            "interests": plain(self.interests.text()),
            "notes": self.notes.toPlainText().strip(),
        }

    def check(self) -> str | None:
        values = self.values()
        if not values["first_name"] and not values["last_name"]:
            self.first_name.setFocus()
            return "Type the student's first or last name."
        return None

    def save(self) -> Outcome:
        db, year_id, values = self.desk.db, self.desk.year_id, self.values()
        enrollment = {"grade": self.grade.currentData(), "homeroom": plain(self.homeroom.text())}
        if self.student_id is None:
            outcome = student_actions.add_student(db, values, year_id=year_id,
                                                  enrollment=enrollment)
        else:
            outcome = student_actions.edit_student(db, self.student_id, values, year_id=year_id,
                                                   enrollment=enrollment)
        self.student_id = outcome.value  # only once saved: a refused add can be tried again
        return outcome
