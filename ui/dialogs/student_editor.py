"""Add a student or change a student's profile: names, ID, grade, guardian and consent."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from storage import settings, students
from storage.errors import KnownProblem
from ui.desk import STUDENTS, Desk, today
from ui.dialogs.common import OptionalDate, line_edit, ok_cancel, plain
from ui.errors import show_error
from ui.words import CONSENT, grade_words, person_name


class StudentEditor(QDialog):
    """One form for a student's profile; saving writes it at once (a small write)."""

    def __init__(self, desk: Desk, student_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.student_id = student_id
        db = desk.db
        record = students.student(db, student_id) if student_id else None
        self._enrollment = (students.enrollment(db, student_id, desk.year_id)
                            if student_id and desk.year_id else None)
        record = record or {}
        self.setWindowTitle(f"Edit {person_name(record)}" if student_id else "Add a student")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(460)

        self.first_name = line_edit(record.get("first_name"), "First name",
                                    "The student's first name as the school writes it")
        self.last_name = line_edit(record.get("last_name"), "Last name", "Family name")
        self.preferred_name = line_edit(record.get("preferred_name"), "Preferred name",
                                        "What the student likes to be called (optional)")
        self.local_id = line_edit(record.get("local_id"), "Student ID",
                                  "The school's student ID, exactly as in the office system "
                                  "(leading zeros kept)")
        self.grade = QComboBox()
        self.grade.setAccessibleName("Grade")
        self.grade.setToolTip("Grade this school year")
        self.grade.addItem("(not set)", None)
        low, high = settings.get(db, "lowest_grade"), settings.get(db, "top_grade")
        current_grade = self._enrollment["grade"] if self._enrollment else None
        grades = list(range(low, high + 1))
        if current_grade is not None and current_grade not in grades:
            grades.append(current_grade)
        for grade in sorted(grades):
            self.grade.addItem(grade_words(grade), grade)
        self.grade.setCurrentIndex(max(0, self.grade.findData(current_grade))
                                   if current_grade is not None else 0)
        self.homeroom = line_edit(self._enrollment["homeroom"] if self._enrollment else "",
                                  "Homeroom", "Homeroom this school year")
        self.guardian_name = line_edit(record.get("guardian_name"), "Guardian",
                                       "Parent or guardian to contact")
        self.guardian_phone = line_edit(record.get("guardian_phone"), "Guardian's phone",
                                        "Phone number for the guardian")
        self.guardian_email = line_edit(record.get("guardian_email"), "Guardian's email",
                                        "Email address for the guardian")
        self.consent = QComboBox()
        self.consent.setAccessibleName("Guardian consent")
        self.consent.setToolTip("Has a parent or guardian agreed to the student joining the "
                                "mentoring program?")
        for code, text in CONSENT.items():
            self.consent.addItem(text, code)
        self.consent.setCurrentIndex(max(0, self.consent.findData(
            record.get("consent_status") or "unknown")))
        consent_day = record.get("consent_date")
        self.consent_date = OptionalDate(
            "On", dt.date.fromisoformat(consent_day) if consent_day else None, today(),
            "The date the guardian answered")
        self.interests = line_edit(record.get("interests"), "Interests",
                                   "What the student enjoys, separated by commas "
                                   "(used to suggest mentors)", "soccer, drawing, music")
        self.notes = QPlainTextEdit(record.get("notes") or "")
        self.notes.setAccessibleName("Notes")
        self.notes.setToolTip("Anything a mentor should know (kept private to the program)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().height() * 4 + 12)

        form = QFormLayout()
        form.addRow("&First name", self.first_name)
        form.addRow("&Last name", self.last_name)
        form.addRow("&Preferred name", self.preferred_name)
        form.addRow("Student &ID", self.local_id)
        form.addRow("&Grade", self.grade)
        form.addRow("&Homeroom", self.homeroom)
        form.addRow("G&uardian", self.guardian_name)
        form.addRow("Guardian's p&hone", self.guardian_phone)
        form.addRow("Guardian's &email", self.guardian_email)
        form.addRow("&Consent", self.consent)
        form.addRow("", self.consent_date)
        form.addRow("I&nterests", self.interests)
        form.addRow("N&otes", self.notes)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, "Save", "Save the student's details"))
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

    def accept(self) -> None:
        values = self.values()
        if not values["first_name"] and not values["last_name"]:
            self._refuse("Type the student's first or last name.")
            self.first_name.setFocus()
            return
        db, year_id = self.desk.db, self.desk.year_id
        enrollment = self._enrollment or {}
        try:
            with db.atomic():
                if self.student_id is None:
                    self.student_id = students.add_student(db, **values)
                else:
                    students.update_student(db, self.student_id, **values)
                if year_id is not None:
                    students.set_enrollment(
                        db, self.student_id, year_id, grade=self.grade.currentData(),
                        homeroom=plain(self.homeroom.text()),
                        entry_date=enrollment.get("entry_date"),
                        exit_date=enrollment.get("exit_date"),
                        batch_id=enrollment.get("batch_id"))
        except KnownProblem as problem:
            self._refuse(problem.message)
            return
        except Exception as error:  # a bug: the crash dialog, and the form stays open
            show_error(self, error)
            return
        self.desk.notify(STUDENTS)
        super().accept()

    def _refuse(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()
