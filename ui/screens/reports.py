"""The Reports screen: the end-of-year program report for any period, previewed page by page,
then printed or saved as PDF or Excel; and the mentor roster to print or save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from storage import clock, settings
from ui import printing
from ui.desk import EVERYTHING, Desk
from ui.progress import run_with_progress
from ui.screens.base import Screen, button, labelled, make_combo, title_label

LEVELS = [("Administrators (totals only)", "administrators"),
          ("The program team (with names)", "team")]
PAPERS = [("Letter", "letter"), ("A4", "a4")]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ReportsScreen(Screen):
    """Reports > End-of-year report (a preview, Print, Save as PDF, Save as Excel) and the
    mentor roster."""

    KEY = "reports"
    TITLE = "Reports"
    CHANGES = EVERYTHING

    report_ready = Signal()  # the preview shows a freshly made report (tests wait for it)
    saved = Signal(str)  # a file was written (its path)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.figures = None  # reports.figures.ReportFigures of the preview
        self.document: QTextDocument | None = None
        self._pictures: dict[str, Any] = {}  # the printed charts (QImage), drawn by the worker
        self._generation = 0
        self._busy = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(400)
        self._refresh_timer.timeout.connect(self.make_report)
        self._build()

    # Building ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title_label("End-of-year report"))
        hint = QLabel("What the program did, for your principal: a summary page, then meetings, "
                      "attendance before and after, and notes on the data. Any part of the year.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        options = QHBoxLayout()
        self.year_so_far = QRadioButton("The year so far")
        self.year_so_far.setToolTip("From the first day of school to today (or the last day)")
        self.date_range = QRadioButton("From")
        self.date_range.setToolTip("Only what happened between two dates")
        group = QButtonGroup(self)
        group.addButton(self.year_so_far)
        group.addButton(self.date_range)
        self.year_so_far.setChecked(True)
        self.start_date = QDateEdit()
        self.end_date = QDateEdit()
        for edit, name in ((self.start_date, "First day of the report"),
                           (self.end_date, "Last day of the report")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
            edit.setToolTip(name)
            edit.dateChanged.connect(self._options_changed)
        self.year_so_far.toggled.connect(self._options_changed)
        options.addWidget(self.year_so_far)
        options.addWidget(self.date_range)
        options.addWidget(self.start_date)
        options.addWidget(QLabel("to"))
        options.addWidget(self.end_date)
        options.addSpacing(16)
        self.level = make_combo("Who the report is for", "Administrators get totals and coded "
                                "categories only; the program team also gets mentors and "
                                "students", LEVELS, self._options_changed)
        options.addWidget(labelled("&For:", self.level))
        self.paper = make_combo("Paper size", "The paper the report is printed on", PAPERS)
        self.paper.setCurrentIndex(max(0, self.paper.findData(self._paper_code())))
        self.paper.currentIndexChanged.connect(lambda _=None: self._paper_changed())
        options.addWidget(labelled("&Paper:", self.paper))
        options.addStretch(1)
        layout.addLayout(options)

        actions = QHBoxLayout()
        self.print_button = button("&Print…", "Print the report", self.print_report,
                                   primary=True)
        self.pdf_button = button("Save as P&DF…", "Save the report as a PDF file",
                                 self.save_pdf)
        self.excel_button = button("Save as &Excel…", "Save the report's figures as an Excel "
                                   "workbook, one sheet per table", self.save_excel)
        for widget in (self.print_button, self.pdf_button, self.excel_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        # The roster is one button with a menu, so the row fits a small laptop at 125-150%.
        self.roster_button = button("Mentor &roster", "Each mentor with their mentees, "
                                    "usual times and contacts: print it, or save it as PDF or "
                                    "Excel", lambda: None)  # the menu opens on a click
        roster_menu = QMenu(self.roster_button)
        self.roster_print_button = roster_menu.addAction("Print the mentor roster…",
                                                         lambda: self.print_roster())
        self.roster_pdf_button = roster_menu.addAction("Save the mentor roster as PDF…",
                                                       self.save_roster_pdf)
        self.roster_excel_button = roster_menu.addAction("Save the mentor roster as Excel…",
                                                         self.save_roster_excel)
        self.roster_button.setMenu(roster_menu)
        actions.addWidget(self.roster_button)
        actions.addSpacing(12)
        self.whole_page_button = button("Fit page", "Show whole pages in the preview",
                                        lambda: self.preview.fitInView())
        self.page_width_button = button("Fit width", "Show the pages as wide as the preview",
                                        lambda: self.preview.fitToWidth())
        actions.addWidget(self.whole_page_button)
        actions.addWidget(self.page_width_button)
        layout.addLayout(actions)

        self.summary = QLabel("")
        self.summary.setObjectName("banner")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("The report in brief")
        layout.addWidget(self.summary)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

        self.printer = printing.new_printer(self.paper.currentData())
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.setAccessibleName("Preview of the report's pages")
        self.preview.setToolTip("The report's pages as they will print")
        self.preview.paintRequested.connect(self._paint_preview)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)
        frame = QFrame()
        frame.setObjectName("pane")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.preview)
        layout.addWidget(frame, 1)
        self._sync_dates()
        self._set_enabled(False)

    def _paper_code(self) -> str:
        from reports.pdf import default_paper

        return default_paper()

    # Screen -------------------------------------------------------------------------------

    def load(self) -> None:
        """A year is on screen: set the dates to it and make the report."""
        year = self.desk.year
        first = dt.date.fromisoformat(year["first_day"])
        last = dt.date.fromisoformat(year["last_day"])
        end = max(first, min(clock.today(), last))
        for edit in (self.start_date, self.end_date):
            edit.blockSignals(True)
            edit.setDateRange(_qdate(first), _qdate(last))
            edit.blockSignals(False)
        self.start_date.blockSignals(True)
        self.end_date.blockSignals(True)
        self.start_date.setDate(_qdate(first))
        self.end_date.setDate(_qdate(end))
        self.start_date.blockSignals(False)
        self.end_date.blockSignals(False)
        self.make_report()

    def clear(self) -> None:
        self._generation += 1
        self.figures = None
        self.document = None
        self.summary.setText("Open a data file with a school year to make its report.")
        self._set_enabled(False)
        self.preview.updatePreview()

    # Options --------------------------------------------------------------------------------

    def _sync_dates(self) -> None:
        for edit in (self.start_date, self.end_date):
            edit.setEnabled(self.date_range.isChecked())

    def _options_changed(self, *_: Any) -> None:
        self._sync_dates()
        if self.desk.is_open and self.desk.year is not None and self.isVisible():
            self._refresh_timer.start()

    def _paper_changed(self) -> None:
        from reports.pdf import page_layout

        self.printer.setPageLayout(page_layout(self.paper.currentData()))
        self.preview.updatePreview()

    def period(self) -> tuple[dt.date | None, dt.date]:
        """(first day or None for the year so far, last day) as chosen on screen."""
        end = _pydate(self.end_date.date())
        if self.year_so_far.isChecked():
            last = dt.date.fromisoformat(self.desk.year["last_day"])
            return None, min(clock.today(), last)
        return _pydate(self.start_date.date()), end

    # Making the report -------------------------------------------------------------------------

    def make_report(self) -> None:
        """Compute the figures and draw the charts off the UI thread, then show the pages."""
        if not self.desk.is_open or self.desk.year is None:
            return
        start, end = self.period()
        if start is not None and start > end:
            self._show_problem("The first day is after the last day. Choose the dates again.")
            return
        first_day = dt.date.fromisoformat(self.desk.year["first_day"])
        if end < first_day:
            self._show_problem(f"School starts on {first_day:%d %b %Y}: there is nothing to "
                               "report yet.")
            return
        self._show_problem("")
        self._generation += 1
        generation = self._generation
        path, year_id, level = self.desk.data.path, self.desk.year_id, self.level.currentData()
        self._busy = True
        self._set_enabled(False)

        def work(progress) -> tuple[Any, dict[str, Any]]:
            from reports.end_of_year import chart_pictures
            from reports.figures import compute_figures
            from storage.database import connect

            db = connect(path)
            try:
                figures = compute_figures(db, year_id, as_of=end, period_start=start,
                                          level=level,
                                          progress=lambda done, total: progress(done, total + 1))
            finally:
                db.close()
            pictures = chart_pictures(figures)
            progress(6, 6)
            return figures, pictures

        def done(result: tuple[Any, dict[str, Any]]) -> None:
            if generation != self._generation:
                return
            self._busy = False
            self.figures, self._pictures = result
            self._show_report()

        def stopped(*_: Any) -> None:
            if generation == self._generation:
                self._busy = False
                self._set_enabled(self.figures is not None)

        def failed(error: Exception) -> None:
            stopped()
            from ui.errors import show_error

            show_error(self, error)

        run_with_progress(self, "Making the report…", work, done, on_cancelled=stopped,
                          on_failed=failed)

    @property
    def busy(self) -> bool:
        return self._busy

    def _show_report(self) -> None:
        from reports.disclosure import shown
        from reports.end_of_year import build_document

        figures = self.figures
        self.document = build_document(figures, self._pictures)
        # The figures as this level's report prints them ("fewer than 5" where hidden).
        view = shown(figures)
        share = view.figure(("share_improved",), figures.share_improved)
        share = share if isinstance(share, str) or share is None else f"{share:.0%}"
        gained = view.figure(("days_gained",), figures.days_gained)
        gained = gained if isinstance(gained, str) or gained is None else f"{gained:,.0f}"
        self.summary.setText(
            f"<b>{figures.period.label}</b> · {view.count(('served',))} students served · "
            f"{view.figure(('meetings',), figures.meetings_held)} meetings held · attendance "
            f"improved for {share or '–'} of mentees · {gained or '–'} school days gained · "
            f"{view.count(('left_chronic',))} left chronic absence")
        self._set_enabled(True)
        self.preview.updatePreview()
        self.report_ready.emit()
        self.loaded.emit()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _set_enabled(self, ready: bool) -> None:
        for widget in (self.print_button, self.pdf_button, self.excel_button):
            widget.setEnabled(ready)
        has_year = self.desk.is_open and self.desk.year is not None
        for widget in (self.roster_button, self.roster_print_button, self.roster_pdf_button,
                       self.roster_excel_button):
            widget.setEnabled(has_year)

    def _decor(self):
        from reports.end_of_year import decor

        return decor(self.figures, self._logo())

    def _logo(self) -> str:
        return settings.get(self.desk.db, "school_logo") if self.desk.is_open else ""

    def _paint_preview(self, printer: QPrinter) -> None:
        if self.document is None:
            return
        from reports.pdf import render

        render(self.document, printer, self._decor())

    # Print and save -------------------------------------------------------------------------

    def print_report(self, printer: QPrinter | None = None) -> bool:
        """Print the report (the print dialog first, unless a printer is given)."""
        if self.document is None:
            return False
        return printing.print_document(self, self.document, self._decor(), printer=printer,
                                       paper=self.paper.currentData())

    def _suggested(self, suffix: str) -> str:
        from reports.figures import LEVELS as LEVEL_WORDS
        from reports.figures import report_title

        figures = self.figures
        name = f"{report_title(figures)} {figures.period.year_name}"
        if not figures.period.is_year_so_far:
            name += f" {figures.period.start.isoformat()} to {figures.period.as_of.isoformat()}"
        if figures.for_team:
            name += f" ({LEVEL_WORDS[figures.level]})"
        return printing.file_name(name, suffix)

    def save_pdf(self) -> Path | None:
        """Ask where, then save the report as a PDF in the background."""
        if self.figures is None:
            return None
        path = printing.ask_save_path(self, "Save the report as PDF", self._suggested(".pdf"),
                                      printing.PDF_FILTER)
        if path is None:
            return None
        from reports.end_of_year import save_report_pdf

        figures, pictures, paper, logo = self.figures, self._pictures, \
            self.paper.currentData(), self._logo()
        printing.save_in_background(
            self, "Saving the report as PDF…",
            lambda: save_report_pdf(figures, path, paper=paper, logo_path=logo,
                                    pictures=pictures),
            self._saved)
        return path

    def save_excel(self) -> Path | None:
        """Ask where, then save the report's workbook in the background."""
        if self.figures is None:
            return None
        path = printing.ask_save_path(self, "Save the report as an Excel workbook",
                                      self._suggested(".xlsx"), printing.EXCEL_FILTER)
        if path is None:
            return None
        from reports.workbook import save_report_workbook

        figures = self.figures
        printing.save_in_background(self, "Saving the report's workbook…",
                                    lambda: save_report_workbook(figures, path), self._saved)
        return path

    def _saved(self, path: Path) -> None:
        self.status_message.emit(f"Saved {path}")
        self.summary.setToolTip(f"Last saved: {path}")
        self.saved.emit(str(path))

    # The mentor roster ------------------------------------------------------------------------

    def _roster(self):
        return printing.roster_pages(self.desk.db, self.desk.year_id,
                                     as_of=min(clock.today(), dt.date.fromisoformat(
                                         self.desk.year["last_day"])))

    def print_roster(self, printer: QPrinter | None = None) -> bool:
        _, document, decor = self._roster()
        return printing.print_document(self, document, decor, printer=printer,
                                       paper=self.paper.currentData())

    def save_roster_pdf(self) -> Path | None:
        roster, _, decor = self._roster()
        from reports.roster import roster_document

        return printing.save_document_as_pdf(
            self, lambda: roster_document(roster), decor,
            printing.file_name(f"Mentor roster {roster.year_name}", ".pdf"), self._saved,
            paper=self.paper.currentData())

    def save_roster_excel(self) -> Path | None:
        roster, _, _ = self._roster()
        path = printing.ask_save_path(self, "Save the mentor roster as Excel",
                                      printing.file_name(f"Mentor roster {roster.year_name}",
                                                         ".xlsx"), printing.EXCEL_FILTER)
        if path is None:
            return None
        from reports.roster import export_roster

        printing.save_in_background(self, "Saving the mentor roster…",
                                    lambda: export_roster(roster, path), self._saved)
        return path
