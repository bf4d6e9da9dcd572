"""Pre/post surveys: who answers them, the 4-point agreement scale, and the change between
a mentee's answers at the start and at the end of mentoring. Pure rules on plain values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Who a survey is for (stored codes) and the words for them.
AUDIENCES = {"mentee": "Mentees", "mentor": "Mentors"}
# When it is given: at the start of mentoring (pre) and at the end (post).
PHASES = {"pre": "At the start", "post": "At the end"}
PHASE_WORDS = {"pre": "start", "post": "end"}
# How a question is answered.
QUESTION_KINDS = {"agreement": "Agree or disagree (4 choices)", "text": "In their own words"}

# The 4-point agreement scale, lowest first: the value stored is the position (1 to 4).
AGREEMENT = ("Strongly disagree", "Disagree", "Agree", "Strongly agree")
_AGREEMENT_WORDS = {
    1: ("strongly disagree", "sd", "strongly disagreed", "1"),
    2: ("disagree", "d", "somewhat disagree", "2"),
    3: ("agree", "a", "somewhat agree", "3"),
    4: ("strongly agree", "sa", "strongly agreed", "4"),
}

# The title MentorDesk gives each form; its name is how an export says when it was given.
FORM_TITLES = {
    ("mentee", "pre"): "Mentoring survey for students (start)",
    ("mentee", "post"): "Mentoring survey for students (end)",
    ("mentor", "pre"): "Mentoring survey for mentors (start)",
    ("mentor", "post"): "Mentoring survey for mentors (end)",
}
# The question a student's form asks first: the ID, never the name.
STUDENT_ID_QUESTION = "Your student ID number"


def agreement_value(answer: object) -> int | None:
    """"Strongly agree" -> 4 ... "Strongly disagree" -> 1; a number 1 to 4 as itself; None
    for a blank or anything else (the caller says what it could not read)."""
    if answer is None:
        return None
    if isinstance(answer, bool):
        return None
    if isinstance(answer, (int, float)):
        return int(answer) if float(answer).is_integer() and 1 <= answer <= 4 else None
    text = " ".join(str(answer).lower().replace("_", " ").replace("-", " ").split()).rstrip(".")
    for value, words in _AGREEMENT_WORDS.items():
        if text in words:
            return value
    return None


def agreement_words(value: int | None) -> str:
    """4 -> "Strongly agree"; None -> ""."""
    return AGREEMENT[value - 1] if value is not None and 1 <= value <= 4 else ""


_START = re.compile(r"\b(start|starting|beginning|pre|fall|autumn)\b")
_END = re.compile(r"\b(end|ending|post|final|spring|exit)\b")


def phase_from_words(*texts: str) -> str | None:
    """"pre" or "post" when the words (a file's name, a form's title) say start or end and
    not both; None when they say neither or both."""
    said = set()
    for text in texts:
        words = re.sub(r"[^a-z]+", " ", (text or "").lower())
        if _START.search(words):
            said.add("pre")
        if _END.search(words):
            said.add("post")
    return said.pop() if len(said) == 1 else None


@dataclass(frozen=True)
class QuestionChange:
    """One agreement question: how the mentees who answered it at the start and at the end
    answered (their answers added up, 1 to 4 each) and how many moved up, stayed, moved down."""

    question_id: int
    text: str
    mentees: int  # mentees with both answers
    total_start: int
    total_end: int
    higher: int
    same: int
    lower: int

    @property
    def average_start(self) -> float | None:
        return self.total_start / self.mentees if self.mentees else None

    @property
    def average_end(self) -> float | None:
        return self.total_end / self.mentees if self.mentees else None

    @property
    def change(self) -> float | None:
        """The end average minus the start average (positive: more agreement)."""
        if not self.mentees:
            return None
        return (self.total_end - self.total_start) / self.mentees


def changes_by_question(questions: Iterable[tuple[int, str]],
                        start: Mapping[tuple[int, int], int],
                        end: Mapping[tuple[int, int], int],
                        mentees: Iterable[int]) -> list[QuestionChange]:
    """Per question, the change for ``mentees`` who answered it both times.

    ``start`` and ``end`` map (student, question) to the answer's value (1 to 4).
    """
    mentees = list(mentees)
    result = []
    for question_id, text in questions:
        pairs = [(start[(student, question_id)], end[(student, question_id)])
                 for student in mentees
                 if (student, question_id) in start and (student, question_id) in end]
        result.append(QuestionChange(
            question_id=question_id,
            text=text,
            mentees=len(pairs),
            total_start=sum(a for a, _ in pairs),
            total_end=sum(b for _, b in pairs),
            higher=sum(1 for a, b in pairs if b > a),
            same=sum(1 for a, b in pairs if b == a),
            lower=sum(1 for a, b in pairs if b < a),
        ))
    return result
