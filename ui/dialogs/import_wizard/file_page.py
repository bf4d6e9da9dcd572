"""The first page: the spreadsheet. Once it is read, the window goes on to the summary by
itself: choosing the file is the only step before seeing what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from importing.plan import guess_kind_surely, read_file
from storage.errors import KnownProblem
from ui.dialogs.import_wizard.common import WARNING_STYLE, Page, label
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard

FILE_FILTER = ("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv);;"
               "All files (*)")


class FilePage(Page):
    """Choose the spreadsheet; it is read, and what it holds guessed, in the background."""

    primary_text = "&Next"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.loading = False
        title = label("Choose the spreadsheet", name="pageTitle")
        intro = label("Excel (.xlsx, .xls), LibreOffice (.ods) or .csv. MentorDesk reads it and "
                      "shows what importing it would do; nothing changes until you press "
                      "Import.")
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("No file chosen yet")
        self.path.setAccessibleName("Spreadsheet file")
        self.choose = QPushButton("&Choose a file…")
        self.choose.setObjectName("primary")
        self.choose.setToolTip("Pick the spreadsheet to bring in")
        self.choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Reading the file")
        self.busy.hide()
        self.status = label(name="fileStatus")
        self.status.setAccessibleName("What the file holds")
        hint = label("Rosters and attendance exports from the student information system, "
                     "staff lists, teachers' nomination sheets, last term's match and meeting "
                     "logs, and the school calendar can all be imported. To collect "
                     "nominations, hand teachers the blank sheet from File > Save a blank "
                     "nomination sheet.", name="hint")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(hint)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the spreadsheet to import",
                                              str(Path.home()), FILE_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        """Read ``path`` in the background, then preview it and show the summary."""
        wizard = self.wizard_
        wizard.workbook = None
        self.loading = True
        self.path.setText(str(path))
        self.status.setStyleSheet("")
        self.status.setText(f"Reading {path.name}…")
        self.busy.show()
        self.choose.setEnabled(False)
        self.completeChanged.emit()
        data_path = wizard.data_path

        def work(progress):
            from storage import years
            from storage.database import connect

            workbook = read_file(path)
            workbook.read_all()  # plain rows: the preview reads them on another thread
            db = connect(data_path)
            try:
                year_list = years.all_years(db)
                current = years.current_year(db)
            finally:
                db.close()
            return (workbook, guess_kind_surely(workbook), year_list,
                    current["name"] if current else None)

        wizard.run(work, done=self.loaded, failed=self.refused)

    def loaded(self, result) -> None:
        workbook, guess, year_list, current = result
        wizard = self.wizard_
        wizard.workbook, wizard.guess, wizard.years, wizard.current_year = (
            workbook, guess, year_list, current)
        wizard.mappings = None
        wizard.kind_page.reset()
        wizard.sheets_page.reset()
        self.status.setText(f"Read {workbook.path.name}. Checking it against MentorDesk…")

        def planned() -> None:
            self._idle()
            if wizard.currentId() == wizard.FILE:
                wizard.go(wizard.SUMMARY)

        wizard.replan(planned)

    def refused(self, error: Exception) -> None:
        self._idle()
        if isinstance(error, KnownProblem):
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(error.message)
        else:
            self.status.setText("")
            show_error(self, error)

    def _idle(self) -> None:
        self.loading = False
        self.busy.hide()
        self.choose.setEnabled(True)
        self.completeChanged.emit()

    def is_complete(self) -> bool:
        return self.wizard_.workbook is not None and not self.loading
