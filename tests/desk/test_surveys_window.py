"""Mentoring > Surveys, File > Save the meeting check-in form, and a student's Surveys tab, on
the real window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from storage import surveys
from ui.dialogs.surveys import NewQuestionDialog, SurveysDialog


def _open(window, qtbot) -> SurveysDialog:
    dialog = SurveysDialog(window.desk, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _said(monkeypatch) -> list[str]:
    said: list[str] = []

    def exec_(box):
        said.append(box.text() + "\n" + box.informativeText())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return said


def test_the_surveys_dialog_changes_questions_through_actions_and_undo(window, qtbot,
                                                                       monkeypatch):
    dialog = _open(window, qtbot)
    mentee = surveys.questions(window.desk.db, "mentee")
    assert dialog.model.rowCount() == len(mentee)
    assert dialog.model.row_at(0)["text"] == mentee[0]["text"]

    def fill(new: NewQuestionDialog) -> int:
        new.text.setText("I have a friend at school.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewQuestionDialog, "exec", fill)
    dialog.add()
    assert dialog.model.rowCount() == len(mentee) + 1
    assert dialog.chosen()["text"] == "I have a friend at school."
    dialog.move(-1)
    assert dialog.model.row_at(len(mentee) - 1)["text"] == "I have a friend at school."
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *args, **kwargs: ("I have a good friend at school.", True))
    dialog.reword()
    assert "I have a good friend at school." in [
        row["text"] for row in surveys.questions(window.desk.db, "mentee")]
    assert window.undo_action.text().startswith("&Undo Reword")
    window.undo_action.trigger()
    assert "I have a friend at school." in [
        row["text"] for row in surveys.questions(window.desk.db, "mentee")]
    dialog.choice.setCurrentIndex(1)
    assert dialog.model.row_at(0)["text"] == surveys.questions(window.desk.db, "mentor")[0][
        "text"]


def test_saving_the_question_list_says_where_the_answers_are_kept(window, qtbot, monkeypatch,
                                                                   tmp_path):
    dialog = _open(window, qtbot)
    target = tmp_path / "students survey"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = _said(monkeypatch)
    dialog.save_form_list()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert Path(str(target) + ".txt").exists()
    assert "stores the answers outside the school" in said[0]
    assert "asks for the student's ID, not their name" in said[0]


def test_file_save_the_check_in_form(window, qtbot, monkeypatch, tmp_path):
    target = tmp_path / "check-in.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = _said(monkeypatch)
    window.checkin_form_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    text = target.read_text(encoding="utf-8-sig")
    assert "Does your mentee need help from the counselor?" in text
    assert "stores the answers outside the school" in said[0]


def test_a_students_page_shows_their_answers(window, qtbot, tmp_path):
    from importing.apply import ImportRequest, apply_plan, preview_file
    from importing.kinds.base import Options
    from program.surveys import STUDENT_ID_QUESTION
    from tests.forms_exports import microsoft_forms

    db = window.desk.db
    student = db.execute("SELECT s.id, s.local_id FROM students s JOIN enrollments e ON "
                         "e.student_id = s.id AND e.year_id = ? WHERE s.local_id IS NOT NULL "
                         "LIMIT 1", [window.desk.year_id]).fetchone()
    questions = [row["text"] for row in surveys.questions(db, "mentee")]
    year = window.desk.year
    day = dt.date.fromisoformat(year["first_day"]) + dt.timedelta(days=20)
    path = microsoft_forms(tmp_path / "survey (start).xlsx", [STUDENT_ID_QUESTION, *questions],
                           [{"at": dt.datetime.combine(day, dt.time(9)),
                             STUDENT_ID_QUESTION: student[1], questions[0]: "Disagree",
                             questions[1]: "Agree"}])
    plan = preview_file(db, ImportRequest(path, "surveys", options=Options()))
    apply_plan(db, plan)
    screen = window.screens["students"]
    screen.detail.show_student(student[0])
    text = screen.detail.mentors_view.toPlainText()
    assert "Survey answers" in text
    assert questions[0] in text and "Disagree" in text and "Agree" in text
