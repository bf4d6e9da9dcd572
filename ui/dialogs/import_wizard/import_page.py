"""The import itself: the headless import's own path (read, check and write in one go), with a
progress bar; Cancel leaves the file as it was, and nothing is said to be undone that was
saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QProgressBar, QVBoxLayout

from actions.imports import ImportRequest
from storage.errors import KnownProblem
from ui.dialogs.import_wizard.common import WARNING_STYLE, Page, escape, label, rows_words, things
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard


class ImportPage(Page):
    """Writing, with progress; then what went in."""

    primary_text = "&Done"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.done = False
        self.title = label("Importing", name="pageTitle")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Importing")
        self.status = label(name="importStatus", rich=True)
        self.status.setAccessibleName("The import")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def enter(self) -> None:
        wizard = self.wizard_
        plan, data_path = wizard.plan, wizard.data_path
        request = ImportRequest(plan.source.path, plan.kind.name,
                                sheets=plan.source.sheet_names, year=wizard.year_name(),
                                options=wizard.options(), mappings=wizard.mappings)
        self.done = False
        self.title.setText("Importing")
        self.progress.setRange(0, 0)
        self.status.setText("Writing… Press Cancel to stop: nothing is kept unless the whole "
                            "import goes in.")

        def work(progress):
            from actions.imports import import_file

            return import_file(data_path, request, progress)

        def progressed(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, total))

        wizard.run(work, done=self._imported, failed=self._failed, progress=progressed,
                   cancelled=self._cancelled, writes=True)

    def _imported(self, outcome) -> None:
        wizard = self.wizard_
        plan, batch_id = outcome.value
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if batch_id is None:  # the file changed since the preview, and now stops
            self.title.setText("Not imported")
            self.status.setText(f"<p style='{WARNING_STYLE}'>{escape(plan.stopped or '')}</p>")
            self.completeChanged.emit()
            return
        wizard.batch_id = batch_id
        wizard.plan = plan
        counts = plan.counts()
        self.title.setText("Imported")
        self.status.setText(
            f"<p style='font-size:13pt'>Done: <b>{things(plan.kind.name, counts['added'])}"
            f"</b> added, <b>{counts['updated']}</b> updated, {counts['unchanged']} unchanged, "
            f"{rows_words(counts['skipped'])} skipped.</p>"
            f"<p>This was import number {batch_id}. If it was the wrong file, undo the whole "
            "import from File > Import history.</p>")
        self.completeChanged.emit()
        if wizard.on_imported is not None:
            wizard.on_imported(plan.kind.name, outcome)

    def _failed(self, error: Exception) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.title.setText("Not imported")
        message = error.message if isinstance(error, KnownProblem) else (
            "Something went wrong. Nothing was imported: the data file is as it was.")
        self.status.setText(f"<p style='{WARNING_STYLE}'>{escape(message)}</p>")
        self.completeChanged.emit()
        if not isinstance(error, KnownProblem):
            show_error(self, error)

    def _cancelled(self) -> None:
        self.done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.title.setText("Stopped")
        self.status.setText("Stopped. Nothing was imported: the data file is exactly as it was.")
        self.completeChanged.emit()

    def stopping(self) -> None:
        self.status.setText("Stopping… nothing will be kept.")

    def is_complete(self) -> bool:
        return self.done
