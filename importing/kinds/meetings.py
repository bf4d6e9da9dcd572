"""Meetings from a mentoring log: found again by student and date (and mentor when the student
has two).

The answers to MentorDesk's meeting check-in form (program/checkin.py), exported from Microsoft
Forms or Google Forms, are a mentoring log too: the columns are known by the form's questions
(no mapping), the mentor is the one who sent it (Email, else Name), the student is looked for
among that mentor's mentees only, and a "yes" to needing the counselor's help raises an open
referral, once, raised by that mentor.
"""

from __future__ import annotations

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
    day_words,
    listed,
    plural,
    rows_of,
    verb,
)
from importing.kinds.forms import map_tool_columns, question_columns, timestamp_of
from importing.kinds.people import MentorFinder, StudentFinder
from importing.kinds.sorting import Seen, sort_out
from importing.values import (
    Unreadable,
    parse_availability,
    parse_date,
    parse_id,
    parse_whole_number,
    parse_yes_no,
    text_of,
)
from program import checkin
from storage import import_lookups
from storage import meetings as meeting_store
from storage import referrals as referral_store
from storage.import_changes import ChangeLog

FIELDS = (
    f.STUDENT_ID, f.SIS_ID, f.STATE_ID, f.SOURCED_ID, f.FULL_NAME, f.LAST_NAME, f.FIRST_NAME,
    f.GRADE, f.MATCH_MENTOR,
    f.MATCH_MENTOR_EMAIL, f.MATCH_MENTOR_FIRST, f.MATCH_MENTOR_LAST, f.MET_ON, f.MINUTES,
    f.MEETING_KIND, f.OUTCOME, f.TOPICS, f.NOTES, f.MEETING_SLOT, f.MENTEE, f.PLACE,
    f.NEEDS_HELP,
    # When a check-in was sent (the forms tool's Timestamp): the day its referral was raised.
    f.field("submitted_at", "When the check-in was sent", "timestamp", "completion time"),
)
KIND_WORDS = {
    "one_to_one": ("one to one", "one-to-one", "1:1", "1-1", "individual", "1 on 1",
                   "one on one", "check in", "check-in", "meeting"),
    "group": ("group", "lunch group", "small group"),
    "activity": ("activity", "event", "game", "field trip", "club"),
    "family_contact": ("family", "family contact", "parent", "phone call", "home visit",
                       "call home", "parent contact"),
    "absent_day_checkin": ("absent day", "absence check-in", "absent check-in",
                           "absent day check-in", "welcome back"),
}
OUTCOME_WORDS = {
    "held": ("held", "met", "yes", "done", "completed", "attended", "present", "happened"),
    "student_absent": ("student absent", "absent", "no show", "no-show", "student not there",
                       "missed"),
    "cancelled": ("cancelled", "canceled", "postponed", "rescheduled", "mentor absent",
                  "did not meet", "no"),
}
COMPARED = ("slot", "minutes", "kind", "outcome", "notes")


@dataclass
class Actions:
    new: list[dict] = field(default_factory=list)
    updates: list[tuple[dict, dict]] = field(default_factory=list)
    new_topics: list[str] = field(default_factory=list)
    # Referrals a check-in asks for: the meeting's values (a new meeting) or the stored
    # meeting's id (one already there), the student, the mentor, the day and the note.
    referrals: list[dict] = field(default_factory=list)


