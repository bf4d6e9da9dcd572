"""The program report's pre/post survey change: per question, the mentees who answered at the
start and at the end, counted and hidden like every other count of students."""

from __future__ import annotations

import pytest

from reports.disclosure import shown
from reports.figures import ADMINISTRATORS, TEAM, compute_figures
from reports.report_json import to_json
from reports.suppression import COMPLEMENT_TEXT, SMALL_TEXT
from storage import surveys, years
from storage.database import open_data_file
from tests.suppression_attacker import Reading, attack


def _answer(db, year_id: int, student_id: int, phase: str, answers: dict[int, int]) -> None:
    response = surveys.add_response(db, year_id=year_id, audience="mentee", phase=phase,
                                    student_id=student_id, mentor_id=None,
                                    answered_on="2026-10-01" if phase == "pre" else "2026-11-20",
                                    submitted_at="", source="paper", batch_id=None)
    for question, value in answers.items():
        surveys.set_answer(db, response, question, value, "")


@pytest.fixture
def surveyed(demo_copy):
    """The demo school with survey answers: the first question answered at the start and the
    end by 8 mentees (6 agree more), the second by 3 only, and a non-mentee's answers."""
    with open_data_file(demo_copy) as data:
        db = data.db
        year = years.current_year(db)
        mentees = [row[0] for row in db.execute(
            "SELECT DISTINCT student_id FROM matches WHERE year_id = ? AND started_on <= "
            "'2026-11-24' ORDER BY student_id", [year["id"]])]
        outsider = db.execute("SELECT id FROM students WHERE id NOT IN (SELECT student_id FROM "
                              "matches) LIMIT 1").fetchone()[0]
        first, second = [row["id"] for row in surveys.questions(db, "mentee")[:2]]
        for number, student in enumerate(mentees[:8]):
            _answer(db, year["id"], student, "pre", {first: 2, second: 2} if number < 3
                    else {first: 2})
            _answer(db, year["id"], student, "post", {first: 3 if number < 6 else 2,
                                                      second: 4})
        _answer(db, year["id"], outsider, "pre", {first: 1})
        _answer(db, year["id"], outsider, "post", {first: 4})
        assert len(mentees) >= 8
        return demo_copy, year["id"], first, second


def _figures(path, year_id: int, level: str):
    with open_data_file(path, write=False) as data:
        figures = compute_figures(data.db, year_id, level=level)
    return figures, to_json(figures, shown(figures))


def test_the_change_counts_mentees_with_both_answers_only(surveyed):
    path, year_id, first, second = surveyed
    figures, document = _figures(path, year_id, TEAM)
    by_question = {change.question_id: change for change in figures.survey_change}
    change = by_question[first]
    assert (change.mentees, change.higher, change.same, change.lower) == (8, 6, 2, 0)
    assert change.average_start == 2 and change.average_end == 2.75
    assert by_question[second].mentees == 3  # the outsider is no mentee
    items = document["survey_change"]
    assert items[0]["mentees"] == 8 and items[0]["change"] == 0.75
    assert items[1]["mentees"] == 3 and items[1]["average_end"] == 4  # the team sees all


def test_the_administrators_see_a_small_question_hidden(surveyed):
    path, year_id, first, second = surveyed
    figures, document = _figures(path, year_id, ADMINISTRATORS)
    items = {item["question"]: item for item in document["survey_change"]}
    with open_data_file(path, write=False) as data:
        texts = {row["id"]: row["text"] for row in surveys.questions(data.db, "mentee")}
    small = items[texts[second]]
    assert small["mentees"] == SMALL_TEXT
    assert small["average_start"] == small["change"] == COMPLEMENT_TEXT
    assert {small["higher"], small["same"], small["lower"]} <= {SMALL_TEXT, COMPLEMENT_TEXT}
    shown_item = items[texts[first]]
    if not document["below_threshold"]:
        assert shown_item["mentees"] == 8
        # 2 of the 8 answered the same: a count of 1 to 4, hidden, with a complement.
        assert shown_item["same"] == SMALL_TEXT
        assert COMPLEMENT_TEXT in (shown_item["higher"], shown_item["lower"],
                                   shown_item["mentees"])
    reading = Reading()
    reading.see(("matched",), document["students_matched"])
    for question, item in ((first, shown_item), (second, small)):
        for key in ("mentees", "higher", "same", "lower"):
            reading.see(("survey", question, key), item[key])
        reading.total(("survey", question, "mentees"),
                      [("survey", question, key) for key in ("higher", "same", "lower")])
        reading.bound(("survey", question, "mentees"), ("matched",))
    assert attack(reading) == []


def test_the_workbook_has_the_survey_sheet(surveyed, tmp_path):
    from openpyxl import load_workbook

    from reports.workbook import save_report_workbook

    path, year_id, first, _ = surveyed
    figures, _ = _figures(path, year_id, TEAM)
    saved = save_report_workbook(figures, tmp_path / "report.xlsx")
    sheet = load_workbook(saved)["Survey"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4, max_row=6)]
    assert rows[0][:2] == ["Question", "Mentees"]
    assert rows[1][1] == 8 and rows[1][4] == 0.8  # 0.75, to one place


def test_the_program_teams_workbook_lists_each_mentees_answers(surveyed, tmp_path):
    from openpyxl import load_workbook

    from reports.workbook import save_report_workbook

    path, year_id, first, second = surveyed
    figures, _ = _figures(path, year_id, TEAM)
    assert len(figures.survey_answers) == 8 + 3 + 5  # 8 mentees x 2 questions, 5 ended only
    book = load_workbook(save_report_workbook(figures, tmp_path / "team.xlsx"))
    sheet = book["Survey answers"]
    assert [cell.value for cell in sheet[4]] == ["Student", "Student ID", "Question",
                                                 "At the start", "At the end"]
    answers = {row[3:5] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
    assert ("Disagree", "Agree") in answers and (None, "Strongly agree") in answers
    admin, _ = _figures(path, year_id, ADMINISTRATORS)
    assert admin.survey_answers == []
    assert "Survey answers" not in load_workbook(
        save_report_workbook(admin, tmp_path / "admin.xlsx")).sheetnames
