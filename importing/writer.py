"""The headless import's writing thread: rows stored while the file is still being read.

Rows the plan finds to be surely new are sent ahead while the file is read; SQLite stores them
(outside Python's lock) while Python reads on. ``finish`` writes the rest and commits;
anything else (a refusal, Cancel, an error) rolls the whole transaction back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage import attendance_import, imports
from storage.database import connect
from storage.transactions import WriteTransaction

Progress = Callable[[int, int], None]


def start_batch(db, path: Path, kind: str) -> int:
    """Open the import's batch row (inside its transaction)."""
    return imports.start_batch(db, kind, file_name=path.name, file_path=str(path.resolve()))


@dataclass
class _NewRows:
    """Attendance rows for the writer, as the values of its INSERT statements."""

    statements: list[list]


class Writer(threading.Thread):
    """The import's writing, on its own connection and thread, in one transaction.

    ``write_rest(db, plan, batch_id, progress)`` writes what the plan still holds once the
    file has been read (:func:`importing.apply.write_plan`).
    """

    def __init__(self, data_path: Path, file_path: Path, kind: str,
                 write_rest: Callable[..., None]) -> None:
        super().__init__(name="import-writer", daemon=True)
        self.data_path, self.file_path, self.kind = data_path, file_path, kind
        self.write_rest = write_rest
        self.work: queue.Queue = queue.Queue(maxsize=4)
        self.started_batch = threading.Event()
        self.batch_id: int | None = None
        self.indexes: list[str] = []
        self.error: BaseException | None = None
        self.committed = False

    def run(self) -> None:
        db = connect(self.data_path)
        transaction = WriteTransaction(db)
        try:
            # Attendance rows name students the plan found in this same transaction (the
            # reading connection reads after the lock is taken): their references cannot fail.
            transaction.begin(check_references=self.kind != "attendance")
            try:
                self.batch_id = start_batch(db, self.file_path, self.kind)
            finally:
                self.started_batch.set()
            bulk = False
            while True:
                item = self.work.get()
                if item is None:  # abandon
                    transaction.discard()
                    return
                if item == "bulk":
                    bulk = True
                    continue
                if isinstance(item, tuple):  # ("finish", plan, progress)
                    _, plan, progress = item
                    self.write_rest(db, plan, self.batch_id, progress)
                    attendance_import.make_indexes(db, self.indexes)
                    transaction.keep()
                    self.committed = True
                    return
                if bulk:  # most of the table is new: its indexes are made once, at the end
                    self.indexes = attendance_import.drop_indexes(db)
                    bulk = False
                attendance_import.insert_laid_out(db, item.statements, self.batch_id)
        except BaseException as error:  # handed to the reading thread, which reports it
            self.error = error
            transaction.discard()
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
        self.check()
        self.work.put(_NewRows(attendance_import.laid_out(rows)))

    def send_in_order(self, values: list) -> None:
        """Rows that are surely new and already in the table's order, as INSERT values
        (:func:`storage.attendance_import.values_of`), to store now."""
        self.check()
        self.work.put(_NewRows(attendance_import.statements_of(values)))

    def bulk(self) -> None:
        """Most of the attendance table will be new: rebuild its indexes once, at the end."""
        self.check()
        self.work.put("bulk")

    def finish(self, plan: Any, progress: Progress | None) -> int:
        """Write the rest, commit, and return the batch."""
        self.check()
        self.work.put(("finish", plan, progress))
        self.join()
        self.check()
        return self.batch_id

    def abandon(self) -> None:
        """Roll back, unless the transaction has already ended (then wait for it to end)."""
        if self.is_alive():
            self.work.put(None)
            self.join()

    def check(self) -> None:
        """Raise the writing thread's error, if it had one."""
        if self.error is not None:
            raise self.error
