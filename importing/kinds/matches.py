"""Matches from last term's spreadsheet: which mentor has which student, since when.

A match is found again by its student (ID) and mentor within the school year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from importing import fields as f
from importing.headers import Table
from importing.kinds.base import Context, Kind, KindPlan, Problems, Row, day_words, rows_of
from importing.kinds.people import MentorFinder, StudentFinder
from importing.kinds.sorting import Seen, sort_out
from importing.values import Unreadable, parse_availability, parse_date, text_of
from storage import import_lookups, nominations
from storage import matches as match_store
from storage.import_changes import ChangeLog

FIELDS = (
    f.STUDENT_ID, f.SIS_ID, f.STATE_ID, f.SOURCED_ID, f.FULL_NAME, f.LAST_NAME, f.FIRST_NAME,
    f.GRADE, f.MATCH_MENTOR,
    f.MATCH_MENTOR_EMAIL, f.MATCH_MENTOR_FIRST, f.MATCH_MENTOR_LAST, f.STARTED_ON, f.ENDED_ON,
    f.CLOSURE_REASON, f.USUAL_TIME, f.NOTES,
)
CLOSURE_WORDS = {
    "student_moved": ("moved", "transferred", "left school", "withdrew", "withdrawn",
                      "student moved", "left the school", "moved away"),
    "mentor_left": ("mentor left", "staff left", "mentor moved", "mentor resigned", "resigned",
                    "retired", "mentor unavailable"),
    "planned_end": ("planned", "planned end", "end of year", "completed", "graduated",
                    "finished", "goals met", "year ended", "promoted"),
    "mismatch": ("mismatch", "not a good fit", "poor fit", "did not work", "didn't work",
                 "not a fit"),
}


@dataclass
class Actions:
    new: list[dict] = field(default_factory=list)
    updates: list[tuple[dict, dict]] = field(default_factory=list)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's matches with the year's; nothing is written."""
    year = context.require_year("Matches")
    db = context.db
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    students = StudentFinder(db, year["id"])
    mentors = MentorFinder(db)
    existing: dict[tuple[int, int], dict] = {}
    for match in import_lookups.matches_with_names(db, year["id"]):
        existing[(match["student_id"], match["mentor_id"])] = match  # the latest wins
    actions = Actions()
    seen: Seen = Seen()
    rows = list(rows_of(tables))
    students.prepare(rows, problems)
    found = []
    for row in rows:
        student = students.find(row, problems)
        mentor = mentors.find(row, problems) if student else None
        if student is None or mentor is None:
            result.skipped += 1
            continue
        values = _read_values(row, year, problems)
        if values is None:
            result.skipped += 1
            continue
        pair = (student["id"], mentor["id"])
        earlier = seen.add(pair, row)
        if earlier is not None:
            problems.add(row, None, f"The same student and mentor are on row {earlier.number}: "
                                    "this row was skipped.")
            result.skipped += 1
            continue
        found.append((pair, values))
    sorted_matches = sort_out(found, lambda item: existing.get(item[0]),
                              lambda item, old: _changes(item[1], old))
    actions.new = [{"student_id": student_id, "mentor_id": mentor_id, **values}
                   for (student_id, mentor_id), values in sorted_matches.new]
    actions.updates = [(old, changes) for _, old, changes in sorted_matches.changed]
    sorted_matches.count_into(result)
    result.problems = problems.finished()
    result.actions = actions
    return result


def _changes(values: dict[str, Any], old: dict) -> dict[str, Any]:
    """What the file would change in a stored match."""
    changes = {key: value for key, value in values.items()
               if key not in ("started_on", "started_on_given") and value is not None
               and value != old[key]}
    if values["started_on_given"] and values["started_on"] != old["started_on"]:
        changes["started_on"] = values["started_on"]
    return changes


