"""Survey answers: the responses workbook or CSV that Microsoft Forms or Google Forms exports
(Timestamp, Email or Name, a column per question), or the sheet paper answers were typed into.

Which survey (the students' or the mentors') is told by the questions the columns name; when
(start or end of mentoring) by the import's choice, else by the file's name ("... (start)").
A student is found by the ID the form asks for (by name only when no ID is given and one
student has it); a mentor by email, else by name when only one mentor has it. A person has one
response per school year and time: a later one replaces an earlier one, and importing the same
export again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from importing import fields as f
from importing.headers import Table, normalize_header
from importing.kinds.base import (
    Context,
    Kind,
    KindPlan,
    Problems,
    Row,
    listed,
    plural,
    rows_of,
    verb,
)
from importing.kinds.forms import Aliased, map_tool_columns, question_columns, timestamp_of
from importing.kinds.people import MentorFinder, StudentFinder
from importing.kinds.sorting import sort_out
from importing.problems import ImportRefused
from importing.values import Unreadable, text_of
from program.surveys import AGREEMENT, AUDIENCES, PHASE_WORDS, phase_from_words
from program.surveys import agreement_value as read_agreement
from storage import surveys as survey_store
from storage.import_changes import ChangeLog

FIELDS = (f.SUBMITTED_AT, f.RESPONSE_NUMBER, f.STUDENT_ID, f.FULL_NAME, f.RESPONDENT_EMAIL,
          f.IGNORED_FORM)
# The mentor finder reads these names; a mentors' form has them as Email and Name.
_MENTOR_NAMES = {"mentor_email": "email", "mentor": "full_name", "mentor_first_name": "-",
                 "mentor_last_name": "-"}


@dataclass
class Response:
    """One person's answers as the file gives them."""

    person_id: int
    who: str
    row: Row
    submitted: dt.datetime
    answers: dict[int, tuple[int | None, str]] = field(default_factory=dict)

    @property
    def submitted_at(self) -> str:
        return self.submitted.isoformat(sep=" ")


@dataclass
class Actions:
    audience: str = "mentee"
    phase: str = "pre"
    new: list[Response] = field(default_factory=list)
    updates: list[tuple[Response, dict]] = field(default_factory=list)


def refine(table: Table) -> None:
    """A forms tool's own columns (its "ID" is the response's number, not a student's)."""
    map_tool_columns(table)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's responses with the year's; nothing is written."""
    year = context.require_year("Survey answers")
    db = context.db
    audience, questions_of = _which_survey(db, tables, context.file_name)
    phase, said_by = _when(context, tables)
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    actions = Actions(audience=audience, phase=phase)
    rows = list(rows_of(tables))
    if audience == "mentee":
        finder: Any = StudentFinder(db, year["id"])
        finder.prepare(rows, problems)
    else:
        finder = MentorFinder(db)
    latest: dict[int, Response] = {}
    older_rows = 0
    for row in rows:
        response = _read(row, audience, finder, questions_of[row.table.name], year, problems)
        if response is None:
            result.skipped += 1
            continue
        earlier = latest.get(response.person_id)
        if earlier is not None:
            older_rows += 1
            result.skipped += 1
            if response.submitted < earlier.submitted:
                continue
        latest[response.person_id] = response
    if older_rows:
        result.notes.append(f"{plural(older_rows, 'response')} came from people who answered "
                            f"more than once; only each person's latest answers were kept.")
    stored = {row["student_id" if audience == "mentee" else "mentor_id"]: row
              for row in survey_store.responses_in_year(db, year["id"], audience)
              if row["phase"] == phase}
    newer_stored = []
    sorted_responses = sort_out(
        latest.values(), lambda response: stored.get(response.person_id),
        lambda response, old: _changes(response, old, newer_stored))
    actions.new = list(sorted_responses.new)
    actions.updates = [(response, old) for response, old, _ in sorted_responses.changed]
    sorted_responses.count_into(result)
    if newer_stored:
        result.notes.append(f"MentorDesk already has later answers from {listed(newer_stored)}; "
                            f"{verb(len(newer_stored), 'it was', 'they were')} kept.")
    who = "students'" if audience == "mentee" else "mentors'"
    result.notes.insert(0, f"These are the {who} survey answers from the {PHASE_WORDS[phase]} "
                           f"of mentoring ({said_by}).")
    result.details.update({"survey": audience, "phase": phase,
                           "questions": sum(len(columns) for columns in questions_of.values())})
    result.problems = problems.finished()
    result.actions = actions
    return result


def _which_survey(db: sqlite_utils.Database, tables: list[Table], file_name: str
                  ) -> tuple[str, dict[str, dict[int, dict]]]:
    """The audience whose questions head the file's columns, and each sheet's question
    columns (column -> question)."""
    every = survey_store.questions(db, include_retired=True)
    best: tuple[int, str] = (0, "")
    columns_of: dict[str, dict[str, dict[int, dict]]] = {}
    for audience in AUDIENCES:
        texts = {normalize_header(q["text"]): q for q in every if q["audience"] == audience}
        columns_of[audience] = {table.name: question_columns(table, texts) for table in tables}
        found = sum(len(columns) for columns in columns_of[audience].values())
        if found > best[0]:
            best = (found, audience)
        elif found and found == best[0]:
            best = (found, "")
    if not best[1]:
        raise ImportRefused(
            f"None of the columns of {file_name} reads as a question of the students' or the "
            "mentors' survey, so MentorDesk cannot tell whose answers these are. Each "
            "question's column must be headed by the question's words, as MentorDesk wrote "
            "them out (Mentoring > Surveys); if a question was reworded in the form, reword it "
            "in MentorDesk the same way and import again.")
    audience = best[1]
    for table in tables:
        for column in columns_of[audience][table.name]:
            table.mapping.pop(column, None)  # a question's column is not a student ID
    return audience, columns_of[audience]


def _when(context: Context, tables: list[Table]) -> tuple[str, str]:
    """("pre" or "post", the words saying how MentorDesk knows)."""
    chosen = context.options.survey_phase
    if chosen:
        return chosen, "as chosen for this import"
    said = phase_from_words(context.file_name)
    if said:
        return said, "the file's name says so"
    said = phase_from_words(*[table.name for table in tables],
                            *[title for table in tables for title in table.titles])
    if said:
        return said, "the sheet says so"
    raise ImportRefused(
        f"MentorDesk cannot tell whether the answers in {context.file_name} are from the start "
        "or the end of mentoring: the file's name says neither. Say which when importing (in the "
        "import window: What it holds…; headless: --when start or --when end), or put \"start\" or "
        "\"end\" in the file's name, and import again.")


def _read(row: Row, audience: str, finder: Any, questions: dict[int, dict], year: dict,
          problems: Problems) -> Response | None:
    """One row's response, or None (the reason added to ``problems``)."""
    raw = row.get("submitted_at")
    if raw is None:
        problems.add(row, None, "This row does not say when it was answered (no Timestamp or "
                                "date): it was skipped.")
        return None
    try:
        submitted = timestamp_of(raw)
    except Unreadable as error:
        problems.unreadable(row, "submitted_at", error, "The row was skipped.")
        return None
    day = submitted.date().isoformat()
    if not year["first_day"] <= day <= year["last_day"]:
        problems.group("outside_year", row, "submitted_at", day,
                       lambda rows, days: f"{plural(rows, 'response')} "
                       f"{verb(rows, 'was', 'were')} answered outside the school year "
                       f"{year['name']} and {verb(rows, 'was', 'were')} skipped. Import "
                       f"{verb(rows, 'it', 'them')} into the school year "
                       f"{verb(rows, 'it belongs', 'they belong')} to.")
        return None
    if audience == "mentee":
        person = finder.find(row, problems)
        who = _name(person, "first_name", "last_name") if person else ""
    else:
        person = finder.find(Aliased(row, _MENTOR_NAMES), problems)
        who = _name(person, "first_name", "last_name") if person else ""
    if person is None:
        return None
    response = Response(person["id"], who, row, submitted)
    for column, question in questions.items():
        cell = row.cells[column] if column < len(row.cells) else None
        text = text_of(cell)
        if not text:
            continue
        if question["kind"] == "text":
            response.answers[question["id"]] = (None, text)
            continue
        value = read_agreement(cell)
        if value is None:
            problems.add(row, None, f'"{text}" is not one of the four answers '
                                    f"({listed(list(AGREEMENT))}) to \u201c{question['text']}"
                                    "\u201d: that answer was left out.")
            continue
        response.answers[question["id"]] = (value, "")
    if not response.answers:
        problems.add(row, None, f"{who or 'This person'} answered none of the questions: the "
                                "row was skipped.")
        return None
    return response


