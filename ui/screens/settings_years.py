"""Settings > School years: the years (add one, change its dates, choose the current one) and
the chosen year's calendar, where a day is closed (no school) or opened again."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from actions import years as year_actions
from storage import settings as stored_settings
from storage import years
from ui.desk import Desk
from ui.dialogs.common import line_edit
from ui.models.settings import YearsModel, year_rows
from ui.models.table import FilterProxy
from ui.operations import perform
from ui.screens.base import button, make_table, select_row, set_column_widths
from ui.widgets.school_calendar import CLOSED_FILL, CLOSED_INK, SchoolCalendarView
from ui.widgets.setting_field import help_label
from ui.words import day_words


class YearsPage(QWidget):
    """The school years and the calendar of the one chosen."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = YearsModel(self)
        proxy = FilterProxy(self)
        proxy.setSourceModel(self.model)
        self.table = make_table("School years", "The school years in this file; choose one to "
                                "see its calendar", proxy)
        self.table.setSortingEnabled(False)
        set_column_widths(self.table, [11, 12, 12, 6, 6, 8])
        self.table.setMaximumHeight(self.table.fontMetrics().height() * 9)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._year_chosen())
        self.add_button = button("&Add a school year…", "Set up a new school year (its name, "
                                 "first and last day)", self.add_year)
        self.dates_button = button("Change the &dates…", "Move the chosen year's first or "
                                   "last day", self.change_dates)
        self.current_button = button("Make it the &current year", "MentorDesk opens on the "
                                     "current year", self.make_current)
        current = stored_settings.SETTINGS_BY_KEY["current_year"]
        self.current_words = QLabel("")
        self.current_words.setAccessibleName(current.label)
        self.current_words.setToolTip(current.help)

        self.calendar = SchoolCalendarView()
        self.calendar.selectionChanged.connect(self._day_chosen)
        self.calendar.activated.connect(lambda _: self.toggle_day())
        self.calendar_title = QLabel("")
        self.calendar_title.setObjectName("sectionTitle")
        self.day_words = QLabel("")
        self.day_words.setWordWrap(True)
        self.day_words.setAccessibleName("The chosen day")
        self.reason = line_edit("", "Why there is no school", "Why there is no school that day "
                                "(shown on the calendar)", "Snow day, Teacher training, ...")
        self.reason.returnPressed.connect(self.toggle_day)
        self.toggle_button = button("Close this day", "", self.toggle_day, primary=True)
        legend = QLabel(f"<span style='background:{CLOSED_FILL}; color:{CLOSED_INK}'>"
                        "&nbsp;<b>12</b>&nbsp;</span> no school &nbsp; grey: weekend")
        legend.setTextFormat(Qt.TextFormat.RichText)
        day_panel = QVBoxLayout()
        day_panel.addWidget(legend)
        day_panel.addSpacing(6)
        day_panel.addWidget(self.day_words)
        reason_label = QLabel("&Why no school:")
        reason_label.setBuddy(self.reason)
        day_panel.addWidget(reason_label)
        day_panel.addWidget(self.reason)
        day_panel.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignLeft)
        day_panel.addWidget(help_label("A closed day is not a school day for anyone: every "
                                       "figure (attendance, meeting rhythm) counts without "
                                       "it. Edit > Undo opens it again."))
        day_panel.addStretch(1)

        buttons = QHBoxLayout()
        for widget in (self.add_button, self.dates_button, self.current_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        calendar_row = QGridLayout()
        calendar_row.addWidget(self.calendar, 0, 0)
        calendar_row.addLayout(day_panel, 0, 1)
        calendar_row.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.current_words)
        layout.addWidget(help_label(current.help))
        layout.addWidget(self.calendar_title)
        layout.addLayout(calendar_row, 1)
        QWidget.setTabOrder(self.table, self.add_button)
        QWidget.setTabOrder(self.add_button, self.dates_button)
        QWidget.setTabOrder(self.dates_button, self.current_button)
        QWidget.setTabOrder(self.current_button, self.calendar)
        QWidget.setTabOrder(self.calendar, self.reason)
        QWidget.setTabOrder(self.reason, self.toggle_button)

    # Loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        db = self.desk.db
        chosen = self.chosen_year()
        wanted = chosen["id"] if chosen else self.desk.year_id
        self.model.set_rows(year_rows(db))
        rows = self.model.rows()
        row = next((n for n, r in enumerate(rows) if r["id"] == wanted), 0 if rows else None)
        select_row(self.table, row)
        current = years.current_year(db)
        self.current_words.setText(f"Current school year: <b>{current['name']}</b>" if current
                                   else "No current school year yet.")
        self._year_chosen()

    def chosen_year(self) -> dict | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.model.rowCount():
            return None
        return self.table.model().row_at(index.row())

    def choose_year(self, year_id: int) -> None:
        rows = self.model.rows()
        select_row(self.table, next((n for n, r in enumerate(rows) if r["id"] == year_id), None))

    def _year_chosen(self) -> None:
        year = self.chosen_year()
        self.dates_button.setEnabled(year is not None)
        self.current_button.setEnabled(year is not None and not year["current"])
        if year is None:
            self.calendar_title.setText("")
            return
        closed = {dt.date.fromisoformat(row["day"]): row["label"]
                  for row in years.non_school_days(self.desk.db, year["id"])}
        first = dt.date.fromisoformat(year["first_day"])
        last = dt.date.fromisoformat(year["last_day"])
        self.calendar.set_year(first, last, closed)
        self.calendar_title.setText(f"Calendar of {year['name']}: {year['school_days']} school "
                                    f"days, {len(closed)} days without school")
        self._day_chosen()

    def _day_chosen(self) -> None:
        day = self.calendar.day()
        if day is None or self.calendar.first_day is None:
            return
        shown = day_words(day, with_weekday=True)
        if day.weekday() >= 5:
            self.day_words.setText(f"{day:%A} {day_words(day)}: a weekend, never a school day.")
            self.toggle_button.setEnabled(False)
            self.reason.setEnabled(False)
            self.toggle_button.setText("Close this day")
        elif self.calendar.is_closed(day):
            why = self.calendar.closed[day]
            self.day_words.setText(f"{shown}: <b>no school</b>" + (f" ({why})" if why else "")
                                   + ".")
            self.toggle_button.setText("Make it a &school day")
            self.toggle_button.setEnabled(True)
            self.reason.setEnabled(False)
        else:
            self.day_words.setText(f"{shown}: a school day.")
            self.toggle_button.setText("Close this day (&no school)")
            self.toggle_button.setEnabled(True)
            self.reason.setEnabled(True)
        self.toggle_button.setToolTip(self.toggle_button.text().replace("&", ""))
        self.toggle_button.setAccessibleName(self.toggle_button.text().replace("&", ""))

    # Actions ---------------------------------------------------------------------------------

    def toggle_day(self) -> None:
        """Close the chosen day (with the reason typed) or open it again."""
        year, day = self.chosen_year(), self.calendar.day()
        if year is None or day is None:
            return
        school = self.calendar.is_closed(day)
        outcome = perform(self, self.desk, partial(year_actions.set_school_day,
                                                   year_id=year["id"], day=day, school=school,
                                                   label="" if school else self.reason.text()))
        if outcome is not None:
            self.reason.clear()
            self.calendar.setFocus()

    def add_year(self) -> None:
        from ui.dialogs.year_dialog import YearDialog

        dialog = YearDialog(self.desk, None, self)
        if dialog.exec():
            self.choose_year(dialog.saved_id)

    def change_dates(self) -> None:
        year = self.chosen_year()
        if year is None:
            return
        from ui.dialogs.year_dialog import YearDialog

        YearDialog(self.desk, year["id"], self).exec()

    def make_current(self) -> None:
        year = self.chosen_year()
        if year is not None:
            perform(self, self.desk, partial(year_actions.use_year, name=year["name"]))
