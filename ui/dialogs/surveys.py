"""Mentoring > Surveys: the students' and the mentors' survey questions (add, reword, move,
take out, bring back) and the ways to give them: a list to copy into Microsoft Forms or Google
Forms, the paper form, and a sheet to type paper answers into."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from actions import surveys as survey_actions
from program.surveys import FORM_TITLES, PHASE_WORDS, QUESTION_KINDS
from storage import surveys
from ui import printing
from ui.desk import Desk
from ui.dialogs.common import resize_within_screen
from ui.models.table import Column, RowsModel
from ui.operations import perform
from ui.screens.base import button

SURVEYS = (("mentee", "Students' survey (mentees)"), ("mentor", "Mentors' survey"))
TEXT_FILTER = "Text file (*.txt)"


class QuestionsModel(RowsModel):
    """The questions of one survey, in their order."""

    COLUMNS = (
        Column("number", "#", "The question's place in the survey", numeric=True),
        Column("text", "Question", "The words the form shows"),
        Column("kind", "Answered", "Agree or disagree (4 choices), or in their own words"),
        Column("answers", "Answers so far", "How many answers the question has had",
               numeric=True),
    )

    def cell_text(self, row: dict, column: int) -> str:
        key = self.COLUMNS[column].key
        if key == "kind":
            return "Agree or disagree" if row["kind"] == "agreement" else "In their own words"
        if key == "number":
            return str(row["number"]) if row["active"] else "out"
        return super().cell_text(row, column)


class NewQuestionDialog(QDialog):
    """The words of a new question and how it is answered."""

    def __init__(self, parent: QWidget | None, who: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add a question to the {who} survey")
        self.text = QLineEdit()
        self.text.setAccessibleName("Question")
        self.text.setPlaceholderText("I have a friend at school.")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Answered")
        for key, words in QUESTION_KINDS.items():
            self.kind.addItem(words, key)
        form = QFormLayout()
        form.addRow("&Question:", self.text)
        form.addRow("&Answered:", self.kind)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        resize_within_screen(self, 560, 140)


class SurveysDialog(QDialog):
    """The two surveys' questions and the ways to give them."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Surveys")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Survey")
        self.choice.setToolTip("Students answer at the start and the end of mentoring; so may "
                               "mentors")
        for key, words in SURVEYS:
            self.choice.addItem(words, key)
        self.choice.currentIndexChanged.connect(lambda _: self.reload())
        self.show_retired = QCheckBox("Show the questions &taken out")
        self.show_retired.setToolTip("Questions taken out after they were answered: their "
                                     "answers stay on record")
        self.show_retired.toggled.connect(lambda _: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel("&Survey:"))
        top.itemAt(0).widget().setBuddy(self.choice)
        top.addWidget(self.choice)
        top.addStretch(1)
        top.addWidget(self.show_retired)

        self.model = QuestionsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Questions")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda _: self.reword())

        self.buttons = {
            "add": button("&Add…", "A new question at the end of this survey", self.add),
            "reword": button("&Reword…", "Change the chosen question's words", self.reword),
            "up": button("Move &up", "Ask the chosen question earlier", partial(self.move, -1)),
            "down": button("Move &down", "Ask the chosen question later", partial(self.move, 1)),
            "remove": button("Take &out", "Take the chosen question out of the survey (kept "
                             "on record when it has answers)", self.remove),
            "restore": button("&Bring back", "Put a question taken out back in the survey",
                              self.restore),
        }
        side = QVBoxLayout()
        for widget in self.buttons.values():
            side.addWidget(widget)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addLayout(side)

        give = QGroupBox("Give the survey")
        give_layout = QHBoxLayout(give)
        for text, tip, slot in (
            ("Save for &Microsoft Forms or Google Forms…", "The questions as a list to copy "
             "into a new form", self.save_form_list),
            ("&Print the paper form…", "A form to print, with a line for the name and student "
             "ID", self.print_paper_form),
            ("Save a sheet for &typing paper answers…", "A workbook to type the paper forms' "
             "answers into; it imports with File > Import", self.save_answer_sheet),
        ):
            give_layout.addWidget(button(text, tip, slot))
        give_layout.addStretch(1)
        hint = QLabel("The answers come in with File > Import… (Survey answers). The report "
                      "shows how mentees' answers changed from the start to the end.")
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(give)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        resize_within_screen(self, 920, 560)
        self.reload()

    # What is shown ---------------------------------------------------------------------------

    @property
    def audience(self) -> str:
        return self.choice.currentData()

    @property
    def who(self) -> str:
        return "students'" if self.audience == "mentee" else "mentors'"

    def reload(self, keep: int | None = None) -> None:
        db = self.desk.db
        rows = surveys.questions(db, self.audience, include_retired=self.show_retired.isChecked())
        number = 0
        for row in sorted(rows, key=lambda r: (not r["active"], r["sort_order"], r["id"])):
            if row["active"]:
                number += 1
            row["number"] = number
            row["answers"] = surveys.answer_count(db, row["id"])
        rows.sort(key=lambda r: (not r["active"], r["sort_order"], r["id"]))
        self.model.set_rows(rows)
        if keep is not None:
            position = self.model.row_of(lambda row: row["id"] == keep)
            if position is not None:
                self.view.selectRow(position)
        self._enable()

    def chosen(self) -> dict | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        row = self.chosen()
        active = bool(row and row["active"])
        for key in ("reword", "up", "down", "remove"):
            self.buttons[key].setEnabled(active)
        self.buttons["reword"].setEnabled(row is not None)
        self.buttons["restore"].setEnabled(bool(row and not row["active"]))

    def _after(self, outcome, keep: int | None = None) -> None:
        if outcome is not None:
            self.reload(keep if keep is not None else outcome.value)

    # Changing the questions (each through an action) -------------------------------------------

    def add(self) -> None:
        dialog = NewQuestionDialog(self, self.who)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._after(perform(self, self.desk, partial(
            survey_actions.add_question, audience=self.audience, text=dialog.text.text(),
            kind=dialog.kind.currentData())))

    def reword(self) -> None:
        row = self.chosen()
        if row is None:
            return
        text, ok = QInputDialog.getText(self, "Reword the question", "The question's words:",
                                        QLineEdit.EchoMode.Normal, row["text"])
        if ok:
            self._after(perform(self, self.desk, partial(
                survey_actions.reword_question, question_id=row["id"], text=text)), row["id"])

    def move(self, places: int) -> None:
        row = self.chosen()
        if row is not None:
            self._after(perform(self, self.desk, partial(
                survey_actions.move_question, question_id=row["id"], places=places)), row["id"])

    def remove(self) -> None:
        row = self.chosen()
        if row is not None:
            self._after(perform(self, self.desk, partial(
                survey_actions.remove_question, question_id=row["id"])), -1)

    def restore(self) -> None:
        row = self.chosen()
        if row is not None:
            self._after(perform(self, self.desk, partial(
                survey_actions.restore_question, question_id=row["id"])), row["id"])

    # Giving the survey ------------------------------------------------------------------------

    def _questions(self) -> list[dict]:
        return surveys.questions(self.desk.db, self.audience)

    def save_form_list(self) -> None:
        from reports.form_questions import ID_NOT_NAME, OUTSIDE_THE_SCHOOL, save_text, survey_list

        suggested = printing.file_name(FORM_TITLES[(self.audience, "pre")] + " questions",
                                       ".txt")
        path = ask_save_text(self, "Save the questions for a forms tool", suggested)
        if path is None:
            return
        text = survey_list(self.desk.school_name(), self.audience, self._questions())
        notices = [OUTSIDE_THE_SCHOOL] + ([ID_NOT_NAME] if self.audience == "mentee" else [])
        printing.save_in_background(self, "Saving the questions…", lambda: save_text(text, path),
                                    lambda saved: saved_with_notices(self, saved, notices))

    def print_paper_form(self) -> None:
        from reports.pdf import decor_for
        from reports.survey_paper import paper_form_document

        questions, audience, school = self._questions(), self.audience, self.desk.school_name()
        decor = decor_for(self.desk.db, "Mentoring program survey",
                          footer_note="Hand it back to the mentoring program's facilitator.")

        def document():
            return paper_form_document(audience, questions, school_name=school)

        from ui.output_commands import ask_print_or_pdf

        how = ask_print_or_pdf(self, "Paper survey")
        if how == "print":
            printing.print_document(self, document(), decor)
        elif how == "pdf":
            who = "students" if audience == "mentee" else "mentors"
            printing.save_document_as_pdf(self, document, decor,
                                          f"Paper survey for {who}.pdf",
                                          partial(saved_with_notices, self, notices=[]))

    def save_answer_sheet(self) -> None:
        from reports.survey_sheet import sheet_name, write_answer_sheet

        phase = ask_when(self)
        if phase is None:
            return
        path = printing.ask_save_path(self, "Save a sheet for typing paper answers",
                                      sheet_name(self.audience, phase), printing.EXCEL_FILTER)
        if path is None:
            return
        questions, audience = self._questions(), self.audience
        printing.save_in_background(
            self, "Saving the sheet…", lambda: write_answer_sheet(path, audience, phase,
                                                                  questions),
            lambda saved: saved_with_notices(self, saved, [
                f"Type each paper form's answers on a row, then bring the sheet in with File > "
                f"Import… (Survey answers). Its name says \u201c{PHASE_WORDS[phase]}\u201d, so "
                "MentorDesk knows when the answers were given."]))


def ask_when(parent: QWidget) -> str | None:
    """At the start or at the end of mentoring? ("pre", "post" or None.)"""
    choices = ["At the start of mentoring", "At the end of mentoring"]
    chosen, ok = QInputDialog.getItem(parent, "When were the answers given?",
                                      "The paper forms were filled in:", choices, 0, False)
    if not ok:
        return None
    return "pre" if chosen == choices[0] else "post"


def ask_save_text(parent: QWidget | None, caption: str, suggested: str) -> Path | None:
    """Qt's Save dialog for a text file; None when the person cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, caption,
                                          str(printing.documents_folder() / suggested),
                                          TEXT_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".txt" else path.with_name(path.name + ".txt")


def saved_with_notices(parent: QWidget | None, path: Path, notices: list[str]) -> None:
    """Say where the file went, and what the person must know before sharing it."""
    box = QMessageBox(parent)
    box.setWindowTitle("Saved")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"Saved {Path(path).name} in:\n{Path(path).parent}")
    if notices:
        box.setInformativeText("\n\n".join(notices))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()