def _name(row: dict, first: str, last: str) -> str:
    return " ".join(part for part in (row.get(first), row.get(last)) if part)


def _changes(response: Response, old: dict, newer_stored: list[str]) -> dict | None:
    """What importing ``response`` would change in the stored one (None: nothing)."""
    if old["submitted_at"] and old["submitted_at"] > response.submitted_at:
        newer_stored.append(response.who)
        return None
    if old["submitted_at"] == response.submitted_at and old["answers"] == response.answers:
        return None
    return {"answers": response.answers}


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's responses (caller's transaction)."""
    actions: Actions = kind_plan.actions
    year_id = kind_plan.year_id
    person = "student_id" if actions.audience == "mentee" else "mentor_id"
    for index, response in enumerate(actions.new):
        response_id = survey_store.add_response(
            db, year_id=year_id, audience=actions.audience, phase=actions.phase,
            student_id=response.person_id if person == "student_id" else None,
            mentor_id=response.person_id if person == "mentor_id" else None,
            answered_on=response.submitted.date().isoformat(),
            submitted_at=response.submitted_at, source="form", batch_id=batch_id)
        log.inserted("survey_responses", {"id": response_id})
        for question_id, (value, text) in response.answers.items():
            survey_store.set_answer(db, response_id, question_id, value, text)
        if index % 200 == 0:
            context.report(index, len(actions.new))
    for response, old in actions.updates:
        log.updated("survey_responses", {"id": old["id"]},
                    {key: old[key] for key in ("answered_on", "submitted_at", "source")})
        survey_store.update_response(db, old["id"],
                                     answered_on=response.submitted.date().isoformat(),
                                     submitted_at=response.submitted_at, source="form")
        for question_id, (value, text) in old["answers"].items():
            key = {"response_id": old["id"], "question_id": question_id}
            log.deleted("survey_answers", key, {**key, "value": value, "text": text})
            survey_store.delete_answer(db, old["id"], question_id)
        for question_id, (value, text) in response.answers.items():
            survey_store.set_answer(db, old["id"], question_id, value, text)
            log.inserted("survey_answers", {"response_id": old["id"], "question_id": question_id})
    context.report(1, 1)


KIND = Kind(
    name="surveys",
    label="Survey answers (from Microsoft Forms, Google Forms or paper)",
    fields=FIELDS,
    required=(frozenset({"submitted_at"}),),
    plan=plan,
    write=write,
    needs="when each response was given (Timestamp) and a column per survey question",
    refine=refine,
    # The question columns are read by their questions' words, not through the field mapping.
    other_columns="Read as answers where they head one of the survey's questions, else not "
                  "imported",
)
