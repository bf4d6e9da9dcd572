"""The Mentors screen: every mentor's load, rhythm and screening, and one mentor's details."""

from __future__ import annotations

import html

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from storage import availability, matches, meetings, mentors
from ui import window_state
from ui.desk import MATCHES, MEETINGS, MENTORS, STUDENTS, Desk, today
from ui.loading import Loader
from ui.models.mentors import ACTIVE, ALL, ROOM, MentorFilter, MentorsModel, load_rows
from ui.models.table import FilterProxy
from ui.screens.base import (
    Screen,
    ShownList,
    button,
    labelled,
    make_combo,
    make_table,
    select_row,
    set_column_widths,
    title_label,
)
from ui.widgets.availability_grid import AvailabilityGrid
from ui.words import CLOSURE_REASONS, day_words, person_name, usual_time, word


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text))


class MentorDetail(QFrame):
    """One mentor: contact, screening, interests, availability (clickable) and mentees."""

    edit_requested = Signal(int)
    student_requested = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.mentor_id: int | None = None
        self.record: dict | None = None
        self.setObjectName("pane")
        self.setAccessibleName("Mentor details")
        self.setMinimumWidth(380)
        self.name = QLabel("")
        self.name.setObjectName("paneTitle")
        self.facts = QLabel("")
        self.facts.setWordWrap(True)
        self.facts.setAccessibleName("Mentor summary")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = button("&Edit…", "Change this mentor's details, capacity and "
                                  "screening", self._edit)
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        self.grid_title = QLabel("When the mentor can meet (click to change):")
        self.grid_title.setObjectName("sectionTitle")
        self.grid = AvailabilityGrid("the mentor")
        self.grid.changed.connect(self._grid_changed)
        self.body = QTextBrowser()
        self.body.setAccessibleName("Mentees, screening and interests")
        self.body.setToolTip("Click a student's name to open them")
        self.body.setOpenLinks(False)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.anchorClicked.connect(self._link)
        self.empty = QLabel("Choose a mentor in the list to see their details here.")
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        layout.addLayout(actions)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.grid_title)
        layout.addWidget(self.grid)
        layout.addWidget(self.empty)
        self.show_mentor(None)

    def show_mentor(self, mentor_id: int | None, row: dict | None = None) -> None:
        """Show one mentor (None: the hint); ``row`` adds what the list worked out."""
        db = self.desk.db if self.desk.is_open else None
        record = mentors.mentor(db, mentor_id) if db and mentor_id else None
        self.mentor_id = record["id"] if record else None
        self.record = record
        for widget in (self.name, self.facts, self.edit_button, self.body, self.grid_title,
                       self.grid):
            widget.setVisible(record is not None)
        self.empty.setVisible(record is None)
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
                reason = word(CLOSURE_REASONS, m["closure_reason"]) if m["ended_on"] else "open"
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
        availability.replace(self.desk.db, "mentor", self.mentor_id, grid)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage("Saved when the mentor can meet.", 5000)


class MentorsScreen(Screen):
    """Who mentors, how full they are, how they are meeting, and their screening."""

    KEY = "mentors"
    TITLE = "Mentors"
    CHANGES = frozenset({MENTORS, MATCHES, MEETINGS, STUDENTS})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.model = MentorsModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_predicate(MentorFilter())
        self.loader = Loader(self)
        self._wanted: int | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of a name, role or interest")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 30))
        self.search.setAccessibleName("Find in the mentors list")
        self.search.setToolTip("Shows only mentors whose name, email, role or interests contain "
                               "what you type")
        timer = QTimer(self, singleShot=True, interval=120)
        timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _: timer.start())
        self.which = make_combo("Which mentors", "Show active mentors, those with room for "
                                "another mentee, or everyone",
                                [("Active mentors", ACTIVE), ("With room for a mentee", ROOM),
                                 ("Everyone, inactive too", ALL)], self.apply_filters)
        self.add_button = button("&Add a mentor…", "Add a staff member who will mentor",
                                 self.add_mentor)
        self.count = QLabel("")
        self.count.setObjectName("count")
        self.table = make_table("Mentors list", "Click a mentor to see their details; click a "
                                "column title to sort", self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        set_column_widths(self.table, [20, 14, 7, 6, 6, 26, 7])
        self.detail = MentorDetail(desk)
        self.detail.edit_requested.connect(self.edit_mentor)
        self.detail.student_requested.connect(self.student_requested)

        header = QHBoxLayout()
        header.addWidget(title_label("Mentors"))
        header.addWidget(self.count, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.add_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(labelled("&Show", self.which))
        filters.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([700, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        QWidget.setTabOrder(self.search, self.which)
        QWidget.setTabOrder(self.which, self.table)
        QWidget.setTabOrder(self.table, self.detail)

    def load(self) -> None:
        year_id, as_of = self.desk.year_id, today()
        self.count.setText("Loading…")
        self.loader.load(self.desk.data.path, lambda db: load_rows(db, year_id, as_of),
                         self._loaded)

    def _loaded(self, rows: list[dict]) -> None:
        wanted, self._wanted = self._wanted, None
        keep = wanted or self.current_mentor_id()
        self.model.set_rows(rows)
        self.proxy.resort()
        self._update_count()
        if keep is not None:
            self.show_mentor(keep)
        else:
            self.detail.show_mentor(None)
        self.loaded.emit()

    def clear(self) -> None:
        self.loader.forget()
        self.model.set_rows([])
        self.detail.show_mentor(None)
        self.count.setText("")

    def apply_filters(self) -> None:
        keep = self.current_mentor_id()
        self.proxy.set_predicate(MentorFilter(self.search.text(), self.which.currentData()))
        self._update_count()
        row = self.proxy.proxy_row_of(lambda r: r["id"] == keep) if keep else None
        select_row(self.table, row)
        if row is None:
            self.detail.show_mentor(None)

    def _update_count(self) -> None:
        active = sum(1 for row in self.model.rows() if row["active"])
        self.count.setText(f"{active} active mentors, showing {self.proxy.rowCount()}")

    def current_mentor_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.row_at(index.row())["id"]

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            row = self.proxy.row_at(current.row())
            self.detail.show_mentor(row["id"], row)
        else:
            self.detail.show_mentor(None)

    def show_mentor(self, mentor_id: int) -> None:
        """Select a mentor, showing inactive ones if needed."""
        if self.loader.busy or self._dirty:
            self._wanted = mentor_id
            if self._dirty and self.isVisible():
                self.reload()
            return
        row = self.proxy.proxy_row_of(lambda r: r["id"] == mentor_id)
        if row is None and self.model.row_of(lambda r: r["id"] == mentor_id) is not None:
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.which.setCurrentIndex(self.which.findData(ALL))
            row = self.proxy.proxy_row_of(lambda r: r["id"] == mentor_id)
        select_row(self.table, row)
        if row is not None:
            self.detail.show_mentor(mentor_id, self.proxy.row_at(row))

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

    def shown_list(self) -> ShownList:
        title = f"Mentors — {self.desk.year['name']}" if self.desk.year else "Mentors"
        return ShownList.of(title, self.proxy)

    def save_state(self, settings: QSettings) -> None:
        window_state.save_splitter(settings, "mentors", self.splitter)
        window_state.save_header(settings, "mentors", self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        window_state.restore_splitter(settings, "mentors", self.splitter)
        window_state.restore_header(settings, "mentors", self.table.horizontalHeader())
