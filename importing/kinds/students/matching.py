"""Each student of a file found in MentorDesk (by any ID, else by name and grade), and what
importing them would change: profile, enrollment, times, IDs and nominations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from importing.kinds.base import Context, Problems, day_words
from importing.kinds.student_ids import AMBIGUOUS, ID_WORDS, StudentIds
from importing.kinds.students.incoming import Incoming
from importing.values import name_key

STAND_IN_ORDER = ("sis_id", "state_id", "other", "sourced_id")


@dataclass
class Actions:
    """The writes a students plan holds for :func:`.writing.write`."""

    new: list[Incoming] = field(default_factory=list)
    updates: list[tuple[Incoming, dict, dict]] = field(default_factory=list)  # profile, enrollment
    grids: list[tuple[Incoming, set]] = field(default_factory=list)
    identifiers: list[tuple[Incoming, str, str]] = field(default_factory=list)  # kind, value
    nominations_new: list[tuple[Incoming, dict]] = field(default_factory=list)
    nominations_changed: list[tuple[dict, dict]] = field(default_factory=list)  # old, new values
    closings: list[dict] = field(default_factory=list)
    # Grades carried up by a new school year that this roster confirms: (student, enrollment).
    confirmed_grades: list[tuple[int, int]] = field(default_factory=list)


def find_existing(student: Incoming, ids: StudentIds, by_id: dict[int, dict],
                  by_name: dict, problems: Problems) -> bool:
    """Set ``student.existing``; False when the row cannot be used (its IDs disagree)."""
    found: dict[int, str] = {}
    for kind, value in student.ids.items():
        student_id, restored = ids.find(value, kind)
        if student_id == AMBIGUOUS:
            problems.add(student.row, None,
                         f"{ID_WORDS[kind].capitalize()} {value} is known in MentorDesk for two "
                         "different students, so it was not used to find this one.")
            continue
        if student_id is None or student_id not in by_id:
            continue
        found.setdefault(student_id, kind)
        if restored and kind == "student_number":
            stored = by_id[student_id]["local_id"]
            problems.add(student.row, "student_id",
                         f"ID {value} matched the student with ID {stored} (the spreadsheet "
                         "dropped the leading zeros).")
            student.ids["student_number"] = stored
            student.id_restored = True
    if len(found) > 1:
        names = [f"{by_id[sid]['first_name']} {by_id[sid]['last_name']} (by "
                 f"{ID_WORDS[kind]})" for sid, kind in found.items()]
        problems.add(student.row, None,
                     f"This row's IDs name different students in MentorDesk ({', '.join(names)})"
                     ": it was skipped. Check the IDs.")
        return False
    if found:
        student.existing = by_id[next(iter(found))]
        return True
    _find_by_name(student, by_name, problems)
    return True


def _find_by_name(student: Incoming, by_name: dict, problems: Problems) -> None:
    candidates = by_name.get(name_key(student.first_name, student.last_name), [])
    if student.grade is not None:
        same_grade = [c for c in candidates if c["grade"] == student.grade]
        candidates = same_grade or [c for c in candidates if c["grade"] is None]
    if student.ids:
        # IDs MentorDesk has not seen: the same student typed in by hand without an ID?
        candidates = [c for c in candidates if not c["local_id"]]
        if len(candidates) == 1:
            student.existing = candidates[0]
            shown = student.local_id or next(iter(student.ids.values()))
            problems.add(student.row, "student_id",
                         f"{student.shown_name} was in MentorDesk without a student ID; they "
                         f"now get ID {shown}.")
        return
    if len(candidates) == 1:
        student.existing = candidates[0]
        problems.add(student.row, None,
                     f"No student ID: matched to {student.shown_name} by name and grade. Add "
                     "the student ID to be sure.")
    elif len(candidates) > 1:
        problems.add(student.row, None,
                     f"No student ID, and {len(candidates)} students are called "
                     f"{student.shown_name}: a new student was NOT matched; add the student ID "
                     "to this row.")
        student.existing = None
    else:
        problems.add(student.row, None,
                     f"No student ID: {student.shown_name} will be added without one. Add the "
                     "ID so later imports find this student.")


def shown_id(student: Incoming) -> tuple[str | None, str]:
    """(the ID to show for a new student, its kind): the student number, else a stand-in."""
    if student.local_id:
        return student.local_id, "student_number"
    for kind in STAND_IN_ORDER:
        if kind in student.ids:
            return student.ids[kind], kind
    return None, "student_number"


def new_identifiers(student: Incoming, ids: StudentIds, student_id: int | None,
                    problems: Problems) -> list[tuple[str, str]]:
    """The IDs to keep for a student (besides the number shown), noting those another
    student already has."""
    kept = []
    for kind, value in student.ids.items():
        if kind == "student_number":
            continue
        owner = ids.owner(kind, value)
        if owner is None:
            kept.append((kind, value))
        elif owner != student_id:
            problems.add(student.row, None,
                         f"{ID_WORDS[kind].capitalize()} {value} already belongs to another "
                         "student in MentorDesk, so it was not kept for this one. Check it.")
    return kept


def changes_of(student: Incoming, ids: StudentIds, year: dict, grids: dict,
               problems: Problems) -> dict[str, Any] | None:
    """What importing a found student would change (None: nothing)."""
    existing = student.existing
    changes: dict[str, Any] = {}
    number = student.local_id
    if number and existing["local_id"] != number:
        if not existing["local_id"] or existing["id_kind"] != "student_number":
            # The school's number arrives after another ID: it becomes the one shown.
            changes["local_id"], changes["id_kind"] = number, "student_number"
        else:
            problems.add(student.row, "student_id",
                         f"This row gives student number {number}, but the student it names "
                         f"({student.shown_name}) has {existing['local_id']} in MentorDesk: "
                         f"{existing['local_id']} was kept. Check the student numbers.")
    elif not existing["local_id"]:
        stand_in, kind = shown_id(student)
        if stand_in:
            changes["local_id"], changes["id_kind"] = stand_in, kind
    for key in ("first_name", "last_name"):
        value = getattr(student, key)
        if value and value != existing[key]:
            changes[key] = value
    for key, value in student.profile.items():
        if value != (existing[key] or ""):
            changes[key] = value
    enrollment: dict[str, Any] = {}
    if existing["enrollment_id"] is None:
        enrollment = {"_new": True, **student.enrollment}
    else:
        for key, value in student.enrollment.items():
            if value != existing[key]:
                enrollment[key] = value
    grid = student.grid if student.grid is not None and \
        student.grid != grids.get(existing["id"], set()) else None
    kept = new_identifiers(student, ids, existing["id"], problems)
    if not (changes or enrollment or grid or kept):
        return None
    return {"profile": changes, "enrollment": enrollment, "grid": grid, "identifiers": kept}


def compare_nominations(student: Incoming, existing: list[dict], actions: Actions) -> int:
    """Sort a found student's nominations into new and changed; returns how many changed."""
    changed = 0
    for nomination in student.nominations:
        same = [n for n in existing
                if n["nominated_by"].strip().lower() == nomination["nominated_by"].lower()
                and (nomination["nominated_on"] in (None, n["nominated_on"]) or
                     not n["nominated_on"])]
        if not same:
            actions.nominations_new.append((student, nomination))
            continue
        old = same[0]
        new_values = {}
        if nomination["reasons"] and set(old["reasons"]) != nomination["reasons"]:
            new_values["reasons"] = nomination["reasons"]
        if nomination["notes"] and nomination["notes"] != old["notes"]:
            new_values["notes"] = nomination["notes"]
        if nomination["nominated_on"] and nomination["nominated_on"] != old["nominated_on"]:
            new_values["nominated_on"] = nomination["nominated_on"]
        if new_values:
            actions.nominations_changed.append((old, new_values))
            changed += 1
    return changed


def leaves_before_year_end(student: Incoming, year: dict) -> bool:
    """Whether the file gives an exit date within the year."""
    exit_date = student.enrollment.get("exit_date")
    return bool(exit_date and exit_date <= year["last_day"])


def closing(student: Incoming, match: dict, year: dict, context: Context) -> dict:
    """A match to close because its student left (for the facilitator to confirm)."""
    ends = student.enrollment.get("exit_date") or min(context.options.on.isoformat(),
                                                      year["last_day"])
    ends = max(ends, match["started_on"])
    who = student.shown_name
    mentor = f"{match['mentor_first_name']} {match['mentor_last_name']}".strip()
    return {"match_id": match["id"], "student": who, "student_id": student.local_id,
            "mentor": mentor, "ended_on": ends, "row": student.row.number,
            "sheet": student.row.sheet,
            "message": f"{who} left on {day_words(ends)}: the match with {mentor} would close "
                       "as \"student moved\"."}
