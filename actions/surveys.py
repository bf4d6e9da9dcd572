"""The survey's questions: add, reword, move, retire (or remove one never answered), restore."""

from __future__ import annotations

import sqlite_utils

from actions.changes import SURVEYS
from actions.core import Outcome, change
from program.surveys import AUDIENCES, QUESTION_KINDS
from storage import surveys
from storage.errors import InvalidInput

LONGEST_QUESTION = 300  # Microsoft Forms and Google Forms take longer, a student reads less


def _clean(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput("Type the question first.")
    if len(text) > LONGEST_QUESTION:
        raise InvalidInput(f"That question is {len(text)} characters long. Keep it under "
                           f"{LONGEST_QUESTION}, so a student reads it to the end.")
    return text


def _who(audience: str) -> str:
    if audience not in AUDIENCES:
        raise InvalidInput(f'"{audience}" is not a survey. Choose the students\' (mentee) or '
                           "the mentors' (mentor) survey.")
    return "students'" if audience == "mentee" else "mentors'"


def _question(db: sqlite_utils.Database, question_id: int) -> dict:
    found = surveys.question(db, question_id)
    if found is None:
        raise InvalidInput("That question is no longer in the survey. Choose it again.")
    return found


def add_question(db: sqlite_utils.Database, audience: str, text: str,
                 kind: str = "agreement") -> Outcome:
    """A new question at the end of the students' (mentee) or mentors' survey; value: its id."""
    who = _who(audience)
    text = _clean(text)
    if kind not in QUESTION_KINDS:
        raise InvalidInput("Choose how the question is answered: agree or disagree, or in "
                           "their own words.")
    with change(db, f"Add a question to the {who} survey", {SURVEYS}, code="survey_question"
                ) as step:
        question_id = surveys.add_question(db, audience, text, kind)
        step.note(f"Added to the {who} survey: {text}", question_id=question_id)
        step.done(f"Added the question to the {who} survey.", question_id)
    return step.outcome


def reword_question(db: sqlite_utils.Database, question_id: int, text: str) -> Outcome:
    """Change a question's words (answers already given stay with it)."""
    found = _question(db, question_id)
    text = _clean(text)
    if text == found["text"]:
        raise InvalidInput("The question already reads that way.")
    with change(db, "Reword a survey question", {SURVEYS}, code="survey_question") as step:
        surveys.set_text(db, question_id, text)
        step.note(f"Reworded a survey question: {found['text']} -> {text}",
                  question_id=question_id)
        step.done("Saved the question's new words. A form made before still has the old "
                  "words: make the form's question read the same, or its answers will not "
                  "be recognized.")
    return step.outcome


def move_question(db: sqlite_utils.Database, question_id: int, places: int) -> Outcome:
    """Move a question up (negative) or down (positive) in its survey."""
    found = _question(db, question_id)
    ordered = [row["id"] for row in surveys.questions(db, found["audience"])]
    if question_id not in ordered:
        raise InvalidInput("A retired question has no place in the survey. Bring it back first.")
    index = ordered.index(question_id)
    target = max(0, min(len(ordered) - 1, index + places))
    if target == index:
        raise InvalidInput("The question is already " + ("first." if places < 0 else "last."))
    ordered.insert(target, ordered.pop(index))
    with change(db, "Move a survey question", {SURVEYS}, code="survey_question") as step:
        surveys.set_order(db, ordered)
        step.note(f"Moved a survey question to place {target + 1}: {found['text']}",
                  question_id=question_id)
        step.done(f"The question is now number {target + 1}.")
    return step.outcome


def remove_question(db: sqlite_utils.Database, question_id: int) -> Outcome:
    """Take a question out of the survey: retired when it has answers (they stay in the
    student's record and the report), removed when it has none."""
    found = _question(db, question_id)
    answered = surveys.answer_count(db, question_id)
    with change(db, "Take a question out of the survey", {SURVEYS}, code="survey_question"
                ) as step:
        if answered:
            surveys.set_active(db, question_id, False)
            step.note(f"Retired a survey question: {found['text']}", question_id=question_id)
            step.done(f"The question is out of the survey. Its {answered} "
                      f"{'answer stays' if answered == 1 else 'answers stay'} on record.")
        else:
            surveys.delete_question(db, question_id)
            step.note(f"Removed a survey question: {found['text']}", question_id=question_id)
            step.done("Removed the question from the survey.")
    return step.outcome


def restore_question(db: sqlite_utils.Database, question_id: int) -> Outcome:
    """Put a retired question back at the end of its survey."""
    found = _question(db, question_id)
    if found["active"]:
        raise InvalidInput("That question is already in the survey.")
    ordered = [row["id"] for row in surveys.questions(db, found["audience"])]
    with change(db, "Bring a survey question back", {SURVEYS}, code="survey_question") as step:
        surveys.set_active(db, question_id, True)
        surveys.set_order(db, [*ordered, question_id])
        step.note(f"Brought a survey question back: {found['text']}", question_id=question_id)
        step.done("The question is back in the survey, at the end.")
    return step.outcome
