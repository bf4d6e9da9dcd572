"""import surveys: Microsoft Forms and Google Forms exports of the students' and mentors'
surveys, matched to students by ID and mentors by email, never by a guess, once each."""

from __future__ import annotations

import datetime as dt

import pytest

from importing.problems import ImportRefused
from program.surveys import STUDENT_ID_QUESTION
from storage import surveys
from tests.forms_exports import google_forms_csv, google_sheets_xlsx, microsoft_forms
from tests.import_helpers import messages, preview, run, table_checksum
from tests.survey_school import question_texts, small_school

AT = dt.datetime(2025, 10, 1, 8, 5, 0)
SURVEY_TABLES = ("survey_responses", "survey_answers")


def _answers(db, student_id: int, phase: str) -> dict[str, str | int]:
    texts = {row["id"]: row["text"] for row in surveys.questions(db, include_retired=True)}
    for response in surveys.responses_of_student(db, student_id):
        if response["phase"] == phase:
            return {texts[q]: value if value is not None else text
                    for q, (value, text) in response["answers"].items()}
    return {}


def _mentee_responses(db) -> list[dict]:
    questions = question_texts(db, "mentee")
    return [
        {"at": AT, "email": "anonymous", STUDENT_ID_QUESTION: "10001",
         questions[0]: "Strongly agree", questions[1]: "Agree", questions[2]: "Disagree"},
        {"at": AT + dt.timedelta(minutes=4), STUDENT_ID_QUESTION: "10003",
         **{question: "Agree" for question in questions}},
        # The second Ana Peña gives no ID, only her name: two students have it.
        {"at": AT + dt.timedelta(minutes=9), "name": "Ana Peña",
         questions[0]: "Disagree"},
        # An ID nobody has.
        {"at": AT + dt.timedelta(minutes=12), STUDENT_ID_QUESTION: "99999",
         questions[0]: "Agree"},
    ]


def test_a_microsoft_forms_export_of_the_students_survey_imports_by_student_id(
        data_file, tmp_path):
    school = small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    path = microsoft_forms(tmp_path / "Mentoring survey for students (start)(1-4).xlsx",
                           [STUDENT_ID_QUESTION, *questions], _mentee_responses(data_file.db),
                           modified_column=True)
    plan, batch = run(data_file, path, "surveys")
    assert (plan.kind_plan.added, plan.kind_plan.skipped) == (2, 2)
    assert plan.kind_plan.details["survey"] == "mentee"
    assert plan.kind_plan.details["phase"] == "pre"
    text = messages(plan)
    assert "2 students are called Ana Peña" in text
    assert "not on the roster (ID 99999)" in text
    assert "start of mentoring (the file's name says so)" in plan.notes[0]
    ana = _answers(data_file.db, school.student["10001"], "pre")
    assert ana == {questions[0]: 4, questions[1]: 3, questions[2]: 2}
    assert _answers(data_file.db, school.student["10003"], "pre") == {q: 3 for q in questions}
    # The Microsoft "ID" column is the response's number, never a student's ID.
    assert plan.document()["details"]["columns"]["Sheet1"]["ID"] == "response_number"
    assert batch


def test_importing_the_same_export_again_adds_nothing(data_file, tmp_path):
    small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    path = microsoft_forms(tmp_path / "survey start.xlsx", [STUDENT_ID_QUESTION, *questions],
                           _mentee_responses(data_file.db))
    run(data_file, path, "surveys")
    before = table_checksum(data_file.path, *SURVEY_TABLES)
    plan, _ = run(data_file, path, "surveys")
    assert (plan.kind_plan.added, plan.kind_plan.updated, plan.kind_plan.unchanged) == (0, 0, 2)
    assert table_checksum(data_file.path, *SURVEY_TABLES) == before


