"""What a new, empty data file shows: set up the school year first, then what comes next.

Everything in MentorDesk (students' grades, matches, meetings, attendance) belongs to a school
year, so a file without one cannot show anything useful. Rather than empty screens, the window
shows this page until the first year is added.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from actions import years as year_actions
from storage import clock, settings
from storage.errors import KnownProblem
from ui.desk import Desk, import_available
from ui.dialogs.common import DateField, line_edit, plain
from ui.errors import show_error
from ui.screens.base import button, title_label
from ui.widgets.detail_pane import scrolling


def likely_year(today: dt.date) -> tuple[str, dt.date, dt.date]:
    """A guess to start from: the school year around ``today`` ("2026-2027", early September
    to mid-June, on weekdays); the facilitator checks the dates."""
    start = today.year if today.month >= 7 else today.year - 1
    first = dt.date(start, 9, 1)
    while first.weekday() >= 5:
        first += dt.timedelta(days=1)
    last = dt.date(start + 1, 6, 15)
    while last.weekday() >= 5:
        last -= dt.timedelta(days=1)
    return f"{start}-{start + 1}", first, last


class StartPage(QWidget):
    """Add the first school year; then bring in students and mentors."""

    year_added = Signal(int)  # the new year's id

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setAccessibleName("Getting started")
        name, first, last = likely_year(clock.today())
        self.school = line_edit("", "School's name", "Your school's name, as it should appear on "
                                "the window and on reports", "Riverside Middle School")
        self.name = line_edit(name, "School year's name", "What the year is called, such as "
                              "2026-2027 (it names the year in lists and reports)")
        self.first_day = DateField(first, "First day of classes",
                                   "The first day students are in school this year")
        self.last_day = DateField(last, "Last day of classes",
                                  "The last day students are in school this year")
        self.add_button = button("&Add the school year", "Save this school year and start "
                                 "using MentorDesk", self.add_year, primary=True)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()

        intro = QLabel("MentorDesk keeps students, matches, meetings and attendance by school "
                       "year. This file has no school year yet, so that comes first.")
        intro.setWordWrap(True)
        step_one = QLabel("<b>1. Your school and its school year.</b> Type the school's name, "
                          "check the year's name and its first and last day of classes, then "
                          "press Add the school year. (Holidays and breaks can come later.)")
        step_one.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.school.setMinimumWidth(self.school.fontMetrics().horizontalAdvance("x" * 34))
        form.addRow("&School", self.school)
        form.addRow("School &year", self.name)
        form.addRow("&First day of classes", self.first_day)
        form.addRow("&Last day of classes", self.last_day)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        self.next_steps = QLabel(self._next_steps())
        self.next_steps.setWordWrap(True)
        self.next_steps.setTextFormat(Qt.TextFormat.RichText)
        self.next_steps.setAccessibleName("What comes next")

        card = QFrame()
        card.setObjectName("pane")
        card.setMaximumWidth(640)
        inside = QVBoxLayout(card)
        inside.setContentsMargins(20, 16, 20, 20)
        inside.setSpacing(10)
        inside.addWidget(title_label("Set up your school year"))
        inside.addWidget(intro)
        inside.addWidget(step_one)
        inside.addLayout(form)
        inside.addWidget(self.problem)
        inside.addLayout(add_row)
        inside.addSpacing(6)
        inside.addWidget(self.next_steps)
        page = QWidget()
        column = QHBoxLayout(page)
        column.addStretch(1)
        column.addWidget(card, 3, Qt.AlignmentFlag.AlignTop)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.addWidget(scrolling(page))
        QWidget.setTabOrder(self.school, self.name)
        QWidget.setTabOrder(self.name, self.first_day)
        QWidget.setTabOrder(self.first_day, self.last_day)
        QWidget.setTabOrder(self.last_day, self.add_button)

    def refresh(self) -> None:
        """Show the open file's school name (if it has one) and a fresh start."""
        self.school.setText(settings.get(self.desk.db, "school_name") if self.desk.is_open
                            else "")
        self.problem.hide()

    def _next_steps(self) -> str:
        students = ("Bring in the roster from the office's student system (<b>File &gt; "
                    "Import…</b>), or add students one at a time (<b>Mentoring &gt; Add a "
                    "student…</b>)." if import_available() else
                    "Add them one at a time (<b>Mentoring &gt; Add a student…</b>).")
        return ("<b>2. Your students.</b> " + students + "<br><br>"
                "<b>3. Your mentors.</b> Add the staff who will mentor (<b>Mentoring &gt; Add "
                "a mentor…</b>).<br><br>"
                "Just looking around? <b>File &gt; Open demo school</b> shows MentorDesk with a "
                "made-up school, and leaves this file as it is.")

    def add_year(self) -> None:
        """Save the school year (the current one when it is the first) and show the screens."""
        name = plain(self.name.text())
        first, last = self.first_day.day(), self.last_day.day()
        try:
            outcome = year_actions.save_year(self.desk.db, name, first, last,
                                             school_name=plain(self.school.text()) or None)
        except KnownProblem as problem:
            self.problem.setText(problem.message)
            self.problem.show()
            return
        except Exception as error:  # a bug: the crash dialog; the page stays as typed
            show_error(self, error)
            return
        self.problem.hide()
        self.desk.applied(outcome)
        self.year_added.emit(outcome.value)
