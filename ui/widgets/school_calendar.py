"""A month view of a school year: days without school marked (orange, with their reason as a
tooltip), weekends greyed, only the year's own days reachable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QWidget

from storage import clock
from ui.dialogs.common import from_qdate, to_qdate

CLOSED_FILL, CLOSED_INK = "#fde2c8", "#7a3300"
WEEKEND_INK = "#9aa5b1"


class SchoolCalendarView(QCalendarWidget):
    """The chosen year's months; ``closed`` days (date -> reason) shown as no school."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("School calendar")
        self.setToolTip("Days without school are orange. Choose a day with the arrow keys or "
                        "the mouse; Enter (or a double-click) closes or opens it")
        self.setGridVisible(True)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        weekend = QTextCharFormat()
        weekend.setForeground(QColor(WEEKEND_INK))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(day, weekend)
        self.closed: dict[dt.date, str] = {}
        self.first_day: dt.date | None = None
        self.last_day: dt.date | None = None
        self._shown_once = False

    def set_year(self, first_day: dt.date, last_day: dt.date,
                 closed: dict[dt.date, str]) -> None:
        """Show a year (keeping the chosen day when it is still inside it)."""
        keep = self.day()
        self.first_day, self.last_day = first_day, last_day
        self.closed = dict(closed)
        self.setDateTextFormat(QDate(), QTextCharFormat())  # clear every earlier mark
        self.setDateRange(to_qdate(first_day), to_qdate(last_day))
        for day, reason in self.closed.items():
            mark = QTextCharFormat()
            mark.setBackground(QColor(CLOSED_FILL))
            mark.setForeground(QColor(CLOSED_INK))
            mark.setFontWeight(700)
            mark.setToolTip(f"No school: {reason}" if reason else "No school")
            self.setDateTextFormat(to_qdate(day), mark)
        if keep is None or not first_day <= keep <= last_day or not self._shown_once:
            # Qt starts on the computer's date; MentorDesk's today is the one clock's.
            keep = min(max(clock.today(), first_day), last_day)
        self._shown_once = True
        self.choose(keep)

    def day(self) -> dt.date | None:
        """The chosen day."""
        chosen = self.selectedDate()
        return from_qdate(chosen) if chosen.isValid() else None

    def choose(self, day: dt.date) -> None:
        self.setSelectedDate(to_qdate(day))
        self.setCurrentPage(day.year, day.month)

    def is_closed(self, day: dt.date) -> bool:
        return day in self.closed