def refine(table: Table) -> None:
    """An export of the check-in form: each question's column means what the form asked, the
    forms tool's Email and Name are the mentor's, its ID the response's number."""
    texts = {normalize_header(question.text): question.key for question in checkin.QUESTIONS}
    found = question_columns(table, texts)
    if len(found) < 3:
        return
    table.mapping = {column: key for column, key in table.mapping.items()
                     if column not in found and key not in found.values()}
    table.mapping.update(found)
    map_tool_columns(table, name_key="mentor", email_key="mentor_email")
    for column, key in list(table.mapping.items()):
        if key == "response_number":
            del table.mapping[column]


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the log's meetings with the year's; nothing is written."""
    year = context.require_year("Meetings")
    db = context.db
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    students = StudentFinder(db, year["id"])
    mentors = MentorFinder(db)
    matches_of: dict[int, list[dict]] = {}
    for match in import_lookups.matches_with_names(db, year["id"]):
        matches_of.setdefault(match["student_id"], []).append(match)
    existing: dict[tuple[int, str], dict] = {}
    for meeting in import_lookups.meetings_by_match(db, year["id"]):
        existing.setdefault((meeting["match_id"], meeting["met_on"]), meeting)
    referred = {(row["meeting_id"], row["raised_by_mentor_id"])
                for row in referral_store.referrals_in_year(db, year["id"]) if row["meeting_id"]}
    topics = import_lookups.topics(db)
    actions = Actions()
    seen: Seen = Seen()
    rows = list(rows_of(tables))
    students.prepare(rows, problems)
    found = []
    for row in rows:
        from_form = row.get("mentee") is not None
        if from_form:
            mentor, student = _checkin_people(row, mentors, students, matches_of, problems)
            if student is None:
                result.skipped += 1
                continue
        else:
            student = students.find(row, problems)
            if student is None:
                result.skipped += 1
                continue
            mentor = mentors.find(row, problems) if mentors.named(row) else None
            if mentors.named(row) and mentor is None:
                result.skipped += 1
                continue
        values = _read_values(row, year, topics, actions, problems)
        if values is None:
            result.skipped += 1
            continue
        match = _match_for(row, student, mentor, values["met_on"], matches_of, problems)
        if match is None:
            result.skipped += 1
            continue
        key = (match["id"], values["met_on"])
        earlier = seen.add(key, row)
        if earlier is not None:
            problems.add(row, "met_on", f"Row {earlier.number} already has a meeting for this "
                                        "student on this date: this row was skipped.")
            result.skipped += 1
            continue
        if from_form:
            values["from_form"] = True
            values["help"] = _needs_help(row, problems)
            values["submitted_on"] = _submitted_on(row) or values["met_on"]
            values["student_name"] = f"{student['first_name']} {student['last_name']}"
        found.append((match, values))
    sorted_meetings = sort_out(found, lambda item: existing.get((item[0]["id"],
                                                                 item[1]["met_on"])),
                               lambda item, old: _changes(item[1], old, topics))
    actions.new = [{"match_id": match["id"], "mentor_id": match["mentor_id"], **values}
                   for match, values in sorted_meetings.new]
    actions.updates = [(old, changes) for _, old, changes in sorted_meetings.changed]
    sorted_meetings.count_into(result)
    _referrals_asked(actions, sorted_meetings, referred, year, result)
    if actions.new_topics:
        result.notes.append("New topics will be added to the list: "
                            + ", ".join(actions.new_topics) + ".")
    result.details["topics_added"] = actions.new_topics
    result.problems = problems.finished()
    result.actions = actions
    return result


def _changes(values: dict[str, Any], old: dict, topics: dict[str, int]) -> dict[str, Any]:
    """What the file would change in a stored meeting (a check-in only fills what the stored
    meeting leaves blank: it never overwrites what the facilitator wrote)."""
    changes = {k: values[k] for k in COMPARED if values[k] is not None and values[k] != old[k]}
    if values.get("from_form"):
        changes = {k: value for k, value in changes.items() if old[k] in (None, "")}
        if old["topic_list"]:
            return changes
    old_topics = sorted(int(t) for t in (old["topic_list"] or "").split(",") if t)
    if values["topic_names"] and sorted(_topic_ids(values, topics)) != old_topics:
        changes["topic_names"] = values["topic_names"]
    return changes


def _topic_ids(values: dict, topics: dict[str, int]) -> list[int]:
    return [topics[name.lower()] for name in values["topic_names"] if name.lower() in topics]


def _read_values(row: Row, year: dict, topics: dict[str, int], actions: Actions,
                 problems: Problems) -> dict[str, Any] | None:
    raw = row.get("met_on")
    if raw is None:
        problems.add(row, None, "This row has no meeting date: it was skipped.")
        return None
    try:
        met_on = parse_date(raw).isoformat()
    except Unreadable as error:
        problems.unreadable(row, "met_on", error, "The row was skipped.")
        return None
    if not year["first_day"] <= met_on <= year["last_day"]:
        problems.group("outside_year", row, "met_on", met_on,
                       lambda rows, days: f"{plural(rows, 'meeting row')} "
                       f"{verb(rows, 'is', 'are')} dated outside the school year {year['name']} "
                       f"and {verb(rows, 'was', 'were')} skipped. Import "
                       f"{verb(rows, 'it', 'them')} into the school year "
                       f"{verb(rows, 'it belongs', 'they belong')} to.")
        return None
    values: dict[str, Any] = {"met_on": met_on, "slot": None, "minutes": None, "kind": None,
                              "outcome": None, "notes": None, "topic_names": []}
    minutes = row.get("minutes")
    if minutes is not None:
        try:
            values["minutes"] = parse_whole_number(minutes, what="number of minutes")
        except Unreadable as error:
            problems.unreadable(row, "minutes", error, "The minutes were left blank.")
    kind = row.get("meeting_kind")
    if kind is not None:
        values["kind"] = _word_choice(kind, KIND_WORDS) or "one_to_one"
    outcome = row.get("outcome")
    if outcome is not None:
        values["outcome"] = _word_choice(outcome, OUTCOME_WORDS)
        if values["outcome"] is None:
            try:
                values["outcome"] = "held" if parse_yes_no(outcome) else "cancelled"
            except Unreadable:
                problems.add(row, "outcome", f'"{text_of(outcome)}" does not say whether the '
                                             "meeting was held; it was taken as held.")
                values["outcome"] = "held"
    notes = row.get("notes")
    if notes is not None:
        values["notes"] = text_of(notes)
    place = row.get("place")
    if place is not None:
        values["note_alone"] = values["notes"] or ""
        values["notes"] = checkin.meeting_note(text_of(place), values["notes"])
    slot = row.get("slot")
    if slot is not None:
        try:
            grid, _ = parse_availability(slot)
            slots = {s for _, s in grid}
            if len(slots) == 1:
                values["slot"] = slots.pop()
        except Unreadable:
            pass
    raw_topics = row.get("topics")
    if raw_topics is not None:
        for name in (part.strip() for part in text_of(raw_topics).replace(";", ",").split(",")):
            if not name:
                continue
            values["topic_names"].append(name)
            if name.lower() not in topics and name.lower() not in \
                    [t.lower() for t in actions.new_topics]:
                actions.new_topics.append(name)
    return values


def _checkin_people(row: Row, mentors: MentorFinder, students: StudentFinder,
                    matches_of: dict[int, list[dict]], problems: Problems
                    ) -> tuple[dict | None, dict | None]:
    """(mentor, student) of a check-in: the mentor who sent it, and the mentee it names,
    looked for among that mentor's mentees only."""
    if not mentors.named(row):
        problems.group("checkin_no_mentor", row, None, str(row.number),
                       lambda rows, _: f"{plural(rows, 'check-in')} "
                       f"{verb(rows, 'does', 'do')} not say which mentor sent "
                       f"{verb(rows, 'it', 'them')} and {verb(rows, 'was', 'were')} skipped. "
                       "Set the form to record each person's email (Microsoft Forms: only "
                       "people in your organization can respond, record name; Google Forms: "
                       "collect email addresses), or add the mentor's email to those rows.")
        return None, None
    mentor = mentors.find(row, problems)
    if mentor is None:
        return None, None
    mentees = {}
    for student_matches in matches_of.values():
        for match in student_matches:
            if match["mentor_id"] == mentor["id"]:
                mentees[match["student_id"]] = students.by_id.get(match["student_id"])
    mentees = {key: value for key, value in mentees.items() if value is not None}
    written = text_of(row.get("mentee"))
    mentor_name = f"{mentor['first_name']} {mentor['last_name']}".strip()
    student = _mentee_by_id(written, students)
    if student is None:
        named = _mentees_by_name(written, mentees.values())
        if len(named) == 1:
            return mentor, named[0]
        if len(named) > 1:
            problems.add(row, "mentee", f"{mentor_name} has {len(named)} mentees who could be "
                                        f"“{written}”: the check-in was skipped. Add "
                                        "the student's ID to that row, or log the meeting in "
                                        "MentorDesk.")
            return None, None
        problems.add(row, "mentee", f"\u201c{written}\u201d is not one of {mentor_name}'s "
                                    "mentees this year: the check-in was skipped. Check the "
                                    "ID with the mentor.")
        return None, None
    if student["id"] not in mentees:
        problems.add(row, "mentee", f"{student['first_name']} {student['last_name']} is not "
                                    f"{mentor_name}'s mentee this year, so MentorDesk did not "
                                    "add the check-in to anyone. Check the student's ID with "
                                    "the mentor, or match them first if they now meet.")
        return None, None
    return mentor, student


