"""Finding the file's tables and previewing the import, off the UI thread (writes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from importing.plan import make_plan, prepare
from importing.problems import ImportRefused
from storage.errors import KnownProblem
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard


def plan_in_background(wizard: ImportWizard, done: Callable[[], None] | None = None) -> None:
    """Prepare the tables with the window's choices and make the plan; the summary shows it."""
    workbook, kind, sheets = wizard.workbook, wizard.kind_name, wizard.chosen_sheets()
    mappings, year, options = wizard.mappings, wizard.year_name(), wizard.options()
    data_path = wizard.data_path
    summary = wizard.summary_page
    summary.planning()

    def work(progress):
        from storage.database import connect

        db = connect(data_path)
        try:
            try:
                source = prepare(db, workbook, kind, sheet_names=sheets, mappings=mappings)
            except ImportRefused as refusal:
                return None, None, refusal.message
            try:
                return source, make_plan(db, source, year_name=year, options=options,
                                         progress=progress), None
            except ImportRefused as refusal:
                return source, None, refusal.message
        finally:
            db.close()

    def planned(result) -> None:
        wizard.source, wizard.plan, wizard.refusal = result
        wizard.plan_stale = False
        summary.show_plan()
        if done is not None:
            done()

    def failed(error: Exception) -> None:
        wizard.source, wizard.plan = None, None
        wizard.refusal = error.message if isinstance(error, KnownProblem) else \
            "Something went wrong while reading the file; this is not your mistake."
        summary.show_plan()
        if not isinstance(error, KnownProblem):
            show_error(wizard, error)
        if done is not None:
            done()

    wizard.run(work, done=planned, failed=failed, progress=summary.progressed,
               cancelled=summary.stopped)
