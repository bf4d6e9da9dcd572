"""File > Let go of a past year's records…: which year, what goes, what stays; then ask."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from actions.letting_go import purge_question, purgeable_year
from storage import years
from storage.errors import KnownProblem
from ui.desk import Desk
from ui.dialogs.common import resize_within_screen


def past_years(desk: Desk) -> list[dict]:
    """The years whose student records may be let go now (past, not current, not done)."""
    found = []
    for year in years.all_years(desk.db):
        try:
            found.append(purgeable_year(desk.db, year["name"]))
        except KnownProblem:
            continue
    return found


class LetGoDialog(QDialog):
    """Choose a past year; the dialog says what goes and what stays before anything does."""

    def __init__(self, parent: QWidget | None, desk: Desk) -> None:
        super().__init__(parent)
        self.desk = desk
        self.chosen: str | None = None
        self.setWindowTitle("Let go of a past year's records")
        self.setAccessibleName("Let go of a past year's records")
        intro = QLabel("A school should keep students' records no longer than it needs them. "
                       "Once a year's report is saved, its students' records can go: the "
                       "report stays in the file and can still be opened.")
        intro.setWordWrap(True)
        self.year = QComboBox()
        self.year.setAccessibleName("Past school year")
        for year in past_years(desk):
            self.year.addItem(year["name"], year["name"])
        self.year.currentIndexChanged.connect(self._explain)
        self.question = QLabel("")
        self.question.setWordWrap(True)
        self.question.setAccessibleName("What goes and what stays")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = QPushButton("&Save its report and let go")
        self.go.setToolTip("Keep the year's report in the file, then let its students' records "
                           "go for good")
        buttons.addButton(self.go, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.go.clicked.connect(self._go)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("School &year", self.year)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.question, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 560, 320)
        self._explain()

    def _explain(self, *_: object) -> None:
        name = self.year.currentData()
        if name is None:
            self.question.setText("No past school year holds students' records: there is "
                                  "nothing to let go. (The current year's records are in use.)")
            self.go.setEnabled(False)
            return
        self.question.setText(purge_question(self.desk.db, name, self.desk.data.path))
        self.go.setEnabled(True)

    def _go(self) -> None:
        self.chosen = self.year.currentData()
        self.accept()
