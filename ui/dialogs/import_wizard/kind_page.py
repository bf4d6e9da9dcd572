"""What the file holds (as guessed, or chosen), the school year, attendance choices, and when
survey answers were given."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
)

from importing.kinds import KINDS
from program.surveys import phase_from_words
from storage import clock
from ui.dialogs.import_wizard.common import Page, label

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard


class KindPage(Page):
    """What the file holds, the year its rows go into, and how to read attendance."""

    primary_text = "&Show the summary"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.chosen = False  # the facilitator picked the kind (rather than the guess)
        title = label("What does this file hold?", name="pageTitle")
        self.guess = label(name="kindGuess")
        self.buttons = QButtonGroup(self)
        choices = QVBoxLayout()
        for kind in KINDS.values():
            button = QRadioButton(kind.label)
            button.setProperty("kind", kind.name)
            button.setToolTip(f"Needs {kind.needs}")
            self.buttons.addButton(button)
            choices.addWidget(button)
        self.buttons.buttonClicked.connect(lambda *_: self._picked())
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
        for widget in (self.year, self.absences_only, self.through_given, self.through,
                       self.survey_when):
            signal = getattr(widget, "currentIndexChanged", None) or getattr(
                widget, "toggled", None) or widget.dateChanged
            signal.connect(lambda *_: self._stale())
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.guess)
        layout.addLayout(choices)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.attendance_box)
        layout.addWidget(self.survey_box)
        layout.addStretch(1)

    def reset(self) -> None:
        """A new file: its guessed kind, the years of the data file."""
        wizard = self.wizard_
        name, why, _ = wizard.guess
        self.chosen = False
        self.guess.setText(f"MentorDesk thinks this file holds "
                           f"{KINDS[name].label.split(' (')[0].lower()}: {why}. "
                           "Choose another if that is wrong.")
        for button in self.buttons.buttons():
            if button.property("kind") == name:
                button.setChecked(True)
        self.year.blockSignals(True)
        self.year.clear()
        for year in reversed(wizard.years):
            self.year.addItem(year["name"], year["name"])
        if wizard.current_year:
            self.year.setCurrentIndex(max(self.year.findData(wizard.current_year), 0))
        self.year.blockSignals(False)
        today = clock.today()
        self.through.setDate(QDate(today.year, today.month, today.day))
        said = phase_from_words(wizard.workbook.path.name) if wizard.workbook else None
        self.survey_when.blockSignals(True)
        self.survey_when.setCurrentIndex(max(self.survey_when.findData(said), 0))
        self.survey_when.blockSignals(False)
        self._show_choices()

    def enter(self) -> None:
        self._show_choices()

    def leave(self) -> None:
        """Back to the summary: it previews the file again with these choices."""
        self.wizard_.plan_stale = True

    def chosen_kind(self) -> str:
        button = self.buttons.checkedButton()
        return button.property("kind") if button else self.wizard_.guess[0]

    def through_day(self) -> dt.date | None:
        if not self.through_given.isChecked():
            return None
        day = self.through.date()
        return dt.date(day.year(), day.month(), day.day())

    def _picked(self) -> None:
        self.chosen = True
        # Another kind reads other columns and sheets: start from its own guesses.
        self.wizard_.mappings = None
        self.wizard_.sheets_page.reset()
        self._stale()
        self._show_choices()

    def _stale(self) -> None:
        self.wizard_.plan_stale = True

    def _show_choices(self) -> None:
        kind = self.chosen_kind()
        self.attendance_box.setVisible(kind == "attendance")
        self.survey_box.setVisible(kind == "surveys")
        self.year.setEnabled(kind != "mentors" and self.year.count() > 0)
