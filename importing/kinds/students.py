"""Students: the office's roster, or teachers' nomination sheets (a student and why).

Students are matched by student ID (noticing lost leading zeros); without an ID, by name and
grade, with a warning. A nomination for a student already in MentorDesk attaches to them. A
roster that gives a matched student an exit date or a withdrawn status lists their matches to
close, for the facilitator to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from importing import fields as f
from importing.headers import Table
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
from importing.values import (
    KnownIds,
    Unreadable,
    name_key,
    parse_availability,
    parse_date,
    parse_grade,
    parse_id,
    parse_yes_no,
    split_name,
    text_of,
)
from storage import availability, import_lookups, matches, nominations
from storage import students as student_store
from storage.import_changes import ChangeLog

FIELDS = (
    f.STUDENT_ID, f.LAST_NAME, f.FIRST_NAME, f.FULL_NAME, f.MIDDLE_NAME, f.PREFERRED_NAME,
    f.GRADE, f.HOMEROOM, f.ENTRY_DATE, f.EXIT_DATE, f.ENROLL_STATUS, f.ROLE_OF_PERSON,
    f.GUARDIAN_NAME, f.GUARDIAN_PHONE, f.GUARDIAN_EMAIL, f.INTERESTS, f.NOTES, f.AVAILABILITY,
    f.NOMINATED_BY, f.NOMINATED_ON, f.REASONS, f.REASON_ATTENDANCE, f.REASON_BEHAVIOR,
    f.REASON_ACADEMICS, f.REASON_SOCIAL, f.REASON_OTHER, f.IGNORED_PERSON,
)
NOMINATION_FIELDS = {"nominated_by", "nominated_on", "reasons", "reason_attendance",
                     "reason_behavior", "reason_academics", "reason_social_emotional",
                     "reason_other"}
REASON_FLAGS = {"reason_attendance": "attendance", "reason_behavior": "behavior",
                "reason_academics": "academics", "reason_social_emotional": "social_emotional",
                "reason_other": "other"}
# Words a teacher writes for a reason -> the reason.
REASON_WORDS = {
    "attendance": "attendance", "absent": "attendance", "absences": "attendance",
    "absence": "attendance", "tardy": "attendance", "tardies": "attendance",
    "chronic absence": "attendance", "truancy": "attendance",
    "behavior": "behavior", "behaviour": "behavior", "discipline": "behavior",
    "conduct": "behavior", "referrals": "behavior",
    "academics": "academics", "academic": "academics", "grades": "academics",
    "failing": "academics", "school work": "academics", "schoolwork": "academics",
    "homework": "academics", "reading": "academics", "math": "academics",
    "social emotional": "social_emotional", "social-emotional": "social_emotional",
    "social/emotional": "social_emotional", "social": "social_emotional",
    "emotional": "social_emotional", "sel": "social_emotional", "friends": "social_emotional",
    "isolated": "social_emotional", "anxiety": "social_emotional", "self esteem":
    "social_emotional", "other": "other",
}
PROFILE = ("first_name", "last_name", "preferred_name", "guardian_name", "guardian_phone",
           "guardian_email", "interests", "notes")
WITHDRAWN_WORDS = {"withdrawn", "withdrew", "inactive", "transferred", "transferred out",
                   "left", "moved", "graduated", "exited", "no show", "dropped", "w", "i"}


@dataclass
class Incoming:
    """One student as the file gives them (merged over every row that names them)."""

    row: Row
    rows: list[Row]
    local_id: str | None
    first_name: str
    last_name: str
    profile: dict[str, str] = field(default_factory=dict)
    grade: int | None = None
    enrollment: dict[str, Any] = field(default_factory=dict)
    grid: set | None = None
    withdrawn: bool = False
    nominations: list[dict] = field(default_factory=list)
    existing: dict | None = None
    id_restored: bool = False


@dataclass
class Actions:
    new: list[Incoming] = field(default_factory=list)
    updates: list[tuple[Incoming, dict, dict]] = field(default_factory=list)  # profile, enrollment
    grids: list[tuple[Incoming, set]] = field(default_factory=list)
    nominations_new: list[tuple[Incoming, dict]] = field(default_factory=list)
    nominations_changed: list[tuple[dict, dict]] = field(default_factory=list)  # old, new values
    closings: list[dict] = field(default_factory=list)
    # Grades carried up by a new school year that this roster confirms: (student, enrollment).
    confirmed_grades: list[tuple[int, int]] = field(default_factory=list)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's students with MentorDesk's; nothing is written."""
    year = context.require_year("Students")
    db = context.db
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    is_nomination_file = any(
        set(table.mapping.values()) & NOMINATION_FIELDS for table in tables)
    existing = import_lookups.students_with_enrollment(db, year["id"])
    by_id = {row["local_id"]: row for row in existing if row["local_id"]}
    known_ids = KnownIds(by_id)
    by_name: dict[tuple[str, str], list[dict]] = {}
    for row in existing:
        by_name.setdefault(name_key(row["first_name"], row["last_name"]), []).append(row)

    incoming: dict[Any, Incoming] = {}
    every_weekday_rows: list[int] = []
    for row in rows_of(tables):
        student = _read_row(row, problems, known_ids, is_nomination_file, every_weekday_rows)
        if student is None:
            result.skipped += 1
            continue
        if student == "example":
            continue
        key: Any = ("id", student.local_id) if student.local_id else (
            "name", name_key(student.first_name, student.last_name), student.grade)
        if key in incoming:
            _merge(incoming[key], student, problems)
        else:
            incoming[key] = student
    if every_weekday_rows:
        result.notes.append(
            f"{plural(len(every_weekday_rows), 'row')} "
            f"{verb(len(every_weekday_rows), 'gives', 'give')} times without weekdays (such as "
            "\"Lunch, after school\"): MentorDesk takes these as every weekday.")

    actions = Actions()
    existing_grids = availability.get_all(db, "student")
    year_nominations: dict[int, list[dict]] = {}
    for nomination in nominations.nominations_in_year(db, year["id"]):
        year_nominations.setdefault(nomination["student_id"], []).append(nomination)
    open_matches: dict[int, list[dict]] = {}
    for match in matches.open_matches(db, year["id"]):
        open_matches.setdefault(match["student_id"], []).append(match)

    for student in incoming.values():
        _find_existing(student, by_id, by_name, problems)
        if student.existing is None:
            if not student.last_name and not student.first_name:
                problems.add(student.row, "student_id",
                             f"Student ID {student.local_id} is not in MentorDesk and this row "
                             "has no name, so the student was not added. Add the name.")
                result.skipped += len(student.rows)
                continue
            actions.new.append(student)
            result.added += 1
            for nomination in student.nominations:
                actions.nominations_new.append((student, nomination))
            if student.grid:
                actions.grids.append((student, student.grid))
            continue
        changed = _compare(student, actions, year, existing_grids)
        changed_nominations = _compare_nominations(
            student, year_nominations.get(student.existing["id"], []), actions)
        if changed:
            result.updated += 1
        else:
            result.unchanged += 1
        result.details.setdefault("nominations_updated", 0)
        result.details["nominations_updated"] += changed_nominations
        if student.withdrawn or _leaves_before_year_end(student, year):
            for match in open_matches.get(student.existing["id"], []):
                result.to_confirm.append(_closing(student, match, year, context))

    result.details["nominations_added"] = len(actions.nominations_new)
    result.details.setdefault("nominations_updated", 0)
    result.details["enrollments_added"] = sum(
        1 for _, _, enrollment in actions.updates if enrollment.get("_new"))
    result.details["matches_to_close"] = result.to_confirm
    if result.to_confirm:
        names = [item["student"] for item in result.to_confirm]
        result.notes.append(
            f"{plural(len(result.to_confirm), 'match', 'matches')} to close because the student "
            f"left ({listed(names)}). "
            + (f"{verb(len(names), 'It', 'They')} will be closed as \"student moved\"."
               if context.options.close_matches
               else f"{verb(len(names), 'It is', 'They are')} closed only if you say so."))
        if context.options.close_matches:
            actions.closings = result.to_confirm
    result.details["nomination_file"] = is_nomination_file
    result.details["grades_confirmed"] = len(actions.confirmed_grades)
    result.problems = problems.finished()
    result.actions = actions
    return result


