"""Small-group suppression that holds against a reader who does the arithmetic.

The threat: a reader of the administrators' outputs knows every figure shown anywhere in them
(headline counts, Total rows, other tables over the same students, zeros) and the simple facts
that tie them together (a row's parts add up to its total, a count cannot exceed its group,
left chronic absence <= chronic at the start), and solves for the hidden cells as an integer
program. Nothing hidden may be pinned to one value by that, and each "fewer than 5" cell must
stay free to be any of 0 to 4 (1 to 4 for a group that is listed, so has someone in it).

The engine works on *cells*: counts of students, each with a key. Tables share cells by key, so
a figure printed in three places is one cell, hidden everywhere or nowhere; the facts are
linking constraints between cells. In: cells, facts, and the cells that must be hidden (a count
of 1 to 4; every count of a group under 5). Out: which cells to hide, and the words each hidden
cell shows. :func:`protect` hides more cells (complementary suppression) until the audit
(:mod:`reports.suppression_solver`) finds every hidden cell protected. Figures that are not
counts (rates, shares, medians) are *derived* cells: hidden with any cell they depend on.

The district roll-up (issue 15) builds its tables into the same :class:`Disclosure`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

THRESHOLD = 5
SMALL_TEXT = "fewer than 5"
COMPLEMENT_TEXT = "not shown"
SMALL = "small"  # a count of 0 to 4 hidden: "fewer than 5"
HIDDEN = "hidden"  # a count of 5 or more, or a derived figure, hidden: "not shown"

Key = Hashable

# What hiding a cell costs the reader, relatively: a headline figure or a Total row is worth
# several table cells.
COST_CELL = 1.0
COST_TOTAL = 6.0
COST_HEADLINE = 40.0


@dataclass
class Disclosure:
    """The cells a report shows and the facts that tie them: the engine's input.

    ``count`` declares a count of students (a whole number); ``total`` says one count is the
    sum of others; ``at_most`` that one can never exceed another; ``derived`` declares a
    figure computed from counts (hidden when any of them is); ``must_hide`` marks a cell that
    must not be shown (a small group's counts). A count of 1 to 4 must be hidden anyway.
    """

    threshold: int = THRESHOLD
    values: dict[Key, int] = field(default_factory=dict)
    costs: dict[Key, float] = field(default_factory=dict)
    floors: dict[Key, int] = field(default_factory=dict)  # known lower bounds (a listed group)
    public: set[Key] = field(default_factory=set)  # published elsewhere: never hidden
    required: set[Key] = field(default_factory=set)
    totals: list[tuple[Key, tuple[Key, ...]]] = field(default_factory=list)
    bounds: list[tuple[Key, Key]] = field(default_factory=list)  # (small, big): small <= big
    dependencies: dict[Key, tuple[Key, ...]] = field(default_factory=dict)
    about: dict[Key, tuple[Key, ...]] = field(default_factory=dict)
    derived_required: set[Key] = field(default_factory=set)

    def count(self, key: Key, value: int, *, cost: float = COST_CELL, at_least: int = 0,
              public: bool = False) -> Key:
        """Declare a count of students (again with the same value: the same cell)."""
        value = int(value)
        if value < 0:
            raise ValueError(f"a count cannot be negative: {key!r} = {value}")
        if key in self.values and self.values[key] != value:
            raise ValueError(f"{key!r} is declared twice with different values "
                             f"({self.values[key]} and {value}): one figure, one value")
        self.values[key] = value
        self.costs[key] = max(cost, self.costs.get(key, 0.0))
        self.floors[key] = max(at_least, self.floors.get(key, 0))
        if public:
            self.public.add(key)
        return key

    def total(self, whole: Key, parts: Iterable[Key]) -> None:
        """``whole`` is the sum of ``parts`` (a Total row, a row's parts, a tier sum)."""
        parts = tuple(parts)
        if sum(self.values[part] for part in parts) != self.values[whole]:
            raise ValueError(f"{whole!r} is not the sum of {parts!r}")
        self.totals.append((whole, parts))

    def at_most(self, small: Key, big: Key) -> None:
        """``small`` can never exceed ``big`` (a count within its group)."""
        if self.values[small] > self.values[big]:
            raise ValueError(f"{small!r} exceeds {big!r}")
        self.bounds.append((small, big))

    def derived(self, key: Key, *, ratio_of: Iterable[Key] = (), about: Iterable[Key] = (),
                size: int | None = None) -> Key:
        """A figure that is not a count (a rate, a share, a median, a sum of days).

        ``ratio_of``: counts it is computed from, that it would give away with the others
        (a share of two counts): hidden when any of them is. ``about``: the counts of the
        groups it describes: hidden when such a group has fewer than the threshold (it would
        describe a few students). ``size``: the size of such a group that is not itself
        printed."""
        self.dependencies[key] = tuple(self.dependencies.get(key, ())) + tuple(ratio_of)
        self.about[key] = tuple(self.about.get(key, ())) + tuple(about)
        if size is not None and 0 < size < self.threshold:
            self.derived_required.add(key)
        return key

    def must_hide(self, *keys: Key) -> None:
        """Cells that must be hidden whatever their value (a small group's figures)."""
        for key in keys:
            if key in self.values:
                self.required.add(key)
            else:
                self.derived_required.add(key)

    def small_group(self, size: Key, cells: Iterable[Key]) -> None:
        """A group of fewer than the threshold: its size and every figure of it are hidden."""
        self.must_hide(size, *cells)

    @property
    def primary(self) -> set[Key]:
        """Cells hidden before any complement: required ones, and every count of 1 to 4."""
        small = {key for key, value in self.values.items()
                 if 0 < value < self.threshold and key not in self.public}
        return small | (self.required - self.public)


@dataclass(frozen=True)
class Protection:
    """What the engine decided: the hidden cells and the words they show."""

    values: Mapping[Key, int]
    hidden_counts: frozenset[Key]
    hidden_derived: frozenset[Key]
    threshold: int = THRESHOLD

    def state(self, key: Key) -> str:
        """"" (shown), ``SMALL`` ("fewer than 5") or ``HIDDEN`` ("not shown")."""
        if key in self.hidden_counts:
            return SMALL if self.values[key] < self.threshold else HIDDEN
        if key in self.hidden_derived:
            return HIDDEN
        return ""

    def is_hidden(self, key: Key) -> bool:
        return key in self.hidden_counts or key in self.hidden_derived

    def show(self, key: Key, value: Any = None) -> Any:
        """The cell as printed: its value (a count's own by default), or the words for it."""
        state = self.state(key)
        if state == SMALL:
            return SMALL_TEXT
        if state == HIDDEN:
            return COMPLEMENT_TEXT
        return self.values.get(key) if value is None else value

    @property
    def any_hidden(self) -> bool:
        return bool(self.hidden_counts or self.hidden_derived)


def nothing_hidden(disclosure: Disclosure) -> Protection:
    """Every figure shown (the program team's report: it names each mentee anyway)."""
    return Protection(dict(disclosure.values), frozenset(), frozenset(), disclosure.threshold)


def protect(disclosure: Disclosure) -> Protection:
    """Hide the primary cells and as many more as it takes for every hidden cell to stay
    protected against the reader's integer program; derived figures follow their counts."""
    from reports import suppression_solver

    signature = _signature(disclosure)
    hidden = _DECIDED.get(signature)
    if hidden is None:
        hidden = set(disclosure.primary)
        if hidden:
            hidden = _complete_sums(disclosure, hidden)
            hidden = suppression_solver.secure(disclosure, hidden)
        _DECIDED[signature] = hidden = frozenset(hidden)
        while len(_DECIDED) > 32:
            _DECIDED.pop(next(iter(_DECIDED)))
    derived = set(disclosure.derived_required)
    for key, depends_on in disclosure.dependencies.items():
        if any(part in hidden for part in depends_on):
            derived.add(key)
    for key, groups in disclosure.about.items():
        if any(0 < disclosure.values[group] < disclosure.threshold for group in groups):
            derived.add(key)
    return Protection(dict(disclosure.values), frozenset(hidden), frozenset(derived),
                      disclosure.threshold)


# The same cells and facts always give the same hiding: decided once (a report is shown on
# screen, then saved as a workbook and a PDF).
_DECIDED: dict[tuple, frozenset] = {}


def _signature(disclosure: Disclosure) -> tuple:
    return (disclosure.threshold, tuple(sorted(disclosure.values.items(), key=repr)),
            tuple(sorted(disclosure.costs.items(), key=repr)),
            tuple(sorted(disclosure.floors.items(), key=repr)),
            tuple(sorted(disclosure.public, key=repr)),
            tuple(sorted(disclosure.required, key=repr)), tuple(disclosure.totals),
            tuple(disclosure.bounds))


def _complete_sums(disclosure: Disclosure, hidden: set[Key]) -> set[Key]:
    """The quick first pass: no published sum may have exactly one hidden cell in it (that
    cell would be the total minus the rest). The audit then checks the rest exactly."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for whole, parts in disclosure.totals:
            line = (whole, *parts)
            inside = [key for key in line if key in hidden]
            if len(inside) != 1:
                continue
            candidates = [key for key in line if key not in hidden
                          and key not in disclosure.public]
            if not candidates:
                continue
            hidden.add(min(candidates, key=lambda key: (
                disclosure.costs[key], disclosure.values[key] == 0, disclosure.values[key],
                repr(key))))
            changed = True
    return hidden

