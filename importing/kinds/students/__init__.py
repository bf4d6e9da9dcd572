"""Students: the office's roster, or teachers' nomination sheets (a student and why).

Students are found by any ID MentorDesk knows them by (the school's student number, the SIS
key, the state ID, OneRoster's sourcedId; lost leading zeros noticed); without one, by name
and grade, with a warning. Every ID a file gives is kept, and the ID shown stays the school's
student number where there is one. Two rows with one ID and different names are two children
given one ID by mistake: neither goes in, and both are named. A nomination for a student
already in MentorDesk attaches to them. A roster that gives a matched student an exit date or
a withdrawn status lists their matches to close, for the facilitator to confirm.
"""

from __future__ import annotations

from typing import Any

from importing import fields as f
from importing.headers import Table
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
from importing.kinds.sorting import Seen, sort_out
from importing.kinds.student_ids import (
    ID_FIELDS,
    StudentIds,
    ids_in,
    placeholder_note,
    placeholders,
)
from importing.kinds.students import oneroster
from importing.kinds.students.incoming import (
    NOMINATION_FIELDS,
    Incoming,
    merge,
    name_of,
    read_details,
)
from importing.kinds.students.matching import (
    Actions,
    changes_of,
    closing,
    compare_nominations,
    find_existing,
    leaves_before_year_end,
    new_identifiers,
)
from importing.kinds.students.reasons import REASON_NAMES
from importing.kinds.students.writing import write
from importing.values import Unreadable, name_key, parse_id, text_of
from storage import availability, import_lookups, matches, nominations