def _read_row(row: Row, problems: Problems, known_ids: KnownIds, is_nomination_file: bool,
              every_weekday_rows: list[int]) -> Incoming | str | None:
    role = row.get("person_role")
    if role is not None and text_of(role).lower() not in ("student", "students", "learner"):
        problems.group("not_students", row, "person_role", text_of(role),
                       lambda rows, items: f"{plural(rows, 'row')} "
                       f"{verb(rows, 'is', 'are')} for {listed(items)} accounts, not students, "
                       f"and {verb(rows, 'was', 'were')} skipped.")
        return None
    local_id = None
    raw_id = row.get("student_id")
    id_restored = False
    if raw_id is not None:
        try:
            local_id = parse_id(raw_id)
        except Unreadable as error:
            problems.unreadable(row, "student_id", error, "The row was skipped.")
            return None
        if local_id.lower() in ("example", "e.g.", "sample"):
            return "example"  # the blank nomination sheet's example row
        local_id, id_restored = known_ids.resolve(local_id)
    first, last = _name_of(row, problems)
    if first is None:
        return None
    if not first and not last and local_id is None:
        problems.add(row, None, "This row has neither a student ID nor a name, so it was "
                                "skipped.")
        return None
    student = Incoming(row=row, rows=[row], local_id=local_id, first_name=first or "",
                       last_name=last or "", id_restored=id_restored)
    if id_restored:
        problems.add(row, "student_id",
                     f"ID {text_of(raw_id)} matched the student with ID {local_id} (the "
                     "spreadsheet dropped the leading zeros).")
    for key in ("preferred_name", "guardian_name", "guardian_phone", "guardian_email",
                "interests"):
        value = row.get(key)
        if value is not None:
            student.profile[key] = text_of(value)
    notes = row.get("notes")
    raw_grade = row.get("grade")
    if raw_grade is not None:
        try:
            student.grade = parse_grade(raw_grade)
        except Unreadable as error:
            problems.unreadable(row, "grade", error, "The grade was left out.")
    elif row.table.sheet_grade is not None:
        student.grade = row.table.sheet_grade
    if student.grade is not None:
        student.enrollment["grade"] = student.grade
    homeroom = row.get("homeroom")
    if homeroom is not None:
        student.enrollment["homeroom"] = text_of(homeroom)
    for key in ("entry_date", "exit_date"):
        value = row.get(key)
        if value is not None:
            try:
                student.enrollment[key] = parse_date(value).isoformat()
            except Unreadable as error:
                problems.unreadable(row, key, error, "It was left as it was.")
    status = row.get("enroll_status")
    if status is not None:
        student.withdrawn = _is_withdrawn(status, row.column("enroll_status") or "")
    when_free = row.get("availability")
    if when_free is not None:
        try:
            grid, every_weekday = parse_availability(when_free)
            student.grid = grid
            if every_weekday:
                every_weekday_rows.append(row.number)
        except Unreadable as error:
            problems.unreadable(row, "availability", error, "The times were left as they were.")
    if is_nomination_file:
        student.nominations.append(_nomination_of(row, problems, notes))
    elif notes is not None:
        student.profile["notes"] = text_of(notes)
    return student