def test_a_google_forms_csv_and_its_sheets_download_are_the_same_answers(data_file, tmp_path):
    school = small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    responses = [
        {"at": AT + dt.timedelta(hours=5), "email": "s10001@students.example",
         STUDENT_ID_QUESTION: "10001", questions[0]: "Agree", questions[3]: "strongly agree"},
        {"at": AT + dt.timedelta(hours=6), "email": "s10004@students.example",
         STUDENT_ID_QUESTION: "10004", questions[0]: "Maybe", questions[1]: "Disagree"},
    ]
    csv_path = google_forms_csv(
        tmp_path / "Mentoring survey for students (end) (Responses) - Form Responses 1.csv",
        [STUDENT_ID_QUESTION, *questions], responses)
    plan, _ = run(data_file, csv_path, "surveys", year="2025-2026")
    assert plan.kind_plan.added == 2
    assert plan.kind_plan.details["phase"] == "post"
    assert "\"Maybe\" is not one of the four answers" in messages(plan)
    assert _answers(data_file.db, school.student["10001"], "post") == {
        questions[0]: 3, questions[3]: 4}
    assert _answers(data_file.db, school.student["10004"], "post") == {questions[1]: 2}
    # The same answers downloaded from Google Sheets (date-time cells): nothing new.
    xlsx_path = google_sheets_xlsx(tmp_path / "Mentoring survey for students (end).xlsx",
                                   [STUDENT_ID_QUESTION, *questions], responses)
    again = preview(data_file, xlsx_path, "surveys")
    assert (again.kind_plan.added, again.kind_plan.updated,
            again.kind_plan.unchanged) == (0, 0, 2)


def test_a_later_response_replaces_an_earlier_one_and_an_older_one_does_not(data_file,
                                                                           tmp_path):
    school = small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    first = [{"at": AT, STUDENT_ID_QUESTION: "10002", questions[0]: "Disagree"}]
    run(data_file, microsoft_forms(tmp_path / "start 1.xlsx",
                                   [STUDENT_ID_QUESTION, *questions], first), "surveys")
    # The export later holds Ben's answer twice: the later one wins, once.
    both = [*first, {"at": AT + dt.timedelta(days=1), STUDENT_ID_QUESTION: "10002",
                     questions[0]: "Agree"}]
    plan, _ = run(data_file, microsoft_forms(tmp_path / "start 2.xlsx",
                                             [STUDENT_ID_QUESTION, *questions], both),
                  "surveys")
    assert (plan.kind_plan.added, plan.kind_plan.updated, plan.kind_plan.skipped) == (0, 1, 1)
    assert _answers(data_file.db, school.student["10002"], "pre") == {questions[0]: 3}
    plan, _ = run(data_file, microsoft_forms(tmp_path / "start 3.xlsx",
                                             [STUDENT_ID_QUESTION, *questions], first),
                  "surveys")
    assert plan.kind_plan.unchanged == 1
    assert "already has later answers from Ben Okafor" in " ".join(plan.notes)
    assert _answers(data_file.db, school.student["10002"], "pre") == {questions[0]: 3}


def test_the_mentors_survey_matches_mentors_by_email_and_refuses_an_ambiguous_name(
        data_file, tmp_path):
    school = small_school(data_file.db)
    questions = question_texts(data_file.db, "mentor")
    responses = [
        {"at": AT, "email": "RLopez@school.example", "name": "Rosa Lopez",
         questions[0]: "Agree", questions[-1]: "More time at lunch."},
        {"at": AT, "email": "anonymous", "name": "Jan Smith", questions[0]: "Agree"},
        {"at": AT, "email": "anonymous", "name": "Tom Kim", questions[1]: "Strongly agree"},
    ]
    path = microsoft_forms(tmp_path / "Mentoring survey for mentors (end)(1-3).xlsx", questions,
                           responses)
    plan, _ = run(data_file, path, "surveys")
    assert plan.kind_plan.details["survey"] == "mentor"
    assert (plan.kind_plan.added, plan.kind_plan.skipped) == (2, 1)
    assert "2 mentors are called Jan Smith" in messages(plan)
    stored = {row["mentor_id"]: row for row in
              surveys.responses_in_year(data_file.db, school.year_id, "mentor")}
    assert set(stored) == {school.mentor["rlopez@school.example"],
                           school.mentor["tkim@school.example"]}
    rosa = stored[school.mentor["rlopez@school.example"]]["answers"]
    assert set(rosa.values()) == {(3, ""), (None, "More time at lunch.")}


def test_a_file_that_does_not_say_start_or_end_is_refused_until_told(data_file, tmp_path):
    small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    path = microsoft_forms(tmp_path / "Responses(1-1).xlsx", [STUDENT_ID_QUESTION, *questions],
                           [{"at": AT, STUDENT_ID_QUESTION: "10001", questions[0]: "Agree"}])
    with pytest.raises(ImportRefused, match="start or the end of mentoring"):
        preview(data_file, path, "surveys")
    plan = preview(data_file, path, "surveys", survey_phase="post")
    assert plan.kind_plan.added == 1 and plan.kind_plan.details["phase"] == "post"