FIELDS = (
    f.STUDENT_ID, f.SIS_ID, f.STATE_ID, f.SOURCED_ID, f.OTHER_ID, f.LAST_NAME, f.FIRST_NAME,
    f.FULL_NAME, f.MIDDLE_NAME, f.PREFERRED_NAME, f.GRADE, f.HOMEROOM, f.ENTRY_DATE,
    f.EXIT_DATE, f.ENROLL_STATUS, f.ROLE_OF_PERSON, f.GUARDIAN_NAME, f.GUARDIAN_PHONE,
    f.GUARDIAN_EMAIL, f.AGENTS, f.INTERESTS, f.NOTES, f.AVAILABILITY, f.NOMINATED_BY,
    f.NOMINATED_ON, f.REASONS, f.REASON_ATTENDANCE, f.REASON_BEHAVIOR, f.REASON_ACADEMICS,
    f.REASON_SOCIAL, f.REASON_OTHER, f.IGNORED_PERSON,
)
STUDENT_ROLES = ("student", "students", "learner")
SECONDARY_IDS = ("sis_id", "state_id", "sourced_id", "other_id")


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's students with MentorDesk's; nothing is written."""
    year = context.require_year("Students")
    db = context.db
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    is_nomination_file = any(set(table.mapping.values()) & NOMINATION_FIELDS
                             for table in tables)
    existing = import_lookups.students_with_enrollment(db, year["id"])
    by_id = {row["id"]: row for row in existing}
    by_name: dict[tuple[str, str], list[dict]] = {}
    for row in existing:
        by_name.setdefault(name_key(row["first_name"], row["last_name"]), []).append(row)
    ids = StudentIds(db)

    rows = [row for row in rows_of(tables) if _is_student(row, problems, result)]
    guardians = oneroster.Guardians(list(rows_of(tables)))
    unusable = _placeholders(rows, problems)
    seen: Seen = Seen()
    incoming: dict[Any, Incoming] = {}
    every_weekday_rows: list[int] = []
    reason_words: dict = {}
    for row in rows:
        student = _read_row(row, problems, unusable, is_nomination_file, every_weekday_rows,
                            reason_words)
        if student is None:
            result.skipped += 1
            continue
        if student == "example":
            continue
        for key, value in guardians.of(row).items():
            student.profile.setdefault(key, value)
        key = _key_of(student)
        earlier = seen.add(key, row, name_key(student.first_name, student.last_name)
                           if student.first_name or student.last_name else None,
                           student.shown_name)
        if earlier is None:
            incoming[key] = student
        elif not seen.clashing(key):  # the same student again (one row per teacher, say)
            merge(incoming[key], student, problems)
    if seen.clashes:
        result.skipped += seen.report(problems, "student_id", "student ID")
        for key in seen.clashes:
            incoming.pop(key, None)
    _notes(result, every_weekday_rows, reason_words)

    actions = Actions()
    existing_grids = availability.get_all(db, "student")
    year_nominations: dict[int, list[dict]] = {}
    for nomination in nominations.nominations_in_year(db, year["id"]):
        year_nominations.setdefault(nomination["student_id"], []).append(nomination)
    open_matches: dict[int, list[dict]] = {}
    for match in matches.open_matches(db, year["id"]):
        open_matches.setdefault(match["student_id"], []).append(match)

    found: list[Incoming] = []
    for student in incoming.values():
        if not find_existing(student, ids, by_id, by_name, problems):
            result.skipped += len(student.rows)
            continue
        if student.existing is None and not student.last_name and not student.first_name:
            problems.add(student.row, "student_id",
                         f"Student ID {student.local_id or next(iter(student.ids.values()))} "
                         "is not in MentorDesk and this row has no name, so the student was not "
                         "added. Add the name.")
            result.skipped += len(student.rows)
            continue
        found.append(student)
    sorted_students = sort_out(
        found, lambda student: student.existing,
        lambda student, _: changes_of(student, ids, year, existing_grids, problems))
    for student in sorted_students.new:
        actions.new.append(student)
        for nomination in student.nominations:
            actions.nominations_new.append((student, nomination))
        if student.grid:
            actions.grids.append((student, student.grid))
        for kind, value in new_identifiers(student, ids, None, problems):
            actions.identifiers.append((student, kind, value))
    for student, _, change in sorted_students.changed:
        if change["profile"] or change["enrollment"]:
            actions.updates.append((student, change["profile"], change["enrollment"]))
        if change["grid"] is not None:
            actions.grids.append((student, change["grid"]))
        for kind, value in change["identifiers"]:
            actions.identifiers.append((student, kind, value))
    sorted_students.count_into(result)
    updated_nominations = 0
    for student in found:
        if student.existing is None:
            continue
        updated_nominations += compare_nominations(
            student, year_nominations.get(student.existing["id"], []), actions)
        existing_row = student.existing
        if existing_row.get("grade_provisional") and "grade" in student.enrollment:
            # The roster gives the grade a new school year guessed: it is known now.
            actions.confirmed_grades.append((existing_row["id"], existing_row["enrollment_id"]))
        if student.withdrawn or leaves_before_year_end(student, year):
            for match in open_matches.get(student.existing["id"], []):
                result.to_confirm.append(closing(student, match, year, context))

    result.details["nominations_added"] = len(actions.nominations_new)
    result.details["nominations_updated"] = updated_nominations
    result.details["enrollments_added"] = sum(
        1 for _, _, enrollment in actions.updates if enrollment.get("_new"))
    result.details["identifiers_kept"] = len(actions.identifiers)
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


def _is_student(row: Row, problems: Problems, result: KindPlan) -> bool:
    """Rows for staff and guardians in a file of people are left out, and named."""
    role = row.get("person_role")
    if role is not None:
        if text_of(role).lower() in STUDENT_ROLES:
            return True
        problems.group("not_students", row, "person_role", text_of(role),
                       lambda rows, items: f"{plural(rows, 'row')} "
                       f"{verb(rows, 'is', 'are')} for {listed(items)} accounts, not students, "
                       f"and {verb(rows, 'was', 'were')} left out.")
        result.skipped += 1
        return False
    table = row.table
    if oneroster.is_oneroster(table) and not oneroster.has_roles(table) \
            and table.column_of("grade") is not None and row.get("grade") is None:
        # OneRoster 1.2: roles are in roles.csv; a users row without a grade is not a student.
        first, last = row.get("first_name"), row.get("last_name")
        who = " ".join(text_of(part) for part in (first, last) if part is not None) or \
            f"row {row.number}"
        problems.group("no_grade_people", row, "grade", who,
                       lambda rows, names: f"{plural(rows, 'row')} {verb(rows, 'has', 'have')} "
                       f"no grade, so {verb(rows, 'it is', 'they are')} not "
                       f"{verb(rows, 'a student', 'students')} (staff or guardians: "
                       f"{listed(names)}) and {verb(rows, 'was', 'were')} left out.")
        result.skipped += 1
        return False
    return True


def _placeholders(rows: list[Row], problems: Problems) -> dict[str, set[str]]:
    """Values of the other ID columns that the file gives to several students."""
    unusable: dict[str, set[str]] = {}
    if not rows:
        return unusable

    def identity(row: Row):
        raw = row.get("student_id")
        if raw is not None:
            try:
                return ("id", parse_id(raw))
            except Unreadable:
                pass
        first, last = row.get("first_name"), row.get("last_name")
        if first is None and last is None and row.get("full_name") is not None:
            return ("name", text_of(row.get("full_name")).lower())
        return ("name", name_key(text_of(first), text_of(last))) if (first or last) else None

    for key in SECONDARY_IDS:
        found = placeholders(rows, key, identity)
        if found:
            unusable[key] = set(found)
            problems.add(None, None, placeholder_note(rows[0].column(key) or key, found),
                         sheet=rows[0].sheet)
    return unusable


def _read_row(row: Row, problems: Problems, unusable: dict[str, set[str]],
              is_nomination_file: bool, every_weekday_rows: list[int],
              reason_words: dict) -> Incoming | str | None:
    raw_id = row.get("student_id")
    if raw_id is not None and text_of(raw_id).lower() in ("example", "e.g.", "sample"):
        return "example"  # the blank nomination sheet's example row
    found_ids = ids_in(row, [key for key in ID_FIELDS if row.table.column_of(key) is not None],
                       problems)
    for key, values in unusable.items():
        kind = ID_FIELDS[key]
        if found_ids.get(kind) in values:
            del found_ids[kind]
    if raw_id is not None and "student_number" not in found_ids:
        return None  # an unreadable student ID: already noted
    first, last = name_of(row, problems)
    if first is None:
        return None
    if not first and not last and not found_ids:
        problems.add(row, None, "This row has neither a student ID nor a name, so it was "
                                "skipped.")
        return None
    student = Incoming(row=row, rows=[row], ids=found_ids, first_name=first or "",
                       last_name=last or "")
    read_details(student, row, problems, is_nomination_file, every_weekday_rows, reason_words)
    return student


def _key_of(student: Incoming) -> Any:
    """What identifies a student within the file: an ID, else the name and grade."""
    for kind in ("student_number", "sis_id", "state_id", "sourced_id", "other"):
        if kind in student.ids:
            return (kind, student.ids[kind])
    return ("name", name_key(student.first_name, student.last_name), student.grade)


def _notes(result: KindPlan, every_weekday_rows: list[int], reason_words: dict) -> None:
    if every_weekday_rows:
        result.notes.append(
            f"{plural(len(every_weekday_rows), 'row')} "
            f"{verb(len(every_weekday_rows), 'gives', 'give')} times without weekdays (such as "
            "\"Lunch, after school\"): MentorDesk takes these as every weekday.")
    guessed = reason_words.get("guessed", {})
    if guessed:
        read = [f'"{words}" as {REASON_NAMES[reason]}' for words, reason in guessed.items()]
        result.notes.append(f"Reasons read from words with a typo: {listed(read, limit=8)}.")


KIND = Kind(
    name="students",
    label="Students (a roster or nomination sheets)",
    fields=FIELDS,
    required=(frozenset({"student_id"}), frozenset({"full_name"}),
              frozenset({"last_name", "first_name"}), frozenset({"sis_id"}),
              frozenset({"sourced_id", "last_name"})),
    plan=plan,
    write=write,
    needs="a student ID or the students' names",
    refine=oneroster.refine,
)