def _name_of(row: Row, problems: Problems) -> tuple[str | None, str | None]:
    first, last = row.get("first_name"), row.get("last_name")
    if first is not None or last is not None:
        return text_of(first), text_of(last)
    whole = row.get("full_name")
    if whole is None:
        return "", ""
    try:
        return split_name(whole)
    except Unreadable as error:
        problems.unreadable(row, "full_name", error, "The row was skipped.")
        return None, None


def _is_withdrawn(value: Any, header: str) -> bool:
    text = text_of(value).lower()
    if header.strip().upper() == "TG":  # Aeries: blank is active, anything else is not
        return bool(text)
    if text in ("2", "3"):  # PowerSchool: 2 transferred out, 3 graduated
        return True
    return text in WITHDRAWN_WORDS


def _nomination_of(row: Row, problems: Problems, notes: Any) -> dict:
    nomination: dict[str, Any] = {"reasons": set(), "nominated_by": "", "nominated_on": None,
                                  "notes": text_of(notes) if notes is not None else "",
                                  "row": row}
    by = row.get("nominated_by")
    if by is not None:
        nomination["nominated_by"] = text_of(by)
    on = row.get("nominated_on")
    if on is not None:
        try:
            nomination["nominated_on"] = parse_date(on).isoformat()
        except Unreadable as error:
            problems.unreadable(row, "nominated_on", error, "The date was left blank.")
    words = row.get("reasons")
    if words is not None:
        unknown = []
        for word in _split_words(text_of(words)):
            reason = REASON_WORDS.get(word.lower().strip(" ."))
            if reason:
                nomination["reasons"].add(reason)
            else:
                unknown.append(word)
        if unknown:
            nomination["reasons"].add("other")
            nomination["notes"] = "; ".join(filter(None, [nomination["notes"],
                                                          "Reason: " + ", ".join(unknown)]))
    for key, reason in REASON_FLAGS.items():
        value = row.get(key)
        if value is None:
            continue
        try:
            if parse_yes_no(value):
                nomination["reasons"].add(reason)
        except Unreadable:
            # A teacher wrote words in the box instead of a tick: that still says yes.
            nomination["reasons"].add(reason)
            nomination["notes"] = "; ".join(filter(None, [nomination["notes"], text_of(value)]))
    return nomination