def test_a_file_whose_columns_are_no_survey_questions_is_refused(data_file, tmp_path):
    small_school(data_file.db)
    path = microsoft_forms(tmp_path / "start.xlsx", [STUDENT_ID_QUESTION, "Favorite color?"],
                           [{"at": AT, STUDENT_ID_QUESTION: "10001", "Favorite color?": "Red"}])
    with pytest.raises(ImportRefused, match="reads as a question of the students' or the"):
        preview(data_file, path, "surveys")


def test_undoing_a_survey_import_removes_its_answers_and_puts_replaced_ones_back(
        data_file, tmp_path):
    from importing.apply import undo

    school = small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    _, first = run(data_file, microsoft_forms(
        tmp_path / "start a.xlsx", [STUDENT_ID_QUESTION, *questions],
        [{"at": AT, STUDENT_ID_QUESTION: "10002", questions[0]: "Disagree"}]), "surveys")
    before = table_checksum(data_file.path, *SURVEY_TABLES)
    _, second = run(data_file, microsoft_forms(
        tmp_path / "start b.xlsx", [STUDENT_ID_QUESTION, *questions],
        [{"at": AT + dt.timedelta(days=2), STUDENT_ID_QUESTION: "10002",
          questions[1]: "Agree"},
         {"at": AT, STUDENT_ID_QUESTION: "10003", questions[0]: "Agree"}]), "surveys")
    assert _answers(data_file.db, school.student["10002"], "pre") == {questions[1]: 3}
    undo(data_file.db, second)
    assert table_checksum(data_file.path, *SURVEY_TABLES) == before
    undo(data_file.db, first)
    assert data_file.db.execute("SELECT count(*) FROM survey_responses").fetchone()[0] == 0
    assert data_file.db.execute("SELECT count(*) FROM survey_answers").fetchone()[0] == 0


def test_headless_import_surveys_says_when_with_the_option(cli, data_file, tmp_path):
    small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    path = microsoft_forms(tmp_path / "answers.xlsx", [STUDENT_ID_QUESTION, *questions],
                           [{"at": AT, STUDENT_ID_QUESTION: "10001", questions[0]: "Agree"}])
    data_file.close()
    result = cli("--db", data_file.path, "import", "surveys", path, "--when", "end", "--json")
    assert result.code == 0, result.stderr
    assert result.json["added"] == 1 and result.json["details"]["phase"] == "post"
    refused = cli("--db", data_file.path, "import", "surveys", path)
    assert refused.code == 1 and "--when start or --when end" in refused.stderr


def test_the_import_window_asks_when_and_reads_it_from_the_name(qtbot, data_file, tmp_path,
                                                                monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from ui.dialogs.import_wizard import ImportWizard

    small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    rows = [{"at": AT, STUDENT_ID_QUESTION: "10001", questions[0]: "Agree"}]
    for name, expected in (("Mentoring survey for students (end)(1-1).xlsx", "post"),
                           ("Responses(1-1).xlsx", None)):
        path = microsoft_forms(tmp_path / name, [STUDENT_ID_QUESTION, *questions], rows)
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *args, path=path, **kwargs: (str(path), "")))
        wizard = ImportWizard(None, data_file.path, on_imported=lambda *_: None)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda wizard=wizard: wizard.currentId() == wizard.SUMMARY
                        and not wizard.summary_page.running, timeout=20000)
        assert wizard.kind_name == "surveys"
        assert wizard.options().survey_phase == expected
        summary = wizard.summary_page
        if expected is None:
            # The summary says why it cannot import; What it holds… asks when.
            assert not summary.is_complete()
            assert "start or the end of mentoring" in summary.headline.text()
            qtbot.mouseClick(summary.change_kind, Qt.MouseButton.LeftButton)
            assert wizard.currentId() == wizard.KIND
            assert wizard.kind_page.survey_box.isVisibleTo(wizard)
            when = wizard.kind_page.survey_when
            when.setCurrentIndex(when.findData("pre"))
            wizard.next()
            qtbot.waitUntil(lambda wizard=wizard: wizard.summary_page.is_complete(),
                            timeout=20000)
            assert wizard.options().survey_phase == "pre"
        else:
            qtbot.waitUntil(summary.is_complete, timeout=20000)
            assert not wizard.kind_page.survey_box.isVisibleTo(wizard)  # another page's
            # The question columns are read as answers, and the summary says so.
            columns = summary.columns_text.text()
            assert "Read as answers where they head one of the survey's questions" in columns
            assert "Not imported:" not in columns
            # A forms tool's export with no meeting's date: MentorDesk is sure it is survey answers.
            assert "not sure" not in summary.kind_text.text()
        assert "add 1" in summary.headline.text()
        wizard.close()
