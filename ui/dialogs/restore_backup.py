"""File > Restore from a backup…: the file's backups with what each holds; choose one.

The dialog only chooses (and asks); restoring is done by the window (ui.life_cycle_commands),
which closes the file first, sets it aside as a backup, restores off the UI thread and opens the
restored file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage import backups
from storage.errors import KnownProblem
from storage.paths import backups_folder
from ui import background
from ui.dialogs.common import resize_within_screen
from ui.errors import show_error
from ui.models.life_cycle import BackupsModel, backup_rows
from ui.models.table import ROW_ROLE


class RestoreDialog(QDialog):
    """The backups of the open data file, newest first; ``chosen`` once one is picked."""

    def __init__(self, parent: QWidget | None, data_path: Path) -> None:
        super().__init__(parent)
        self.data_path = Path(data_path)
        self.chosen: Path | None = None
        self.setWindowTitle("Restore from a backup")
        self.setAccessibleName("Restore from a backup")
        intro = QLabel(
            f"MentorDesk keeps copies of {self.data_path.name}: one each day it is opened and "
            "closed, the ones you made with Back up now, and one before each update. Choose "
            "the copy to go back to. The file as it is now is set aside as a backup first, so "
            "nothing is lost.")
        intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self.restore_chosen())
        self.status = QLabel("Looking for backups…")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("&Restore this backup…")
        self.restore_button.setToolTip("Put the chosen copy back in place of the data file")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.other_button = QPushButton("Restore a &copy from elsewhere…")
        self.other_button.setToolTip("A copy on a USB stick or in another folder")
        self.other_button.clicked.connect(self.choose_other)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        resize_within_screen(self, 820, 480)
        self.load()

    def load(self) -> None:
        """Read the backups folder and each copy's counts off the UI thread."""
        path = self.data_path
        job = background.Job(lambda progress: backups.backups_of(path))
        job.signals.finished.connect(self.show_backups)
        job.signals.failed.connect(lambda error: show_error(self, error))
        self.job = background.start(job)

    def show_backups(self, found: list[backups.Backup]) -> None:
        self.model.set_rows(backup_rows(found))
        self.table.resizeColumnsToContents()
        if found:
            self.status.setText(f"{len(found)} backups, newest first. They are in the folder "
                                f"\u201c{backups_folder(self.data_path).name}\u201d "
                                "beside the data file.")
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.status.setText("There are no backups of this file yet. Back up now makes one; "
                                "a copy on a USB stick can be restored with the button below.")

    def _selected(self) -> backups.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE)["backup"] if rows else None

    def _selection_changed(self, *_: object) -> None:
        chosen = self._selected()
        self.restore_button.setEnabled(chosen is not None and chosen.problem is None)

    def restore_chosen(self) -> None:
        chosen = self._selected()
        if chosen is not None and chosen.problem is None:
            self._confirm(chosen.path)

    def choose_other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore a copy of the data file", str(self.data_path.parent),
            "MentorDesk data (*.sqlite);;All files (*)")
        if name:
            self._confirm(Path(name))

    def _confirm(self, path: Path) -> None:
        from actions.backups import restore_question

        try:
            question = restore_question(self.data_path, path)
        except KnownProblem as problem:
            show_error(self, problem)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Restore from a backup")
        box.setText(question)
        go = box.addButton("Restore", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is go:
            self.chosen = path
            self.accept()
