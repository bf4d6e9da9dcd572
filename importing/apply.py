"""The import itself: a plan written in one transaction as a batch, and undoing a batch.

Cancelled or failed, the transaction rolls back and the data file is exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from importing.gc_pause import collector_paused
from importing.headers import Mapping, saved_form
from importing.kinds.base import Context, Options, Progress, listed, plural, verb
from importing.plan import Plan, Source, make_plan, parse_mapping_option, prepare, read_file
from importing.problems import ImportRefused
from importing.sheets import Workbook
from importing.writer import Writer, start_batch
from storage import activity, column_mappings, imports, transactions
from storage.database import connect
from storage.errors import InvalidInput, KnownProblem
from storage.import_changes import ChangeLog, later_changes, undo_batch, undo_consequences


def apply_plan(db: sqlite_utils.Database, plan: Plan, *, progress: Progress | None = None) -> int:
    """Write the plan in one transaction; returns the new batch's id."""
    if plan.stopped:
        raise ImportRefused(plan.stopped)
    with transactions.write_transaction(db):
        batch_id = start_batch(db, plan.source.path, plan.kind.name)
        write_plan(db, plan, batch_id, progress)
    return batch_id


def write_plan(db: sqlite_utils.Database, plan: Plan, batch_id: int,
               progress: Progress | None) -> None:
    """Everything the plan still has to write, into the batch (caller's transaction)."""
    kind_plan = plan.kind_plan
    source = plan.source
    context = Context(db=db, year=plan.year, options=plan.options, file_name=source.path.name,
                      progress=progress)
    log = ChangeLog(db, batch_id)
    plan.kind.write(db, kind_plan, batch_id, log, context)
    log.flush()
    document = plan.document(batch_id)
    imports.describe_batch(db, batch_id, sheets=", ".join(source.sheet_names),
                           year_id=kind_plan.year_id, attendance_mode=kind_plan.attendance_mode,
                           covers_from=kind_plan.covers_from,
                           covers_through=kind_plan.covers_through)
    imports.finish_batch(db, batch_id, added=kind_plan.added, updated=kind_plan.updated,
                         unchanged=kind_plan.unchanged, skipped=kind_plan.skipped,
                         details=document["details"])
    for table in source.tables:
        column_mappings.remember(db, plan.kind.name, table.signature, saved_form(table))
    activity.record(db, "import", summary_sentence(plan), batch=batch_id,
                    file=source.path.name, kind=plan.kind.name)


class StoppedAfterSaving(KnownProblem):
    """Ctrl-C (or Cancel) came once the import was already saved: it is in the data file."""

    def __init__(self, batch_id: int) -> None:
        super().__init__(
            f"Stopped, but only after the import was saved: it is in the data file, whole, as "
            f"import number {batch_id}. To take it back: undo-import {batch_id}")
        self.batch_id = batch_id


def import_file(data_path: Path, request: ImportRequest, progress: Progress | None = None, *,
                workbook: Workbook | None = None) -> tuple[Plan, int | None]:
    """Read, plan and write a file in one go (the headless import): (the plan, its batch).

    The data file must already be open for writing by the caller (who holds the writer's
    lock); this opens its own connections to it. A plan that stops (unknown codes) writes
    nothing and returns no batch. Stopped by Ctrl-C once the import was saved, it says so
    (:class:`StoppedAfterSaving`) rather than leave the user thinking nothing was written.
    """
    with collector_paused():  # see importing.gc_pause
        return _import_file(data_path, request, progress, workbook)


def _import_file(data_path: Path, request: ImportRequest, progress: Progress | None,
                 workbook: Workbook | None) -> tuple[Plan, int | None]:
    if workbook is None:
        workbook = read_file(request.path, request.sheets)
    db = connect(data_path)
    writer = Writer(data_path, request.path, request.kind, write_plan)
    try:
        source = _source(db, workbook, request)
        writer.start()
        writer.started_batch.wait()
        writer.check()
        plan = make_plan(db, source, year_name=request.year, options=request.options,
                         progress=progress, stream=writer)
        if plan.stopped:
            writer.abandon()
            return plan, None
        request.saved_batch = writer.finish(plan, progress)
        return plan, request.saved_batch
    except KeyboardInterrupt:
        writer.abandon()
        if writer.committed:
            request.saved_batch = writer.batch_id
            raise StoppedAfterSaving(writer.batch_id) from None
        raise
    except BaseException:
        writer.abandon()
        raise
    finally:
        db.close()