def _split_words(text: str) -> list[str]:
    import re

    parts = [part.strip() for part in re.split(r"[,;/\n]|\band\b|&", text) if part.strip()]
    joined = text.strip().lower()
    if joined in REASON_WORDS:
        return [text.strip()]
    return parts


def _merge(first: Incoming, other: Incoming, problems: Problems) -> None:
    """The same student on two rows (one per nominating teacher, say)."""
    first.rows.append(other.row)
    for key, value in other.profile.items():
        if key not in first.profile:
            first.profile[key] = value
    for key, value in other.enrollment.items():
        if key in first.enrollment and first.enrollment[key] != value:
            problems.add(other.row, key,
                         f"This student is also on row {first.row.number} of sheet "
                         f"\"{first.row.sheet}\" with a different {key.replace('_', ' ')}; "
                         "the first row's value was used.")
        first.enrollment.setdefault(key, value)
    if first.grade is None:
        first.grade = other.grade
    if other.grid:
        first.grid = (first.grid or set()) | other.grid
    first.withdrawn = first.withdrawn or other.withdrawn
    for nomination in other.nominations:
        same = [n for n in first.nominations
                if n["nominated_by"].lower() == nomination["nominated_by"].lower()]
        if same:  # the same teacher twice: one nomination with every reason given
            same[0]["reasons"] |= nomination["reasons"]
            if nomination["notes"] and nomination["notes"] not in same[0]["notes"]:
                same[0]["notes"] = "; ".join(filter(None, [same[0]["notes"],
                                                           nomination["notes"]]))
        else:
            first.nominations.append(nomination)


