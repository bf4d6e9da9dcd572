"""Writing a students plan: students, enrollments, IDs, times, nominations and closings."""

from __future__ import annotations

import sqlite_utils

from importing.kinds.base import Context, KindPlan
from importing.kinds.students.incoming import Incoming
from importing.kinds.students.matching import Actions, shown_id
from storage import availability, identifiers, import_lookups, matches, nominations
from storage import students as student_store
from storage.import_changes import ChangeLog


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
        local_id, id_kind = shown_id(student)
        student_id = student_store.add_student(
            db, year_id=year_id, grade=enrollment.get("grade"),
            homeroom=enrollment.get("homeroom", ""), entry_date=enrollment.get("entry_date"),
            exit_date=enrollment.get("exit_date"), batch_id=batch_id,
            local_id=local_id, id_kind=id_kind, first_name=student.first_name,
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
    for student, kind, value in actions.identifiers:
        student_id = ids.get(id(student)) or student.existing["id"]
        identifiers.add_identifier(db, student_id, kind, value, batch_id)
        log.inserted("student_identifiers", {"kind": kind, "value": value})
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
    for item in actions.closings:
        match = matches.match(db, item["match_id"])
        log.updated("matches", {"id": match["id"]},
                    {"ended_on": match["ended_on"], "closure_reason": match["closure_reason"],
                     "closure_note": match["closure_note"]})
        matches.close_match(db, match["id"], item["ended_on"], "student_moved",
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
