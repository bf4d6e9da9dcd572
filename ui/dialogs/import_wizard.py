"""File > Import…: bring a spreadsheet in, step by step.

Choose the file, say what it holds (guessed), pick its sheets, check the columns (guessed,
changeable), read the preview (what would be added, updated, left unchanged and skipped, and
every problem), then import with a progress bar and Cancel. Reading, the preview and the
import run off the UI thread, each job on its own connection; the import goes through the
writer's pool and is one transaction, so Cancel leaves the data file exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from importing.headers import find_table
from importing.kinds import KINDS
from importing.kinds.base import Options
from importing.plan import Plan, Source, guess_kind, make_plan, prepare, read_file
from importing.sheets import Workbook
from program.surveys import phase_from_words
from storage import clock
from storage.errors import KnownProblem
from ui import background
from ui.errors import show_error
from ui.models.attendance_codes import UnknownCodesModel
from ui.models.import_columns import CHOICES_ROLE, KEY_ROLE, MEANING, ColumnMappingModel
from ui.models.import_problems import ProblemsModel, problem_rows
from ui.models.import_sheets import SheetChoiceModel
from ui.models.table import FilterProxy
from ui.widgets.choice_delegate import ChoiceDelegate

FILE_FILTER = ("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv);;"
               "All files (*)")
THINGS = {"students": "students", "mentors": "mentors", "matches": "matches",
          "meetings": "meetings", "attendance": "student-days of attendance",
          "calendar": "days without school"}
WARNING_STYLE = "color: #8a1c1c;"


def _label(text: str = "", *, name: str | None = None, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class ImportWizard(QWizard):
    """The step-by-step import of one spreadsheet into the data file at ``data_path``.

    ``on_imported`` is called (on the UI thread) after an import is written, so the window can
    refresh its lists.
    """

    FILE, KIND, SHEETS, COLUMNS, PREVIEW, IMPORT = range(6)

    def __init__(self, parent: QWidget | None, data_path: Path,
                 on_imported: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.data_path = Path(data_path)
        self.on_imported = on_imported
        self.workbook: Workbook | None = None
        self.years: list[dict] = []
        self.current_year: str | None = None
        self.guess: tuple[str, str] = ("students", "")
        self.source: Source | None = None
        self.plan: Plan | None = None
        self.batch_id: int | None = None
        self.job: background.Job | None = None
        self._closing = False
        self.setWindowTitle("Import a spreadsheet")
        self.setAccessibleName("Import a spreadsheet")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Done")
        self.file_page = FilePage(self)
        self.kind_page = KindPage(self)
        self.sheets_page = SheetsPage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        for page_id, page in enumerate((self.file_page, self.kind_page, self.sheets_page,
                                        self.columns_page, self.preview_page,
                                        self.import_page)):
            self.setPage(page_id, page)
        self.resize(880, 640)

    # What the pages chose --------------------------------------------------------------------

    @property
    def kind_name(self) -> str:
        return self.kind_page.chosen_kind()

    def year_name(self) -> str | None:
        return self.kind_page.year.currentData()

    def options(self) -> Options:
        through = self.kind_page.through_day()
        return Options(absences_only=self.kind_page.absences_only.isChecked(), through=through,
                       close_matches=self.preview_page.close_matches.isChecked(),
                       survey_phase=self.kind_page.survey_when.currentData())

    def chosen_sheets(self) -> list[str]:
        if self.workbook is not None and len(self.workbook.sheets) == 1:
            return self.workbook.sheet_names
        return self.sheets_page.model.ticked()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        # A file with one sheet has no sheets to choose.
        if self.currentId() == self.KIND and self.workbook is not None \
                and len(self.workbook.sheets) == 1:
            return self.COLUMNS
        return super().nextId()

    # Background work -------------------------------------------------------------------------

    def run(self, work: Callable[[background.ProgressCallback], Any], *,
            done: Callable[[Any], None], failed: Callable[[Exception], None],
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], None] | None = None, writes: bool = False) -> None:
        """Run ``work`` off the UI thread; one job at a time."""
        job = background.Job(work)
        self.job = job

        def finish(handler, *args) -> None:
            if self.job is job:
                self.job = None
            if handler is not None and not (self._closing and handler is failed):
                handler(*args)
            if self._closing:
                QWizard.reject(self)  # Cancel was pressed while this ran

        job.signals.finished.connect(lambda result: finish(done, result))
        job.signals.failed.connect(lambda error: finish(failed, error))
        job.signals.cancelled.connect(lambda: finish(cancelled))
        if progress is not None:
            job.signals.progress.connect(progress)
        background.start(job, writes=writes)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def reject(self) -> None:
        if self.job is not None:
            # Stop the work first; the window closes once it has (an import rolls back).
            self._closing = True
            self.job.cancel()
            self.import_page.stopping()
            return
        super().reject()


class FilePage(QWizardPage):
    """Step 1: the spreadsheet."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.loading = False
        self.setTitle("Choose the spreadsheet")
        self.setSubTitle("Excel (.xlsx, .xls), LibreOffice (.ods) or .csv. Nothing in MentorDesk "
                         "changes until the last step.")
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("No file chosen yet")
        self.path.setAccessibleName("Spreadsheet file")
        self.choose = QPushButton("&Choose a file…")
        self.choose.setToolTip("Pick the spreadsheet to bring in")
        self.choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Reading the file")
        self.busy.hide()
        self.status = _label(name="fileStatus")
        self.status.setAccessibleName("What the file holds")
        hint = _label("Rosters and attendance exports from the student information system, "
                      "staff lists, teachers' nomination sheets, last term's match and meeting "
                      "logs, and the school calendar can all be imported. To collect "
                      "nominations, hand teachers the blank sheet from File > Save a blank "
                      "nomination sheet.", name="hint")
        layout = QVBoxLayout(self)
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
        """Read ``path`` in the background; the page is complete once it is read."""
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
            workbook.read_all()
            db = connect(data_path)
            try:
                year_list = years.all_years(db)
                current = years.current_year(db)
            finally:
                db.close()
            return workbook, guess_kind(workbook), year_list, current["name"] if current else None

        wizard.run(work, done=self.loaded, failed=self.refused)

    def loaded(self, result) -> None:
        workbook, guess, year_list, current = result
        wizard = self.wizard_
        wizard.workbook, wizard.guess, wizard.years, wizard.current_year = (
            workbook, guess, year_list, current)
        self._idle()
        sheets = ", ".join(f"{sheet.name} ({len(sheet.rows)} rows)" for sheet in workbook.sheets)
        text = (f"{workbook.path.name}: {len(workbook.sheets)} "
                f"{'sheet' if len(workbook.sheets) == 1 else 'sheets'} to read: {sheets}.")
        hidden = [name for name, why in workbook.left_out if why == "hidden"]
        empty = [name for name, why in workbook.left_out if why == "empty"]
        if hidden:
            text += f" Hidden sheets are left out: {', '.join(hidden)}."
        if empty:
            text += f" Empty sheets are left out: {', '.join(empty)}."
        self.status.setText(text)

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

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.wizard_.workbook is not None and not self.loading


