"""Transactions: the only place MentorDesk begins, commits or rolls back.

Every change a user makes is one transaction (actions/), and so is every import (importing/).
A write transaction starts with ``BEGIN IMMEDIATE`` so it holds SQLite's write lock from its first
statement: two writers wait for each other instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from storage.errors import explain


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One transaction that commits when the block ends and rolls back if it raises.

    Inside another transaction it is a savepoint: it rolls back alone, and commits with the outer.
    What the world causes (a full disk, a read-only file, a lock held too long) comes out as its
    plain :class:`~storage.errors.KnownProblem`, after the rollback.
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
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        _raise_plainly(db, error)
    try:
        yield db
    except (sqlite3.Error, OSError) as error:
        rollback(db)
        _raise_plainly(db, error)
    except BaseException:
        rollback(db)
        raise
    else:
        try:
            db.execute("COMMIT")
        except sqlite3.Error as error:
            rollback(db)
            _raise_plainly(db, error)
        except BaseException:
            rollback(db)
            raise


def _raise_plainly(db: sqlite_utils.Database, error: BaseException) -> None:
    known = explain(error, data_path(db))
    if known is None or known is error:
        raise error
    raise known from error


def data_path(db: sqlite_utils.Database) -> str | None:
    """The path of the file this connection is on (None in memory)."""
    try:
        for _, name, path in db.execute("PRAGMA database_list").fetchall():
            if name == "main":
                return path or None
    except sqlite3.Error:
        return None
    return None


def rollback(db: sqlite_utils.Database) -> None:
    """Roll back the open transaction, if any (an error may already have ended it)."""
    if db.conn.in_transaction:
        # A full disk can make even the rollback fail; SQLite rolls back by itself then.
        with contextlib.suppress(sqlite3.Error):
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

    def begin(self, *, check_references: bool = True) -> None:
        """Start the transaction, holding the write lock from now on.

        ``check_references=False`` skips SQLite's foreign-key look-ups for this transaction
        (and connection): only for a writer whose every reference comes from rows read while
        it holds the write lock (so none can have gone), storing many rows (a year of
        attendance: one look-up in students and one in import_batches per row).
        """
        if not check_references:
            self.db.execute("PRAGMA foreign_keys = OFF")
        self.db.execute("BEGIN IMMEDIATE")

    def keep(self) -> None:
        """Commit: keep everything written since :meth:`begin`."""
        self.db.execute("COMMIT")

    def discard(self) -> None:
        """Roll back everything written since :meth:`begin` (nothing to do once ended)."""
        rollback(self.db)
