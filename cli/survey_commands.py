"""survey / checkin: the pre/post surveys' questions, the lists for a forms tool, the paper
form, the sheet for typing paper answers, a student's answers; the check-in form's list."""

from __future__ import annotations

import argparse
from pathlib import Path

from actions import surveys as survey_actions
from cli import add_json_flag
from cli.files import open_for_reading, open_for_writing
from cli.output import Output
from program.surveys import AGREEMENT, PHASES, agreement_words
from storage import lookups, settings, students, surveys
from storage.errors import InvalidInput

AUDIENCE_WORDS = {"students": "mentee", "mentees": "mentee", "mentors": "mentor"}
WHEN_WORDS = {"start": "pre", "end": "post"}


def register(subparsers: argparse._SubParsersAction) -> None:
    survey = subparsers.add_parser("survey", help="the pre/post surveys of students and mentors")
    actions = survey.add_subparsers(dest="survey_action", metavar="ACTION")

    listing = actions.add_parser("list", help="the questions, with their numbers")
    _audience(listing, required=False)
    listing.add_argument("--all", action="store_true", help="also the questions taken out")
    add_json_flag(listing)
    listing.set_defaults(handler=list_questions)

    adding = actions.add_parser("add", help="add a question at the end of a survey")
    adding.add_argument("text", metavar="TEXT")
    _audience(adding)
    adding.add_argument("--own-words", action="store_true",
                        help="answered in their own words (default: agree or disagree)")
    add_json_flag(adding)
    adding.set_defaults(handler=add_question)

    reword = actions.add_parser("reword", help="change a question's words")
    reword.add_argument("number", type=int, metavar="NUMBER")
    reword.add_argument("text", metavar="TEXT")
    add_json_flag(reword)
    reword.set_defaults(handler=reword_question)

    move = actions.add_parser("move", help="move a question up (-1) or down (1)")
    move.add_argument("number", type=int, metavar="NUMBER")
    move.add_argument("places", type=int, metavar="PLACES")
    add_json_flag(move)
    move.set_defaults(handler=move_question)

    remove = actions.add_parser("remove", help="take a question out (kept if answered)")
    remove.add_argument("number", type=int, metavar="NUMBER")
    add_json_flag(remove)
    remove.set_defaults(handler=remove_question)

    restore = actions.add_parser("restore", help="bring a question taken out back")
    restore.add_argument("number", type=int, metavar="NUMBER")
    add_json_flag(restore)
    restore.set_defaults(handler=restore_question)

    form = actions.add_parser("form", help="the questions as a list to copy into Microsoft "
                              "Forms or Google Forms")
    form.add_argument("out", metavar="OUT.txt")
    _audience(form)
    add_json_flag(form)
    form.set_defaults(handler=save_form_list)

    paper = actions.add_parser("paper", help="the printable paper form (PDF)")
    paper.add_argument("out", metavar="OUT.pdf")
    _audience(paper)
    paper.add_argument("--paper", choices=("letter", "a4"),
                       help="paper size (default: your computer's usual one)")
    add_json_flag(paper)
    paper.set_defaults(handler=save_paper_form)

    sheet = actions.add_parser("sheet", help="a sheet to type paper answers into (imports "
                               "with import surveys)")
    sheet.add_argument("out", metavar="OUT.xlsx")
    _audience(sheet)
    sheet.add_argument("--when", choices=tuple(WHEN_WORDS), required=True,
                       help="answers from the start or the end of mentoring")
    add_json_flag(sheet)
    sheet.set_defaults(handler=save_answer_sheet)

    answers = actions.add_parser("answers", help="a student's survey answers")
    answers.add_argument("student", metavar="STUDENT_ID")
    add_json_flag(answers)
    answers.set_defaults(handler=student_answers)

    checkin = subparsers.add_parser("checkin", help="the meeting check-in form for mentors")
    what = checkin.add_subparsers(dest="checkin_action", metavar="ACTION")
    checkin_form = what.add_parser("form", help="its questions as a list to copy into Microsoft "
                                   "Forms or Google Forms")
    checkin_form.add_argument("out", metavar="OUT.txt")
    add_json_flag(checkin_form)
    checkin_form.set_defaults(handler=save_checkin_list)


def _audience(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--for", dest="audience", choices=tuple(AUDIENCE_WORDS),
                        required=required, help="the students' or the mentors' survey")


def _question_document(row: dict) -> dict:
    return {"number": row["id"], "survey": "students" if row["audience"] == "mentee"
            else "mentors", "text": row["text"],
            "answered": "agree_or_disagree" if row["kind"] == "agreement" else "own_words",
            "in_survey": bool(row["active"])}


def list_questions(args: argparse.Namespace, out: Output) -> int:
    audience = AUDIENCE_WORDS.get(args.audience or "")
    with open_for_reading(args) as data:
        rows = surveys.questions(data.db, audience, include_retired=args.all)
    document = [_question_document(row) for row in rows]
    lines = []
    for row in document:
        how = "agree/disagree" if row["answered"] == "agree_or_disagree" else "own words"
        out_of = "" if row["in_survey"] else "  (taken out)"
        lines.append(f"{row['number']:>4}  {row['survey']:<8} {how:<15} {row['text']}{out_of}")
    return out.result(document, lines or "No questions.")