def _find_existing(student: Incoming, by_id: dict, by_name: dict, problems: Problems) -> None:
    if student.local_id and student.local_id in by_id:
        student.existing = by_id[student.local_id]
        return
    candidates = by_name.get(name_key(student.first_name, student.last_name), [])
    if student.grade is not None:
        same_grade = [c for c in candidates if c["grade"] == student.grade]
        candidates = same_grade or [c for c in candidates if c["grade"] is None]
    if student.local_id:
        # An ID MentorDesk has not seen: the same student typed in by hand without an ID?
        candidates = [c for c in candidates if not c["local_id"]]
        if len(candidates) == 1:
            student.existing = candidates[0]
            problems.add(student.row, "student_id",
                         f"{student.first_name} {student.last_name} was in MentorDesk without a "
                         f"student ID; they now get ID {student.local_id}.")
        return
    if len(candidates) == 1:
        student.existing = candidates[0]
        problems.add(student.row, None,
                     f"No student ID: matched to {_shown_name(student)} "
                     f"by name and grade. Add the student ID to be sure.")
    elif len(candidates) > 1:
        problems.add(student.row, None,
                     f"No student ID, and {len(candidates)} students are called "
                     f"{_shown_name(student)}: a new student was NOT matched; "
                     "add the student ID to this row.")
        student.existing = None
    else:
        problems.add(student.row, None,
                     f"No student ID: {_shown_name(student)} will be added "
                     "without one. Add the ID so later imports find this student.")


def _compare(student: Incoming, actions: Actions, year: dict, grids: dict) -> bool:
    existing = student.existing
    changes: dict[str, Any] = {}
    if student.local_id and not existing["local_id"]:
        changes["local_id"] = student.local_id
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
    if existing.get("grade_provisional") and "grade" in student.enrollment:
        # The roster gives the grade a new school year guessed: it is known now.
        actions.confirmed_grades.append((existing["id"], existing["enrollment_id"]))
    grid_changed = student.grid is not None and student.grid != grids.get(existing["id"], set())
    if grid_changed:
        actions.grids.append((student, student.grid))
    if changes or enrollment:
        actions.updates.append((student, changes, enrollment))
    return bool(changes or enrollment or grid_changed)


def _compare_nominations(student: Incoming, existing: list[dict], actions: Actions) -> int:
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


def _leaves_before_year_end(student: Incoming, year: dict) -> bool:
    exit_date = student.enrollment.get("exit_date")
    return bool(exit_date and exit_date <= year["last_day"])


