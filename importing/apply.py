"""The import itself: a plan written in one transaction as a batch, and undoing a batch.

Cancelled or failed, the transaction rolls back and the data file is exactly as before.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from importing.gc_pause import collector_paused
from importing.headers import saved_form
from importing.kinds.base import Context, Options, Progress, listed, plural
from importing.plan import Plan, make_plan, prepare, read_file
from importing.problems import ImportRefused
from importing.sheets import Workbook
from storage import activity, attendance_import, column_mappings, imports
from storage.database import connect
from storage.errors import InvalidInput
from storage.import_changes import ChangeLog, undo_batch, undo_consequences


def apply_plan(db: sqlite_utils.Database, plan: Plan, *, progress: Progress | None = None) -> int:
    """Write the plan in one transaction; returns the new batch's id."""
    if plan.stopped:
        raise ImportRefused(plan.stopped)
    with db.atomic():
        batch_id = _start_batch(db, plan.source.path, plan.kind.name)
        _write(db, plan, batch_id, progress)
    return batch_id


def _start_batch(db: sqlite_utils.Database, path: Path, kind: str) -> int:
    return imports.start_batch(db, kind, file_name=path.name, file_path=str(path.resolve()))


def _write(db: sqlite_utils.Database, plan: Plan, batch_id: int,
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


@dataclass
class _NewRows:
    """Attendance rows for the writer, as the values of its INSERT statements."""

    statements: list[list]
    scattered: bool  # they come date by date (see attendance_import.scattered)


class _Writer(threading.Thread):
    """The import's writing, on its own connection and thread, in one transaction.

    Rows the plan finds to be surely new are sent ahead while the file is still being read;
    SQLite stores them while Python reads on. ``finish`` writes the rest and commits; anything
    else (a refusal, Cancel, an error) rolls the whole transaction back.
    """

    def __init__(self, data_path: Path, file_path: Path, kind: str) -> None:
        super().__init__(name="import-writer", daemon=True)
        self.data_path, self.file_path, self.kind = data_path, file_path, kind
        self.work: queue.Queue = queue.Queue(maxsize=4)
        self.started_batch = threading.Event()
        self.batch_id: int | None = None
        self.indexes: list[str] = []
        self.error: BaseException | None = None
        self.committed = False
        self.sent_rows = False

    def run(self) -> None:
        db = connect(self.data_path)
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                self.batch_id = _start_batch(db, self.file_path, self.kind)
            finally:
                self.started_batch.set()
            bulk = False
            while True:
                item = self.work.get()
                if item is None:  # abandon
                    db.execute("ROLLBACK")
                    return
                if item == "bulk":
                    bulk = True
                    continue
                if isinstance(item, tuple):  # ("finish", plan, progress)
                    _, plan, progress = item
                    _write(db, plan, self.batch_id, progress)
                    attendance_import.make_indexes(db, self.indexes)
                    db.execute("COMMIT")
                    self.committed = True
                    return
                if bulk:  # how the first rows come says which indexes to build at the end
                    self.indexes = attendance_import.drop_indexes(db, scattered=item.scattered)
                    bulk = False
                attendance_import.insert_laid_out(db, item.statements, self.batch_id)
        except BaseException as error:  # handed to the reading thread, which reports it
            self.error = error
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            while True:  # let a sender blocked on a full queue go on, to notice the error
                try:
                    self.work.get_nowait()
                except queue.Empty:
                    break
        finally:
            db.close()

    def send(self, rows: list) -> None:
        """Rows ((student id, day), (status, code)) that are surely new, to store now.

        They are sorted and laid out for the INSERT statements here, on the reading thread:
        the writing thread is the one that keeps the import waiting at the end.
        """
        self._check()
        scattered = not self.sent_rows and attendance_import.scattered(rows)
        self.sent_rows = True
        self.work.put(_NewRows(attendance_import.laid_out(rows), scattered))

    def bulk(self) -> None:
        """Most of the attendance table will be new: rebuild its indexes once, at the end."""
        self._check()
        self.work.put("bulk")

    def finish(self, plan: Plan, progress: Progress | None) -> int:
        self._check()
        self.work.put(("finish", plan, progress))
        self.join()
        self._check()
        return self.batch_id

    def abandon(self) -> None:
        if self.is_alive():
            self.work.put(None)
            self.join()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error


def import_file(data_path: Path, request: ImportRequest, progress: Progress | None = None, *,
                workbook: Workbook | None = None) -> tuple[Plan, int | None]:
    """Read, plan and write a file in one go (the headless import): (the plan, its batch).

    The data file must already be open for writing by the caller (who holds the writer's
    lock); this opens its own connections to it. A plan that stops (unknown codes) writes
    nothing and returns no batch.
    """
    with collector_paused():  # see importing.gc_pause
        return _import_file(data_path, request, progress, workbook)


def _import_file(data_path: Path, request: ImportRequest, progress: Progress | None,
                 workbook: Workbook | None) -> tuple[Plan, int | None]:
    if workbook is None:
        workbook = read_file(request.path, request.sheets)
    db = connect(data_path)
    writer = _Writer(data_path, request.path, request.kind)
    try:
        source = prepare(db, workbook, request.kind, sheet_names=request.sheets)
        if request.mapping_texts:
            from importing.plan import parse_mapping_option

            source = prepare(db, workbook, request.kind, sheet_names=request.sheets,
                             mappings=parse_mapping_option(source, request.mapping_texts))
        writer.start()
        writer.started_batch.wait()
        writer._check()
        plan = make_plan(db, source, year_name=request.year, options=request.options,
                         progress=progress, stream=writer)
        if plan.stopped:
            writer.abandon()
            return plan, None
        return plan, writer.finish(plan, progress)
    except BaseException:
        writer.abandon()
        raise
    finally:
        db.close()


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
