"""The main window: navigation, the year switcher, search and the screens (its menus and what
they do live in ui.menus and the *_commands modules)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from storage import load_sqlite_utils, years
from storage.database import DataFile
from ui import edit_commands, life_cycle_commands, output_commands, window_state
from ui.desk import MENTORS, SETTINGS, STUDENTS, YEARS, Desk
from ui.file_checks import start_file_checks
from ui.first_paint import FirstPaint
from ui.loading import Loader
from ui.menus import build_menus
from ui.navigation import HOME, SCREENS, Navigation, Screens
from ui.screens.base import Screen
from ui.widgets.search_box import SearchBox, load_entries

if TYPE_CHECKING:
    from ui.start_page import StartPage


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
        self.file_checks = None  # the integrity check and backup of the file open (a Job)
        self._build_top_bar()
        self._build_body()
        build_menus(self)
        self.statusBar().setSizeGripEnabled(True)
        life_cycle_commands.install(self)
        self.search_loader = Loader(self)
        from ui.focus import DialogFocusKeeper

        self.focus_keeper = DialogFocusKeeper(self)
        self.desk.opened.connect(self._file_changed)
        self.desk.year_changed.connect(self._year_changed)
        self.desk.changed.connect(self._records_changed)
        self.desk.history_changed.connect(partial(edit_commands.name_undo_and_redo, self))
        self.desk.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
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
        from ui import file_commands

        self.own_school_button = QPushButton("Back to my school")
        self.own_school_button.setToolTip("You are looking at the made-up demo school: open "
                                          "your own school's file again")
        self.own_school_button.setAccessibleName("Back to my school")
        self.own_school_button.clicked.connect(lambda _=False: file_commands.back_to_own_school(
            self))
        self.own_school_button.hide()
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
        layout.addWidget(self.own_school_button)
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
        self._start_page = None  # built the first time a file without a school year is open
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

    @property
    def start_page(self) -> StartPage:
        """The page for a file without a school year: how to set one up."""
        if self._start_page is None:
            from ui.start_page import StartPage

            self._start_page = StartPage(self.desk)
            self._start_page.year_added.connect(self._first_year_added)
            self.stack.addWidget(self._start_page)
        return self._start_page

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
            screen.profile_requested.connect(partial(output_commands.print_profile, self))
        if hasattr(screen, "undo_requested"):
            screen.undo_requested.connect(partial(edit_commands.undo, self))
        if hasattr(screen, "suggest_all_requested"):
            screen.suggest_all_requested.connect(self.suggest_all)
        if hasattr(screen, "sign_in_requested"):
            screen.sign_in_requested.connect(partial(output_commands.print_sign_in_sheet, self))
        if hasattr(screen, "notes_requested"):
            screen.notes_requested.connect(self.open_mentor_notes)
        screen.restore_state(window_state.store())
        return screen

    def _build_another_screen(self) -> None:
        """After the first paint: build one screen not built yet, then give the event loop a
        turn (the window answers clicks in between) before the next."""
        waiting = self.screens.unbuilt()
        if waiting:
            self.screens[waiting[0]]
            self._screen_builder.start()

    # Files -----------------------------------------------------------------------------------

    @property
    def data(self) -> DataFile | None:
        return self.desk.data

    def open_file(self, path: Path, *, create: bool = False) -> None:
        """Open ``path`` in this window (closing the file open now); raises KnownProblem."""
        from ui.app import open_for_window, warn_if_network_share

        new_data = open_for_window(path, create=create)
        self.let_writes_finish()
        for screen in self.screens.built():
            getattr(screen, "loader", None) and screen.loader.forget()
        # Every file opens on the home screen, This week.
        self.navigation.blockSignals(True)
        self.navigation.select(HOME)
        self.navigation.blockSignals(False)
        self.desk.set_data(new_data)
        from ui import recent_files

        recent_files.remember(path)
        if new_data.writable:  # (a read-only file was checked whole as it opened)
            # The whole-file check and the day's backup wait until the first screen is painted.
            self.first_paint.then(lambda: start_file_checks(self, path))
        warn_if_network_share(self, path)
        from ui.focus import land_on_screen

        land_on_screen(self)  # not the School year drop-down: typing would change the year
    # Screens ---------------------------------------------------------------------------------

    def show_screen(self, key: str) -> None:
        screen = self.screens.get(key)
        if screen is None:
            return
        if self.desk.is_open and self.desk.year is not None:
            self.stack.setCurrentWidget(screen)
            self.first_paint.retarget()
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
        from ui.dialogs.log_meeting import LogMeetingDialog

        LogMeetingDialog(self.desk, self, student_id=student_id).exec()

    def raise_referral(self) -> None:
        """Raise a referral (Ctrl+R from anywhere): for the student on screen, else chosen in
        the dialog."""
        if not self.desk.is_open or self.desk.year is None:
            return
        from ui.dialogs.referral_dialog import RaiseReferralDialog

        RaiseReferralDialog(self.desk, self, student_id=self._student_on_screen()).exec()

    def _student_on_screen(self) -> int | None:
        screen = self.current_screen()
        if screen is not None and screen.KEY == "students":
            return screen.current_student_id()
        if screen is not None and screen.KEY == "matches":
            row = screen.detail.row
            return row["student_id"] if row else None
        return None

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
            self.show_screen("matches")

    def open_mentor_notes(self, mentor_id: int | None = None) -> None:
        """The weekly notes for mentors, for the day This week shows."""
        if not self.desk.is_open or self.desk.year is None:
            return
        from storage import clock
        from ui.dialogs.mentor_note import MentorNoteDialog
        from ui.screens.week import day_on_screen

        day, why = day_on_screen(self.desk.year, clock.today())
        if day is None:
            self.statusBar().showMessage(why, 8000)
            return
        MentorNoteDialog(self.desk, day, self, mentor_id=mentor_id).exec()

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
        for widget in (self.year_combo, self.search, self.navigation):
            widget.setEnabled(ready)
        for action in self.file_actions + self.work_actions:
            action.setEnabled(ready)
        for action in (self.backup_action, self.import_action):
            if action is not None:
                action.setEnabled(open_)
        from ui.recent_files import is_demo

        demo = open_ and is_demo(self.desk.data.path)
        self.own_school_button.setVisible(demo)
        self.own_school_action.setEnabled(demo)
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
        """The new file has its school year: on to the Students screen, where the next step
        (bringing in or adding students) is explained."""
        self.desk.set_year(year_id)
        self.navigation.blockSignals(True)
        self.navigation.select("students")
        self.navigation.blockSignals(False)
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
        if kinds & {SETTINGS, YEARS} and self.desk.is_open:
            self._years_changed()

    def _years_changed(self) -> None:
        """A year added, its dates changed or taken back, the school renamed: the switcher
        and the title follow."""
        db = self.desk.db
        if self.desk.year is not None and years.year_by_id(db, self.desk.year_id) is None:
            fallback = years.current_year(db) or years.newest_year(db)
            self.desk.year = None
            if fallback is None:
                self._file_changed()
                return
            self.desk.set_year(fallback["id"])
        else:
            self.desk.reload_year()
        self._fill_years()
        self._update_title()

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
        # Screens restore their own layout as they are built; the window opens on This week
        # (see open_file), whichever screen was left last.

    def save_window_state(self) -> None:
        settings = window_state.store()
        settings.setValue("window/geometry", self.saveGeometry())
        window_state.save_splitter(settings, "navigation", self.splitter)
        for screen in self.screens.built():
            screen.save_state(settings)
        settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.focus_keeper.forget()
        self.save_window_state()
        for screen in self.screens.built():
            loader = getattr(screen, "loader", None)
            if loader is not None:
                loader.forget()
        self.search_loader.forget()
        self.let_writes_finish()
        self.desk.set_data(None)
        super().closeEvent(event)

    def let_writes_finish(self) -> None:
        """Let reads and writes in flight (the file's check and daily backup among them) finish
        before the open file's connection and lock go away: its closing backup must never run
        beside the daily one."""
        from PySide6.QtCore import QThreadPool

        from ui.background import WRITER_POOL

        QThreadPool.globalInstance().waitForDone(10000)
        WRITER_POOL.waitForDone(60000)
