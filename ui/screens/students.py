"""The Students screen: the year's students, filters, and the chosen student's details."""

from __future__ import annotations

import datetime as dt
from functools import partial

import sqlite_utils
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from actions import students as student_actions
from program.attendance import TIERS as TIER_ORDER
from program.vocabulary import NOMINATION_REASONS, tier_words
from storage import clock, students
from ui.desk import (
    ATTENDANCE,
    GOALS,
    MATCHES,
    MEETINGS,
    NOMINATIONS,
    REFERRALS,
    STUDENTS,
    Desk,
    import_available,
)
from ui.models.students import (
    CHRONIC,
    EARLY_WARNING,
    MATCHED,
    NOT_RATED,
    REASONS,
    UNMATCHED,
    WAITING,
    StudentFilter,
    StudentsModel,
    load_rows,
)
from ui.operations import perform
from ui.screens.base import button, make_combo, refill
from ui.screens.list_screen import ListScreen
from ui.screens.student_detail import StudentDetail
from ui.words import grade_words, person_name


class StudentsScreen(ListScreen):
    """Find a student, see everything about them, and act: edit, match, log, archive."""

    KEY = "students"
    TITLE = "Students"
    KEEP_IN_VIEW = REASONS
    NOUN = "students"
    CHANGES = frozenset({STUDENTS, MATCHES, MEETINGS, NOMINATIONS, ATTENDANCE, GOALS, REFERRALS})

    meeting_requested = Signal(int)  # student id: the window opens Log a meeting
    profile_requested = Signal(int)  # student id: the window prints the mentee profile

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        # Archived students are hidden from the start.
        super().__init__(desk, StudentsModel(), StudentFilter(), parent)
        self.count.setAccessibleName("How many students are shown")
        self.search = self.make_search(
            "Type part of a name or ID", "Find in the students list",
            "Shows only the students whose name, ID or homeroom contains what you type",
            width_chars=18)
        self.grade = make_combo("Grade", "Show one grade only", [("All grades", None)],
                                self.apply_filters)
        self.tier = make_combo(
            "Attendance tier", "Show students in one attendance tier",
            [("All tiers", None)] + [(tier_words(code), code) for code in TIER_ORDER]
            + [("Chronic (10% or more)", CHRONIC), ("Early warning", EARLY_WARNING),
               (tier_words(None), NOT_RATED)],
            self.apply_filters)
        self.who = make_combo(
            "Mentor", "Show students with a mentor, without one, or nominated and waiting",
            [("With or without a mentor", None), ("With a mentor", MATCHED),
             ("Without a mentor", UNMATCHED), ("Waiting for a mentor", WAITING)],
            self.apply_filters)
        self.concern = make_combo(
            "Concern", "Show students nominated for one reason",
            [("Any concern", None)] + [(text, code) for code, text in NOMINATION_REASONS.items()],
            self.apply_filters)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setToolTip("Also list archived students (to look them up or restore "
                                      "them)")
        self.show_archived.setAccessibleName("Show archived students")
        self.show_archived.toggled.connect(lambda _: self.apply_filters())
        self.clear_button = button("Clear filters", "Show every student again",
                                   self.clear_filters)
        self.add_button = button("&Add a student…", "Add a student who is not on the roster",
                                 self.add_student)
        self.filter_controls(self.grade, self.tier, self.who, self.concern, self.show_archived,
                             self.search)

        self.make_list("Students list", "Click a student to see their details; click a column "
                       "title to sort", [17, 6, 3, 12, 6, 25, 16, 11, 8])
        detail = StudentDetail(desk)
        detail.edit_requested.connect(self.edit_student)
        detail.archive_requested.connect(self.set_archived)
        detail.mentor_requested.connect(self.mentor_requested)
        detail.match_requested.connect(self.find_mentor)
        detail.meeting_requested.connect(self.log_meeting)
        detail.profile_requested.connect(self.profile_requested)
        # The drop-downs name themselves ("All grades", "All tiers", ...): no labels needed,
        # which keeps the row narrow enough for a small screen at 125% or 150%.
        self.lay_out([self.show_archived, self.clear_button, self.add_button],
                     [(self.search, 1), self.grade, self.tier, self.who, self.concern],
                     detail=detail, sizes=(620, 500))

    # What the list is --------------------------------------------------------------------------

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        return load_rows(db, year_id, as_of)

    def load(self) -> None:
        if self.model.rowCount():
            super().load()  # the list on screen stays until the new one is whole
            return
        # An empty list (the window's start, another file or year): the names first, then
        # attendance, which takes most of the time, on the same loader (still busy meanwhile).
        year_id, as_of, path = self.desk.year_id, clock.today(), self.desk.data.path
        self.count.setText("Loading…")

        def names_shown(rows: list[dict]) -> None:
            self._loaded(rows)
            self.loader.load(path, lambda db: load_rows(db, year_id, as_of), self._loaded)

        self.loader.load(path, lambda db: load_rows(db, year_id, as_of, attendance=False),
                         names_shown)

    def before_rows(self, rows: list[dict]) -> None:
        grades = sorted({row["grade"] for row in rows if row["grade"] is not None})
        refill(self.grade, [("All grades", None)]
               + [(f"Grade {grade_words(grade)}", grade) for grade in grades])

    def current_filter(self) -> StudentFilter:
        return StudentFilter(text=self.search.text(), grade=self.grade.currentData(),
                             tier=self.tier.currentData(), who=self.who.currentData(),
                             concern=self.concern.currentData(),
                             show_archived=self.show_archived.isChecked())

    def reveal(self, row: dict) -> None:
        self.clear_filters(apply=False)
        self.show_archived.blockSignals(True)
        self.show_archived.setChecked(bool(row.get("archived")))
        self.show_archived.blockSignals(False)
        self.apply_filters()

    def show_detail(self, row: dict | None) -> None:
        self.detail.show_student(row["id"] if row is not None else None)

    def empty_words(self, year: str) -> str:
        roster = ("Bring in the school's roster, an export from the office's student system "
                  "(File > Import…), or add" if import_available() else "Add")
        return (f"There are no students in {year} yet. {roster} students one at a time (the "
                "Add a student… button above).")

    def update_count(self) -> None:
        total = sum(1 for row in self.model.rows() if not row.get("archived"))
        if self.current_filter().is_empty() and not self.show_archived.isChecked():
            self.count.setText(f"{total} students")
        else:
            self.count.setText(f"showing {self.proxy.rowCount()} of {total} students")

    def set_who_filter(self, who: str | None) -> None:
        """Show only matched / not matched / waiting students (from elsewhere in the window)."""
        self.who.setCurrentIndex(max(0, self.who.findData(who)))

    # Choosing a student ------------------------------------------------------------------------

    def current_student_id(self) -> int | None:
        return self.current_id()

    def show_student(self, student_id: int) -> bool:
        """Select a student, clearing filters that hide them; False when not in this year."""
        return self.show_id(student_id)

    # Actions ---------------------------------------------------------------------------------

    def add_student(self) -> None:
        from ui.dialogs.student_editor import StudentEditor

        if not self.desk.is_open:
            return
        dialog = StudentEditor(self.desk, None, self)
        if dialog.exec():
            self.show_student(dialog.student_id)

    def edit_student(self, student_id: int) -> None:
        from ui.dialogs.student_editor import StudentEditor

        dialog = StudentEditor(self.desk, student_id, self)
        if dialog.exec():
            self.show_student(student_id)

    def set_archived(self, student_id: int, archive: bool) -> None:
        """Archive (hide) or restore a student; archiving asks first if they have a mentor."""
        db = self.desk.db
        record = students.student(db, student_id)
        if record is None:
            return
        name = person_name(record)
        if archive and self.detail.current_match is not None:
            answer = QMessageBox.question(
                self, "Archive a student with a mentor?",
                f"{name} still has a mentor. Archiving hides {name} from the lists but does "
                "not end the match; close the match first if it has ended.\n\n"
                f"Archive {name} anyway?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        if perform(self, self.desk, partial(student_actions.archive_student,
                                            student_id=student_id, archived=archive)):
            self._wanted = student_id if not archive else None

    def find_mentor(self, student_id: int) -> None:
        """Open the matching dialog for one student: suggestions, usual time, one click."""
        from ui.dialogs.match_dialog import MatchDialog

        dialog = MatchDialog(self.desk, student_id, self)
        if dialog.exec():
            self._wanted = student_id
            record = students.student(self.desk.db, student_id)
            self.status_message.emit(f"Matched {person_name(record)} with "
                                     f"{dialog.mentor_name}.")

    def log_meeting(self, student_id: int) -> None:
        """Ask the window to open Log a meeting for one student."""
        self.meeting_requested.emit(student_id)
