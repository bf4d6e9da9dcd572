"""The main window: navigation, the year switcher, search, menus, and the screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from storage import clock, load_sqlite_utils, years
from storage.database import DataFile
from storage.errors import KnownProblem
from ui import window_state
from ui.desk import EVERYTHING, MENTORS, STUDENTS, Desk
from ui.errors import show_error
from ui.file_checks import start_file_checks
from ui.first_paint import FirstPaint
from ui.loading import Loader, read_file
from ui.navigation import SCREENS, Navigation, Screens
from ui.screens.base import Screen
from ui.widgets.search_box import SearchBox, load_entries


class MainWindow(QMainWindow):
    """MentorDesk's one window over one open data file."""

    def __init__(self) -> None:
        super().__init__()
        from ui import gc_guard, refcount_guard

        refcount_guard.install()
        gc_guard.install()
        self.desk = Desk(self)
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        self.setMinimumSize(760, 480)
        # Each screen is built the first time it is wanted: the first one before the window
        # shows, the others once it is painted (ui.first_paint), so the window comes up sooner.
        self.screens = Screens(self._make_screen)
        self.first_paint = FirstPaint(self)
        # Everything after the first paint uses all of sqlite-utils: load it here, once.
        self.first_paint.then(load_sqlite_utils)
        self._search_waiting = False
        self._build_top_bar()
        self._build_body()
        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        self.search_loader = Loader(self)
        self.desk.opened.connect(self._file_changed)
        self.desk.year_changed.connect(self._year_changed)
        self.desk.changed.connect(self._records_changed)
        self.file_checks = None  # the integrity check and backup of the file open (a Job)
        self._restore_window_state()
        self._file_changed()
        self._screen_builder = QTimer(self, singleShot=True, interval=0)
        self._screen_builder.timeout.connect(self._build_another_screen)
        self.first_paint.then(self._screen_builder.start)

    # Building --------------------------------------------------------------------------------

    def _build_top_bar(self) -> None:
        self.school_label = QLabel("")
        self.school_label.setObjectName("pageTitle")
        self.school_label.setAccessibleName("School")
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("School year")
        self.year_combo.setToolTip("The school year on screen (looking at another year does "
                                   "not change which year is current)")
        self.year_combo.setMinimumContentsLength(12)
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.year_note = QLabel("")
        self.year_note.setObjectName("hint")
        self.search = SearchBox()
        self.search.chosen.connect(self._search_chosen)
        year_label = QLabel("School &year")
        year_label.setBuddy(self.year_combo)
        bar = QWidget()
        bar.setObjectName("topBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.school_label)
        layout.addSpacing(16)
        layout.addWidget(year_label)
        layout.addWidget(self.year_combo)
        layout.addWidget(self.year_note)
        layout.addStretch(1)
        layout.addWidget(self.search)
        self.top_bar = bar

    def _build_body(self) -> None:
        self.navigation = Navigation()
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Screen")
        self.no_file = QLabel("No data file is open. Use File > Open, or File > Open demo "
                              "school to look around.")
        self.no_file.setObjectName("hint")
        self.no_file.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_file.setWordWrap(True)
        self.stack.addWidget(self.no_file)
        from ui.start_page import StartPage

        self.start_page = StartPage(self.desk)
        self.start_page.year_added.connect(self._first_year_added)
        self.stack.addWidget(self.start_page)
        self.navigation.chosen.connect(self.show_screen)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        # Sizes are shared out in proportion at the first layout: the list ends up at its
        # minimum width and the screens get the rest.
        self.splitter.setSizes([150, 10_000])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        QWidget.setTabOrder(self.year_combo, self.search)
        QWidget.setTabOrder(self.search, self.navigation)

    def _make_screen(self, key: str) -> Screen:
        entry = next(entry for entry in SCREENS if entry.key == key)
        screen = entry.load_class()(self.desk)
        screen.setAccessibleName(entry.title)
        screen.student_requested.connect(self.show_student)
        screen.mentor_requested.connect(self.show_mentor)
        screen.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.stack.addWidget(screen)
        if hasattr(screen, "meeting_requested"):
            screen.meeting_requested.connect(self.log_meeting)
        if hasattr(screen, "waiting_requested"):
            screen.waiting_requested.connect(self.show_waiting_students)
        if hasattr(screen, "profile_requested"):
            screen.profile_requested.connect(self.print_profile)
        if hasattr(screen, "undo_offered"):
            screen.undo_offered.connect(self._undo_offered)
        if hasattr(screen, "suggest_all_requested"):
            screen.suggest_all_requested.connect(self.suggest_all)
        screen.restore_state(window_state.store())
        return screen

    def _build_another_screen(self) -> None:
        """After the first paint: build one screen not built yet, then give the event loop a
        turn (the window answers clicks in between) before the next."""
        waiting = self.screens.unbuilt()
        if waiting:
            self.screens[waiting[0]]
            self._screen_builder.start()

    def _action(self, text: str, tip: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open…", "Open another MentorDesk data file",
                                        self.choose_and_open_file, QKeySequence.StandardKey.Open)
        self.demo_action = self._action("Open &demo school",
                                        "Open a made-up school to try MentorDesk safely",
                                        self.open_demo_school)
        self.backup_action = self._action(
            "&Back up now", "Save a copy of the data file in its backups folder", self.back_up_now)
        self.quit_action = self._action("&Quit", "Close MentorDesk (everything is already saved)",
                                        self.close, QKeySequence.StandardKey.Quit)
        self.template_action = self._action(
            "Save a blank &nomination sheet…", "An Excel sheet for teachers to nominate "
            "students; it imports with no questions", self.save_nomination_sheet)
        self.print_action = self._action("&Print this list…", "Print the list on screen as it "
                                         "is filtered and sorted, or save it as a PDF",
                                         self.print_list, QKeySequence.StandardKey.Print)
        self.export_action = self._action("&Export this list to Excel…", "Save the list on "
                                          "screen, as filtered and sorted, as an Excel workbook",
                                          self.export_list, QKeySequence("Ctrl+E"))
        self.roster_action = self._action("Print the mentor &roster…", "Every mentor with their "
                                          "mentees, usual times and contacts, to print or save "
                                          "as PDF", self.print_roster)
        self.roster_excel_action = self._action("Export the mentor roster to E&xcel…",
                                                "The mentor roster as an Excel workbook",
                                                self.export_roster)
        for action in (self.open_action, self.demo_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.template_action)
        self.import_separator = file_menu.addSeparator()
        for action in (self.print_action, self.export_action, self.roster_action,
                       self.roster_excel_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu
        self.file_actions = (self.backup_action, self.print_action, self.export_action,
                             self.roster_action, self.roster_excel_action)
        self.import_action = self._action("&Import…", "Bring in a spreadsheet: roster, "
                                          "nominations, mentors, attendance, ...",
                                          self.open_import_wizard, QKeySequence("Ctrl+I"))
        self.history_action = self._action("Import &history…", "Every import made into this "
                                           "file; undo one as a whole",
                                           self.open_import_history)
        file_menu.insertAction(self.template_action, self.import_action)
        file_menu.insertAction(self.template_action, self.history_action)
        self.file_actions += (self.import_action, self.history_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self._undo = None
        self.undo_action = self._action("&Undo", "Take back the last deletion", self.undo,
                                        QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        self.find_action = self._action("&Find a student or mentor…",
                                        "Jump to the search box", self.focus_search,
                                        QKeySequence.StandardKey.Find)
        edit_menu.addAction(self.find_action)
        self.edit_menu = edit_menu

        work_menu = self.menuBar().addMenu("&Mentoring")
        self.log_meeting_action = self._action("&Log a meeting…", "Record a meeting from "
                                               "anywhere", self.log_meeting,
                                               QKeySequence("Ctrl+M"))
        self.add_student_action = self._action("Add a &student…", "Add a student who is not on "
                                               "the roster", self.add_student)
        self.add_mentor_action = self._action("Add a &mentor…", "Add a staff member who will "
                                              "mentor", self.add_mentor)
        self.waiting_action = self._action("Students &waiting for a mentor",
                                           "Students nominated and not matched yet",
                                           self.show_waiting_students)
        self.suggest_action = self._action("S&uggest matches for everyone waiting…",
                                           "Propose the best mentor for every waiting student; "
                                           "you tick the ones to keep", self.suggest_all)
        for action in (self.log_meeting_action, self.add_student_action, self.add_mentor_action):
            work_menu.addAction(action)
        work_menu.addSeparator()
        work_menu.addAction(self.waiting_action)
        work_menu.addAction(self.suggest_action)
        self.work_menu = work_menu
        self.work_actions = (self.log_meeting_action, self.add_student_action,
                             self.add_mentor_action, self.waiting_action, self.suggest_action)

        go_menu = self.menuBar().addMenu("&Go")
        self.go_actions: dict[str, QAction] = {}
        for number, entry in enumerate(SCREENS, start=1):
            action = self._action(entry.title, entry.tooltip,
                                  lambda key=entry.key: self.show_screen(key),
                                  QKeySequence(f"Ctrl+{number % 10}") if number <= 10 else None)
            go_menu.addAction(action)
            self.go_actions[entry.key] = action
        self.go_menu = go_menu

    # Files -----------------------------------------------------------------------------------

    @property
    def data(self) -> DataFile | None:
        return self.desk.data

    def open_file(self, path: Path, *, create: bool = False) -> None:
        """Open ``path`` in this window (closing the file open now); raises KnownProblem."""
        from ui.app import open_for_window, warn_if_network_share

        new_data = open_for_window(path, create=create)
        for screen in self.screens.built():
            getattr(screen, "loader", None) and screen.loader.forget()
        self.desk.set_data(new_data)
        # The whole-file check and the day's backup wait until the first screen is painted.
        self.first_paint.then(lambda: start_file_checks(self, path))
        warn_if_network_share(self, path)

    def choose_and_open_file(self) -> None:
        start = str(self.desk.data.path.parent) if self.desk.data else ""
        name, _ = QFileDialog.getOpenFileName(
            self, "Open a MentorDesk data file", start, "MentorDesk data (*.sqlite);;All files (*)"
        )
        if name:
            try:
                self.open_file(Path(name))
            except KnownProblem as problem:
                show_error(self, problem)

    def open_demo_school(self) -> None:
        """Open the demo school, making it first (in the background) when it does not exist."""
        from ui.app import demo_file_path

        path = demo_file_path()
        if path.exists() and path.stat().st_size > 0:
            try:
                self.open_file(path)
            except KnownProblem as problem:
                show_error(self, problem)
            return
        from ui.progress import run_with_progress

        def work(progress):
            from demo.school import build_demo_school
            from storage.database import open_data_file

            with open_data_file(path, write=True, create=True) as data:
                build_demo_school(data.db, progress=progress)
            return path

        def done(made: Path) -> None:
            try:
                self.open_file(made)
            except KnownProblem as problem:
                show_error(self, problem)

        def cancelled() -> None:
            path.unlink(missing_ok=True)
            QMessageBox.information(self, "MentorDesk", "The demo school was not made.")

        run_with_progress(self, "Making the demo school…", work, done, writes=True,
                          on_cancelled=cancelled)

    def back_up_now(self) -> None:
        """A copy of the data file in its backups folder, made off the UI thread."""
        if not self.desk.is_open:
            return
        from ui.progress import run_with_progress

        path = self.desk.data.path

        def work(progress):
            from storage.backups import manual_backup

            return read_file(path, lambda db: manual_backup(db, path))

        def done(copy: Path) -> None:
            self.desk.log("backup", f"Backed up to {copy.name}", path=str(copy))
            QMessageBox.information(
                self, "Backed up",
                f"A copy of your data was saved as {copy.name} in the folder:\n{copy.parent}")

        run_with_progress(self, "Backing up…", work, done, writes=True)

    # Screens ---------------------------------------------------------------------------------

    def show_screen(self, key: str) -> None:
        screen = self.screens.get(key)
        if screen is None:
            return
        if self.desk.is_open and self.desk.year is not None:
            self.stack.setCurrentWidget(screen)
        if self.navigation.current_key() != key:
            self.navigation.select(key)

    def current_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def show_student(self, student_id: int) -> None:
        """Go to the Students screen with this student chosen."""
        self.show_screen("students")
        self.screens["students"].show_student(student_id)

    def show_mentor(self, mentor_id: int) -> None:
        """Go to the Mentors screen with this mentor chosen."""
        if "mentors" in self.screens:
            self.show_screen("mentors")
            self.screens["mentors"].show_mentor(mentor_id)

    def show_waiting_students(self) -> None:
        """The students nominated and not matched yet (where matching starts)."""
        from ui.models.students import WAITING

        self.show_screen("students")
        self.screens["students"].set_who_filter(WAITING)

    def log_meeting(self, student_id: int | None = None) -> None:
        """Open Log a meeting (Ctrl+M from anywhere): for the given student, else the one on
        screen."""
        if not self.desk.is_open or self.desk.year is None:
            return
        if not student_id:
            student_id = self._student_on_screen()
        from ui.dialogs.log_meeting import LogMeetingDialog, describe

        dialog = LogMeetingDialog(self.desk, self, student_id=student_id)
        if dialog.exec():
            self.statusBar().showMessage(describe(dialog), 8000)

    def _student_on_screen(self) -> int | None:
        screen = self.current_screen()
        if screen is not None and screen.KEY == "students":
            return screen.current_student_id()
        if screen is not None and screen.KEY == "matches":
            row = screen.detail.row
            return row["student_id"] if row else None
        return None

    def _undo_offered(self, description: str, undo) -> None:
        self._undo = undo
        self.undo_action.setEnabled(True)
        self.undo_action.setText(f"&Undo: {description.rstrip('.')}")
        self.statusBar().showMessage(f"{description} Press Ctrl+Z to undo.", 10000)

    def undo(self) -> None:
        """Take back the last deletion."""
        undo, self._undo = self._undo, None
        self.undo_action.setEnabled(False)
        self.undo_action.setText("&Undo")
        if undo is not None:
            undo()

    def add_student(self) -> None:
        self.show_screen("students")
        self.screens["students"].add_student()

    def add_mentor(self) -> None:
        self.show_screen("mentors")
        self.screens["mentors"].add_mentor()

    def suggest_all(self) -> None:
        """Propose mentors for everyone waiting; the ticked ones are saved together."""
        if not self.desk.is_open or self.desk.year is None:
            return
        from ui.dialogs.suggest_all import SuggestAllDialog

        dialog = SuggestAllDialog(self.desk, self)
        if dialog.exec():
            self.statusBar().showMessage(f"Saved {len(dialog.saved)} new matches.", 8000)
            self.show_screen("matches")

    # Printing and exporting ------------------------------------------------------------------

    def open_import_wizard(self) -> None:
        """File > Import…: the step-by-step import; every screen reloads after an import."""
        if not self.desk.is_open:
            return
        from ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self, self.desk.data.path,
                              lambda *_: self.desk.notify(*EVERYTHING))
        wizard.exec()

    def open_import_history(self) -> None:
        """File > Import history…: the imports made into this file, each undoable as a whole."""
        if not self.desk.is_open:
            return
        from ui.dialogs.import_history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self, self.desk.data.path,
                                     on_changed=lambda *_: self.desk.notify(*EVERYTHING))
        dialog.exec()

    def save_nomination_sheet(self) -> None:
        """The blank nomination sheet for teachers, saved where the facilitator says."""
        from ui import printing  # Qt's print system loads when first used

        path = printing.ask_save_path(self, "Save a blank nomination sheet",
                                      "Nomination sheet.xlsx", printing.EXCEL_FILTER)
        if path is None:
            return

        def write() -> Path:
            from importing.template import write_nomination_template

            return write_nomination_template(path)

        printing.save_in_background(self, "Saving the nomination sheet…", write,
                                    self._saved_file)

    def print_list(self) -> None:
        """Print (or save as PDF) the list on screen, as filtered and sorted."""
        shown = self._shown_list()
        if shown is None:
            return
        from reports.list_print import needs_landscape, table_document
        from reports.pdf import decor_for

        decor = decor_for(self.desk.db, shown.title)
        decor.landscape = needs_landscape(shown.headers, shown.rows, shown.formats)
        # The texts as shown, with the column formats only lining figures up on the right.
        self._print_or_save(lambda: table_document(shown.title, shown.headers, shown.rows,
                                                   shown.formats),
                            decor, shown.title)

    def export_list(self) -> None:
        """Save the list on screen, as filtered and sorted, as an Excel workbook."""
        from ui import printing

        shown = self._shown_list()
        if shown is None:
            return
        printing.export_list(self, shown.title, shown.headers,
                             shown.values if shown.values is not None else shown.rows,
                             self._saved_file, school_name=self.desk.school_name(),
                             column_formats=shown.formats)

    def print_roster(self) -> None:
        """The mentor roster (each mentor with mentees, usual times, contacts), to print or
        save as PDF."""
        from ui import printing

        if not self.desk.is_open or self.desk.year is None:
            return
        from reports.pdf import decor_for

        data_path, year_id = self.desk.data.path, self.desk.year_id

        def document():
            return read_file(data_path, lambda db: printing.roster_pages(db, year_id)[1])

        self._print_or_save(document, decor_for(self.desk.db, "Mentor roster"), "Mentor roster")

    def export_roster(self) -> None:
        """The mentor roster as an Excel workbook."""
        from ui import printing

        if not self.desk.is_open or self.desk.year is None:
            return
        path = printing.ask_save_path(self, "Export the mentor roster", printing.file_name(
            f"Mentor roster {self.desk.year['name']}", ".xlsx"), printing.EXCEL_FILTER)
        if path is None:
            return
        data_path, year_id = self.desk.data.path, self.desk.year_id

        def write() -> Path:
            from reports.roster import export_roster, mentor_roster

            return read_file(data_path,
                             lambda db: export_roster(mentor_roster(db, year_id), path))

        printing.save_in_background(self, "Saving the roster…", write, self._saved_file)

    def print_profile(self, student_id: int) -> None:
        """A mentee's one-page profile for their mentor, to print or save as PDF."""
        from ui import printing

        if not self.desk.is_open or self.desk.year is None:
            return
        from reports.pdf import decor_for

        data_path, year_id = self.desk.data.path, self.desk.year_id

        def document():
            return read_file(data_path,
                             lambda db: printing.profile_pages(db, student_id, year_id)[1])

        self._print_or_save(document, decor_for(self.desk.db, "Mentee profile"),
                            "Mentee profile")

    def ask_print_or_pdf(self, title: str) -> str | None:
        """Print, or save as a PDF? ("print", "pdf", or None for neither.)"""
        box = QMessageBox(self)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(f"Print “{title}”, or save it as a PDF file?")
        print_button = box.addButton("Print…", QMessageBox.ButtonRole.AcceptRole)
        pdf_button = box.addButton("Save as PDF…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(print_button)
        box.exec()
        clicked = box.clickedButton()
        return "print" if clicked is print_button else "pdf" if clicked is pdf_button else None

    def _print_or_save(self, make_document, decor, title: str) -> None:
        from ui import printing

        how = self.ask_print_or_pdf(title)
        if how == "print":
            printing.print_document(self, make_document(), decor)
        elif how == "pdf":
            suggested = printing.file_name(f"{title} {clock.today().isoformat()}", ".pdf")
            printing.save_document_as_pdf(self, make_document, decor, suggested,
                                          self._saved_file)

    def _shown_list(self):
        screen = self.current_screen()
        shown = screen.shown_list() if screen is not None else None
        if shown is None:
            QMessageBox.information(self, "MentorDesk", "This screen has no list to print. "
                                    "Go to Students, Mentors, Matches or Meetings first.")
        return shown

    def _saved_file(self, path: Path) -> None:
        QMessageBox.information(self, "Saved", f"Saved {Path(path).name} in:\n"
                                f"{Path(path).parent}")

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_chosen(self, kind: str, record_id: int) -> None:
        if kind == "student":
            self.show_student(record_id)
        else:
            self.show_mentor(record_id)

    # Reacting to the desk --------------------------------------------------------------------

    def _file_changed(self) -> None:
        open_ = self.desk.is_open
        # A file without a school year shows how to set one up, not empty screens.
        ready = open_ and self.desk.year is not None
        self._undo = None
        self.undo_action.setEnabled(False)
        self.undo_action.setText("&Undo")
        for widget in (self.year_combo, self.search, self.navigation):
            widget.setEnabled(ready)
        for action in self.file_actions + self.work_actions:
            action.setEnabled(ready)
        for action in (self.backup_action, self.import_action):
            if action is not None:
                action.setEnabled(open_)
        self._fill_years()
        self._update_title()
        if ready:
            key = self.navigation.current_key() or (SCREENS[0].key if SCREENS else None)
            if key:
                self.stack.setCurrentWidget(self.screens[key])
                self.navigation.select(key)
            self._load_search_entries()
        else:
            if open_:
                self.start_page.refresh()
            self.stack.setCurrentWidget(self.start_page if open_ else self.no_file)
            self.search.set_entries([])

    def _first_year_added(self, year_id: int) -> None:
        """The new file has its school year: on to the screens."""
        self.desk.set_year(year_id)
        self._file_changed()
        self.statusBar().showMessage(f"Added the school year {self.desk.year['name']}. "
                                     "Next: your students and mentors.", 10000)

    def _fill_years(self) -> None:
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        if self.desk.is_open:
            current = years.current_year(self.desk.db)
            for year in reversed(years.all_years(self.desk.db)):
                label = year["name"]
                if current and year["id"] == current["id"]:
                    label += " (current)"
                self.year_combo.addItem(label, year["id"])
            if self.desk.year_id is not None:
                self.year_combo.setCurrentIndex(self.year_combo.findData(self.desk.year_id))
        self.year_combo.blockSignals(False)

    def _year_chosen(self, index: int) -> None:
        year_id = self.year_combo.itemData(index)
        if year_id is not None and self.desk.is_open:
            self.desk.set_year(year_id)

    def _year_changed(self) -> None:
        index = self.year_combo.findData(self.desk.year_id)
        if index >= 0 and index != self.year_combo.currentIndex():
            self.year_combo.blockSignals(True)
            self.year_combo.setCurrentIndex(index)
            self.year_combo.blockSignals(False)
        self._update_title()
        self._load_search_entries()

    def _update_title(self) -> None:
        if not self.desk.is_open:
            self.setWindowTitle("MentorDesk")
            self.school_label.setText("MentorDesk")
            self.year_note.setText("")
            return
        school = self.desk.school_name()
        year = self.desk.year["name"] if self.desk.year else "no school year yet"
        self.setWindowTitle(f"{school} – {year} – MentorDesk")
        self.school_label.setText(school)
        past = self.desk.year is not None and not self.desk.is_current_year
        self.year_note.setText("Looking at a past year" if past else "")

    def _records_changed(self, kinds: frozenset) -> None:
        if kinds & {STUDENTS, MENTORS}:
            self._load_search_entries()

    def _load_search_entries(self) -> None:
        if not self.desk.is_open:
            return
        if not self.first_paint.happened:
            # The names are read once the first screen is painted (the search box can wait).
            if not self._search_waiting:
                self._search_waiting = True
                self.first_paint.then(self._load_search_entries)
            return
        self._search_waiting = False
        year_id = self.desk.year_id
        self.search_loader.load(self.desk.data.path, lambda db: load_entries(db, year_id),
                                self.search.set_entries)

    # Remembering the window ------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = window_state.store()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        elif self.screen() is not None:
            # First start: most of the screen, never more than it (125% / 150% scaling shrinks it).
            room = self.screen().availableGeometry()
            self.resize(min(1280, int(room.width() * 0.92)), min(800, int(room.height() * 0.9)))
        window_state.restore_splitter(settings, "navigation", self.splitter)
        last = settings.value("window/screen")
        if isinstance(last, str) and last in self.screens:
            self.navigation.select(last)

    def save_window_state(self) -> None:
        settings = window_state.store()
        settings.setValue("window/geometry", self.saveGeometry())
        window_state.save_splitter(settings, "navigation", self.splitter)
        for screen in self.screens.built():
            screen.save_state(settings)
        key = self.navigation.current_key()
        if key:
            settings.setValue("window/screen", key)
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_window_state()
        for screen in self.screens.built():
            loader = getattr(screen, "loader", None)
            if loader is not None:
                loader.forget()
        self.search_loader.forget()
        from PySide6.QtCore import QThreadPool

        from ui.background import WRITER_POOL

        # Let reads and writes in flight finish before the connection and lock go away.
        QThreadPool.globalInstance().waitForDone(10000)
        WRITER_POOL.waitForDone(60000)
        self.desk.set_data(None)
        super().closeEvent(event)
