"""The Attendance screen: the school at a glance — tiers, months, who to watch, which dates the
imports cover, and the code table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from program.attendance import TIERS as TIER_ORDER
from program.vocabulary import plural, tier_words
from storage import clock
from ui import window_state
from ui.desk import ATTENDANCE, MATCHES, STUDENTS, Desk, import_available
from ui.loading import Loader
from ui.models.attendance import CodesModel, FlaggedModel, load_overview
from ui.models.table import FilterProxy
from ui.screens.base import Screen, ShownList, make_table, set_column_widths, title_label
from ui.widgets.chart import ChartView
from ui.widgets.detail_pane import scrolling, section_title
from ui.widgets.tier_bar import TierBar
from ui.words import day_words, percent
from ui.words import escaped as _e


def gap_words(days: tuple[dt.date, ...], most: int = 8) -> str:
    """School days without attendance, as short runs: "3 Nov, 10-12 Nov"."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days <= 3 and day.month == runs[-1][-1].month:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs[:most]:
        if len(run) == 1:
            parts.append(day_words(run[0]))
        else:
            parts.append(f"{run[0].day}–{day_words(run[-1])}")
    if len(runs) > most:
        parts.append(f"and {len(runs) - most} more")
    return ", ".join(parts)


class AttendanceScreen(Screen):
    """The whole school's attendance: where things stand and who needs a closer look."""

    KEY = "attendance"
    TITLE = "Attendance"
    CHANGES = frozenset({ATTENDANCE, STUDENTS, MATCHES})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.loader = Loader(self)
        self.overview = None
        self.as_of_label = QLabel("")
        self.as_of_label.setObjectName("count")
        self.tier_bar = TierBar()
        self.tier_words = QLabel("")
        self.tier_words.setWordWrap(True)
        self.tier_words.setAccessibleName("Students per tier")
        self.month_chart = ChartView("Absence rate month by month: mentees against the whole "
                                     "school, with the 10% chronic line", minimum_height=240)

        self.early_model = FlaggedModel(self)
        self.early_proxy = FilterProxy(self)
        self.early_proxy.setSourceModel(self.early_model)
        self.early_table = make_table("Early warning list", "Students who missed several of "
                                      "their first school days this year and are not yet "
                                      "chronic. Double-click to open one.", self.early_proxy)
        self.chronic_model = FlaggedModel(self)
        self.chronic_proxy = FilterProxy(self)
        self.chronic_proxy.setSourceModel(self.chronic_model)
        self.chronic_table = make_table("Chronic absence list", "Students absent 10% or more of "
                                        "their enrolled days, worst first. Double-click to open "
                                        "one.", self.chronic_proxy)
        for view, proxy in ((self.early_table, self.early_proxy),
                            (self.chronic_table, self.chronic_proxy)):
            set_column_widths(view, [18, 5, 6, 13, 22])
            view.setMinimumHeight(220)
            view.activated.connect(lambda index, p=proxy: self._open(p, index))
            view.doubleClicked.connect(lambda index, p=proxy: self._open(p, index))
        self.early_title = section_title("Early warning")
        self.chronic_title = section_title("Chronically absent")
        self.imports_text = QLabel("")
        self.imports_text.setWordWrap(True)
        self.imports_text.setTextFormat(Qt.TextFormat.RichText)
        self.imports_text.setAccessibleName("Which dates the attendance imports cover")
        self.imports_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.codes_model = CodesModel(self)
        self.codes_proxy = FilterProxy(self)
        self.codes_proxy.setSourceModel(self.codes_model)
        self.codes_table = make_table("Attendance codes", "The school's attendance codes and how "
                                      "MentorDesk counts each (change them in Settings)",
                                      self.codes_proxy)
        set_column_widths(self.codes_table, [9, 20, 18])
        self.codes_table.setMinimumHeight(180)

        self.no_data = QLabel("")
        self.no_data.setObjectName("banner")
        self.no_data.setWordWrap(True)
        self.no_data.setAccessibleName("No attendance yet")
        self.no_data.hide()
        # The calendar's count of school days, when the SIS counts another or it is unusual.
        self.calendar_warning = QLabel("")
        self.calendar_warning.setObjectName("warning")
        self.calendar_warning.setWordWrap(True)
        self.calendar_warning.setAccessibleName("The school calendar")
        self.calendar_warning.hide()
        page = QWidget()
        outer = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(title_label("Attendance"))
        top.addWidget(self.as_of_label, 1, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(top)
        outer.addWidget(self.calendar_warning)
        outer.addWidget(self.no_data)
        # The figures, hidden while the year has no attendance (one plain note instead).
        self.figures = QWidget()
        grid = QVBoxLayout(self.figures)
        grid.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.figures)
        grid.addWidget(section_title("Students per tier"))
        grid.addWidget(self.tier_bar)
        grid.addWidget(self.tier_words)
        grid.addWidget(section_title("Absence rate by month"))
        grid.addWidget(self.month_chart)
        self.lists = QSplitter(Qt.Orientation.Horizontal)
        self.lists.setChildrenCollapsible(False)
        for title, view in ((self.early_title, self.early_table),
                            (self.chronic_title, self.chronic_table)):
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(title)
            column.addWidget(view, 1)
            self.lists.addWidget(holder)
        grid.addWidget(self.lists)
        bottom = QGridLayout()
        bottom.addWidget(section_title("Which dates the imports cover"), 0, 0)
        bottom.addWidget(self.imports_text, 1, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(section_title("Attendance codes"), 0, 1)
        bottom.addWidget(self.codes_table, 1, 1)
        bottom.setColumnStretch(0, 3)
        bottom.setColumnStretch(1, 2)
        outer.addLayout(bottom)
        outer.addStretch(1)
        scroll = scrolling(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        QWidget.setTabOrder(self.early_table, self.chronic_table)
        QWidget.setTabOrder(self.chronic_table, self.codes_table)

    def load(self) -> None:
        year_id, as_of = self.desk.year_id, clock.today()
        self.as_of_label.setText("Loading…")
        self.loader.load(self.desk.data.path, lambda db: load_overview(db, year_id, as_of),
                         self._loaded)

    def clear(self) -> None:
        self.loader.forget()
        self.overview = None
        for model in (self.early_model, self.chronic_model, self.codes_model):
            model.set_rows([])
        self.tier_bar.set_counts({})
        self.month_chart.show_message("")
        self.no_data.hide()
        self.figures.show()

    def _loaded(self, loaded: dict) -> None:
        overview = loaded["overview"]
        self.overview = overview
        through = (f"attendance known through {day_words(overview.data_through, with_weekday=True)}"
                   if overview.data_through else "no attendance imported yet")
        self.as_of_label.setText(f"As of {day_words(overview.as_of)}, {through}")
        has_data = overview.data_through is not None or any(
            record.source != "none" for record in overview.records)
        self.figures.setVisible(has_data)
        self.no_data.setVisible(not has_data)
        self.no_data.setText(self._no_data_words())
        self.tier_bar.set_counts(overview.tier_counts)
        counts = overview.tier_counts
        parts = [f"{tier_words(tier)}: <b>{counts.get(tier, 0)}</b>" for tier in TIER_ORDER]
        if counts.get(None):
            parts.append(f"{tier_words(None)}: {counts[None]}")
        lines = [" · ".join(parts)]
        if overview.chronic_share is not None:
            lines.append(f"Chronically absent: <b>{overview.chronic_count}</b> of "
                         f"{overview.rated_count} students rated "
                         f"({percent(overview.chronic_share)}).")
        lines.append(f"Absence rate so far: whole school {percent(overview.school_rate) or '–'}, "
                     f"mentees {percent(overview.mentee_rate) or '–'}.")
        self.tier_words.setText("<br>".join(lines))
        self.early_model.set_rows(loaded["early_warning"])
        self.chronic_model.set_rows(loaded["chronic"])
        self.early_title.setText(f"Early warning ({len(loaded['early_warning'])}): missed "
                                 "several early days, not yet chronic")
        self.chronic_title.setText(f"Chronically absent ({len(loaded['chronic'])}): worst "
                                   "first")
        self.codes_model.set_rows(loaded["codes"])
        warnings = loaded["calendar"].warnings
        self.calendar_warning.setText(" ".join(warnings) + (
            " Import the school calendar to put it right (File > Import…)." if warnings
            else ""))
        self.calendar_warning.setVisible(bool(warnings))
        self.imports_text.setText(self._imports_html(overview))
        self._draw_months(overview)
        self.loaded.emit()

    def _no_data_words(self) -> str:
        year = self.desk.year["name"] if self.desk.year else "this year"
        how = (" Bring in the office's attendance export (File > Import…): every day listed, "
               "or absences only." if import_available() else "")
        return (f"No attendance has been imported for {year} yet.{how} Once it is, this screen "
                "shows how many students are in each tier, the absence rate month by month, "
                "and who to watch.")

    def _imports_html(self, overview) -> str:
        if not overview.imports:
            return "No attendance has been imported for this year."
        parts = []
        for batch in overview.imports:
            mode = "every day listed" if batch.mode == "daily" else "absences only"
            span = (f"{day_words(batch.covers_from)} to {day_words(batch.covers_through)}"
                    if batch.covers_from and batch.covers_through else "dates not recorded")
            line = (f"<b>{_e(batch.file_name or 'Import')}</b> ({_e(mode)}): {_e(span)}, "
                    f"{_e(plural(batch.rows, 'row'))}, imported {_e(day_words(batch.imported_at))}")
            if batch.undone:
                line = f"<s>{line}</s> (undone)"
            parts.append(line)
        if overview.days_without_data:
            parts.append(
                f"<span style='color:#7a3300'><b>No attendance for "
                f"{_e(plural(len(overview.days_without_data), 'school day'))}:</b> "
                f"{_e(gap_words(overview.days_without_data))}. Import the attendance for "
                "those dates so the rates are right.</span>")
        elif overview.data_through:
            line = (f"Every school day through {day_words(overview.data_through)} is covered.")
            if overview.days_awaited:
                since = ("today's" if overview.days_awaited == (overview.as_of,) else
                         "the days since")
                line += f" The office's next export brings {since}."
            parts.append(_e(line))
        return "<br>".join(parts)

    def _draw_months(self, overview) -> None:
        school = {(m.year, m.month): m.rate for m in overview.school_months}
        mentees = {(m.year, m.month): m.rate for m in overview.mentee_months}
        keys = sorted(set(school) | set(mentees))
        if not keys:
            self.month_chart.show_message("The chart appears once attendance is imported.")
            return
        months = [f"{dt.date(year, month, 1):%b}" for year, month in keys]
        mentee_rates = [mentees.get(key) for key in keys]
        school_rates = [school.get(key) for key in keys]

        def make_figure():
            from reports.charts import monthly_absence_chart

            return monthly_absence_chart(months, mentee_rates, school_rates, width=7.5,
                                         height=2.6)

        described = "; ".join(
            f"{month}: mentees {percent(m) or 'none'}, school {percent(s) or 'none'}"
            for month, m, s in zip(months, mentee_rates, school_rates, strict=True))
        self.month_chart.build(make_figure, f"Absence rate by month. {described}")

    def _open(self, proxy: FilterProxy, index) -> None:
        if index.isValid():
            self.student_requested.emit(proxy.row_at(index.row())["id"])

    def shown_list(self) -> ShownList | None:
        """The chronic list (the one people print), as sorted on screen."""
        title = "Chronically absent students"
        if self.desk.year:
            title += f" — {self.desk.year['name']}"
        return ShownList.of(title, self.chronic_proxy)

    def save_state(self, settings: QSettings) -> None:
        window_state.save_splitter(settings, "attendance", self.lists)
        window_state.save_header(settings, "attendance_early", self.early_table.horizontalHeader())
        window_state.save_header(settings, "attendance_chronic",
                                 self.chronic_table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        window_state.restore_splitter(settings, "attendance", self.lists)
        window_state.restore_header(settings, "attendance_early",
                                    self.early_table.horizontalHeader())
        window_state.restore_header(settings, "attendance_chronic",
                                    self.chronic_table.horizontalHeader())

