"""The import window: a file chosen, one page that shows what was found, and the import.

Choose the file, and MentorDesk reads it, guesses what it holds, its sheets and columns, and
shows on one page everything that importing it would do (the summary), with Import. Where it
is unsure, or the facilitator wants to, the detailed pages (what the file holds, its sheets,
its columns) are one click away, and each comes back to the summary. The import itself takes
the same path as the headless ``import`` command (read, check and write in one go, on its own
thread), with a progress bar and Cancel; nothing is kept unless the whole import goes in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from importing.headers import Mapping
from importing.kinds.base import Options
from importing.plan import Plan, Source
from importing.sheets import Workbook
from ui import background
from ui.dialogs.import_wizard.columns_page import ColumnsPage
from ui.dialogs.import_wizard.common import Page
from ui.dialogs.import_wizard.file_page import FilePage
from ui.dialogs.import_wizard.import_page import ImportPage
from ui.dialogs.import_wizard.kind_page import KindPage
from ui.dialogs.import_wizard.sheets_page import SheetsPage
from ui.dialogs.import_wizard.summary_page import SummaryPage


class ImportWizard(QDialog):
    """The import of one spreadsheet into the data file at ``data_path``.

    ``on_imported(kind, outcome)`` is called (on the UI thread) after an import is written, so
    the window can refresh its lists and show what came in.
    """

    FILE, SUMMARY, KIND, SHEETS, COLUMNS, IMPORT = range(6)

    def __init__(self, parent: QWidget | None, data_path: Path,
                 on_imported: Callable[..., None] | None = None) -> None:
        super().__init__(parent)
        self.data_path = Path(data_path)
        self.on_imported = on_imported
        self.workbook: Workbook | None = None
        self.years: list[dict] = []
        self.current_year: str | None = None
        self.guess: tuple[str, str, bool] = ("students", "", False)
        self.source: Source | None = None
        self.plan: Plan | None = None
        self.refusal: str | None = None  # why the file cannot be planned as it stands
        self.mappings: dict[str, Mapping] | None = None  # the facilitator's own columns
        self.plan_stale = False  # a choice changed since the summary was made
        self.batch_id: int | None = None
        self.job: background.Job | None = None
        self._closing = False
        self.history: list[int] = []
        self.setWindowTitle("Import a spreadsheet")
        self.setAccessibleName("Import a spreadsheet")
        self.file_page = FilePage(self)
        self.summary_page = SummaryPage(self)
        self.kind_page = KindPage(self)
        self.sheets_page = SheetsPage(self)
        self.columns_page = ColumnsPage(self)
        self.import_page = ImportPage(self)
        self.pages: list[Page] = [self.file_page, self.summary_page, self.kind_page,
                                  self.sheets_page, self.columns_page, self.import_page]
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)
            page.completeChanged.connect(self._update_buttons)
        self.back_button = QPushButton("&Back")
        self.back_button.setToolTip("The page before")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("&Next")
        self.next_button.setObjectName("primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Close without importing")
        self.cancel_button.clicked.connect(self.reject)
        # Back, then the page's main button, then Cancel, on every platform.
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self._fit_screen()
        self.go(self.FILE, remember=False)

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 900, 660
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    # Pages -----------------------------------------------------------------------------------

    def currentId(self) -> int:  # noqa: N802 - the name QWizard uses
        return self.stack.currentIndex()

    def page(self, page_id: int) -> Page:
        return self.pages[page_id]

    def go(self, page_id: int, *, remember: bool = True) -> None:
        """Show a page (``remember``: Back comes back to the one shown now)."""
        if remember and self.stack.currentIndex() != page_id:
            self.history.append(self.stack.currentIndex())
        self.stack.setCurrentIndex(page_id)
        self.page(page_id).enter()
        self._update_buttons()

    def next(self) -> None:
        """The main button: what it does depends on the page."""
        current = self.currentId()
        if not self.page(current).is_complete():
            return
        if current == self.FILE:
            self.go(self.SUMMARY)
        elif current == self.SUMMARY:
            self.go(self.IMPORT)
        elif current in (self.KIND, self.SHEETS, self.COLUMNS):
            self.page(current).leave()
            self.history = [self.FILE]  # the summary is where every detour ends
            self.go(self.SUMMARY, remember=False)
        elif current == self.IMPORT:
            self.accept()

    def back(self) -> None:
        if self.history and not self.busy:
            page_id = self.history.pop()
            self.stack.setCurrentIndex(page_id)
            self.page(page_id).enter()
            self._update_buttons()

    def detour(self, page_id: int) -> None:
        """From the summary to a detailed page (it comes back to the summary)."""
        if not self.busy:
            self.go(page_id)

    def _update_buttons(self) -> None:
        current = self.currentId()
        page = self.page(current)
        self.next_button.setText(page.primary_text)
        self.next_button.setEnabled(page.is_complete())
        self.next_button.setVisible(current != self.FILE or page.is_complete())
        self.back_button.setVisible(current not in (self.FILE, self.IMPORT))
        self.back_button.setEnabled(bool(self.history) and not self.busy)
        finished = current == self.IMPORT and self.import_page.done
        self.cancel_button.setVisible(not finished)

    # What the pages chose --------------------------------------------------------------------

    @property
    def kind_name(self) -> str:
        return self.kind_page.chosen_kind()

    def year_name(self) -> str | None:
        return self.kind_page.year.currentData()

    def options(self) -> Options:
        return Options(absences_only=self.kind_page.absences_only.isChecked(),
                       through=self.kind_page.through_day(),
                       close_matches=self.summary_page.close_matches.isChecked(),
                       survey_phase=self.kind_page.survey_when.currentData())

    def chosen_sheets(self) -> list[str] | None:
        """The sheets ticked; None: every sheet with a table (as the headless import reads)."""
        return self.sheets_page.ticked()

    def replan(self, done: Callable[[], None] | None = None) -> None:
        """Find the tables and preview the import again (after a change of choices)."""
        from ui.dialogs.import_wizard.planning import plan_in_background

        plan_in_background(self, done)

    # Background work -------------------------------------------------------------------------

    def run(self, work: Callable[[background.ProgressCallback], Any], *,
            done: Callable[[Any], None], failed: Callable[[Exception], None],
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], None] | None = None, writes: bool = False) -> None:
        """Run ``work`` off the UI thread; one job at a time."""
        job = background.Job(work)
        self.job = job
        self._update_buttons()

        def finish(handler, *args) -> None:
            if self.job is job:
                self.job = None
            self._update_buttons()
            if handler is not None and not (self._closing and handler is failed):
                handler(*args)
            if self._closing:
                QDialog.reject(self)  # Cancel was pressed while this ran

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
