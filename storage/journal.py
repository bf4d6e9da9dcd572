"""What a change did to the data file, recorded so that it can be taken back and done again.

While :func:`recording` is active, temporary triggers (they live on this connection only, never in
the file) note every row inserted, updated or deleted in MentorDesk's tables, cascades included,
as SQL literals (SQLite's ``quote()``), which keep every value's type. SQLite's own documentation
describes the technique ("Automatic Undo/Redo Using SQLite").

:func:`take_back` puts each touched row back as it was before the change, after checking that no
later change touched the same rows; :func:`do_again` replays it. Both record what they do, so an
undo can be redone and a redo undone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlite_utils

from storage.errors import KnownProblem

# The history of changes is not itself a change; the rest is the school's data.
UNTRACKED_TABLES = frozenset({"activity", "_sqlite_migrations", "column_mappings"})

# For the sentence that says why an undo cannot go ahead.
ROW_WORDS = {
    "students": "a student", "enrollments": "a student's enrollment", "mentors": "a mentor",
    "matches": "a match", "meetings": "a meeting", "meeting_matches": "a meeting",
    "goals": "a goal", "goal_notes": "a progress note", "nominations": "a nomination",
    "referrals": "a referral", "referral_notes": "a referral note", "trainings": "a training",
    "training_attendance": "a training sign-in", "attendance": "attendance",
    "school_years": "a school year", "non_school_days": "the calendar", "settings": "a setting",
    "survey_questions": "a survey question", "survey_responses": "a survey response",
    "survey_answers": "a survey answer",
}


class UndoConflict(KnownProblem):
    """A later change touched the same records, so this one cannot be taken back alone."""


@dataclass(frozen=True)
class RowChange:
    """One row's change: its table, its key (SQL literals) and its values before and after."""

    table: str
    key_before: str | None
    key_after: str | None
    before: str | None  # the row's values as SQL literals, None when it did not exist
    after: str | None  # likewise after the change, None when it was deleted


@dataclass(frozen=True)
class _Shape:
    """How the journal reads and writes one table's rows."""

    table: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # the primary key's columns, or ("rowid",)

    def literal(self, prefix: str, names: tuple[str, ...]) -> str:
        parts = [f"quote({prefix}{_name(column)})" for column in names]
        return " || ',' || ".join(parts)

    @property
    def column_list(self) -> str:
        return ", ".join(_name(column) for column in self.columns)

    @property
    def key_list(self) -> str:
        return ", ".join(_name(column) for column in self.key)

    @property
    def needs_rowid(self) -> bool:
        return self.key == ("rowid",)


def _name(column: str) -> str:
    return column if column == "rowid" else '"' + column.replace('"', '""') + '"'


def _shapes(db: sqlite_utils.Database) -> dict[str, _Shape]:
    shapes = {}
    for (table,) in db.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
        if table in UNTRACKED_TABLES:
            continue
        info = db.execute(f"PRAGMA main.table_info({_name(table)})").fetchall()
        columns = tuple(row[1] for row in info)
        key = tuple(row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5]))
        shapes[table] = _Shape(table, columns, key or ("rowid",))
    return shapes


def _install(db: sqlite_utils.Database) -> dict[str, _Shape]:
    """The temporary log and triggers on this connection (again after the schema changed)."""
    # The temp schema's version too: a rolled-back first change takes the temp tables and
    # triggers made inside it away, and they must be made again.
    version = (db.execute("PRAGMA main.schema_version").fetchone()[0],
               db.execute("PRAGMA temp.schema_version").fetchone()[0])
    installed = getattr(db, "_journal_installed", None)
    if installed and installed[0] == version:
        return installed[1]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS md_journal_state (recording INTEGER NOT NULL)")
    if not db.execute("SELECT 1 FROM temp.md_journal_state").fetchone():
        db.execute("INSERT INTO temp.md_journal_state VALUES (0)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS md_journal (seq INTEGER PRIMARY KEY, "
               "tbl TEXT, key_before TEXT, key_after TEXT, before TEXT, after TEXT)")
    # Delete triggers fire for rows that INSERT OR REPLACE removes only with this on.
    db.execute("PRAGMA recursive_triggers = ON")
    for (name,) in db.execute("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' "
                              "AND name LIKE 'journal_%'").fetchall():
        db.execute(f"DROP TRIGGER temp.{_name(name)}")
    shapes = _shapes(db)
    when = "WHEN (SELECT recording FROM temp.md_journal_state)"
    for index, shape in enumerate(shapes.values()):
        target = f"main.{_name(shape.table)}"
        table = shape.table.replace("'", "''")
        old_row = shape.literal("old.", shape.columns)
        new_row = shape.literal("new.", shape.columns)
        old_key, new_key = shape.literal("old.", shape.key), shape.literal("new.", shape.key)
        statements = {
            "insert": f"VALUES ('{table}', NULL, {new_key}, NULL, {new_row})",
            "update": f"VALUES ('{table}', {old_key}, {new_key}, {old_row}, {new_row})",
            "delete": f"VALUES ('{table}', {old_key}, NULL, {old_row}, NULL)",
        }
        for event, values in statements.items():
            db.execute(
                f"CREATE TEMP TRIGGER journal_{index}_{event} AFTER {event.upper()} ON {target} "
                f"{when} BEGIN INSERT INTO md_journal (tbl, key_before, key_after, before, "
                f"after) {values}; END")
    version = (version[0], db.execute("PRAGMA temp.schema_version").fetchone()[0])
    db._journal_installed = (version, shapes)  # type: ignore[attr-defined]
    return shapes


