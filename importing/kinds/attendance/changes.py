"""What an attendance plan will write: the rows to add, change and remove."""

from __future__ import annotations

from dataclasses import dataclass, field

Slot = tuple[int, str]  # (student id, ISO date)
Meaning = tuple[str, str]  # (status, code as the file writes it)
Stored = tuple[str, str, "int | None"]  # (status, code, batch id)


@dataclass
class Actions:
    """The writes an attendance plan holds for :func:`.writing.write`."""

    # (slot, meaning) rows to add; rows already sent ahead to the writer are not in it.
    inserts: list[tuple[Slot, Meaning]] = field(default_factory=list)
    updates: list[tuple[tuple[int, str, str, str], Stored]] = field(default_factory=list)
    deletes: list[tuple[Slot, Stored]] = field(default_factory=list)
    # Rows an exceptions import lists unchanged: they now belong to it (same shape as updates).
    restamps: list[tuple[tuple[int, str, str, str], Stored]] = field(default_factory=list)
    coverage: list[int] = field(default_factory=list)
    summaries_new: list[tuple[int, int, str, float, float]] = field(default_factory=list)
    summaries_changed: list[tuple[dict, float, float]] = field(default_factory=list)
    # Rows sent ahead that a later row for the same date changed (status, code, student, day).
    streamed_fixes: list[tuple[str, str, int, str]] = field(default_factory=list)
    # Rows sent ahead that fall outside an exceptions import's dates: (first, last) kept.
    streamed_keep: tuple[str, str] | None = None
    # Students whose rows went ahead but may not go in after all (one ID, two names).
    streamed_drop: list[int] = field(default_factory=list)
