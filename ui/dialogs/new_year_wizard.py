"""Start a new school year: the dates, a preview of what happens to whom, then the change.

Three steps: the new year's name, dates and days off; a preview (who moves up, who leaves, which
matches go on, which close, whose grade is missing); and the change itself, off the UI thread
with a progress bar. Last year stays as it is, to look at and report on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from actions.new_year import NewYear, NewYearPreview, checked_request
from program.calendar import days_off_in_text, next_year_name, years_later
from program.vocabulary import day_words
from storage import years
from storage.errors import KnownProblem
from ui import background
from ui.desk import Desk
from ui.dialogs.common import DateField, line_edit, plain, resize_within_screen
from ui.errors import show_error
from ui.models.life_cycle import YearChangeModel, year_change_rows

WARNING_STYLE = "color:#8a1c1c"


def _same_weekday_a_year_later(day: dt.date) -> dt.date:
    """A year's dates guessed from last year's: 52 weeks on keeps the weekday."""
    return day + dt.timedelta(weeks=52)


def _label(text: str = "", *, rich: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if rich:
        from PySide6.QtCore import Qt

        label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setObjectName(name)
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class NewYearWizard(QWizard):
    """The new school year, step by step, over the data file the desk has open."""

    SET_UP, PREVIEW, START = range(3)

    def __init__(self, parent: QWidget | None, desk: Desk,
                 on_started: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.data_path: Path = desk.data.path
        self.current = years.current_year(desk.db)
        self.on_started = on_started
        self.preview: NewYearPreview | None = None
        self.job: background.Job | None = None
        self._closing = False
        self.setWindowTitle("Start a new school year")
        self.setAccessibleName("Start a new school year")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Start the new year")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Done")
        self.set_up_page = SetUpPage(self)
        self.preview_page = PreviewPage(self)
        self.start_page = StartPage(self)
        self.setPage(self.SET_UP, self.set_up_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.START, self.start_page)
        resize_within_screen(self, 860, 620)

    def request(self) -> NewYear:
        """What the first page says (its days off already read)."""
        page = self.set_up_page
        return NewYear(plain(page.name.text()), page.first_day.day(), page.last_day.day(),
                       [(day, "") for day in page.days_off], page.keep_matches.isChecked())

    def run(self, work: Callable[[background.ProgressCallback], Any], *,
            done: Callable[[Any], None], failed: Callable[[Exception], None],
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], None] | None = None, writes: bool = False) -> None:
        """Run ``work`` off the UI thread (its own connection); one job at a time."""
        job = background.Job(work)
        self.job = job

        def finish(handler, *args) -> None:
            if self.job is job:
                self.job = None
            if handler is not None and not (self._closing and handler is failed):
                handler(*args)
            if self._closing:
                QWizard.reject(self)

        job.signals.finished.connect(lambda result: finish(done, result))
        job.signals.failed.connect(lambda error: finish(failed, error))
        job.signals.cancelled.connect(lambda: finish(cancelled))
        if progress is not None:
            job.signals.progress.connect(progress)
        background.start(job, writes=writes)

    def reject(self) -> None:
        if self.job is not None:
            # Stop the work first; the wizard closes once it has (the change rolls back).
            self._closing = True
            self.job.cancel()
            return
        super().reject()


class SetUpPage(QWizardPage):
    """Step 1: the new year's name, first and last day, days off, and the matches."""

    def __init__(self, wizard: NewYearWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.days_off: list[dt.date] = []
        current = wizard.current
        self.setTitle("The new school year")
        old_name = current["name"] if current else ""
        self.setSubTitle(f"Everyone moves on from {old_name}: students up a grade, matches into "
                         "the new year. Last year stays as it is, to look at and report on.")
        first = _same_weekday_a_year_later(dt.date.fromisoformat(current["first_day"]))
        last = _same_weekday_a_year_later(dt.date.fromisoformat(current["last_day"]))
        self.name = line_edit(next_year_name(old_name), "New school year's name",
                              "What the new year is called, such as 2027-2028")
        self.first_day = DateField(first, "First day of classes",
                                   "The first day students are in school in the new year")
        self.last_day = DateField(last, "Last day of classes",
                                  "The last day students are in school in the new year")
        self.no_school = QPlainTextEdit()
        self.no_school.setAccessibleName("Days without school")
        self.no_school.setToolTip("Holidays and breaks: a date (2027-11-25) or a range "
                                  "(2027-12-20..2027-12-31), one per line or separated by "
                                  "commas. They can also come later, with the calendar import.")
        self.no_school.setPlaceholderText(
            f"{years_later(dt.date.fromisoformat(current['first_day']), 1).year}-11-25\n"
            f"{first.year}-12-20..{last.year}-01-01")
        self.no_school.setFixedHeight(self.no_school.fontMetrics().lineSpacing() * 4 + 16)
        self.keep_matches = QCheckBox("Matches go on into the new year when both the student "
                                      "and the mentor stay")
        self.keep_matches.setChecked(True)
        self.keep_matches.setToolTip("Unticked: every open match closes at the end of this "
                                     "year, as \u201cplanned end of year\u201d")
        self.problem = _label(name="warning")
        self.problem.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        wide = self.no_school.fontMetrics().horizontalAdvance("x" * 44)
        self.no_school.setMinimumWidth(wide)
        form.addRow("School &year", self.name)
        form.addRow("&First day of classes", self.first_day)
        form.addRow("&Last day of classes", self.last_day)
        form.addRow("Days &without school", self.no_school)
        form.addRow("", _label("A date, or a break as first..last day; one a line. Holidays "
                               "can also come later with the calendar import.", name="hint"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_label("The top grade leaves at the end of the year. Everyone else "
                                "moves up a grade; the grades stay provisional until the new "
                                "year's roster is imported."))
        layout.addWidget(self.keep_matches)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        try:
            self.days_off = days_off_in_text(self.no_school.toPlainText())
        except ValueError as error:
            return self._refuse(str(error))
        try:
            # The quick checks (the name, the dates); the preview is worked out next.
            checked_request(self.wizard_.desk.db, self.wizard_.request())
        except KnownProblem as problem:
            return self._refuse(problem.message)
        self.problem.hide()
        return True

    def _refuse(self, sentence: str) -> bool:
        self.problem.setText(sentence)
        self.problem.show()
        return False


class PreviewPage(QWizardPage):
    """Step 2: what will happen, counted and named, before anything changes."""

    def __init__(self, wizard: NewYearWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.ready = False
        self.setTitle("What will happen")
        self.setSubTitle("Check the figures and the names. Nothing has changed yet.")
        self.setCommitPage(True)
        self.summary = _label(rich=True, name="newYearSummary")
        self.summary.setAccessibleName("What will happen")
        self.model = YearChangeModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Students and matches the new year treats specially")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.ready = False
        self.model.set_rows([])
        self.summary.setText("Working out what changes…")
        request, data_path = self.wizard_.request(), self.wizard_.data_path

        def work(progress):
            from actions.new_year import preview_new_year
            from ui.loading import read_file

            return read_file(data_path, lambda db: preview_new_year(db, request))

        self.wizard_.run(work, done=self.show_preview, failed=self._failed)

    def show_preview(self, preview: NewYearPreview) -> None:
        self.wizard_.preview = preview
        self.ready = True
        lines = preview.sentences()
        self.summary.setText("<p>" + _escape(lines[0]) + "</p><ul>" + "".join(
            f"<li>{_escape(line)}</li>" for line in lines[1:]) + "</ul>"
            "<p><b>Start the new year</b> makes these changes together; Edit &gt; Undo cannot "
            "take them back (the daily backup keeps the file as it was).</p>")
        self.model.set_rows(year_change_rows(preview.change))
        self.table.resizeColumnsToContents()
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, KnownProblem) else (
            "Something went wrong while working out the new year. Nothing was changed.")
        self.summary.setText(f"<p style='{WARNING_STYLE}'>{_escape(message)}</p>")
        if not isinstance(error, KnownProblem):
            show_error(self, error)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.ready


class StartPage(QWizardPage):
    """Step 3: the change itself, with a progress bar; Cancel leaves the file as it was."""

    def __init__(self, wizard: NewYearWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.done = False
        self.setTitle("Starting the new year")
        self.setSubTitle("Everything changes together, or nothing does.")
        self.setFinalPage(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Starting the new year")
        self.status = _label(rich=True, name="newYearStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        wizard = self.wizard_
        request, data_path = wizard.request(), wizard.data_path
        self.done = False
        self.progress.setRange(0, 0)
        self.status.setText("Working… Press Cancel to stop: nothing changes unless all of it "
                            "does.")

        def work(progress):
            from actions.new_year import start_new_year
            from ui.loading import read_file

            return read_file(data_path, lambda db: start_new_year(db, request, progress))

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))

        wizard.run(work, done=self._started, failed=self._failed, progress=progressed,
                   cancelled=self._cancelled, writes=True)

    def _started(self, outcome) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        figures = outcome.value.figures()
        self.setTitle("The new year has started")
        self.status.setText(
            f"<p style='font-size:13pt'>{_escape(outcome.message)}</p>"
            f"<p>{figures['students_left']} students left, "
            f"{figures['matches_closed']} matches closed on the last day of "
            f"{_escape(figures['from_year'])}. Next: import the new year's roster (File &gt; "
            f"Import…) to confirm the grades; {day_words(figures['first_day'])} is the first "
            "day.</p>")
        self.wizard_.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()
        if self.wizard_.on_started is not None:
            self.wizard_.on_started(outcome)

    def _failed(self, error: Exception) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        message = error.message if isinstance(error, KnownProblem) else (
            "Something went wrong. Nothing was changed: the data file is as it was.")
        self.status.setText(f"<p style='{WARNING_STYLE}'>{_escape(message)}</p>")
        self.completeChanged.emit()
        if not isinstance(error, KnownProblem):
            show_error(self, error)

    def _cancelled(self) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.setTitle("Stopped")
        self.status.setText("Stopped. Nothing was changed: the data file is exactly as it was.")
        self.wizard_.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.done
