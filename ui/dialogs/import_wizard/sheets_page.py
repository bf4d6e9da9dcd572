"""Which sheets to import (for workbooks with several)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QListView, QVBoxLayout

from importing.headers import data_row_count, find_table
from importing.kinds import KINDS
from ui.dialogs.import_wizard.common import Page, label
from ui.models.import_sheets import SheetChoiceModel

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard


class SheetsPage(Page):
    """Every sheet with a table of rows, ticked or not; the rows each has (as the summary
    counts them)."""

    primary_text = "&Show the summary"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.changed = False
        title = label("Which sheets?", name="pageTitle")
        intro = label("Every ticked sheet is imported (one per grade, say). Sheets without a "
                      "table of rows cannot be ticked.")
        self.model = SheetChoiceModel(self)
        self.model.choice_changed.connect(self._ticked)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Sheets")
        self.left_out = label(name="hint")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.view)
        layout.addWidget(self.left_out)

    def reset(self) -> None:
        """A new file or kind: every sheet with a table, ticked."""
        self.changed = False
        self.model.set_sheets([])

    def enter(self) -> None:
        if self.model.rowCount() == 0:
            self._fill()

    def _fill(self) -> None:
        wizard = self.wizard_
        kind = KINDS[wizard.kind_name]
        sheets = []
        for sheet in wizard.workbook.sheets:
            table = find_table(sheet, kind.fields)
            usable = table is not None and not kind.missing(table)
            sheets.append({"name": sheet.name,
                           "rows": data_row_count(table) if table is not None else 0,
                           "usable": usable,
                           "why": "no table found" if table is None else
                           f"no column for {kind.needs}"})
        self.model.set_sheets(sheets)
        left_out = [f"{name} ({why})" for name, why in wizard.workbook.left_out]
        self.left_out.setText("Left out: " + ", ".join(left_out) + "." if left_out else "")

    def _ticked(self) -> None:
        self.changed = True
        self.wizard_.mappings = None
        self.wizard_.plan_stale = True
        self.completeChanged.emit()

    def ticked(self) -> list[str] | None:
        """The sheets to import; None when the facilitator has not chosen (every sheet with a
        table, as the headless import reads)."""
        if not self.changed:
            return None
        return self.model.ticked()

    def leave(self) -> None:
        self.wizard_.plan_stale = True

    def is_complete(self) -> bool:
        return not self.changed or bool(self.model.ticked())
