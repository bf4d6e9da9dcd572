"""Transactions: the only place MentorDesk begins, commits or rolls back.

Every change a user makes is one transaction (actions/), and so is every import (importing/).
A write transaction starts with ``BEGIN IMMEDIATE`` so it holds SQLite's write lock from its first
statement: two writers wait for each other instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One transaction that commits when the block ends and rolls back if it raises.

    Inside another transaction it is a savepoint: it rolls back alone, and commits with the outer.
    """
    if db.conn.in_transaction:
        name = f"md_{secrets.token_hex(8)}"
        db.execute(f"SAVEPOINT {name}")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.execute(f"ROLLBACK TO SAVEPOINT {name}")
                db.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            db.execute(f"RELEASE SAVEPOINT {name}")
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        rollback(db)
        raise
    else:
        try:
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise


def rollback(db: sqlite_utils.Database) -> None:
    """Roll back the open transaction, if any (an error may already have ended it)."""
    if db.conn.in_transaction:
        db.execute("ROLLBACK")


def in_transaction(db: sqlite_utils.Database) -> bool:
    """True while a transaction is open on this connection."""
    return db.conn.in_transaction


class WriteTransaction:
    """One write transaction on ``db``, begun and ended by explicit calls, for work that spans
    several steps of a thread (the import's writer stores rows as they come and commits, or
    rolls back, when the import ends).

    ``begin`` takes the write lock at once (BEGIN IMMEDIATE), so a second writer waits or is
    refused before any work is done rather than part-way through.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def begin(self) -> None:
        """Start the transaction, holding the write lock from now on."""
        self.db.execute("BEGIN IMMEDIATE")

    def keep(self) -> None:
        """Commit: keep everything written since :meth:`begin`."""
        self.db.execute("COMMIT")

    def discard(self) -> None:
        """Roll back everything written since :meth:`begin` (nothing to do once ended)."""
        rollback(self.db)
