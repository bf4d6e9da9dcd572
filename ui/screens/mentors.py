"""The Mentors screen: every mentor's load, rhythm and screening, and one mentor's details."""

from __future__ import annotations

import datetime as dt
from functools import partial

import sqlite_utils
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from actions import mentors as mentor_actions
from program.vocabulary import CLOSURE_REASONS, label
from storage import availability, matches, meetings, mentors
from ui.desk import MATCHES, MEETINGS, MENTORS, STUDENTS, Desk, import_available
from ui.desk import TRAININGS as TRAINING_CHANGES
from ui.models.mentors import (
    ACTIVE,
    ALL,
    ROOM,
    TRAININGS,
    MentorFilter,
    MentorsModel,
    load_rows,
)
from ui.operations import perform
from ui.screens.base import button, labelled, make_combo
from ui.screens.list_screen import ListScreen
from ui.widgets.availability_grid import AvailabilityGrid
from ui.widgets.detail_pane import DetailPane, add_to, section_title, text_view
from ui.words import day_words, person_name, usual_time
from ui.words import escaped as _e


class MentorDetail(DetailPane):
    """One mentor: contact, screening, interests, availability (clickable) and mentees."""

    edit_requested = Signal(int)
    student_requested = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Mentor", "Choose a mentor in the list to see their details here.", 380,
                         parent)
        self.desk = desk
        self.mentor_id: int | None = None
        self.record: dict | None = None
        self.name = self.title
        self.edit_button = button("&Edit…", "Change this mentor's details, capacity and "
                                  "screening", self._edit)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        self.grid_title = section_title("When the mentor can meet (click to change):")
        self.grid = AvailabilityGrid("the mentor")
        self.grid.changed.connect(self._grid_changed)
        self.body = text_view("Mentees, screening and interests",
                              "Click a student's name to open them")
        self.body.anchorClicked.connect(self._link)
        add_to(self.content, self.name, self.facts, actions, (self.body, 1), self.grid_title,
               self.grid)
        self.show_mentor(None)

    def show_mentor(self, mentor_id: int | None, row: dict | None = None) -> None:
        """Show one mentor (None: the hint); ``row`` adds what the list worked out."""
        db = self.desk.db if self.desk.is_open else None
        record = mentors.mentor(db, mentor_id) if db and mentor_id else None
        self.mentor_id = record["id"] if record else None
        self.record = record
        self.set_showing(record is not None)
        if record is None:
            return
        name = f"{record['first_name']} {record['last_name']}".strip()
        self.name.setText(name if record["active"] else f"{name} (not active)")
        self.name.setAccessibleName(f"Mentor: {name}")
        facts = [record["role"] or "Role not set"]
        if record["email"]:
            facts.append(record["email"])
        if record["phone"]:
            facts.append(record["phone"])
        self.facts.setText(" · ".join(facts))
        self.grid.set_who(name)
        self.grid.set_grid(availability.get(db, "mentor", record["id"]))
        self.body.setHtml(self._body_html(record, row or {}))

    def _body_html(self, record: dict, row: dict) -> str:
        db, year_id = self.desk.db, self.desk.year_id
        mentor_matches = matches.matches_of_mentor(db, record["id"])
        last_held = meetings.last_held_by_student(db, year_id) if year_id else {}
        now = [m for m in mentor_matches if m["ended_on"] is None and m["year_id"] == year_id]
        before = [m for m in mentor_matches if m not in now]
        parts = [f"<p><b>Mentees now: {len(now)} of {record['capacity']}</b></p>"]
        if not now:
            parts.append("<p>No mentees now.</p>")
        for m in now:
            name = person_name(m, "student_")
            when = usual_time(m["usual_weekday"], m["usual_slot"])
            status = row.get("match_status", {}).get(m["id"], "")
            last = day_words(last_held.get(m["student_id"])) or "none yet"
            parts.append(
                f"<p><a href='student:{m['student_id']}'>{_e(name)}</a> — since "
                f"{_e(day_words(m['started_on']))}"
                + (f", usually {_e(when)}" if when else "")
                + f"<br>Last meeting held: {_e(last)}"
                + (f" · <b>{_e(status)}</b>" if status else "") + "</p>")
        if before:
            parts.append("<p><b>Earlier mentees</b></p>")
            for m in before[:30]:
                reason = label(CLOSURE_REASONS, m["closure_reason"]) if m["ended_on"] else "open"
                parts.append(
                    f"<p><a href='student:{m['student_id']}'>{_e(person_name(m, 'student_'))}"
                    f"</a> · {_e(m['year_name'])} · {_e(day_words(m['started_on']))} to "
                    f"{_e(day_words(m['ended_on']) or 'now')} ({_e(reason)})</p>")
        checked = day_words(record["background_check_on"]) or "not on file"
        screening = []
        screening.append(f"Background check: {_e(checked)}"
                         + (f", expires {_e(day_words(record['background_check_expires']))}"
                            if record["background_check_expires"] else ""))
        screening.append("Agreement: " + (
            f"signed {_e(day_words(record['agreement_signed_on']))}".strip()
            if record["agreement_signed"] else "not signed"))
        if row.get("cleared") is not None:
            screening.append("Cleared to mentor" if row["cleared"] else
                             f"<b>{_e(row['screening'])}</b>: complete the screening before "
                             "new matches")
        parts.append("<p><b>Screening</b><br>" + "<br>".join(screening) + "</p>")
        parts.append(f"<p><b>Interests</b><br>{_e(record['interests'] or '—')}</p>")
        if record["notes"]:
            parts.append(f"<p><b>Notes</b><br>{_e(record['notes'])}</p>")
        return "".join(parts)

    def _edit(self) -> None:
        if self.mentor_id is not None:
            self.edit_requested.emit(self.mentor_id)

    def _link(self, url) -> None:
        text = url.toString()
        if text.startswith("student:"):
            self.student_requested.emit(int(text.split(":", 1)[1]))

    def _grid_changed(self, grid: set) -> None:
        if self.mentor_id is None:
            return
        perform(self, self.desk, partial(mentor_actions.set_mentor_availability,
                                         mentor_id=self.mentor_id, grid=grid))


