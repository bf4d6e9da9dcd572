"""The question lists MentorDesk writes out for the school's forms tool (Microsoft Forms or
Google Forms): the surveys and the meeting check-in, as plain text to copy into a new form.

The words of each question are the form's column headings when its answers are exported, and
that is how the import knows them again: the list says to keep them exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from program import checkin
from program.surveys import AGREEMENT, FORM_TITLES, STUDENT_ID_QUESTION
from reports.saving import write_atomically

# What saving a list says (the window shows it; the command prints it; the file starts with it).
OUTSIDE_THE_SCHOOL = ("The forms tool stores the answers outside the school, on Microsoft's or "
                      "Google's servers. Make the form with the school's own account, share it "
                      "only inside the school, and delete the responses there once they are "
                      "imported into MentorDesk.")
ID_NOT_NAME = ("The form asks for the student's ID, not their name: do not add a question for "
               "the name.")
CHECKIN_NOTICE = ("Mentors' notes and requests for the counselor's help are stored there too: "
                  "ask mentors to write only what they would be comfortable with the student "
                  "reading.")

_TYPES = {
    "date": "Date",
    "text": "Text (short answer)",
    "long": "Text (long answer; Google Forms: Paragraph)",
    "number": "Text, with the answer restricted to a number (Google Forms: Short answer, "
              "response validation: Number)",
    "choice": "Choice, one answer (Google Forms: Multiple choice)",
    "choices": "Choice, several answers allowed (Google Forms: Checkboxes)",
    "agreement": "Choice, one answer (Google Forms: Multiple choice)",
}


@dataclass(frozen=True)
class FormQuestion:
    """One question as the list writes it."""

    text: str
    kind: str  # a key of _TYPES
    required: bool
    help: str = ""
    choices: tuple[str, ...] = ()


def survey_questions(audience: str, questions: Sequence[dict]) -> list[FormQuestion]:
    """The form's questions: the student's ID first (students' survey), then the survey's."""
    listed = []
    if audience == "mentee":
        listed.append(FormQuestion(STUDENT_ID_QUESTION, "text", True,
                                   "The number on your student ID card or schedule."))
    for question in questions:
        if question["kind"] == "agreement":
            listed.append(FormQuestion(question["text"], "agreement", True, "",
                                       tuple(AGREEMENT)))
        else:
            listed.append(FormQuestion(question["text"], "long", False))
    return listed


def survey_list(school_name: str, audience: str, questions: Sequence[dict]) -> str:
    """The students' (mentee) or mentors' survey as a list to copy into a forms tool."""
    start, end = FORM_TITLES[(audience, "pre")], FORM_TITLES[(audience, "post")]
    who = "students" if audience == "mentee" else "mentors"
    settings = (
        "Microsoft Forms: Settings > \u201cOnly people in my organization can respond\u201d; "
        "leave \u201cRecord name\u201d off for students. Google Forms: Settings > Responses: "
        "\u201cRestrict to users in your school\u201d; do not collect email addresses for "
        "students." if audience == "mentee" else
        "Microsoft Forms: Settings > \u201cOnly people in my organization can respond\u201d and "
        "\u201cRecord name\u201d. Google Forms: Settings > Responses > \u201cCollect email "
        "addresses\u201d (Verified). MentorDesk knows each mentor by that email.")
    lines = [
        f"{start}",
        "=" * len(start),
        "",
        f"The {who}' survey{' at ' + school_name if school_name else ''}, written out by "
        "MentorDesk to copy into a new form in Microsoft Forms or Google Forms.",
        "",
        "BEFORE YOU SHARE IT",
        *_bullets([OUTSIDE_THE_SCHOOL] + ([ID_NOT_NAME] if audience == "mentee" else []) + [
            f"Give the form exactly this title: \u201c{start}\u201d. For the end of mentoring, "
            f"copy the form and call the copy \u201c{end}\u201d: MentorDesk reads "
            "\u201cstart\u201d or \u201cend\u201d in the exported file's name.",
            "Copy each question's words exactly, in this order. The words become the column "
            "headings of the answers, and MentorDesk knows each question by them.",
            settings,
        ]),
        "",
        "QUESTIONS",
        *_questions(survey_questions(audience, questions)),
        "",
        "WHEN THE ANSWERS ARE IN",
        *_bullets([
            "Microsoft Forms: Responses > Open in Excel, and save the workbook. Google Forms: "
            "Responses > Download responses (.csv).",
            "In MentorDesk: File > Import\u2026 and choose Survey answers (headless: "
            "python main.py import surveys FILE).",
        ]),
        "",
    ]
    return "\n".join(lines)


def checkin_questions(topics: Sequence[str]) -> list[FormQuestion]:
    """The check-in form's questions, the school's meeting topics as the topic choices."""
    listed = []
    for question in checkin.QUESTIONS:
        kind = "long" if question.key == "notes" else question.kind
        choices = tuple(topics) if question.key == "topics" else question.choices
        listed.append(FormQuestion(question.text, kind, question.required, question.help,
                                   choices))
    return listed


def checkin_list(school_name: str, topics: Sequence[str]) -> str:
    """The meeting check-in form as a list to copy into a forms tool."""
    title = checkin.TITLE
    lines = [
        title,
        "=" * len(title),
        "",
        f"The form mentors{' at ' + school_name if school_name else ''} fill in after each "
        "meeting, written out by MentorDesk to copy into a new form in Microsoft Forms or "
        "Google Forms.",
        "",
        "BEFORE YOU SHARE IT",
        *_bullets([
            OUTSIDE_THE_SCHOOL, CHECKIN_NOTICE,
            "Copy each question's words exactly, in this order: MentorDesk knows each answer "
            "by its question's words, so the export imports with no questions asked.",
            "Microsoft Forms: Settings > \u201cOnly people in my organization can respond\u201d "
            "and \u201cRecord name\u201d. Google Forms: Settings > Responses > \u201cCollect "
            "email addresses\u201d (Verified). MentorDesk knows each mentor by that email, and "
            "takes a check-in only for that mentor's own mentees.",
            "A \u201cYes\u201d to the counselor's help becomes an open referral in MentorDesk, "
            "raised by that mentor, for you to pass on.",
        ]),
        "",
        "QUESTIONS",
        *_questions(checkin_questions(topics)),
        "",
        "WHEN THE ANSWERS ARE IN",
        *_bullets([
            "Microsoft Forms: Responses > Open in Excel, and save the workbook. Google Forms: "
            "Responses > Download responses (.csv).",
            "In MentorDesk: File > Import\u2026 and choose Meetings (headless: python main.py "
            "import meetings FILE). Importing the same export again adds nothing twice, so "
            "import the whole export each time.",
        ]),
        "",
    ]
    return "\n".join(lines)


def _bullets(items: Sequence[str]) -> list[str]:
    return [f"- {item}" for item in items]


def _questions(questions: Sequence[FormQuestion]) -> list[str]:
    lines = []
    for number, question in enumerate(questions, start=1):
        lines.append(f"{number}. {question.text}")
        lines.append(f"   Type: {_TYPES[question.kind]}. "
                     f"{'Required' if question.required else 'Not required'}.")
        if question.help:
            lines.append(f"   Under the question: {question.help}")
        if question.choices:
            lines.append("   Choices, one per line:")
            lines.extend(f"      {choice}" for choice in question.choices)
        lines.append("")
    return lines


def save_text(text: str, path: Path | str) -> Path:
    """Write a list as a UTF-8 text file (with a byte-order mark, so Notepad shows accents)."""
    return write_atomically(path, lambda temporary: temporary.write_text(
        "\ufeff" + text.replace("\n", "\r\n"), encoding="utf-8", newline=""))


def phase_title(audience: str, phase: str) -> str:
    """The form's title for one time ("... (start)")."""
    return FORM_TITLES[(audience, phase)]

