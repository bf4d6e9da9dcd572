"""Writing an attendance plan: rows added, changed and removed, totals, coverage."""

from __future__ import annotations

import sqlite_utils

from importing.kinds.attendance.changes import Actions
from importing.kinds.attendance.reader import CHUNK_ROWS
from importing.kinds.base import Context, KindPlan
from storage import attendance_import
from storage.import_changes import ChangeLog


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's attendance (caller's transaction); added rows carry the batch."""
    actions: Actions = kind_plan.actions
    total = len(actions.inserts) + len(actions.updates) + len(actions.deletes) + 1
    for start in range(0, len(actions.inserts), CHUNK_ROWS):
        attendance_import.insert_many(db, actions.inserts[start:start + CHUNK_ROWS], batch_id)
        context.report(start + CHUNK_ROWS, total)
    if actions.streamed_keep:
        attendance_import.remove_batch_rows_outside(db, batch_id, *actions.streamed_keep)
    if actions.streamed_drop:
        attendance_import.remove_batch_rows_of(db, batch_id, actions.streamed_drop)
    attendance_import.fix_rows(db, actions.streamed_fixes)
    for (student_id, day, _, _), old in actions.updates + actions.restamps:
        log.updated("attendance", {"student_id": student_id, "day": day},
                    _whole_row(student_id, day, old))
    attendance_import.update_rows(db, (new for new, _ in actions.updates + actions.restamps),
                                  batch_id)
    for (student_id, day), old in actions.deletes:
        log.deleted("attendance", {"student_id": student_id, "day": day},
                    _whole_row(student_id, day, old))
    attendance_import.delete_rows(db, (slot for slot, _ in actions.deletes))
    attendance_import.add_coverage(db, batch_id, actions.coverage)
    for student_id, year_id, as_of, enrolled, absent in actions.summaries_new:
        summary_id = attendance_import.add_summary(db, student_id, year_id, as_of, enrolled,
                                                   absent, batch_id)
        log.inserted("attendance_summaries", {"id": summary_id})
    for old, enrolled, absent in actions.summaries_changed:
        log.updated("attendance_summaries", {"id": old["id"]},
                    {"days_enrolled": old["days_enrolled"], "days_absent": old["days_absent"]})
        attendance_import.update_summary(db, old["id"], enrolled, absent)
    context.report(total, total)


def _whole_row(student_id: int, day: str, old: tuple[str, str, int | None]) -> dict:
    return {"student_id": student_id, "day": day, "status": old[0], "code": old[1],
            "batch_id": old[2]}