class MentorsScreen(ListScreen):
    """Who mentors, how full they are, how they are meeting, and their screening."""

    KEY = "mentors"
    TITLE = "Mentors"
    KEEP_IN_VIEW = TRAININGS
    NOUN = "mentors"
    CHANGES = frozenset({MENTORS, MATCHES, MEETINGS, STUDENTS, TRAINING_CHANGES})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, MentorsModel(), MentorFilter(), parent)
        self.search = self.make_search(
            "Type part of a name, role or interest", "Find in the mentors list",
            "Shows only mentors whose name, email, role or interests contain what you type")
        self.which = make_combo("Which mentors", "Show active mentors, those with room for "
                                "another mentee, or everyone",
                                [("Active mentors", ACTIVE), ("With room for a mentee", ROOM),
                                 ("Everyone, inactive too", ALL)], self.apply_filters)
        self.add_button = button("&Add a mentor…", "Add a staff member who will mentor",
                                 self.add_mentor)
        self.filter_controls(self.which, self.search)
        self.make_list("Mentors list", "Click a mentor to see their details; click a column "
                       "title to sort", [17, 13, 5, 5, 5, 10, 5])
        detail = MentorDetail(desk)
        detail.edit_requested.connect(self.edit_mentor)
        detail.student_requested.connect(self.student_requested)
        self.lay_out([self.add_button], [self.search, labelled("&Show", self.which), None],
                     detail=detail, sizes=(700, 420))

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        return load_rows(db, year_id, as_of)

    def current_filter(self) -> MentorFilter:
        return MentorFilter(self.search.text(), self.which.currentData())

    def reveal(self, row: dict) -> None:
        """An inactive mentor asked for by name: show everyone."""
        self.clear_filters(apply=False)
        self.set_choice(self.which, ALL)
        self.apply_filters()

    def show_detail(self, row: dict | None) -> None:
        self.detail.show_mentor(row["id"] if row else None, row)

    def empty_words(self, year: str) -> str:
        staff_list = ", or bring in a staff list (File > Import…)" if import_available() else ""
        return ("No mentors yet. Add the staff who will mentor (the Add a mentor… button "
                f"above){staff_list}.")

    def update_count(self) -> None:
        active = sum(1 for row in self.model.rows() if row["active"])
        self.count.setText(f"{active} active mentors, showing {self.proxy.rowCount()}")

    def current_mentor_id(self) -> int | None:
        return self.current_id()

    def show_mentor(self, mentor_id: int) -> None:
        """Select a mentor, showing inactive ones if needed."""
        self.show_id(mentor_id)

    def add_mentor(self) -> None:
        from ui.dialogs.mentor_editor import MentorEditor

        dialog = MentorEditor(self.desk, None, self)
        if dialog.exec():
            self._wanted = dialog.mentor_id
            self.status_message.emit("Added the mentor.")

    def edit_mentor(self, mentor_id: int) -> None:
        from ui.dialogs.mentor_editor import MentorEditor

        dialog = MentorEditor(self.desk, mentor_id, self)
        if dialog.exec():
            self._wanted = mentor_id
            self.status_message.emit("Saved the mentor's details.")
