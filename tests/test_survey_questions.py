"""The survey's questions are editable through actions: add, reword, move, take out (retired
once answered, removed when not), bring back; each undone whole by Edit > Undo."""

from __future__ import annotations

import pytest

from actions import surveys as survey_actions
from actions.undo import undo
from storage import surveys
from storage.errors import InvalidInput


def _texts(db, audience="mentee", **kwargs) -> list[str]:
    return [row["text"] for row in surveys.questions(db, audience, **kwargs)]


def test_add_reword_move_and_undo_a_question(data_file):
    db = data_file.db
    before = _texts(db)
    outcome = survey_actions.add_question(db, "mentee", "  I  have a friend at school. ")
    assert "surveys" in outcome.changed
    assert _texts(db) == [*before, "I have a friend at school."]
    survey_actions.reword_question(db, outcome.value, "I have a good friend at school.")
    survey_actions.move_question(db, outcome.value, -2)
    texts = _texts(db)
    assert texts[-3] == "I have a good friend at school."
    undo(db)
    undo(db)
    assert _texts(db)[-1] == "I have a friend at school."
    undo(db)
    assert _texts(db) == before


def test_a_question_the_survey_already_asks_is_refused(data_file):
    with pytest.raises(InvalidInput, match="already asks"):
        survey_actions.add_question(data_file.db, "mentee",
                                    "i feel like I belong at this school.")
    with pytest.raises(InvalidInput, match="Type the question"):
        survey_actions.add_question(data_file.db, "mentor", "   ")


def test_an_answered_question_is_retired_and_can_come_back(data_file):
    from storage import students, years

    db = data_file.db
    year = years.current_year(db)
    question = surveys.questions(db, "mentee")[0]
    unanswered = surveys.questions(db, "mentee")[1]
    student = students.add_student(db, year_id=year["id"], local_id="1", first_name="A",
                                   last_name="B")
    response = surveys.add_response(db, year_id=year["id"], audience="mentee", phase="pre",
                                    student_id=student, mentor_id=None,
                                    answered_on="2025-10-01", submitted_at="", source="paper",
                                    batch_id=None)
    surveys.set_answer(db, response, question["id"], 3, "")
    outcome = survey_actions.remove_question(db, question["id"])
    assert "1 answer stays" in outcome.message
    assert question["text"] not in _texts(db)
    assert question["text"] in _texts(db, include_retired=True)
    survey_actions.remove_question(db, unanswered["id"])
    assert unanswered["text"] not in _texts(db, include_retired=True)
    survey_actions.restore_question(db, question["id"])
    assert _texts(db)[-1] == question["text"]
