"""Remembered column mappings: how a sheet with these headers was read last time."""

from __future__ import annotations

import json

import sqlite_utils

from storage.clock import now_text


def remembered(db: sqlite_utils.Database, kind: str, signature: str) -> dict[str, str] | None:
    """The saved mapping (normalized header -> field key) for this kind and these headers."""
    row = db.execute(
        "SELECT mapping FROM column_mappings WHERE kind = ? AND header_signature = ?",
        [kind, signature],
    ).fetchone()
    return json.loads(row[0]) if row else None


def remember(db: sqlite_utils.Database, kind: str, signature: str, mapping: dict[str, str]) -> None:
    """Save (or replace) the mapping for this kind and these headers."""
    db.execute(
        "INSERT INTO column_mappings (kind, header_signature, mapping, saved_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(kind, header_signature) DO UPDATE SET "
        "mapping = excluded.mapping, saved_at = excluded.saved_at",
        [kind, signature, json.dumps(mapping, sort_keys=True), now_text()],
    )


def forget(db: sqlite_utils.Database, kind: str, signature: str) -> None:
    db.execute("DELETE FROM column_mappings WHERE kind = ? AND header_signature = ?",
               [kind, signature])
