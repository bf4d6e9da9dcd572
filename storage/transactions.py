"""Transactions: the only place that begins, commits and rolls back.

Two shapes: :func:`atomic`, a ``with`` block that commits when it ends and rolls back on any
error (nested ones become savepoints), and :class:`WriteTransaction`, a write transaction
held open across calls, for the import's writer thread, which stores rows as they come and
commits (or rolls back) when the import ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def atomic(db: sqlite_utils.Database) -> Iterator[None]:
    """Everything inside goes in together or not at all (a savepoint when already inside one)."""
    with db.atomic():
        yield


class WriteTransaction:
    """One write transaction on ``db``, begun and ended by explicit calls.

    ``begin`` takes the write lock at once (BEGIN IMMEDIATE), so a second writer waits or is
    refused before any work is done rather than part-way through.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def begin(self) -> None:
        """Start the transaction, holding the write lock from now on."""
        self.db.execute("BEGIN IMMEDIATE")

    @property
    def active(self) -> bool:
        """Whether the transaction is still open."""
        return self.db.conn.in_transaction

    def commit(self) -> None:
        """Keep everything written since :meth:`begin`."""
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        """Throw away everything written since :meth:`begin` (nothing to do once ended)."""
        if self.db.conn.in_transaction:
            self.db.execute("ROLLBACK")
