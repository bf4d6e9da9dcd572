"""Words a file uses that MentorDesk does not know yet (attendance codes, kinds of calendar
day), and what each means, saved for next time; the import waits until every one is said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QPushButton, QTableView, QVBoxLayout

from program.vocabulary import ATTENDANCE_STATUSES
from ui.dialogs.import_wizard.common import label
from ui.models.attendance_codes import UnknownCodesModel
from ui.models.import_columns import CHOICES_ROLE, KEY_ROLE
from ui.widgets.choice_delegate import ChoiceDelegate

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard

DAY_CHOICES = {"school": "School day (students are in school)",
               "no-school": "No school"}


class UnknownWordsBox(QGroupBox):
    """A table of the unknown words with a drop-down of meanings, and Save."""

    saved = Signal()

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__("Words to explain")
        self.wizard_ = wizard
        self.what = "codes"
        self.codes = UnknownCodesModel(self)
        self.codes.dataChanged.connect(lambda *_: self._chosen())
        self.view = QTableView()
        self.view.setModel(self.codes)
        self.view.setAccessibleName("Words to explain")
        self.view.setItemDelegateForColumn(2, ChoiceDelegate(CHOICES_ROLE, KEY_ROLE, self.view))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setMinimumHeight(110)
        self.intro = label()
        self.save = QPushButton("&Save these and check again")
        self.save.setEnabled(False)
        self.save.clicked.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view)
        layout.addWidget(self.save, 0, Qt.AlignmentFlag.AlignRight)

    def show_for(self, plan) -> None:
        """Show the words a stopped plan names (hidden otherwise)."""
        details = plan.kind_plan.details if plan is not None and plan.stopped else {}
        if details.get("unknown_codes"):
            self.what = "codes"
            self.setTitle("Attendance codes to explain")
            self.intro.setText("The file uses codes MentorDesk does not know. Say what each one "
                               "means; MentorDesk keeps them for next time.")
            self.codes.set_codes(sorted(details["unknown_codes"].items()),
                                 list(ATTENDANCE_STATUSES.items()))
        elif details.get("unknown_day_types"):
            self.what = "days"
            self.setTitle("Kinds of day to explain")
            self.intro.setText("The calendar names kinds of day MentorDesk does not know. Say "
                               "whether students are in school on each; MentorDesk keeps them "
                               "for next time.")
            self.codes.set_codes(sorted(details["unknown_day_types"].items()),
                                 list(DAY_CHOICES.items()))
        else:
            self.hide()
            return
        for row in range(self.codes.rowCount()):
            self.view.openPersistentEditor(self.codes.index(row, 2))
        self.save.setEnabled(False)
        self.show()

    def _chosen(self) -> None:
        self.save.setEnabled(self.codes.all_chosen())

    def _save(self) -> None:
        chosen = self.codes.chosen()
        data_path, what = self.wizard_.data_path, self.what
        self.save.setEnabled(False)

        def work(progress):
            from actions.settings import set_attendance_codes, set_day_types
            from storage.database import connect

            db = connect(data_path)
            try:
                if what == "codes":
                    return set_attendance_codes(db, chosen)
                return set_day_types(db, {word: meaning == "school"
                                          for word, meaning in chosen.items()})
            finally:
                db.close()

        self.wizard_.run(work, done=lambda _: self.saved.emit(), failed=self._failed,
                         writes=True)

    def _failed(self, error: Exception) -> None:
        from ui.errors import show_error

        self.save.setEnabled(True)
        show_error(self, error)