def _mentee_by_id(written: str, students: StudentFinder) -> dict | None:
    try:
        value = parse_id(written)
    except Unreadable:
        return None
    found, _ = students.ids.find(value)
    if found is None or found < 0 or found not in students.by_id:
        return None
    return students.by_id[found]


def _mentees_by_name(written: str, mentees) -> list[dict]:
    """The mentor's mentees a name fits: first and last, preferred and last, "last, first",
    or a first (or preferred) name alone."""
    wanted = " ".join(written.lower().replace(",", " , ").split())
    fits = []
    for student in mentees:
        first, last = student["first_name"].lower(), student["last_name"].lower()
        preferred = (student.get("preferred_name") or "").lower()
        names = {f"{first} {last}", f"{last} , {first}", first}
        if preferred:
            names |= {f"{preferred} {last}", preferred}
        if wanted in names:
            fits.append(student)
    return fits


def _needs_help(row: Row, problems: Problems) -> bool:
    raw = row.get("needs_help")
    if raw is None:
        return False
    try:
        return bool(parse_yes_no(raw))
    except Unreadable:
        problems.add(row, "needs_help", f"“{text_of(raw)}” does not say yes or no to "
                                        "the counselor's help; no referral was raised. Ask the "
                                        "mentor.")
        return False


def _submitted_on(row: Row) -> str | None:
    raw = row.get("submitted_at")
    if raw is None:
        return None
    try:
        return timestamp_of(raw).date().isoformat()
    except Unreadable:
        return None


