"""The main window: menus, the title bar, and the screens of the open data file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from storage import settings, summary, years
from storage.database import DataFile
from storage.errors import KnownProblem
from ui.errors import show_error


class MainWindow(QMainWindow):
    """MentorDesk's one window over one open data file."""

    def __init__(self) -> None:
        super().__init__()
        self.data: DataFile | None = None
        self.resize(1100, 720)
        self._build_menus()
        self._overview = QLabel()
        self._overview.setObjectName("overview")
        self._overview.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._overview)
        layout.addStretch(1)
        self.setCentralWidget(page)
        self._refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open,
                                   statusTip="Open another MentorDesk data file")
        self.open_action.triggered.connect(self.choose_and_open_file)
        self.demo_action = QAction("Open &demo school", self,
                                   statusTip="Open a made-up school to try MentorDesk safely")
        self.demo_action.triggered.connect(self.open_demo_school)
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (self.open_action, self.demo_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

    # Opening files ---------------------------------------------------------------------------

    def open_file(self, path: Path, *, create: bool = False) -> None:
        """Open ``path`` in this window (closing the file open now); raises KnownProblem."""
        from ui.app import open_for_window, warn_if_network_share

        new_data = open_for_window(path, create=create)
        if self.data is not None:
            self.data.close()
        self.data = new_data
        self._refresh()
        warn_if_network_share(self, path)

    def choose_and_open_file(self) -> None:
        start = str(self.data.path.parent) if self.data else ""
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

    # Showing ---------------------------------------------------------------------------------

    def _refresh(self) -> None:
        if self.data is None:
            self.setWindowTitle("MentorDesk")
            self._overview.setText("No data file is open. Use File > Open, or File > Open demo "
                                   "school to look around.")
            return
        db = self.data.db
        school = settings.get(db, "school_name") or "Your school"
        year = years.current_year(db)
        year_name = year["name"] if year else "no school year yet"
        self.setWindowTitle(f"{school} – {year_name} – MentorDesk")
        counts = summary.record_counts(db)
        self._overview.setText(
            f"<h2>{school}</h2><p>School year: {year_name}</p>"
            f"<p>{counts['students']} students, {counts['mentors']} mentors, "
            f"{counts['matches_open']} open matches, {counts['meetings']} meetings logged.</p>"
            f"<p style='color:#52606d'>Data file: {self.data.path}</p>"
        )

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.data is not None:
            self.data.close()
            self.data = None
        super().closeEvent(event)