def _source(db: sqlite_utils.Database, workbook: Workbook, request: ImportRequest) -> Source:
    source = prepare(db, workbook, request.kind, sheet_names=request.sheets,
                     mappings=request.mappings)
    if request.mapping_texts:
        source = prepare(db, workbook, request.kind, sheet_names=request.sheets,
                         mappings=parse_mapping_option(source, request.mapping_texts))
    return source


def summary_sentence(plan: Plan) -> str:
    counts = plan.counts()
    return (f"Imported {plan.kind.name} from {plan.source.path.name}: {counts['added']} added, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['skipped']} {'row' if counts['skipped'] == 1 else 'rows'} skipped")


@dataclass
class ImportRequest:
    """Everything the headless command passes: the file, the kind and the choices."""

    path: Path
    kind: str
    sheets: list[str] | None = None
    year: str | None = None
    options: Options | None = None
    mapping_texts: list[str] | None = None
    # The import window's own column choices: sheet name -> column -> field.
    mappings: dict[str, Mapping] | None = None
    # Set once the import is saved (so that a Ctrl-C after it can say so).
    saved_batch: int | None = None


def preview_file(db: sqlite_utils.Database, request: ImportRequest,
                 progress: Progress | None = None) -> Plan:
    """Read the file and plan its import (writes nothing)."""
    workbook = read_file(request.path, request.sheets)
    return make_plan(db, _source(db, workbook, request), year_name=request.year,
                     options=request.options, progress=progress)


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
    """(the batch, what else undoing it would remove or throw away, a sentence saying so).

    Two things make an undo cost more than the import itself: later work that hangs on what
    the import added (it would go too), and later imports that changed the same records
    (``later_imports``: their changes would be lost, since the records go back to how they
    were before this import).
    """
    batch = _undoable(db, batch_id)
    consequences = undo_consequences(db, batch_id)
    later = later_changes(db, batch_id)
    what = f"the {batch['kind']} import of {batch['file_name']} ({batch['imported_at'][:16]})"
    sentences = [f"Undo {what}?"]
    if consequences:
        parts = [plural(count, *_CONSEQUENCE_WORDS[name]) for name, count in
                 consequences.items()]
        sentences.append(f"Work added since depends on it, and would be removed with it: "
                         f"{listed(parts, limit=8)}.")
    if later:
        named = [f"import {row['id']} ({row['kind']} from {row['file_name']}, "
                 f"{row['imported_at'][:16]})" for row in later]
        sentences.append(
            f"A later import changed the same records: {listed(named)}. Undoing this one puts "
            f"those records back as they were before it, so {verb(len(later), 'that', 'those')} "
            f"later {verb(len(later), 'change is', 'changes are')} lost too; to keep "
            f"{verb(len(later), 'it', 'them')}, undo the later "
            f"{verb(len(later), 'import', 'imports')} first.")
        consequences["later_imports"] = len(later)
    if len(sentences) == 1:
        sentences.append("Everything it added is removed and everything it changed goes back "
                         "to how it was.")
    return batch, consequences, " ".join(sentences)


def undo(db: sqlite_utils.Database, batch_id: int, *, agreed: bool = False) -> dict[str, int]:
    """Undo a whole batch in one transaction; returns counts of rows removed and restored.

    When undoing costs more than the import (see :func:`undo_preview`), it is refused unless
    the user ``agreed``.
    """
    with transactions.write_transaction(db):
        batch, consequences, sentence = undo_preview(db, batch_id)
        if consequences and not agreed:
            raise UndoNeedsConsent(sentence, batch_id)
        counts = undo_batch(db, batch_id)
        activity.record(db, "undo_import",
                        f"Undid the {batch['kind']} import of {batch['file_name']}",
                        batch=batch_id, **counts)
    return counts


class UndoNeedsConsent(InvalidInput):
    """Undoing the import would also remove later work or lose later changes."""

    def __init__(self, sentence: str, batch_id: int) -> None:
        super().__init__(sentence.replace("?", ".", 1) + " Nothing was changed. To undo it "
                         f"anyway, run again with --yes: undo-import {batch_id} --yes")


def _undoable(db: sqlite_utils.Database, batch_id: int) -> dict:
    batch = imports.batch(db, batch_id)
    if batch is None:
        raise InvalidInput(f"There is no import number {batch_id}. The list of imports shows "
                           "their numbers (headless: imports).")
    if batch["undone_at"]:
        raise InvalidInput(f"Import {batch_id} ({batch['file_name']}) was already undone on "
                           f"{batch['undone_at'][:16]}.")
    return batch
