"""The import itself: a plan written in one transaction as a batch, and undoing a batch.

Cancelled or failed, the transaction rolls back and the data file is exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from importing.headers import saved_form
from importing.kinds.base import Context, Options, Progress, listed, plural
from importing.plan import Plan, make_plan, prepare, read_file
from importing.problems import ImportRefused
from storage import activity, column_mappings, imports
from storage.errors import InvalidInput
from storage.import_changes import ChangeLog, undo_batch, undo_consequences


def apply_plan(db: sqlite_utils.Database, plan: Plan, *, progress: Progress | None = None) -> int:
    """Write the plan in one transaction; returns the new batch's id."""
    if plan.stopped:
        raise ImportRefused(plan.stopped)
    kind_plan = plan.kind_plan
    source = plan.source
    context = Context(db=db, year=plan.year, options=plan.options, file_name=source.path.name,
                      progress=progress)
    with db.atomic():
        batch_id = imports.start_batch(
            db, plan.kind.name, file_name=source.path.name, file_path=str(source.path),
            sheets=", ".join(source.sheet_names), year_id=kind_plan.year_id,
            attendance_mode=kind_plan.attendance_mode, covers_from=kind_plan.covers_from,
            covers_through=kind_plan.covers_through)
        log = ChangeLog(db, batch_id)
        plan.kind.write(db, kind_plan, batch_id, log, context)
        log.flush()
        document = plan.document(batch_id)
        imports.finish_batch(db, batch_id, added=kind_plan.added, updated=kind_plan.updated,
                             unchanged=kind_plan.unchanged, skipped=kind_plan.skipped,
                             details=document["details"])
        for table in source.tables:
            column_mappings.remember(db, plan.kind.name, table.signature, saved_form(table))
        activity.record(db, "import", summary_sentence(plan), batch=batch_id,
                        file=source.path.name, kind=plan.kind.name)
    return batch_id


def summary_sentence(plan: Plan) -> str:
    counts = plan.counts()
    return (f"Imported {plan.kind.name} from {plan.source.path.name}: {counts['added']} added, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['skipped']} rows skipped")


@dataclass
class ImportRequest:
    """Everything the headless command passes: the file, the kind and the choices."""

    path: Path
    kind: str
    sheets: list[str] | None = None
    year: str | None = None
    options: Options | None = None
    mapping_texts: list[str] | None = None


def preview_file(db: sqlite_utils.Database, request: ImportRequest,
                 progress: Progress | None = None) -> Plan:
    """Read the file and plan its import (writes nothing)."""
    from importing.plan import parse_mapping_option

    workbook = read_file(request.path, request.sheets)
    source = prepare(db, workbook, request.kind, sheet_names=request.sheets)
    if request.mapping_texts:
        mappings = parse_mapping_option(source, request.mapping_texts)
        source = prepare(db, workbook, request.kind, sheet_names=request.sheets,
                         mappings=mappings)
    return make_plan(db, source, year_name=request.year, options=request.options,
                     progress=progress)


# Undo -----------------------------------------------------------------------------------------

_CONSEQUENCE_WORDS = {
    "matches": ("match", "matches"),
    "meetings": ("meeting", "meetings"),
    "nominations": ("nomination", "nominations"),
    "goals": ("goal", "goals"),
    "referrals": ("referral", "referrals"),
    "attendance_days": ("day of attendance", "days of attendance"),
    "attendance_summaries": ("attendance total", "attendance totals"),
    "training_sign_ins": ("training sign-in", "training sign-ins"),
}


def undo_preview(db: sqlite_utils.Database, batch_id: int) -> tuple[dict, dict[str, int], str]:
    """(the batch, what else undoing it would remove, a sentence saying so)."""
    batch = _undoable(db, batch_id)
    consequences = undo_consequences(db, batch_id)
    what = f"the {batch['kind']} import of {batch['file_name']} ({batch['imported_at'][:16]})"
    if not consequences:
        sentence = (f"Undo {what}? Everything it added is removed and everything it changed "
                    "goes back to how it was.")
    else:
        parts = [plural(count, *_CONSEQUENCE_WORDS[name]) for name, count in
                 consequences.items()]
        sentence = (f"Undo {what}? Work added since depends on it, and would be removed with "
                    f"it: {listed(parts, limit=8)}.")
    return batch, consequences, sentence


def undo(db: sqlite_utils.Database, batch_id: int) -> dict[str, int]:
    """Undo a whole batch in one transaction; returns counts of rows removed and restored."""
    with db.atomic():
        batch = _undoable(db, batch_id)
        counts = undo_batch(db, batch_id)
        activity.record(db, "undo_import",
                        f"Undid the {batch['kind']} import of {batch['file_name']}",
                        batch=batch_id, **counts)
    return counts


def _undoable(db: sqlite_utils.Database, batch_id: int) -> dict:
    batch = imports.batch(db, batch_id)
    if batch is None:
        raise InvalidInput(f"There is no import number {batch_id}. The list of imports shows "
                           "their numbers (headless: imports).")
    if batch["undone_at"]:
        raise InvalidInput(f"Import {batch_id} ({batch['file_name']}) was already undone on "
                           f"{batch['undone_at'][:16]}.")
    return batch
