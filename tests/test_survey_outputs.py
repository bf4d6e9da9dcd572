"""What MentorDesk writes out for the surveys and the check-in: the lists for a forms tool
(with what saving them says), the paper form (rendered and read back), the sheet for typing
paper answers (which imports with no questions), and the headless commands."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from program import checkin
from program.surveys import FORM_TITLES, STUDENT_ID_QUESTION
from reports.form_questions import checkin_list, survey_list
from storage import surveys
from tests.import_helpers import run
from tests.survey_school import question_texts, small_school


def test_the_students_list_asks_for_the_id_and_says_where_answers_are_kept(data_file):
    questions = surveys.questions(data_file.db, "mentee")
    text = survey_list("Lincoln Middle", "mentee", questions)
    lines = text.splitlines()
    assert lines[0] == FORM_TITLES[("mentee", "pre")]
    numbered = [line for line in lines if line[:1].isdigit()]
    assert numbered[0] == f"1. {STUDENT_ID_QUESTION}"
    assert [line.split(". ", 1)[1] for line in numbered[1:]] == [q["text"] for q in questions]
    assert "stores the answers outside the school" in text
    assert "asks for the student's ID, not their name" in text
    assert "Name" not in [line.split(". ", 1)[1] for line in numbered]
    mentors = survey_list("", "mentor", surveys.questions(data_file.db, "mentor"))
    assert "asks for the student's ID" not in mentors
    assert "Collect email addresses" in mentors


def test_the_check_in_list_has_the_forms_questions_and_the_schools_topics(data_file):
    text = checkin_list("Lincoln Middle", ["School", "Friends", "Sports"])
    numbered = [line.split(". ", 1)[1] for line in text.splitlines() if line[:1].isdigit()]
    assert numbered == [question.text for question in checkin.QUESTIONS]
    assert "      Sports" in text.splitlines()
    assert "stores the answers outside the school" in text


def test_the_paper_forms_render_with_the_name_and_id_line(data_file, tmp_path, qapp):
    from PySide6.QtGui import QImage, QPainter

    from reports.survey_paper import paper_form_document, save_paper_form

    questions = surveys.questions(data_file.db, "mentee")
    saved = save_paper_form(tmp_path / "paper.pdf", "mentee", questions,
                            school_name="Lincoln Middle", paper="letter")
    assert saved.read_bytes().startswith(b"%PDF")
    document = paper_form_document("mentee", questions, school_name="Lincoln Middle")
    plain = document.toPlainText()
    for words in ("Name", "Student ID", "Date", "Strongly disagree", "Strongly agree",
                  *[q["text"] for q in questions]):
        assert words in plain
    # Drawn to a picture: one page's worth, with ink in it.
    document.setTextWidth(700)
    image = QImage(700, int(document.size().height()) + 10, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    image.save(str(tmp_path / "paper.png"))
    assert 500 < document.size().height() < 1000
    mentor = paper_form_document("mentor", surveys.questions(data_file.db, "mentor")
                                 ).toPlainText()
    assert "Student ID" not in mentor and "What would make mentoring easier" in mentor


def test_typed_paper_answers_import_with_no_questions(data_file, tmp_path):
    from reports.survey_sheet import sheet_name, write_answer_sheet

    school = small_school(data_file.db)
    questions = surveys.questions(data_file.db, "mentee")
    path = write_answer_sheet(tmp_path / sheet_name("mentee", "post"), "mentee", "post",
                              questions)
    book = load_workbook(path)
    sheet = book.active
    headers = [cell.value for cell in sheet[3]]
    assert headers == ["Date", STUDENT_ID_QUESTION, *[q["text"] for q in questions]]
    sheet.append([dt.datetime(2026, 5, 20), "10005", "Agree", 4, "strongly disagree"])
    book.save(path)
    plan, _ = run(data_file, path, "surveys")
    assert (plan.kind_plan.added, plan.kind_plan.skipped) == (1, 0)
    assert plan.kind_plan.details["phase"] == "post"
    (response,) = surveys.responses_of_student(data_file.db, school.student["10005"])
    assert sorted(response["answers"].values()) == [(1, ""), (3, ""), (4, "")]


def test_headless_survey_commands(cli, data_file, tmp_path):
    small_school(data_file.db)
    data_file.close()
    db = ("--db", data_file.path)
    listed = cli(*db, "survey", "list", "--for", "students", "--json")
    assert listed.code == 0
    first = listed.json[0]
    assert first["survey"] == "students" and first["answered"] == "agree_or_disagree"
    added = cli(*db, "survey", "add", "I have a friend at school.", "--for", "students", "--json")
    assert added.code == 0 and added.json["text"] == "I have a friend at school."
    assert cli(*db, "survey", "reword", str(added.json["number"]),
               "I have a good friend at school.").code == 0
    assert cli(*db, "survey", "move", str(added.json["number"]), "-1").code == 0
    saved = cli(*db, "survey", "form", tmp_path / "students", "--for", "students")
    assert saved.code == 0
    assert "stores the answers outside the school" in saved.stdout
    assert "the student's ID, not their name" in saved.stdout
    text = (tmp_path / "students.txt").read_text(encoding="utf-8-sig")
    assert "I have a good friend at school." in text
    checkin_saved = cli(*db, "checkin", "form", tmp_path / "checkin.txt", "--json")
    assert checkin_saved.code == 0 and checkin_saved.json["notices"]
    refused = cli(*db, "survey", "add", "  ", "--for", "mentors")
    assert refused.code == 1 and "Type the question first." in refused.stderr
    assert cli(*db, "survey", "remove", str(added.json["number"])).code == 0
    texts = [row["text"] for row in cli(*db, "survey", "list", "--json").json]
    assert "I have a good friend at school." not in texts


def test_a_students_answers_headless(cli, data_file, tmp_path):
    from tests.forms_exports import microsoft_forms

    small_school(data_file.db)
    questions = question_texts(data_file.db, "mentee")
    run(data_file, microsoft_forms(tmp_path / "start.xlsx", [STUDENT_ID_QUESTION, *questions],
                                   [{"at": dt.datetime(2025, 10, 1, 9), STUDENT_ID_QUESTION:
                                     "10001", questions[0]: "Strongly agree"}]), "surveys")
    data_file.close()
    result = cli("--db", data_file.path, "survey", "answers", "10001", "--json")
    assert result.json == [{"year": "2025-2026", "when": "start", "answered_on": "2025-10-01",
                            "answers": [{"question": questions[0], "value": 4,
                                         "answer": "Strongly agree"}]}]
    words = cli("--db", data_file.path, "survey", "answers", "10001")
    assert "at the start of mentoring" in words.stdout