def _referrals_asked(actions: Actions, sorted_meetings, referred: set[tuple[int, int]],
                     year: dict, result: KindPlan) -> None:
    """The open referrals the check-ins ask for, once each: none where the meeting already
    has one raised by that mentor."""
    for match, values in sorted_meetings.new:
        if values.get("help"):
            actions.referrals.append(_referral(match, values, None, year))
    for (match, values), old in ([(item, old) for item, old, _ in sorted_meetings.changed]
                                 + list(sorted_meetings.unchanged)):
        if values.get("help") and (old["id"], match["mentor_id"]) not in referred:
            actions.referrals.append(_referral(match, values, old["id"], year))
    names = [referral["student_name"] for referral in actions.referrals]
    if names:
        result.notes.append(f"{plural(len(names), 'check-in')} {verb(len(names), 'asks', 'ask')} "
                            f"for the counselor's help ({listed(names)}): "
                            f"{verb(len(names), 'an open referral', 'open referrals')} raised by "
                            f"the mentor, noted “{checkin.REFERRAL_NOTE}”.")
    result.details["referrals_raised"] = len(names)


def _referral(match: dict, values: dict, meeting_id: int | None, year: dict) -> dict:
    opened = values["submitted_on"]
    if not year["first_day"] <= opened <= year["last_day"]:
        opened = values["met_on"]
    return {"match_id": match["id"], "met_on": values["met_on"], "meeting_id": meeting_id,
            "student_id": match["student_id"], "mentor_id": match["mentor_id"],
            "opened_on": opened, "student_name": values["student_name"],
            "need": checkin.referral_need(values.get("note_alone", values["notes"]))}


def _word_choice(value: Any, words: dict[str, tuple[str, ...]]) -> str | None:
    text = text_of(value).lower().replace("_", " ")
    for choice, options in words.items():
        if text in options or text == choice.replace("_", " "):
            return choice
    for choice, options in words.items():
        if any(option in text for option in options if len(option) > 3):
            return choice
    return None


