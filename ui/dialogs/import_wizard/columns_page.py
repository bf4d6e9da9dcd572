"""What each column holds (guessed or remembered; changeable, and remembered for next time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.import_wizard.common import WARNING_STYLE, Page, label
from ui.models.import_columns import CHOICES_ROLE, KEY_ROLE, MEANING, ColumnMappingModel
from ui.widgets.choice_delegate import ChoiceDelegate

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard


class ColumnsPage(Page):
    """One row per column of the file: its name, examples (one per line), what it is read as."""

    primary_text = "&Show the summary"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        title = label("Check the columns", name="pageTitle")
        intro = label("MentorDesk matched each column of the file to what it holds. Change any "
                      "that are wrong; MentorDesk remembers your choice for files with the same "
                      "columns.")
        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Sheet")
        self.sheet.currentIndexChanged.connect(self._show_sheet)
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_layout.addWidget(QLabel("Sheet:"))
        sheet_layout.addWidget(self.sheet)
        sheet_layout.addStretch(1)
        self.model = ColumnMappingModel(self)
        self.model.mapping_changed.connect(self._mapping_changed)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Columns of the file")
        self.view.setItemDelegateForColumn(MEANING, ChoiceDelegate(CHOICES_ROLE, KEY_ROLE,
                                                                   self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 280)
        self.status = label(name="columnsStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def enter(self) -> None:
        wizard = self.wizard_
        source = wizard.source
        if source is None:
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(wizard.refusal or "MentorDesk found no table of rows to read.")
            self.model.beginResetModel()
            self.model.endResetModel()
            return
        self.sheet.blockSignals(True)
        self.sheet.clear()
        for table in source.tables:
            self.sheet.addItem(table.name)
        self.sheet.blockSignals(False)
        self.sheet_row.setVisible(len(source.tables) > 1)
        self._show_sheet()

    def _table(self):
        source = self.wizard_.source
        if source is None or not source.tables:
            return None
        return source.tables[max(self.sheet.currentIndex(), 0)]

    def _show_sheet(self) -> None:
        table = self._table()
        if table is None:
            return
        self.model.set_table(table, self.wizard_.source.kind.fields)
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, MEANING))
        self.view.resizeRowsToContents()
        self._mapping_changed(store=False)

    def _mapping_changed(self, store: bool = True) -> None:
        table = self._table()
        if table is None:
            return
        source = self.wizard_.source
        if store:
            table.mapping = self.model.mapping()
            table.remembered = False
            self.wizard_.mappings = {t.name: dict(t.mapping) for t in source.tables}
            self.wizard_.plan_stale = True
        missing = source.missing_columns()
        if missing:
            names = ", ".join(f'"{t.name}"' for t in missing)
            self.status.setStyleSheet(WARNING_STYLE)
            self.status.setText(f"Choose the columns that hold {source.kind.needs} (sheet "
                                f"{names}).")
        else:
            self.status.setStyleSheet("")
            remembered = all(t.remembered for t in source.tables)
            self.status.setText("These are the columns as you set them last time."
                                if remembered else "Every column MentorDesk needs is there.")
        self.completeChanged.emit()

    def leave(self) -> None:
        self.wizard_.plan_stale = True

    def is_complete(self) -> bool:
        source = self.wizard_.source
        return source is not None and not source.missing_columns()
