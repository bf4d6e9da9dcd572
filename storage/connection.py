"""A data file's connection, with sqlite-utils' Database interface and its speed at the start.

MentorDesk's queries use two methods of ``sqlite_utils.Database``, ``execute`` and ``query``;
:class:`Database` answers those itself, exactly as sqlite-utils does on MentorDesk's connections,
and hands everything else (``atomic``, ``db["table"]``, ``table_names()``...) to a
``sqlite_utils.Database`` over the same connection, made the first time it is needed. So the
window reads its first screen without loading sqlite-utils (storage/__init__.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any


class Database:
    """sqlite-utils' Database over ``conn``, which must be in autocommit mode
    (``isolation_level=None``: no implicit transactions, as storage.database opens them)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        assert conn.isolation_level is None, "MentorDesk's connections are autocommit"
        self.conn = conn
        self._utils = None
        # As sqlite_utils.Database sets up every connection it is given.
        conn.execute("PRAGMA recursive_triggers=on;")

    def utils(self):
        """The sqlite_utils.Database over this connection (loads sqlite-utils once)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        """Run one statement (sqlite_utils.Database.execute: on an autocommit connection no
        statement opens a transaction it would have to commit)."""
        if self._utils is not None:
            return self._utils.execute(sql, parameters)
        was_in_transaction = self.conn.in_transaction
        try:
            if parameters is not None:
                return self.conn.execute(sql, parameters)
            return self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # never leave a failed statement's transaction
            raise

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None
              ) -> Iterator[dict]:
        """Rows as dicts. A plain SELECT is answered here; anything else (and a SELECT with two
        columns of one name, which sqlite-utils renames) by sqlite-utils itself."""
        if self._utils is None and sql.lstrip()[:6].upper() == "SELECT":
            cursor = self.conn.execute(sql, params) if params is not None \
                else self.conn.execute(sql)
            keys = [column[0] for column in cursor.description]
            if len(set(keys)) == len(keys):
                return (dict(zip(keys, row, strict=False)) for row in cursor)
            cursor.close()
        return self.utils().query(sql, params)

    def close(self) -> None:
        self.conn.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("conn", "_utils"):
            raise AttributeError(name)  # not set up yet, or not sqlite-utils' to answer
        return getattr(self.utils(), name)

    def __getitem__(self, name: str):
        return self.utils()[name]

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
