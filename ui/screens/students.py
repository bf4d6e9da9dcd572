"""The Students screen: the year's students, filters, and the chosen student's details."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from storage import students
from ui import window_state
from ui.desk import ATTENDANCE, GOALS, MATCHES, MEETINGS, NOMINATIONS, STUDENTS, Desk, today
from ui.loading import Loader
from ui.models.students import (
    CHRONIC,
    EARLY_WARNING,
    MATCHED,
    NOT_RATED,
    UNMATCHED,
    WAITING,
    StudentFilter,
    StudentsModel,
    load_rows,
)
from ui.models.table import FilterProxy
from ui.screens.base import (
    Screen,
    ShownList,
    button,
    make_combo,
    make_table,
    select_row,
    set_column_widths,
    title_label,
)
from ui.screens.student_detail import StudentDetail
from ui.words import NOMINATION_REASONS, TIERS, grade_words, person_name


class StudentsScreen(Screen):
    """Find a student, see everything about them, and act: edit, match, log, archive."""

    KEY = "students"
    TITLE = "Students"
    CHANGES = frozenset({STUDENTS, MATCHES, MEETINGS, NOMINATIONS, ATTENDANCE, GOALS})

    meeting_requested = Signal(int)  # student id: the window opens Log a meeting
    profile_requested = Signal(int)  # student id: the window prints the mentee profile

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.model = StudentsModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_predicate(StudentFilter())  # archived students hidden from the start
        self.loader = Loader(self)
        self._wanted_student: int | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of a name or ID")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 18))
        self.search.setAccessibleName("Find in the students list")
        self.search.setToolTip("Shows only the students whose name, ID or homeroom contains "
                               "what you type")
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.grade = make_combo("Grade", "Show one grade only", [("All grades", None)],
                                self.apply_filters)
        self.tier = make_combo(
            "Attendance tier", "Show students in one attendance tier",
            [("All tiers", None)] + [(text, code) for code, text in TIERS.items()]
            + [("Chronic (10% or more)", CHRONIC), ("Early warning", EARLY_WARNING),
               ("Too few days to rate", NOT_RATED)],
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
        self.count = QLabel("")
        self.count.setObjectName("count")
        self.count.setAccessibleName("How many students are shown")

        self.table = make_table("Students list", "Click a student to see their details; click "
                                "a column title to sort", self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        set_column_widths(self.table, [24, 8, 5, 9, 18, 7, 17, 12, 20])
        self.detail = StudentDetail(desk)
        self.detail.edit_requested.connect(self.edit_student)
        self.detail.archive_requested.connect(self.set_archived)
        self.detail.mentor_requested.connect(self.mentor_requested)
        self.detail.match_requested.connect(self.find_mentor)
        self.detail.meeting_requested.connect(self.log_meeting)
        self.detail.profile_requested.connect(self.profile_requested)

        header = QHBoxLayout()
        header.addWidget(title_label("Students"))
        header.addWidget(self.count, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.show_archived)
        header.addWidget(self.clear_button)
        header.addWidget(self.add_button)
        # The drop-downs name themselves ("All grades", "All tiers", ...): no labels needed,
        # which keeps the row narrow enough for a small screen at 125% or 150%.
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for combo in (self.grade, self.tier, self.who, self.concern):
            filters.addWidget(combo)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([620, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        for first, second in ((self.show_archived, self.clear_button),
                              (self.clear_button, self.add_button),
                              (self.add_button, self.search), (self.search, self.grade),
                              (self.grade, self.tier), (self.tier, self.who),
                              (self.who, self.concern), (self.concern, self.table),
                              (self.table, self.detail)):
            QWidget.setTabOrder(first, second)

    # Loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        year_id, as_of = self.desk.year_id, today()
        self.count.setText("Loading…")
        self.loader.load(self.desk.data.path, lambda db: load_rows(db, year_id, as_of),
                         self._loaded)

    def _loaded(self, rows: list[dict]) -> None:
        wanted, self._wanted_student = self._wanted_student, None
        keep = self.current_student_id()
        self._fill_grades(rows)
        self.model.set_rows(rows)
        self.proxy.resort()
        self._update_count()
        if wanted is not None:
            self.show_student(wanted)
        else:
            # The same student stays chosen if still shown; else nobody is.
            row = self.proxy.proxy_row_of(lambda r: r["id"] == keep) if keep else None
            select_row(self.table, row)
            self.detail.show_student(self.proxy.row_at(row)["id"] if row is not None else None)
        self.loaded.emit()

    def clear(self) -> None:
        self.loader.forget()
        self.model.set_rows([])
        self.detail.show_student(None)
        self.count.setText("")

    def _fill_grades(self, rows: list[dict]) -> None:
        wanted = self.grade.currentData()
        grades = sorted({row["grade"] for row in rows if row["grade"] is not None})
        self.grade.blockSignals(True)
        self.grade.clear()
        self.grade.addItem("All grades", None)
        for grade in grades:
            self.grade.addItem(f"Grade {grade_words(grade)}", grade)
        self.grade.setCurrentIndex(max(0, self.grade.findData(wanted)) if wanted is not None
                                   else 0)
        self.grade.blockSignals(False)

    # Filters ---------------------------------------------------------------------------------

    def current_filter(self) -> StudentFilter:
        return StudentFilter(text=self.search.text(), grade=self.grade.currentData(),
                             tier=self.tier.currentData(), who=self.who.currentData(),
                             concern=self.concern.currentData(),
                             show_archived=self.show_archived.isChecked())

    def apply_filters(self) -> None:
        keep = self.current_student_id()
        self.proxy.set_predicate(self.current_filter())
        self._update_count()
        row = self.proxy.proxy_row_of(lambda r: r["id"] == keep) if keep else None
        select_row(self.table, row)
        if row is None:
            self.detail.show_student(None)

    def clear_filters(self) -> None:
        for combo in (self.grade, self.tier, self.who, self.concern):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.show_archived.blockSignals(True)
        self.show_archived.setChecked(False)
        self.show_archived.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def set_who_filter(self, who: str | None) -> None:
        """Show only matched / not matched / waiting students (from elsewhere in the window)."""
        self.who.setCurrentIndex(max(0, self.who.findData(who)))

    def _update_count(self) -> None:
        total = sum(1 for row in self.model.rows() if not row.get("archived"))
        shown = self.proxy.rowCount()
        if self.current_filter().is_empty() and not self.show_archived.isChecked():
            self.count.setText(f"{total} students")
        else:
            self.count.setText(f"showing {shown} of {total} students")

    # Choosing a student ----------------------------------------------------------------------

    def current_student_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.row_at(index.row())["id"]

    def _current_changed(self, current, _previous) -> None:
        student_id = self.proxy.row_at(current.row())["id"] if current.isValid() else None
        if student_id != self.detail.student_id or student_id is None:
            self.detail.show_student(student_id)

    def show_student(self, student_id: int) -> bool:
        """Select a student, clearing filters that hide them; False when not in this year."""
        if self.loader.busy or self._dirty:
            self._wanted_student = student_id
            if self._dirty and self.isVisible():
                self.reload()
            return True
        self._wanted_student = None
        source_row = self.model.row_of(lambda r: r["id"] == student_id)
        if source_row is None:
            self.detail.show_student(None)
            return False
        row = self.proxy.proxy_row_of(lambda r: r["id"] == student_id)
        if row is None:
            archived = self.model.row_at(source_row).get("archived")
            self.clear_filters()
            if archived:
                self.show_archived.setChecked(True)
            row = self.proxy.proxy_row_of(lambda r: r["id"] == student_id)
        select_row(self.table, row)
        self.detail.show_student(student_id)
        return row is not None

    # Actions ---------------------------------------------------------------------------------

    def add_student(self) -> None:
        from ui.dialogs.student_editor import StudentEditor

        if not self.desk.is_open:
            return
        dialog = StudentEditor(self.desk, None, self)
        if dialog.exec():
            self.show_student(dialog.student_id)
            self.status_message.emit(f"Added {person_name(dialog.values())}.")

    def edit_student(self, student_id: int) -> None:
        from ui.dialogs.student_editor import StudentEditor

        dialog = StudentEditor(self.desk, student_id, self)
        if dialog.exec():
            self.show_student(student_id)
            self.status_message.emit(f"Saved {person_name(dialog.values())}.")

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
        students.set_archived(db, student_id, archive)
        self.desk.log("archive" if archive else "restore",
                      f"{'Archived' if archive else 'Restored'} {name}", student_id=student_id)
        if archive:
            self.status_message.emit(f"Archived {name}. Tick \"Show archived\" to find and "
                                     "restore them.")
        else:
            self.status_message.emit(f"Restored {name}.")
        self._wanted_student = student_id if not archive else None
        self.desk.notify(STUDENTS)

    def find_mentor(self, student_id: int) -> None:
        """Open the matching dialog for one student: suggestions, usual time, one click."""
        from ui.dialogs.match_dialog import MatchDialog

        dialog = MatchDialog(self.desk, student_id, self)
        if dialog.exec():
            self._wanted_student = student_id
            record = students.student(self.desk.db, student_id)
            self.status_message.emit(f"Matched {person_name(record)} with "
                                     f"{dialog.mentor_name}.")

    def log_meeting(self, student_id: int) -> None:
        """Ask the window to open Log a meeting for one student."""
        self.meeting_requested.emit(student_id)

    # Output and layout -----------------------------------------------------------------------

    def shown_list(self) -> ShownList:
        title = f"Students — {self.desk.year['name']}" if self.desk.year else "Students"
        return ShownList.of(title, self.proxy)

    def save_state(self, settings: QSettings) -> None:
        window_state.save_splitter(settings, "students", self.splitter)
        window_state.save_header(settings, "students", self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        window_state.restore_splitter(settings, "students", self.splitter)
        window_state.restore_header(settings, "students", self.table.horizontalHeader())
