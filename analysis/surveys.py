"""The pre/post survey figures of a school year: how the mentees who answered a question at
the start and at the end of mentoring answered it each time."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from program.surveys import QuestionChange, agreement_words, changes_by_question
from program.vocabulary import list_name
from storage import matches, surveys


def mentee_ids(db: sqlite_utils.Database, year_id: int, as_of: dt.date | None = None) -> set[int]:
    """The students matched with a mentor in the year (by ``as_of``, when given)."""
    last = as_of.isoformat() if as_of else "9999-12-31"
    return {row["student_id"] for row in matches.matches_in_year(db, year_id)
            if row["started_on"] <= last}


def mentee_changes(db: sqlite_utils.Database, year_id: int, as_of: dt.date | None = None, *,
                   mentees: set[int] | None = None) -> list[QuestionChange]:
    """Each agreement question of the students' survey (retired ones too, when answered):
    the change for the year's mentees (or the ``mentees`` given: a report's) who answered
    it at the start and at the end."""
    start: dict[tuple[int, int], int] = {}
    end: dict[tuple[int, int], int] = {}
    answered: set[int] = set()
    for student, phase, question, value in surveys.agreement_answers(db, year_id, "mentee"):
        (start if phase == "pre" else end)[(student, question)] = value
        answered.add(question)
    questions = [(row["id"], row["text"]) for row in
                 surveys.questions(db, "mentee", include_retired=True)
                 if row["kind"] == "agreement" and (row["active"] or row["id"] in answered)]
    if mentees is None:
        mentees = mentee_ids(db, year_id, as_of)
    return changes_by_question(questions, start, end, sorted(mentees))


def mentee_answer_lines(db: sqlite_utils.Database, year_id: int, mentees: set[int]
                        ) -> list[tuple[str, str, str, str, str]]:
    """(student, student ID, question, answer at the start, at the end) for the mentees'
    answers, for the program team (names allowed)."""
    lines: dict[tuple[int, int], list] = {}
    for row in surveys.mentee_answers(db, year_id):
        if row["student_id"] not in mentees:
            continue
        line = lines.setdefault((row["student_id"], row["question_id"]),
                                [list_name(row), row["local_id"] or "", row["question"], "", ""])
        words = agreement_words(row["value"]) if row["value"] is not None else row["text"]
        line[3 if row["phase"] == "pre" else 4] = words
    return [tuple(line) for line in lines.values()]