class KindPage(QWizardPage):
    """Step 2: what the file holds (guessed), the school year, attendance choices."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("What does this file hold?")
        self.setSubTitle("MentorDesk guessed from the column names. Check it, and the school "
                         "year the rows go into.")
        self.guess = _label(name="kindGuess")
        self.buttons = QButtonGroup(self)
        choices = QVBoxLayout()
        for kind in KINDS.values():
            button = QRadioButton(kind.label)
            button.setProperty("kind", kind.name)
            button.setToolTip(f"Needs {kind.needs}")
            self.buttons.addButton(button)
            choices.addWidget(button)
        self.buttons.buttonToggled.connect(lambda *_: self._show_choices())
        self.year = QComboBox()
        self.year.setAccessibleName("School year")
        self.year.setToolTip("The school year the rows go into")
        self.absences_only = QCheckBox("This file lists &absences only (days not listed were "
                                       "present days)")
        self.absences_only.setToolTip("Tick for an export of absences and tardies only. Left "
                                      "unticked, MentorDesk decides from the codes.")
        self.through_given = QCheckBox("The export runs &through")
        self.through_given.setToolTip("The last school day the export covers. Left unticked: "
                                      "the latest date in the file.")
        self.through = QDateEdit()
        self.through.setCalendarPopup(True)
        self.through.setDisplayFormat("ddd d MMM yyyy")
        self.through.setAccessibleName("The export runs through")
        self.through.setEnabled(False)
        self.through_given.toggled.connect(self.through.setEnabled)
        through_row = QHBoxLayout()
        through_row.addWidget(self.through_given)
        through_row.addWidget(self.through)
        through_row.addStretch(1)
        self.attendance_box = QGroupBox("Attendance")
        box_layout = QVBoxLayout(self.attendance_box)
        box_layout.addWidget(self.absences_only)
        box_layout.addLayout(through_row)
        # Survey answers: from the start or the end of mentoring (the file's name may say).
        self.survey_when = QComboBox()
        self.survey_when.setAccessibleName("When the answers were given")
        self.survey_when.setToolTip("The survey given at the start of mentoring, or at the end")
        for words, phase in (("Choose: the file's name does not say", None),
                             ("At the start of mentoring", "pre"),
                             ("At the end of mentoring", "post")):
            self.survey_when.addItem(words, phase)
        self.survey_box = QGroupBox("Survey answers")
        survey_layout = QFormLayout(self.survey_box)
        survey_layout.addRow("Given &when", self.survey_when)
        form = QFormLayout()
        form.addRow("School &year", self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guess)
        layout.addLayout(choices)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.attendance_box)
        layout.addWidget(self.survey_box)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard_
        name, why = wizard.guess
        self.guess.setText(f"MentorDesk thinks this file holds "
                           f"{KINDS[name].label.split(' (')[0].lower()}: {why}. "
                           "Choose another if that is wrong.")
        for button in self.buttons.buttons():
            if button.property("kind") == name:
                button.setChecked(True)
        self.year.clear()
        for year in reversed(wizard.years):
            self.year.addItem(year["name"], year["name"])
        if wizard.current_year:
            self.year.setCurrentIndex(max(self.year.findData(wizard.current_year), 0))
        today = clock.today()
        self.through.setDate(QDate(today.year, today.month, today.day))
        said = phase_from_words(Path(wizard.workbook.path).name) if wizard.workbook else None
        self.survey_when.setCurrentIndex(max(self.survey_when.findData(said), 0))
        self._show_choices()

    def chosen_kind(self) -> str:
        button = self.buttons.checkedButton()
        return button.property("kind") if button else self.wizard_.guess[0]

    def through_day(self) -> dt.date | None:
        if not self.through_given.isChecked():
            return None
        day = self.through.date()
        return dt.date(day.year(), day.month(), day.day())

    def _show_choices(self) -> None:
        kind = self.chosen_kind()
        self.attendance_box.setVisible(kind == "attendance")
        self.survey_box.setVisible(kind == "surveys")
        self.year.setEnabled(kind != "mentors" and self.year.count() > 0)


class SheetsPage(QWizardPage):
    """Step 3: which sheets (only for workbooks with several)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Which sheets?")
        self.setSubTitle("Every ticked sheet is imported (one per grade, say). Sheets without a "
                         "table of rows cannot be ticked.")
        self.model = SheetChoiceModel(self)
        self.model.choice_changed.connect(self.completeChanged)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Sheets")
        self.left_out = _label(name="hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.left_out)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard_
        kind = KINDS[wizard.kind_name]
        sheets = []
        for sheet in wizard.workbook.sheets:
            table = find_table(sheet, kind.fields)
            usable = table is not None and not kind.missing(table)
            rows = sum(1 for _ in table.data_rows()) if table is not None else 0
            sheets.append({"name": sheet.name, "rows": rows, "usable": usable,
                           "why": "no table found" if table is None else
                           f"no column for {kind.needs}"})
        self.model.set_sheets(sheets)
        left_out = [f"{name} ({why})" for name, why in wizard.workbook.left_out]
        self.left_out.setText("Left out: " + ", ".join(left_out) + "." if left_out else "")

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.model.ticked())