class Recording:
    """The rows changed while recording; read :attr:`changes` after the block."""

    def __init__(self) -> None:
        self.changes: list[RowChange] = []


@contextmanager
def recording(db: sqlite_utils.Database) -> Iterator[Recording]:
    """Note every row this connection changes inside the block (call inside a transaction)."""
    _install(db)
    db.execute("DELETE FROM temp.md_journal")
    db.execute("UPDATE temp.md_journal_state SET recording = 1")
    result = Recording()
    try:
        yield result
        result.changes = [RowChange(*row) for row in db.execute(
            "SELECT tbl, key_before, key_after, before, after FROM temp.md_journal ORDER BY seq")]
    finally:
        db.execute("UPDATE temp.md_journal_state SET recording = 0")
        db.execute("DELETE FROM temp.md_journal")


@dataclass(frozen=True)
class _Net:
    """A row's state before and after a whole change (several row changes folded into one)."""

    table: str
    key: str
    before: str | None
    after: str | None
    last_seen: int


def _net(changes: list[RowChange]) -> list[_Net]:
    states: dict[tuple[str, str], list] = {}
    for seq, change in enumerate(changes):
        if change.key_before is not None and change.key_before != change.key_after:
            entry = states.setdefault((change.table, change.key_before),
                                      [change.before, None, seq])
            entry[1], entry[2] = None, seq
        if change.key_after is not None:
            before = change.before if change.key_before == change.key_after else None
            entry = states.setdefault((change.table, change.key_after), [before, None, seq])
            entry[1], entry[2] = change.after, seq
    return [_Net(table, key, before, after, seq)
            for (table, key), (before, after, seq) in states.items() if before != after]


def _current(db: sqlite_utils.Database, shape: _Shape, key: str) -> str | None:
    row = db.execute(f"SELECT {shape.literal('', shape.columns)} FROM main.{_name(shape.table)} "
                     f"WHERE ({shape.key_list}) = ({key})").fetchone()
    return row[0] if row else None


def _put(db: sqlite_utils.Database, shape: _Shape, key: str, values: str | None) -> None:
    table = f"main.{_name(shape.table)}"
    exists = db.execute(f"SELECT 1 FROM {table} WHERE ({shape.key_list}) = ({key})").fetchone()
    if values is None:
        db.execute(f"DELETE FROM {table} WHERE ({shape.key_list}) = ({key})")
    elif exists:
        db.execute(f"UPDATE {table} SET ({shape.column_list}) = ({values}) "
                   f"WHERE ({shape.key_list}) = ({key})")
    elif shape.needs_rowid:
        db.execute(f"INSERT INTO {table} (rowid, {shape.column_list}) VALUES ({key}, {values})")
    else:
        db.execute(f"INSERT INTO {table} ({shape.column_list}) VALUES ({values})")


def take_back(db: sqlite_utils.Database, changes: list[RowChange],
              what: str = "Undo") -> list[RowChange]:
    """Put every row the change touched back as it was before it (inside a transaction).

    Refuses with :class:`UndoConflict` when a touched row is no longer as the change left it, or
    when putting it back would reach rows the change never touched (a later record that hangs on
    it). Returns what taking back changed: taking *that* back makes the change again (redo).
    """
    shapes = _install(db)
    net = _net(changes)
    for row in net:
        shape = shapes.get(row.table)
        if shape is None or _current(db, shape, row.key) != row.after:
            raise UndoConflict(
                f"{what} cannot go ahead: {ROW_WORDS.get(row.table, 'a record')} it changed was "
                "changed again since (by another change or an import). Nothing was changed.")
    # Newest first, so each row goes back through the states it went through.
    order = sorted(net, key=lambda row: row.last_seen, reverse=True)
    db.execute("PRAGMA defer_foreign_keys = ON")
    with recording(db) as replayed:
        for row in order:
            _put(db, shapes[row.table], row.key, row.before)
    touched = {(row.table, row.key) for row in net}
    for change in replayed.changes:
        for key in (change.key_before, change.key_after):
            if key is not None and (change.table, key) not in touched:
                raise UndoConflict(
                    f"{what} cannot go ahead on its own: {ROW_WORDS.get(change.table, 'a record')}"
                    " added or changed after it depends on it. Nothing was changed.")
    return replayed.changes