def _closing(student: Incoming, match: dict, year: dict, context: Context) -> dict:
    ends = student.enrollment.get("exit_date") or min(context.options.on.isoformat(),
                                                      year["last_day"])
    ends = max(ends, match["started_on"])
    who = f"{student.first_name} {student.last_name}".strip()
    return {"match_id": match["id"], "student": who, "student_id": student.local_id,
            "mentor": f"{match['mentor_first_name']} {match['mentor_last_name']}".strip(),
            "ended_on": ends, "row": student.row.number, "sheet": student.row.sheet,
            "message": f"{who} left on {day_words(ends)}: the match with "
                       f"{match['mentor_first_name']} {match['mentor_last_name']} would close "
                       "as \"student moved\"."}


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's students, enrollments, nominations and closings (caller's transaction)."""
    actions: Actions = kind_plan.actions
    year_id = kind_plan.year_id
    total = len(actions.new) + len(actions.updates) + 1
    done = 0
    ids: dict[int, int] = {}  # id(Incoming) -> student id
    for student in actions.new:
        enrollment = student.enrollment
        student_id = student_store.add_student(
            db, year_id=year_id, grade=enrollment.get("grade"),
            homeroom=enrollment.get("homeroom", ""), entry_date=enrollment.get("entry_date"),
            exit_date=enrollment.get("exit_date"), batch_id=batch_id,
            local_id=student.local_id, first_name=student.first_name,
            last_name=student.last_name, **student.profile)
        ids[id(student)] = student_id
        log.inserted("students", {"id": student_id})
        done += 1
        if done % 200 == 0:
            context.report(done, total)
    for student, changes, enrollment in actions.updates:
        student_id = student.existing["id"]
        ids[id(student)] = student_id
        if changes:
            log.updated("students", {"id": student_id},
                        {key: student.existing[key] for key in changes})
            student_store.update_student(db, student_id, **changes)
        if enrollment:
            _write_enrollment(db, student, enrollment, year_id, batch_id, log)
        done += 1
        if done % 200 == 0:
            context.report(done, total)
    for student, grid in actions.grids:
        student_id = ids.get(id(student)) or student.existing["id"]
        for weekday, slot in sorted(availability.get(db, "student", student_id)):
            log.deleted("student_availability", {"student_id": student_id, "weekday": weekday,
                                                 "slot": slot},
                        {"student_id": student_id, "weekday": weekday, "slot": slot})
        availability.replace(db, "student", student_id, grid)
        for weekday, slot in sorted(grid):
            log.inserted("student_availability", {"student_id": student_id, "weekday": weekday,
                                                  "slot": slot})
    for student, nomination in actions.nominations_new:
        student_id = ids.get(id(student)) or student.existing["id"]
        nomination_id = nominations.add_nomination(
            db, student_id, year_id, nominated_by=nomination["nominated_by"],
            nominated_on=nomination["nominated_on"], reasons=nomination["reasons"],
            notes=nomination["notes"], batch_id=batch_id)
        log.inserted("nominations", {"id": nomination_id})
    for old, new_values in actions.nominations_changed:
        saved = {key: old[key] for key in new_values if key != "reasons"}
        if saved:
            log.updated("nominations", {"id": old["id"]}, saved)
        if "reasons" in new_values:
            for reason in old["reasons"]:
                log.deleted("nomination_reasons", {"nomination_id": old["id"], "reason": reason},
                            {"nomination_id": old["id"], "reason": reason})
            for reason in sorted(new_values["reasons"]):
                log.inserted("nomination_reasons", {"nomination_id": old["id"],
                                                    "reason": reason})
        nominations.update_nomination(db, old["id"], **new_values)
    for _student_id, enrollment_id in actions.confirmed_grades:
        log.updated("enrollments", {"id": enrollment_id}, {"grade_provisional": 1})
    student_store.confirm_grades(db, year_id, [pair[0] for pair in actions.confirmed_grades])
    for closing in actions.closings:
        match = matches.match(db, closing["match_id"])
        log.updated("matches", {"id": match["id"]},
                    {"ended_on": match["ended_on"], "closure_reason": match["closure_reason"],
                     "closure_note": match["closure_note"]})
        matches.close_match(db, match["id"], closing["ended_on"], "student_moved",
                            f"Left the school (from the roster {context.file_name}).")
    context.report(total, total)


def _write_enrollment(db: sqlite_utils.Database, student: Incoming, enrollment: dict,
                      year_id: int, batch_id: int, log: ChangeLog) -> None:
    existing = student.existing
    student_id = existing["id"]
    if enrollment.get("_new"):
        student_store.set_enrollment(
            db, student_id, year_id, grade=enrollment.get("grade"),
            homeroom=enrollment.get("homeroom", ""), entry_date=enrollment.get("entry_date"),
            exit_date=enrollment.get("exit_date"), batch_id=batch_id)
        log.inserted("enrollments", {"id": import_lookups.enrollment_id(db, student_id, year_id)})
        return
    log.updated("enrollments", {"id": existing["enrollment_id"]},
                {key: existing[key] for key in enrollment})
    merged = {key: existing[key] for key in ("grade", "homeroom", "entry_date", "exit_date")}
    merged.update(enrollment)
    student_store.set_enrollment(db, student_id, year_id, **merged)


KIND = Kind(
    name="students",
    label="Students (a roster or nomination sheets)",
    fields=FIELDS,
    required=(frozenset({"student_id"}), frozenset({"full_name"}),
              frozenset({"last_name", "first_name"})),
    plan=plan,
    write=write,
    needs="a student ID or the students' names",
)


def _shown_name(student) -> str:
    """The name as a sentence shows it, without a gap where a part is missing."""
    return " ".join(part for part in (student.first_name, student.last_name) if part)