class ColumnsPage(QWizardPage):
    """Step 4: what each column holds (guessed or remembered; changeable)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Check the columns")
        self.setSubTitle("MentorDesk matched each column of the file to what it holds. Change "
                         "any that are wrong; MentorDesk remembers your choice for files with "
                         "the same columns.")
        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Sheet")
        self.sheet.currentIndexChanged.connect(self._show_sheet)
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(QLabel("Sheet:"))
        sheet_layout.addWidget(self.sheet)
        sheet_layout.addStretch(1)
        self.model = ColumnMappingModel(self)
        self.model.mapping_changed.connect(self._mapping_changed)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Columns of the file")
        self.view.setItemDelegateForColumn(MEANING, ChoiceDelegate(CHOICES_ROLE, KEY_ROLE,
                                                                   self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 260)
        self.status = _label(name="columnsStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        from storage.database import connect

        wizard = self.wizard_
        db = connect(wizard.data_path)  # this thread's own, for the remembered columns
        try:
            wizard.source = prepare(db, wizard.workbook, wizard.kind_name,
                                    sheet_names=wizard.chosen_sheets())
        except KnownProblem as problem:
            wizard.source = None
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(problem.message)
            self.model.beginResetModel()
            self.model.endResetModel()
            return
        finally:
            db.close()
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for table in wizard.source.tables:
            self.sheet.addItem(table.name)
        self.sheet.blockSignals(False)
        self.sheet_row.setVisible(len(wizard.source.tables) > 1)
        self._show_sheet()

    def _table(self):
        source = self.wizard_.source
        if source is None or not source.tables:
            return None
        return source.tables[max(self.sheet.currentIndex(), 0)]

    def _show_sheet(self) -> None:
        table = self._table()
        if table is None:
            return
        self.model.set_table(table, self.wizard_.source.kind.fields)
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, MEANING))
        self.view.resizeRowsToContents()
        self._mapping_changed(store=False)

    def _mapping_changed(self, store: bool = True) -> None:
        table = self._table()
        if table is None:
            return
        if store:
            table.mapping = self.model.mapping()
            table.remembered = False
        source = self.wizard_.source
        missing = source.missing_columns()
        if missing:
            names = ", ".join(f'"{t.name}"' for t in missing)
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(f"Choose the columns that hold {source.kind.needs} (sheet "
                                f"{names}).")
        else:
            self.status.setStyleSheet("")
            remembered = all(t.remembered for t in source.tables)
            self.status.setText("These are the columns as you set them last time."
                                if remembered else "Every column MentorDesk needs is there.")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        source = self.wizard_.source
        return source is not None and not source.missing_columns()


class PreviewPage(QWizardPage):
    """Step 5: what the import would do, and every problem (nothing is written yet)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.running = False
        self.setTitle("Preview")
        self.setSubTitle("Nothing has changed yet. Read what the import would do, then press "
                         "Import.")
        self.setCommitPage(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading the rows")
        self.stop = QPushButton("&Stop")
        self.stop.setToolTip("Stop reading the file")
        self.stop.clicked.connect(self._stop)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop)
        self.progress_row = QWidget()
        self.progress_row.setLayout(progress_row)
        self.summary = _label(name="previewSummary", rich=True)
        self.summary.setAccessibleName("What the import would do")
        self.notes = _label(name="previewNotes", rich=True)
        self.close_matches = QCheckBox("Close these matches as \"student moved\"")
        self.close_matches.setToolTip("The roster says these students left the school")
        self.close_matches.toggled.connect(lambda *_: self.start())
        self.close_matches.hide()
        self.codes_box = QGroupBox("Attendance codes to explain")
        self.codes = UnknownCodesModel(self)
        self.codes.dataChanged.connect(lambda *_: self._codes_chosen())
        self.codes_view = QTableView()
        self.codes_view.setModel(self.codes)
        self.codes_view.setAccessibleName("Attendance codes to explain")
        self.codes_view.setItemDelegateForColumn(2, ChoiceDelegate(CHOICES_ROLE, KEY_ROLE,
                                                                   self.codes_view))
        self.codes_view.verticalHeader().hide()
        self.codes_view.horizontalHeader().setStretchLastSection(True)
        self.save_codes = QPushButton("&Save these codes and check again")
        self.save_codes.setEnabled(False)
        self.save_codes.clicked.connect(self._save_codes)
        codes_layout = QVBoxLayout(self.codes_box)
        codes_layout.addWidget(_label("The file uses codes MentorDesk does not know. Say what "
                                      "each one means; MentorDesk keeps them for next time."))
        codes_layout.addWidget(self.codes_view)
        codes_layout.addWidget(self.save_codes, 0, Qt.AlignmentFlag.AlignRight)
        self.codes_box.hide()
        self.problems = ProblemsModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.problems)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.proxy)
        self.problems_view.setAccessibleName("Problems found in the file")
        self.problems_view.setSortingEnabled(True)
        self.problems_view.setWordWrap(True)
        self.problems_view.verticalHeader().hide()
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.problems_view.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.problems_title = _label(name="problemsTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes)
        layout.addWidget(self.close_matches)
        layout.addWidget(self.codes_box)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_view, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.close_matches.blockSignals(True)
        self.close_matches.setChecked(False)
        self.close_matches.blockSignals(False)
        self.start()

    def start(self) -> None:
        """Plan the import in the background (again, after a change of choices)."""
        wizard = self.wizard_
        if wizard.busy:
            return
        wizard.plan = None
        self.running = True
        self.completeChanged.emit()
        self.progress_row.show()
        self.progress.setRange(0, 0)
        self.stop.setEnabled(True)
        self.summary.setText("Reading the rows and comparing them with MentorDesk…")
        self.notes.setText("")
        self.problems.set_rows([])
        self.problems_title.setText("")
        self.codes_box.hide()
        source, year, options, data_path = (wizard.source, wizard.year_name(), wizard.options(),
                                            wizard.data_path)

        def work(progress):
            from storage.database import connect

            db = connect(data_path)
            try:
                return make_plan(db, source, year_name=year, options=options,
                                 progress=progress)
            finally:
                db.close()

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))

        wizard.run(work, done=self._planned, failed=self._failed, progress=progressed,
                   cancelled=self._stopped)

    def _stop(self) -> None:
        if self.wizard_.job is not None:
            self.stop.setEnabled(False)
            self.wizard_.job.cancel()

    def _planned(self, plan: Plan) -> None:
        wizard = self.wizard_
        wizard.plan = plan
        self.running = False
        self.progress_row.hide()
        counts = plan.counts()
        things = THINGS[plan.kind.name]
        self.summary.setText(
            f"<p style='font-size:13pt'>The import would <b>add {counts['added']}</b> {things}, "
            f"<b>update {counts['updated']}</b>, leave {counts['unchanged']} unchanged and "
            f"skip {counts['skipped']} {'row' if counts['skipped'] == 1 else 'rows'}.</p>")
        notes = list(plan.notes)
        if plan.stopped:
            unknown = plan.kind_plan.details.get("unknown_codes", {})
            codes = ", ".join(f"\"{code or '(blank)'}\"" for code in sorted(unknown))
            self.summary.setText(
                f"<p style='{WARNING_STYLE}'>{_escape(plan.source.path.name)} uses attendance "
                f"codes MentorDesk does not know yet: {_escape(codes)}. Say below what each one "
                "means; nothing can be imported until then.</p>")
            self.codes.set_codes(sorted(unknown.items()))
            for row in range(self.codes.rowCount()):
                self.codes_view.openPersistentEditor(self.codes.index(row, 2))
            self.codes_box.show()
            self.save_codes.setEnabled(False)
        self.notes.setText("".join(f"<p>{_escape(note)}</p>" for note in notes))
        self.close_matches.setVisible(bool(plan.to_confirm) or self.close_matches.isChecked())
        if plan.to_confirm:
            self.close_matches.setText(
                "Close this match as \"student moved\"" if len(plan.to_confirm) == 1 else
                f"Close these {len(plan.to_confirm)} matches as \"student moved\"")
        rows = problem_rows(plan.problems)
        rows += [{"sheet": item["sheet"], "row": item["row"], "column": "",
                  "message": item["message"], "stops": False} for item in plan.to_confirm]
        self.problems.set_rows(rows)
        self.problems_title.setText(
            f"{len(rows)} {'thing' if len(rows) == 1 else 'things'} to look at:" if rows
            else "No problems found.")
        self.problems_view.resizeRowsToContents()
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.progress_row.hide()
        if isinstance(error, KnownProblem):
            self.summary.setText(f"<p style='{WARNING_STYLE}'>{_escape(error.message)}</p>")
        else:
            self.summary.setText("")
            show_error(self, error)
        self.completeChanged.emit()

    def _stopped(self) -> None:
        self.running = False
        self.progress_row.hide()
        self.summary.setText("Stopped. Press Back to change your choices, or Cancel.")
        self.completeChanged.emit()

    def _codes_chosen(self) -> None:
        self.save_codes.setEnabled(self.codes.all_chosen())

    def _save_codes(self) -> None:
        chosen = self.codes.chosen()
        data_path = self.wizard_.data_path
        self.save_codes.setEnabled(False)

        def work(progress):
            from actions.settings import set_attendance_codes
            from storage.database import connect

            db = connect(data_path)
            try:
                return set_attendance_codes(db, chosen)
            finally:
                db.close()

        self.wizard_.run(work, done=lambda _: self.start(), failed=self._failed, writes=True)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        plan = self.wizard_.plan
        return plan is not None and not plan.stopped and not self.running


