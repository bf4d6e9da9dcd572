"""The summary: everything MentorDesk found in the file and what importing it would do, on one
page, with Import. What the file holds, its sheets and its columns are each one click away
("Change…") for a file MentorDesk is unsure of; nothing on this page asks to confirm a guess
MentorDesk is sure of."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from importing.headers import data_row_count
from importing.kinds import KINDS
from ui.dialogs.import_wizard.common import (
    WARNING_STYLE,
    Page,
    escape,
    label,
    rows_words,
    things,
)
from ui.dialogs.import_wizard.unknown_words import UnknownWordsBox
from ui.models.import_problems import ProblemsModel, problem_rows
from ui.models.table import FilterProxy

if TYPE_CHECKING:
    from ui.dialogs.import_wizard.window import ImportWizard


def kind_words(kind: str) -> str:
    """"students (a roster or nomination sheets)" from the kind's label."""
    text = KINDS[kind].label
    return text[0].lower() + text[1:]


class SummaryPage(Page):
    """What the file holds, which sheets and columns, the counts, the notes, the problems."""

    primary_text = "&Import"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.running = False
        title = label("What MentorDesk found", name="pageTitle")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Reading the rows")
        self.progress.hide()
        self.headline = label(name="summaryHeadline", rich=True)
        self.headline.setAccessibleName("What the import would do")
        self.found = QGridLayout()
        self.found.setColumnStretch(1, 1)
        self.kind_text = self._found_row(0, "Holds", "&What it holds…",
                                         "Choose what the file holds, the school year and "
                                         "attendance options", wizard.KIND)
        self.sheets_text = self._found_row(1, "Sheets", "S&heets…", "Choose which sheets to "
                                           "import", wizard.SHEETS)
        self.columns_text = self._found_row(2, "Columns", "C&olumns…", "Say what each column "
                                            "holds", wizard.COLUMNS)
        self.change_sheets = self.found.itemAtPosition(1, 2).widget()
        self.change_columns = self.found.itemAtPosition(2, 2).widget()
        self.change_kind = self.found.itemAtPosition(0, 2).widget()
        self.notes = label(name="summaryNotes", rich=True)
        self.close_matches = QCheckBox("Close these matches as \"student moved\"")
        self.close_matches.setToolTip("The roster says these students left the school")
        self.close_matches.toggled.connect(lambda *_: self._replan())
        self.close_matches.hide()
        self.unknown = UnknownWordsBox(wizard)
        self.unknown.saved.connect(self._replan)
        self.unknown.hide()
        self.problems = ProblemsModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.problems)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.proxy)
        self.problems_view.setAccessibleName("Problems found in the file")
        self.problems_view.setSortingEnabled(True)
        self.problems_view.setWordWrap(True)
        self.problems_view.verticalHeader().hide()
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setMinimumHeight(150)
        header = self.problems_view.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.problems_title = label(name="sectionTitle")
        inside = QWidget()
        body = QVBoxLayout(inside)
        body.setContentsMargins(0, 0, 8, 0)
        body.addWidget(self.headline)
        body.addLayout(self.found)
        body.addWidget(self.notes)
        body.addWidget(self.close_matches)
        body.addWidget(self.unknown)
        body.addWidget(self.problems_title)
        body.addWidget(self.problems_view, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inside)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.progress)
        layout.addWidget(scroll, 1)

    def _found_row(self, row: int, title: str, button_text: str, tooltip: str,
                   page_id: int):
        name = label(f"{title}:", name="sectionTitle")
        text = label(rich=True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        change = QPushButton(button_text)
        change.setToolTip(tooltip)
        change.setAccessibleName(f"Change {title.lower()}")
        change.clicked.connect(lambda _=False, p=page_id: self.wizard_.detour(p))
        self.found.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        self.found.addWidget(text, row, 1)
        self.found.addWidget(change, row, 2, Qt.AlignmentFlag.AlignTop)
        return text

    # Planning ----------------------------------------------------------------------------------

    def enter(self) -> None:
        if getattr(self.wizard_, "plan_stale", False) and not self.wizard_.busy:
            self._replan()

    def _replan(self) -> None:
        if not self.wizard_.busy and self.wizard_.workbook is not None:
            self.wizard_.replan()

    def planning(self) -> None:
        """A new preview is on its way."""
        self.running = True
        self.wizard_.plan = None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.headline.setText("Reading the rows and comparing them with MentorDesk…")
        self.completeChanged.emit()

    def progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def stopped(self) -> None:
        self.running = False
        self.progress.hide()
        self.headline.setText("Stopped. Change what the file holds, its sheets or its "
                              "columns, or press Cancel.")
        self.completeChanged.emit()

    # Showing -----------------------------------------------------------------------------------

    def show_plan(self) -> None:
        """Fill the page from the window's source and plan (or its refusal)."""
        wizard = self.wizard_
        self.running = False
        self.progress.hide()
        source, plan = wizard.source, wizard.plan
        name, why, sure = wizard.guess
        kind = wizard.kind_name
        file_name = escape(wizard.workbook.path.name) if wizard.workbook else ""
        kind_text = f"<b>{escape(kind_words(kind))}</b>"
        if kind == name and not wizard.kind_page.chosen:
            kind_text += f", because {escape(why)}"
            if not sure:
                kind_text += (f"<br><span style='{WARNING_STYLE}'>MentorDesk is not sure of "
                              "this: check it (What it holds…).</span>")
        year = wizard.year_name()
        if year and kind != "mentors":
            kind_text += f"<br>School year {escape(year)}"
        self.kind_text.setText(kind_text)
        self._show_sheets(source)
        self._show_columns(source)
        unsure_columns = bool(source and source.missing_columns())
        self.change_columns.setObjectName("primary" if unsure_columns else "")
        self.change_columns.style().polish(self.change_columns)
        notes = list(plan.notes) if plan else []
        if plan is None:
            self.headline.setText(f"<p style='{WARNING_STYLE}'>"
                                  f"{escape(wizard.refusal or 'The file cannot be imported.')}"
                                  "</p>")
        elif plan.stopped:
            words = ("kinds of day" if plan.kind_plan.details.get("unknown_day_types")
                     else "attendance codes")
            self.headline.setText(f"<p style='{WARNING_STYLE}'>{file_name} uses {words} "
                                  "MentorDesk does not know yet. Say below what each one means; "
                                  "nothing can be imported until then.</p>")
        else:
            counts = plan.counts()
            rows = sum(data_row_count(table) for table in plan.source.tables)
            self.headline.setText(
                f"<p style='font-size:13pt'>{file_name}: {rows_words(rows)}. The import would "
                f"<b>add {things(plan.kind.name, counts['added'])}</b>, <b>update "
                f"{counts['updated']}</b>, leave {counts['unchanged']} unchanged and skip "
                f"{rows_words(counts['skipped'])}.</p>")
        self.notes.setText("".join(f"<p>{escape(note)}</p>" for note in notes))
        self.unknown.show_for(plan)
        self._show_closings(plan)
        problems = problem_rows(plan.problems) if plan else []
        if plan:
            problems += [{"sheet": item["sheet"], "row": item["row"], "column": "",
                          "message": item["message"], "stops": False}
                         for item in plan.to_confirm]
        self.problems.set_rows(problems)
        self.problems_title.setText(
            f"{len(problems)} {'thing' if len(problems) == 1 else 'things'} to look at:"
            if problems else "No problems found.")
        self.problems_view.setVisible(bool(problems))
        self.problems_view.resizeRowsToContents()
        self.completeChanged.emit()

    def _show_sheets(self, source) -> None:
        wizard = self.wizard_
        if source is None:
            self.sheets_text.setText("")
            self.change_sheets.setVisible(bool(wizard.workbook and
                                               len(wizard.workbook.sheets) > 1))
            return
        read = [f"{escape(table.name)} ({rows_words(data_row_count(table))})"
                for table in source.tables]
        text = ("Reads " + ", ".join(read)) if read else "No sheet to read"
        left_out = [f"{escape(name)} ({why})" for name, why in source.left_out]
        if left_out:
            text += "; leaves out " + ", ".join(left_out)
        self.sheets_text.setText(text + ".")
        self.change_sheets.setVisible(len(wizard.workbook.sheets) > 1)

    def _show_columns(self, source) -> None:
        if source is None or not source.tables:
            self.columns_text.setText("")
            return
        kind = source.kind
        lines = []
        for table in source.tables[:3]:
            read = [f"{escape(table.headers[column] or '?')} → "
                    f"{escape(kind.field(key).label if kind.field(key) else key)}"
                    for column, key in sorted(table.mapping.items())
                    if not key.startswith("ignore")]
            skipped = [escape(header) for column, header in enumerate(table.headers)
                       if header and (column not in table.mapping
                                      or table.mapping[column].startswith("ignore"))]
            line = "; ".join(read)
            if skipped:
                line += (f"<br><span style='color:#52606d'>{escape(kind.other_columns)}: "
                         f"{', '.join(skipped)}")
                line += "</span>"
            if len(source.tables) > 1:
                line = f"<i>{escape(table.name)}</i>: {line}"
            lines.append(line)
        missing = source.missing_columns()
        if missing:
            lines.append(f"<span style='{WARNING_STYLE}'>MentorDesk could not tell which "
                         f"columns hold {escape(kind.needs)}: choose them (Columns…).</span>")
        self.columns_text.setText("<br>".join(lines))

    def _show_closings(self, plan) -> None:
        to_close = plan.to_confirm if plan else []
        self.close_matches.setVisible(bool(to_close) or self.close_matches.isChecked())
        if to_close:
            self.close_matches.setText(
                "Close this match as \"student moved\"" if len(to_close) == 1 else
                f"Close these {len(to_close)} matches as \"student moved\"")

    def is_complete(self) -> bool:
        plan = self.wizard_.plan
        return plan is not None and not plan.stopped and not self.running
