"""The step every kind of import shares: each record once, then new, changed or unchanged.

A file may give one record on several rows (a student nominated by two teachers, the same
date twice in an export). :class:`Seen` keeps the first row of each record and tells the kind
about the rest, which the kind merges or skips. A record's key is what identifies it in the
file (a student ID, an email, a date); where the file also says who it is (a name), two rows
with one key and different names are two different people given one ID by mistake: neither
row may be imported, and both are named (:meth:`Seen.report`).

:func:`sort_out` then compares the records with what is stored: new ones, changed ones (with
what changed) and unchanged ones.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from importing.kinds.base import KindPlan, Problems, Row

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class Seen(Generic[K]):
    """The first row of each record in a file, and the keys that two different people share."""

    def __init__(self) -> None:
        self.first: dict[K, Row] = {}
        self._who: dict[K, Any] = {}  # key -> the name key of the first row that says who
        self._rows: dict[K, list[tuple[Row, str]]] = {}
        self.clashes: dict[K, list[tuple[Row, str]]] = {}

    def add(self, key: K, row: Row, name: Any = None, shown: str = "") -> Row | None:
        """Note ``row`` under ``key``; None when it is the first, else the first row.

        ``name`` is a comparable form of who the row is about (None when the file does not
        say); ``shown`` is the name as the file writes it, for the problem.
        """
        rows = self._rows.setdefault(key, [])
        rows.append((row, shown))
        earlier = self.first.get(key)
        if earlier is None:
            self.first[key] = row
            self._who[key] = name
            return None
        if name is not None:
            first_name = self._who[key]
            if first_name is None:
                self._who[key] = name
            elif name != first_name:
                self.clashes[key] = rows
        return earlier

    def clashing(self, key: K) -> bool:
        """Whether two different people share ``key`` in this file."""
        return key in self.clashes

    def report(self, problems: Problems, column: str, what: str,
               sentence: Callable[[str, str, str], str] | None = None) -> int:
        """One problem for each row of a shared key; returns how many rows that is.

        ``what`` names the key in a sentence ("student ID", "email"); ``sentence(key, this,
        others)`` words the problem another way (for keys that are not people's).
        """
        count = 0
        for key, rows in self.clashes.items():
            for row, shown in rows:
                others = ", ".join(f"row {other.number} ({name or 'no name'})"
                                   for other, name in rows if other is not row)
                this = shown or "no name"
                problems.add(row, column, sentence(key_words(key), this, others) if sentence
                             else f"The {what} {key_words(key)} is also on {others}, for a "
                             f"different person than this row ({this}). Two people cannot "
                             f"share one {what}, so none of these rows was imported: check the "
                             f"{what}s in the file.")
                count += 1
        return count


def key_words(key: Any) -> str:
    """A record's key as a sentence shows it: the value, without what kind of key it is
    (("student_number", "1001") -> "1001")."""
    if isinstance(key, tuple):
        return str(key[-1])
    return str(key)


@dataclass
class Sorted(Generic[T]):
    """Records sorted against what is stored: new, changed (with the change) and unchanged."""

    new: list[T] = field(default_factory=list)
    changed: list[tuple[T, Any, Any]] = field(default_factory=list)  # (record, stored, change)
    unchanged: list[tuple[T, Any]] = field(default_factory=list)  # (record, stored)

    def count_into(self, result: KindPlan, *, already_added: int = 0) -> None:
        """Add the counts to a kind's plan."""
        result.added += already_added + len(self.new)
        result.updated += len(self.changed)
        result.unchanged += len(self.unchanged)


def sort_out(records: Iterable[T], stored: Callable[[T], Any],
             change: Callable[[T, Any], Any]) -> Sorted[T]:
    """Sort ``records``: ``stored(record)`` finds what is stored for it (None: new) and
    ``change(record, stored)`` says what would change (falsy: nothing)."""
    result: Sorted[T] = Sorted()
    new, changed, unchanged = result.new, result.changed, result.unchanged
    for record in records:
        old = stored(record)
        if old is None:
            new.append(record)
            continue
        difference = change(record, old)
        if difference:
            changed.append((record, old, difference))
        else:
            unchanged.append((record, old))
    return result