class ImportPage(QWizardPage):
    """Step 6: the import itself, with a progress bar; Cancel leaves the file as it was."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.done = False
        self.setTitle("Importing")
        self.setSubTitle("Everything goes in together, or nothing does.")
        self.setFinalPage(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Importing")
        self.status = _label(name="importStatus", rich=True)
        self.status.setAccessibleName("The import")
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard_
        plan, data_path = wizard.plan, wizard.data_path
        self.done = False
        self.progress.setRange(0, 0)
        self.status.setText("Writing… Press Cancel to stop: nothing is kept unless the whole "
                            "import goes in.")

        def work(progress):
            from importing.apply import apply_plan
            from storage.database import connect

            db = connect(data_path)
            try:
                return apply_plan(db, plan, progress=progress)
            finally:
                db.close()

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))

        wizard.run(work, done=self._imported, failed=self._failed, progress=progressed,
                   cancelled=self._cancelled, writes=True)

    def _imported(self, batch_id: int) -> None:
        wizard = self.wizard_
        wizard.batch_id = batch_id
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        counts = wizard.plan.counts()
        things = THINGS[wizard.plan.kind.name]
        self.setTitle("Imported")
        self.status.setText(
            f"<p style='font-size:13pt'>Done: <b>{counts['added']}</b> {things} added, "
            f"<b>{counts['updated']}</b> updated, {counts['unchanged']} unchanged, "
            f"{counts['skipped']} rows skipped.</p>"
            f"<p>This was import number {batch_id}. If it was the wrong file, undo the whole "
            "import from File > Import history.</p>")
        wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()
        if wizard.on_imported is not None:
            wizard.on_imported()

    def _failed(self, error: Exception) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        message = error.message if isinstance(error, KnownProblem) else (
            "Something went wrong. Nothing was imported: the data file is as it was.")
        self.status.setText(f"<p style='{WARNING_STYLE}'>{_escape(message)}</p>")
        self.completeChanged.emit()
        if not isinstance(error, KnownProblem):
            show_error(self, error)

    def _cancelled(self) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.setTitle("Stopped")
        self.status.setText("Stopped. Nothing was imported: the data file is exactly as it was.")
        self.wizard_.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()

    def stopping(self) -> None:
        self.status.setText("Stopping… nothing will be kept.")

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.done


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
