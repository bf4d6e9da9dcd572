"""Pre/post surveys: the questions, each person's responses and their answers."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from storage.errors import InvalidInput


def questions(db: sqlite_utils.Database, audience: str | None = None, *,
              include_retired: bool = False) -> list[dict]:
    """The questions in their order (of one audience, mentee or mentor, or of both)."""
    where, params = [], []
    if audience is not None:
        where.append("audience = ?")
        params.append(audience)
    if not include_retired:
        where.append("active = 1")
    clause = f"WHERE {' AND '.join(where)} " if where else ""
    return list(db.query(f"SELECT * FROM survey_questions {clause}"
                         "ORDER BY audience DESC, sort_order, id", params))


def question(db: sqlite_utils.Database, question_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM survey_questions WHERE id = ?", [question_id]))
    return rows[0] if rows else None


def add_question(db: sqlite_utils.Database, audience: str, text: str, kind: str) -> int:
    """A new question at the end of its audience's survey; returns its id."""
    _refuse_same_text(db, audience, text, None)
    order = db.execute("SELECT coalesce(max(sort_order), -1) + 1 FROM survey_questions "
                       "WHERE audience = ?", [audience]).fetchone()[0]
    return db.execute("INSERT INTO survey_questions (audience, kind, text, sort_order) "
                      "VALUES (?, ?, ?, ?)", [audience, kind, text, order]).lastrowid


def _refuse_same_text(db: sqlite_utils.Database, audience: str, text: str,
                      other_than: int | None) -> None:
    clash = db.execute("SELECT id FROM survey_questions WHERE audience = ? AND active = 1 AND "
                       "lower(trim(text)) = lower(trim(?)) AND id IS NOT ?",
                       [audience, text, other_than]).fetchone()
    if clash:
        raise InvalidInput(f'The survey already asks "{text.strip()}". Write a different '
                           "question, or change the one it has.")


def set_text(db: sqlite_utils.Database, question_id: int, text: str) -> None:
    found = question(db, question_id)
    _refuse_same_text(db, found["audience"], text, question_id)
    db.execute("UPDATE survey_questions SET text = ? WHERE id = ?", [text, question_id])


def set_active(db: sqlite_utils.Database, question_id: int, active: bool) -> None:
    db.execute("UPDATE survey_questions SET active = ? WHERE id = ?", [int(active), question_id])


def delete_question(db: sqlite_utils.Database, question_id: int) -> None:
    db.execute("DELETE FROM survey_questions WHERE id = ?", [question_id])


def set_order(db: sqlite_utils.Database, ordered_ids: Iterable[int]) -> None:
    """Put questions in this order (the others keep theirs)."""
    for order, question_id in enumerate(ordered_ids):
        db.execute("UPDATE survey_questions SET sort_order = ? WHERE id = ?",
                   [order, question_id])


def answer_count(db: sqlite_utils.Database, question_id: int) -> int:
    """How many answers the question has had."""
    return db.execute("SELECT count(*) FROM survey_answers WHERE question_id = ?",
                      [question_id]).fetchone()[0]


def responses_in_year(db: sqlite_utils.Database, year_id: int, audience: str) -> list[dict]:
    """The year's responses of one audience, with their answers as ``answers``
    (question id -> (value, text))."""
    rows = list(db.query("SELECT * FROM survey_responses WHERE year_id = ? AND audience = ? "
                         "ORDER BY id", [year_id, audience]))
    answers = answers_by_response(db, [row["id"] for row in rows])
    for row in rows:
        row["answers"] = answers.get(row["id"], {})
    return rows


def answers_by_response(db: sqlite_utils.Database, response_ids: list[int]
                        ) -> dict[int, dict[int, tuple[int | None, str]]]:
    """Each response's answers: question id -> (value 1 to 4 or None, text)."""
    found: dict[int, dict[int, tuple[int | None, str]]] = {}
    for start in range(0, len(response_ids), 500):
        chunk = response_ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.execute(f"SELECT response_id, question_id, value, text FROM "
                              f"survey_answers WHERE response_id IN ({marks})", chunk):
            found.setdefault(row[0], {})[row[1]] = (row[2], row[3])
    return found