def _read_values(row: Row, year: dict, problems: Problems) -> dict[str, Any] | None:
    values: dict[str, Any] = {"started_on": None, "ended_on": None, "closure_reason": None,
                              "closure_note": None, "usual_weekday": None, "usual_slot": None,
                              "started_on_given": False}
    raw = row.get("started_on")
    if raw is None:
        values["started_on"] = year["first_day"]
        problems.add(row, None, f"No start date: the match starts on the first day of the year "
                                f"({day_words(year['first_day'])}).")
    else:
        try:
            values["started_on"] = parse_date(raw).isoformat()
            values["started_on_given"] = True
        except Unreadable as error:
            problems.unreadable(row, "started_on", error, "The row was skipped.")
            return None
    if not year["first_day"] <= values["started_on"] <= year["last_day"]:
        problems.add(row, "started_on",
                     f"{day_words(values['started_on'])} is outside the school year "
                     f"{year['name']}: the row was skipped. Import it into the school "
                     "year it belongs to, or check the date.")
        return None
    raw = row.get("ended_on")
    if raw is not None:
        try:
            values["ended_on"] = parse_date(raw).isoformat()
        except Unreadable as error:
            problems.unreadable(row, "ended_on", error, "The match was left open.")
        if values["ended_on"] and values["ended_on"] < values["started_on"]:
            problems.add(row, "ended_on", "The end date is before the start date: the match "
                                          "was left open.")
            values["ended_on"] = None
    reason = row.get("closure_reason")
    if values["ended_on"]:
        values["closure_reason"], note = _closure_reason(reason)
        values["closure_note"] = note
    elif reason is not None:
        problems.add(row, "closure_reason", "There is a reason the match ended but no end date; "
                                            "the match was left open.")
    when = row.get("usual_time")
    if when is not None:
        try:
            grid, _ = parse_availability(when)
        except Unreadable:
            grid = set()
        if len(grid) == 1:
            values["usual_weekday"], values["usual_slot"] = next(iter(grid))
        else:
            problems.add(row, "usual_time", f'"{text_of(when)}" is not one day and time; the '
                                            "usual meeting time was left blank.")
    return values


def _closure_reason(value: Any) -> tuple[str, str]:
    text = text_of(value).lower()
    if not text:
        return "planned_end", ""
    for reason, words in CLOSURE_WORDS.items():
        if text.replace("_", " ") in words or any(word in text for word in words):
            return reason, text_of(value) if text not in words else ""
    return "other", text_of(value)


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's matches (caller's transaction)."""
    actions: Actions = kind_plan.actions
    for new in actions.new:
        match_id = match_store.add_match(
            db, new["mentor_id"], new["student_id"], kind_plan.year_id, new["started_on"],
            usual_weekday=new["usual_weekday"], usual_slot=new["usual_slot"], batch_id=batch_id)
        log.inserted("matches", {"id": match_id})
        # A matched student's nominations are accepted, as when matching by hand.
        for nomination_id, status in nominations.accept_open_nominations(
                db, new["student_id"], kind_plan.year_id):
            log.updated("nominations", {"id": nomination_id}, {"status": status})
        if new["ended_on"]:
            match_store.close_match(db, match_id, new["ended_on"], new["closure_reason"],
                                    new["closure_note"] or "")
    for old, changes in actions.updates:
        log.updated("matches", {"id": old["id"]}, {key: old[key] for key in changes})
        _update(db, old["id"], changes)
    context.report(1, 1)


def _update(db: sqlite_utils.Database, match_id: int, changes: dict[str, Any]) -> None:
    if "ended_on" in changes or "closure_reason" in changes:
        current = match_store.match(db, match_id)
        match_store.close_match(db, match_id, changes.get("ended_on", current["ended_on"]),
                                changes.get("closure_reason", current["closure_reason"]),
                                changes.get("closure_note", current["closure_note"]) or "")
    if "usual_weekday" in changes or "usual_slot" in changes:
        current = match_store.match(db, match_id)
        match_store.set_usual_slot(db, match_id,
                                   changes.get("usual_weekday", current["usual_weekday"]),
                                   changes.get("usual_slot", current["usual_slot"]))
    if "started_on" in changes:
        import_lookups.set_match_start(db, match_id, changes["started_on"])


KIND = Kind(
    name="matches",
    label="Matches (which mentor has which student)",
    fields=FIELDS,
    required=tuple(frozenset({student, mentor})
                   for student in ("student_id", "sis_id", "state_id", "sourced_id", "full_name")
                   for mentor in ("mentor", "mentor_email", "mentor_last_name"))
    + (frozenset({"last_name", "first_name", "mentor"}),),
    plan=plan,
    write=write,
    needs="a student ID (or the student's name) and the mentor's name or email",
)
