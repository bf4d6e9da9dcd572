"""Add a school year or change its first and last day (its days without school are set on
the Settings screen's calendar, or by importing the school's calendar)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from actions import years as year_actions
from actions.core import Outcome
from storage import clock, years
from ui.dialogs.common import DateField, line_edit
from ui.dialogs.form_dialog import FormDialog


def _next_year_dates(db) -> tuple[str, dt.date, dt.date]:
    """A name and dates to start from: the year after the newest one (or this one)."""
    newest = years.newest_year(db)
    if newest is None:
        today = clock.today()
        start = today.year if today.month >= 7 else today.year - 1
        return f"{start}-{start + 1}", dt.date(start, 9, 1), dt.date(start + 1, 6, 15)
    # 52 weeks on: the same weekdays as this year's first and last day.
    first = dt.date.fromisoformat(newest["first_day"]) + dt.timedelta(weeks=52)
    last = dt.date.fromisoformat(newest["last_day"]) + dt.timedelta(weeks=52)
    return f"{first.year}-{last.year}", first, last


class YearDialog(FormDialog):
    """A school year's name, first and last day."""

    def __init__(self, desk, year_id: int | None = None, parent: QWidget | None = None) -> None:
        record = years.year_by_id(desk.db, year_id) if year_id else None
        super().__init__(desk, f"Change the dates of {record['name']}" if record else
                         "Add a school year", parent, minimum_width=440)
        self.saved_id: int | None = None
        if record:
            name = record["name"]
            first = dt.date.fromisoformat(record["first_day"])
            last = dt.date.fromisoformat(record["last_day"])
        else:
            name, first, last = _next_year_dates(desk.db)
        self.name = line_edit(name, "Name", "The year's name, such as 2026-2027", "2026-2027")
        self.name.setReadOnly(record is not None)
        self.first_day = DateField(first, "First day", "The first day students are in school")
        self.last_day = DateField(last, "Last day", "The last day students are in school")
        note = QLabel("Days without school (holidays, breaks) are marked on the calendar below "
                      "the list of years, or brought in with File > Import… (a calendar).")
        note.setObjectName("hint")
        note.setWordWrap(True)
        body = QVBoxLayout()
        body.addLayout(self.form_rows([("&Name", self.name), ("&First day", self.first_day),
                                       ("&Last day", self.last_day)]))
        body.addWidget(note)
        self.lay_out(body, "Save the year" if record else "Add the year",
                     "Save this school year")
        (self.first_day if record else self.name).setFocus()

    def save(self) -> Outcome:
        outcome = year_actions.save_year(self.desk.db, self.name.text(), self.first_day.day(),
                                         self.last_day.day())
        self.saved_id = outcome.value
        return outcome