def responses_of_student(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    """A student's responses, every year, newest year first, each with ``answers`` and the
    year's name."""
    rows = list(db.query(
        "SELECT r.*, y.name AS year_name, y.first_day AS year_first_day FROM survey_responses r "
        "JOIN school_years y ON y.id = r.year_id WHERE r.student_id = ? "
        "ORDER BY y.first_day DESC, r.phase DESC", [student_id]))
    answers = answers_by_response(db, [row["id"] for row in rows])
    for row in rows:
        row["answers"] = answers.get(row["id"], {})
    return rows


def add_response(db: sqlite_utils.Database, *, year_id: int, audience: str, phase: str,
                 student_id: int | None, mentor_id: int | None, answered_on: str,
                 submitted_at: str, source: str, batch_id: int | None) -> int:
    return db.execute(
        "INSERT INTO survey_responses (year_id, audience, phase, student_id, mentor_id, "
        "answered_on, submitted_at, source, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [year_id, audience, phase, student_id, mentor_id, answered_on, submitted_at, source,
         batch_id]).lastrowid


def update_response(db: sqlite_utils.Database, response_id: int, **changes: object) -> None:
    allowed = {"answered_on", "submitted_at", "source"}
    if not changes or set(changes) - allowed:
        raise ValueError(f"only {sorted(allowed)} may change")
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(f"UPDATE survey_responses SET {assignments} WHERE id = ?",
               [*changes.values(), response_id])


def set_answer(db: sqlite_utils.Database, response_id: int, question_id: int,
               value: int | None, text: str) -> None:
    db.execute("INSERT INTO survey_answers (response_id, question_id, value, text) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (response_id, question_id) DO UPDATE SET "
               "value = excluded.value, text = excluded.text",
               [response_id, question_id, value, text])


def delete_answer(db: sqlite_utils.Database, response_id: int, question_id: int) -> None:
    db.execute("DELETE FROM survey_answers WHERE response_id = ? AND question_id = ?",
               [response_id, question_id])


def agreement_answers(db: sqlite_utils.Database, year_id: int, audience: str
                      ) -> list[tuple[int, str, int, int]]:
    """(person id, phase, question id, value) of every agreement answer of the year."""
    person = "student_id" if audience == "mentee" else "mentor_id"
    return [tuple(row) for row in db.execute(
        f"SELECT r.{person}, r.phase, a.question_id, a.value FROM survey_answers a "
        "JOIN survey_responses r ON r.id = a.response_id "
        "JOIN survey_questions q ON q.id = a.question_id "
        "WHERE r.year_id = ? AND r.audience = ? AND q.kind = 'agreement' "
        "AND a.value IS NOT NULL", [year_id, audience])]


def response_counts(db: sqlite_utils.Database, year_id: int) -> dict[tuple[str, str], int]:
    """How many responses the year has, by (audience, phase)."""
    return {(row[0], row[1]): row[2] for row in db.execute(
        "SELECT audience, phase, count(*) FROM survey_responses WHERE year_id = ? "
        "GROUP BY audience, phase", [year_id])}


def mentee_answers(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """Every answer of the year's students' survey, with the student's names and ID and the
    question's words, by student, question and time."""
    return list(db.query(
        "SELECT r.student_id, s.first_name, s.last_name, s.preferred_name, s.local_id, "
        "r.phase, q.id AS question_id, q.text AS question, q.sort_order, a.value, a.text "
        "FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id "
        "JOIN survey_questions q ON q.id = a.question_id "
        "JOIN students s ON s.id = r.student_id "
        "WHERE r.year_id = ? AND r.audience = 'mentee' "
        "ORDER BY s.last_name COLLATE NOCASE, s.first_name COLLATE NOCASE, r.student_id, "
        "q.sort_order, q.id, r.phase DESC", [year_id]))
