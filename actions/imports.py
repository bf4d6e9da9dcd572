"""Bringing a spreadsheet in, and taking an import back.

An import is one batch in one transaction, with its history line written inside it
(:mod:`importing.apply`); it is undone as a whole from the import history (here), not with
Edit > Undo. Both faces call these: the headless ``import`` and ``undo-import`` commands and
the import window.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from actions.changes import EVERYTHING
from actions.core import Outcome
from importing import apply
from importing.kinds.base import Progress
from importing.plan import Plan
from importing.sheets import Workbook

ImportRequest = apply.ImportRequest
StoppedAfterSaving = apply.StoppedAfterSaving


def import_file(data_path: Path, request: ImportRequest, progress: Progress | None = None, *,
                workbook: Workbook | None = None) -> Outcome:
    """Read, check and write one file as one import. Value: (the plan, the batch or None when
    the file stopped before anything was written, such as for unknown codes)."""
    plan, batch = apply.import_file(data_path, request, progress, workbook=workbook)
    message = plan.stopped or apply.summary_sentence(plan) + "."
    return Outcome(frozenset(EVERYTHING) if batch is not None else frozenset(), message,
                   (plan, batch))


def apply_plan(db: sqlite_utils.Database, plan: Plan, *,
               progress: Progress | None = None) -> Outcome:
    """Write a previewed plan as one import. Value: the batch."""
    batch = apply.apply_plan(db, plan, progress=progress)
    return Outcome(frozenset(EVERYTHING), apply.summary_sentence(plan) + ".", batch)


def undo_import(db: sqlite_utils.Database, batch_id: int, *, agreed: bool = False) -> Outcome:
    """Take a whole import back. When later work hangs on it, or a later import changed the
    same records, it is refused unless ``agreed`` (see :func:`importing.apply.undo_preview`).
    Value: counts of records removed and put back."""
    batch, _, _ = apply.undo_preview(db, batch_id)
    counts = apply.undo(db, batch_id, agreed=agreed)
    return Outcome(frozenset(EVERYTHING),
                   f"Undid import {batch_id} ({batch['kind']} from {batch['file_name']}): "
                   f"{counts['removed']} records removed, {counts['restored']} put back as they "
                   "were.", counts)