def _answered(args: argparse.Namespace, out: Output, outcome) -> int:
    with open_for_reading(args) as data:
        row = surveys.question(data.db, outcome.value) if outcome.value else None
    document = {"message": outcome.message, **(_question_document(row) if row else {})}
    return out.result(document, outcome.message)


def add_question(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        outcome = survey_actions.add_question(data.db, AUDIENCE_WORDS[args.audience], args.text,
                                              "text" if args.own_words else "agreement")
    return _answered(args, out, outcome)


def reword_question(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        outcome = survey_actions.reword_question(data.db, args.number, args.text)
    return out.result({"number": args.number, "message": outcome.message}, outcome.message)


def move_question(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        outcome = survey_actions.move_question(data.db, args.number, args.places)
    return out.result({"number": args.number, "message": outcome.message}, outcome.message)


def remove_question(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        outcome = survey_actions.remove_question(data.db, args.number)
    return out.result({"number": args.number, "message": outcome.message}, outcome.message)


def restore_question(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        outcome = survey_actions.restore_question(data.db, args.number)
    return out.result({"number": args.number, "message": outcome.message}, outcome.message)


def save_form_list(args: argparse.Namespace, out: Output) -> int:
    from reports.form_questions import ID_NOT_NAME, OUTSIDE_THE_SCHOOL, save_text, survey_list

    audience = AUDIENCE_WORDS[args.audience]
    with open_for_reading(args) as data:
        text = survey_list(settings.get(data.db, "school_name"), audience,
                           surveys.questions(data.db, audience))
    saved = save_text(text, _with_suffix(args.out, ".txt"))
    notices = [OUTSIDE_THE_SCHOOL] + ([ID_NOT_NAME] if audience == "mentee" else [])
    return out.result({"file": str(saved), "survey": args.audience, "notices": notices},
                      [f"Saved the {args.audience}' survey questions to {saved}.", *notices])


def save_checkin_list(args: argparse.Namespace, out: Output) -> int:
    from reports.form_questions import CHECKIN_NOTICE, OUTSIDE_THE_SCHOOL, checkin_list, save_text

    with open_for_reading(args) as data:
        topics = [row["name"] for row in lookups.entries(data.db, "topics")]
        text = checkin_list(settings.get(data.db, "school_name"), topics)
    saved = save_text(text, _with_suffix(args.out, ".txt"))
    notices = [OUTSIDE_THE_SCHOOL, CHECKIN_NOTICE]
    return out.result({"file": str(saved), "notices": notices},
                      [f"Saved the meeting check-in form's questions to {saved}.", *notices])


def save_paper_form(args: argparse.Namespace, out: Output) -> int:
    from reports.qt_app import ensure_gui_application
    from reports.survey_paper import save_paper_form as save

    audience = AUDIENCE_WORDS[args.audience]
    with open_for_reading(args) as data:
        questions = surveys.questions(data.db, audience)
        school, logo = settings.get(data.db, "school_name"), settings.get(data.db, "school_logo")
    ensure_gui_application()
    saved = save(_with_suffix(args.out, ".pdf"), audience, questions, school_name=school,
                 logo_path=logo, paper=args.paper)
    return out.result({"file": str(saved), "survey": args.audience},
                      f"Saved the {args.audience}' paper survey to {saved}.")


def save_answer_sheet(args: argparse.Namespace, out: Output) -> int:
    from reports.survey_sheet import write_answer_sheet

    audience = AUDIENCE_WORDS[args.audience]
    with open_for_reading(args) as data:
        questions = surveys.questions(data.db, audience)
    saved = write_answer_sheet(_with_suffix(args.out, ".xlsx"), audience,
                               WHEN_WORDS[args.when], questions)
    return out.result({"file": str(saved), "survey": args.audience, "when": args.when},
                      f"Saved the sheet for typing the {args.audience}' paper answers "
                      f"({args.when}) to {saved}. Import it with: import surveys "
                      f"\"{saved}\" --when {args.when}")


def student_answers(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        student = students.student_by_local_id(data.db, args.student.strip())
        if student is None:
            raise InvalidInput(f"No student has the ID {args.student}. Check the number.")
        responses = surveys.responses_of_student(data.db, student["id"])
        texts = {row["id"]: row["text"] for row in
                 surveys.questions(data.db, "mentee", include_retired=True)}
    document = [{"year": row["year_name"], "when": "start" if row["phase"] == "pre" else "end",
                 "answered_on": row["answered_on"],
                 "answers": [{"question": texts.get(question, ""), "value": value,
                              "answer": agreement_words(value) if value else text}
                             for question, (value, text) in sorted(row["answers"].items())]}
                for row in responses]
    name = f"{student['first_name']} {student['last_name']}"
    if not document:
        return out.result(document, f"{name} has no survey answers yet.")
    lines = []
    for response in document:
        when = PHASES["pre" if response["when"] == "start" else "post"].lower()
        lines.append(f"{name}, {response['year']}, {when} of mentoring "
                     f"(answered {response['answered_on']}):")
        lines += [f"  {item['answer']:<{max(len(w) for w in AGREEMENT)}}  {item['question']}"
                  for item in response["answers"]]
    return out.result(document, lines)


def _with_suffix(text: str, suffix: str) -> Path:
    path = Path(text).expanduser()
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)