def _match_for(row: Row, student: dict, mentor: dict | None, met_on: str,
               matches_of: dict[int, list[dict]], problems: Problems) -> dict | None:
    candidates = matches_of.get(student["id"], [])
    if mentor is not None:
        candidates = [m for m in candidates if m["mentor_id"] == mentor["id"]]
    if not candidates:
        who = f"{student['first_name']} {student['last_name']}"
        problems.group("no_match", row, None, who,
                       lambda rows, names: f"{plural(rows, 'meeting row')} "
                       f"{verb(rows, 'is', 'are')} for students with no "
                       f"match{' with that mentor' if mentor else ''} this year "
                       f"({listed(names)}) and {verb(rows, 'was', 'were')} skipped. Import the "
                       "matches first.")
        return None
    current = [m for m in candidates
               if m["started_on"] <= met_on and (m["ended_on"] is None or met_on <= m["ended_on"])]
    if len(current) == 1:
        return current[0]
    if len(current) > 1 or (not current and len(candidates) > 1):
        problems.add(row, None, f"{student['first_name']} {student['last_name']} had more than one "
                                f"mentor on {day_words(met_on)}: add a mentor column to say "
                                "which. The row was skipped.")
        return None
    problems.add(row, "met_on", f"{day_words(met_on)} is outside the dates of this student's "
                                "match; the meeting was still added to it.")
    return candidates[0]


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's meetings (caller's transaction)."""
    actions: Actions = kind_plan.actions
    topics = import_lookups.topics(db)
    for name in actions.new_topics:
        topic_id = import_lookups.add_topic(db, name)
        topics[name.lower()] = topic_id
        log.inserted("topics", {"id": topic_id})
    made: dict[tuple[int, str], int] = {}
    for index, new in enumerate(actions.new):
        meeting_id = meeting_store.add_meeting(
            db, new["mentor_id"], [new["match_id"]], new["met_on"], slot=new["slot"],
            minutes=new["minutes"], kind=new["kind"] or "one_to_one",
            outcome=new["outcome"] or "held", notes=new["notes"] or "",
            topic_ids=_topic_ids(new, topics), batch_id=batch_id)
        log.inserted("meetings", {"id": meeting_id})
        made[(new["match_id"], new["met_on"])] = meeting_id
        if index % 200 == 0:
            context.report(index, len(actions.new))
    for old, changes in actions.updates:
        saved = {key: old[key] for key in changes if key != "topic_names"}
        if saved:
            log.updated("meetings", {"id": old["id"]}, saved)
        update = {key: value for key, value in changes.items() if key != "topic_names"}
        if "topic_names" in changes:
            for topic_id in (int(t) for t in (old["topic_list"] or "").split(",") if t):
                key = {"meeting_id": old["id"], "topic_id": topic_id}
                log.deleted("meeting_topics", key, dict(key))
            update["topic_ids"] = _topic_ids({"topic_names": changes["topic_names"]}, topics)
            for topic_id in update["topic_ids"]:
                log.inserted("meeting_topics", {"meeting_id": old["id"], "topic_id": topic_id})
        meeting_store.update_meeting(db, old["id"], **update)
    for referral in actions.referrals:
        meeting_id = referral["meeting_id"] or made.get((referral["match_id"], referral["met_on"]))
        mentor = import_lookups.mentor_name(db, referral["mentor_id"])
        referral_id = referral_store.add_referral(
            db, referral["student_id"], kind_plan.year_id, "counselor", referral["opened_on"],
            referral["need"], raised_by=mentor, raised_by_mentor_id=referral["mentor_id"],
            meeting_id=meeting_id)
        log.inserted("referrals", {"id": referral_id})
    context.report(1, 1)


KIND = Kind(
    name="meetings",
    label="Meetings (a mentoring log)",
    fields=FIELDS,
    required=tuple(frozenset({student, "met_on"}) for student in
                   ("student_id", "sis_id", "state_id", "sourced_id", "full_name", "mentee"))
    + (frozenset({"last_name", "first_name", "met_on"}),),
    plan=plan,
    write=write,
    needs="a student ID (or name) and the meeting date",
    refine=refine,
)
