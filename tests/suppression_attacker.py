"""The attacker of issue 12: a reader who knows every figure shown and the simple facts that
tie them, and solves for the hidden ones as an integer program (scipy.optimize.milp).

Written apart from the engine (reports.suppression_solver searches by hand; this uses HiGHS),
so the tests check the engine against an independent solver. The reader's knowledge: each
shown cell's value; "fewer than 5" means 0 to 4 (1 to 4 for the size of a group that is
listed: it has someone in it); "not shown" means any whole number; and the facts.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

SMALL_TEXT = "fewer than 5"
COMPLEMENT_TEXT = "not shown"
CAP = 100_000  # "any whole number", for the solver


@dataclass
class Reading:
    """What the reader saw: each cell as printed, and the facts they know."""

    shown: dict[Hashable, object] = field(default_factory=dict)
    listed_sizes: set[Hashable] = field(default_factory=set)  # sizes of listed groups (>= 1)
    sums: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    at_most: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    least: dict[Hashable, int] = field(default_factory=dict)
    # A shown share k/n of students counted in a cell: the cell holds at least the numerator
    # of k/n in lowest terms (what a share printed beside its group gives away).
    floors: dict[Hashable, int] = field(default_factory=dict)

    def see(self, key: Hashable, printed: object) -> None:
        """A cell as printed; the same cell read twice must read the same."""
        if key in self.shown and self.shown[key] != printed:
            raise AssertionError(f"{key!r} reads {self.shown[key]!r} in one place and "
                                 f"{printed!r} in another: one figure, two values")
        self.shown[key] = printed

    def total(self, whole: Hashable, parts: Iterable[Hashable]) -> None:
        self.sums.append((whole, tuple(parts)))

    def bound(self, small: Hashable, big: Hashable) -> None:
        self.at_most.append((small, big))

    def share_of(self, key: Hashable, share: object) -> None:
        """A share printed of some of the students ``key`` counts (k of n of them)."""
        if isinstance(share, (int, float)) and not isinstance(share, bool):
            # The file holds the share unrounded: k/n, n a school's count, read back exactly.
            part = Fraction(share).limit_denominator(10_000).numerator
            self.floors[key] = max(self.floors.get(key, 0), part)


def _least(reading: Reading) -> dict[Hashable, int]:
    """What the tables' shape alone says: a listed group has at least one student, so a sum
    of k listed groups has at least k, and a group at least what it holds."""
    least = {key: max(int(key in reading.listed_sizes), reading.floors.get(key, 0))
             for key in reading.shown}
    while True:
        before = dict(least)
        for whole, parts in reading.sums:
            least[whole] = max(least[whole], sum(least[part] for part in parts))
        for small, big in reading.at_most:
            least[big] = max(least[big], least[small])
        if least == before:
            return least


def _range(reading: Reading, key: Hashable) -> tuple[int, int]:
    printed = reading.shown[key]
    if printed == SMALL_TEXT:
        return reading.least[key], 4
    if printed == COMPLEMENT_TEXT:
        return reading.least[key], CAP
    if isinstance(printed, bool) or not isinstance(printed, (int, float)):
        raise AssertionError(f"{key!r} prints {printed!r}: not a count")
    return int(printed), int(printed)


def _solve(reading: Reading, keys: list[Hashable], objective: Mapping[int, float],
           fixed: tuple[int, int] | None = None,
           seen: dict[int, set[int]] | None = None) -> float | None:
    """The optimum (None: no solution); every value of the solution found is noted in
    ``seen`` (a solution is a witness for every cell at once)."""
    index = {key: n for n, key in enumerate(keys)}
    low, high = zip(*(_range(reading, key) for key in keys), strict=True)
    low, high = list(low), list(high)
    if fixed is not None:
        low[fixed[0]] = high[fixed[0]] = fixed[1]
    rows, lower, upper = [], [], []
    for whole, parts in reading.sums:
        if whole not in index or any(part not in index for part in parts):
            continue  # a fact about other cells (the caller leaves out what is unrelated)
        row = np.zeros(len(keys))
        row[index[whole]] += 1
        for part in parts:
            row[index[part]] -= 1
        rows.append(row)
        lower.append(0)
        upper.append(0)
    for small, big in reading.at_most:
        if small not in index or big not in index:
            continue
        row = np.zeros(len(keys))
        row[index[small]] += 1
        row[index[big]] -= 1
        rows.append(row)
        lower.append(-np.inf)
        upper.append(0)
    cost = np.zeros(len(keys))
    for n, weight in objective.items():
        cost[n] = weight
    constraints = [LinearConstraint(np.array(rows), lower, upper)] if rows else []
    result = milp(cost, integrality=np.ones(len(keys)), bounds=Bounds(low, high),
                  constraints=constraints)
    if result.status != 0:
        return None
    if seen is not None:
        for n, value in enumerate(result.x):
            seen.setdefault(n, set()).add(int(round(value)))
    return float(result.fun)


def attack(reading: Reading) -> list[str]:
    """What the reader can work out: every hidden cell pinned to one value, and every value
    a "fewer than 5" cell cannot take. Empty: the suppression holds."""
    keys = sorted(reading.shown, key=repr)
    reading.least = _least(reading)
    for whole, parts in reading.sums:
        for key in (whole, *parts):
            if key not in reading.shown:
                raise AssertionError(f"the fact about {key!r} names a cell never printed")
    assert _solve(reading, keys, {}) is not None, "what is shown contradicts the facts"
    # The same reader with no figure at all, only the words and the tables' shape: what this
    # reader rules out, the figures did not give away.
    shape = Reading({key: printed if printed in (SMALL_TEXT, COMPLEMENT_TEXT)
                     else COMPLEMENT_TEXT for key, printed in reading.shown.items()},
                    reading.listed_sizes, reading.sums, reading.at_most)
    shape.least = _least(shape)  # no share is a figure this reader has
    found = []
    for group in _groups(reading):
        found += _attack_group(reading, shape, keys, group)
    return found


def _facts(reading: Reading) -> list[tuple[Hashable, ...]]:
    return [(whole, *parts) for whole, parts in reading.sums] + list(reading.at_most)


def _groups(reading: Reading) -> list[list[Hashable]]:
    """The hidden cells, grouped by the facts that tie them (the shown cells being known, two
    groups have nothing to say about each other): each is solved on its own, quickly."""
    hidden = {key for key, printed in reading.shown.items()
              if printed in (SMALL_TEXT, COMPLEMENT_TEXT)}
    parent = {key: key for key in hidden}

    def root(key):
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for fact in _facts(reading):
        inside = [key for key in fact if key in hidden]
        for other in inside[1:]:
            parent[root(other)] = root(inside[0])
    groups: dict[Hashable, list[Hashable]] = {}
    for key in sorted(hidden, key=repr):
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())


def _attack_group(reading: Reading, shape: Reading, everything: list[Hashable],
                  group: list[Hashable]) -> list[str]:
    members = set(group)
    # The group's cells and the shown cells its facts name (known values), no others.
    near = sorted({key for fact in _facts(reading) if members & set(fact) for key in fact}
                  | members, key=repr)
    position = {key: n for n, key in enumerate(near)}
    found = []
    seen: dict[int, set[int]] = {}
    for key in group:
        n = position[key]
        printed = reading.shown[key]
        least = _solve(reading, near, {n: 1.0}, seen=seen)
        most = -_solve(reading, near, {n: -1.0}, seen=seen)
        if round(least) == round(most):
            # Pinned by the tables' shape alone (no figure needed) is no leak.
            whole = everything.index(key)
            if _solve(shape, everything, {whole: 1.0}) \
                    != -_solve(shape, everything, {whole: -1.0}):
                found.append(f"{key!r} ({printed}) is pinned to {round(least)}")
            continue
        if printed == SMALL_TEXT:
            low, high = _range(reading, key)
            for value in range(low, high + 1):
                if value in seen.get(n, ()):
                    continue
                if _solve(reading, near, {}, (n, value), seen) is None and _solve(
                        shape, everything, {}, (everything.index(key), value)) is not None:
                    found.append(f"{key!r} (fewer than 5) cannot be {value}")
    return found
