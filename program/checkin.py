"""The meeting check-in form mentors fill in through the school's forms tool: its questions,
written once, so that the list MentorDesk writes out and the import that reads the answers
back can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

TITLE = "Mentoring check-in"


@dataclass(frozen=True)
class CheckinQuestion:
    """One question of the check-in form: the field its answers fill, the words, the kind."""

    key: str
    text: str
    kind: str  # date, text, number, choice, choices
    required: bool
    help: str = ""
    choices: tuple[str, ...] = ()


NEEDS_HELP_CHOICES = ("Yes", "No")

QUESTIONS: tuple[CheckinQuestion, ...] = (
    CheckinQuestion("met_on", "Date you met", "date", True),
    CheckinQuestion("mentee", "Your mentee's student ID", "text", True,
                    "It is on your mentor roster. If you do not have it, write their first "
                    "and last name."),
    CheckinQuestion("minutes", "How many minutes did you meet?", "number", False),
    CheckinQuestion("place", "Where did you meet?", "text", False,
                    "For example: the library, my classroom, the cafeteria."),
    CheckinQuestion("topics", "What did you talk about?", "choices", False),
    CheckinQuestion("notes", "A short note about the meeting", "text", False,
                    "Write only what you would be comfortable with the student reading."),
    CheckinQuestion("needs_help", "Does your mentee need help from the counselor?", "choice",
                    True, "Yes passes it to the program's facilitator, who contacts the "
                    "counselor.", NEEDS_HELP_CHOICES),
)
QUESTION_TEXTS = {question.key: question.text for question in QUESTIONS}

# The note a referral raised from the form carries, so the facilitator knows where it came from.
REFERRAL_NOTE = "from the check-in form"
# The first words of a meeting's note that came with a place ("Where: the library. ...").
PLACE_PREFIX = "Where: "


def meeting_note(place: str | None, note: str | None) -> str:
    """The meeting's note from the form's "where" and note answers."""
    parts = []
    if place and place.strip():
        place = place.strip()
        parts.append(PLACE_PREFIX + place + ("" if place.endswith((".", "!", "?")) else "."))
    if note and note.strip():
        parts.append(note.strip())
    return " ".join(parts)


def referral_need(note: str | None) -> str:
    """What a referral raised from the form says: where it came from, then the mentor's note."""
    text = REFERRAL_NOTE[0].upper() + REFERRAL_NOTE[1:]
    return f"{text}: {note.strip()}" if note and note.strip() else f"{text}."
