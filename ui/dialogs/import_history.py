"""File > Import history: every import made, and undoing one as a whole.

Undo asks first, saying what it would take with it (matches made since for an imported
student, meetings logged, attendance from later imports). Loading and undoing run off the UI
thread on their own connections; the undo goes through the writer's pool, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import background
from ui.errors import show_error
from ui.models.import_problems import ImportsModel
from ui.models.table import FilterProxy


def load_imports(data_path: Path) -> list[dict]:
    """The imports, newest first, as the list shows them (reads only; any thread)."""
    from storage import imports
    from storage.database import connect

    db = connect(data_path)
    try:
        return [{"batch": row["id"], "imported_at": row["imported_at"], "kind": row["kind"],
                 "file": row["file_name"], "added": row["added"], "updated": row["updated"],
                 "undone_at": row["undone_at"]} for row in imports.all_batches(db)]
    finally:
        db.close()


def confirm_and_undo(parent: QWidget | None, data_path: Path, batch_id: int,
                     on_undone: Callable[[], None] | None = None) -> None:
    """Ask, saying what the undo would take with it; then undo the whole import."""

    def preview(progress):
        from importing.apply import undo_preview
        from storage.database import connect

        db = connect(data_path)
        try:
            return undo_preview(db, batch_id)
        finally:
            db.close()

    def ask(result) -> None:
        _, consequences, sentence = result
        box = QMessageBox(parent)
        box.setWindowTitle("Undo an import")
        box.setIcon(QMessageBox.Icon.Warning if consequences else QMessageBox.Icon.Question)
        box.setText(sentence)
        if consequences:
            box.setInformativeText("Only undo it if that later work should go too. This cannot "
                                   "be taken back, but a backup is made every day.")
        undo_button = box.addButton("Undo the import", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is undo_button:
            run_undo()

    def run_undo() -> None:
        from ui.progress import run_with_progress

        def work(progress):
            from actions.imports import undo_import
            from storage.database import connect

            db = connect(data_path)
            try:
                return undo_import(db, batch_id, agreed=True)  # the user said so
            finally:
                db.close()

        run_with_progress(parent, "Undoing the import…", work,
                          lambda _: on_undone() if on_undone else None, writes=True)

    job = background.Job(preview)
    job.signals.finished.connect(ask)
    job.signals.failed.connect(lambda error: show_error(parent, error))
    background.start(job)


class ImportHistoryDialog(QDialog):
    """The list of imports, newest first, with Undo for the one selected."""

    def __init__(self, parent: QWidget | None, data_path: Path,
                 on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.data_path = Path(data_path)
        self.on_changed = on_changed
        self.setWindowTitle("Import history")
        self.setAccessibleName("Import history")
        intro = QLabel("Every spreadsheet brought in, newest first. Undoing an import removes "
                       "what it added and puts back what it changed.")
        intro.setWordWrap(True)
        self.model = ImportsModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Imports")
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.undo_button = QPushButton("&Undo this import…")
        self.undo_button.setToolTip("Remove what the selected import added and put back what it "
                                    "changed")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self.resize(820, 420)
        self.loaded = False
        self.refresh()

    def refresh(self) -> None:
        job = background.Job(lambda progress: load_imports(self.data_path))
        job.signals.finished.connect(self._show)
        job.signals.failed.connect(lambda error: show_error(self, error))
        background.start(job)

    def _show(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self.loaded = True
        self._selection()

    def selected(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    def _selection(self) -> None:
        row = self.selected()
        self.undo_button.setEnabled(row is not None and not row["undone_at"])

    def undo_selected(self) -> None:
        row = self.selected()
        if row is None:
            return

        def undone() -> None:
            self.refresh()
            if self.on_changed is not None:
                self.on_changed()

        confirm_and_undo(self, self.data_path, row["batch"], undone)
