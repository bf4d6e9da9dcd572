"""The suppression engine's audit and repair: whole-number search over the hidden cells.

Audit: play the reader. With every shown cell fixed, the facts tie the hidden cells into
groups (connected components); for each group, find whole-number solutions (witnesses) that
agree with everything shown and in which each "fewer than 5" cell takes each of its possible
values (0 to 4, or 1 to 4 for a listed group's size), and each "not shown" cell takes two
values. A value no witness can give is something the reader could rule out.

Repair: for a value the reader could rule out, look for a solution with that value in which
the shown cells near it may move too, keeping as many as possible (the dearest first) at their
own values; the cells that had to move are hidden. Hiding more never un-protects a cell, so
audit and repair alternate until the audit finds nothing.

The search (:class:`_Search`) is a plain depth-first search with bounds propagation: the
groups are small (tens of cells), every fact is a sum or an inequality with coefficients of
1, and a witness for one value is a witness for every cell at once. It needs no solver
library, so a report does not pay for loading one; the attack in the tests uses scipy's.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from reports.suppression import Disclosure

Key = Hashable
INFINITE = 10 ** 12
MOST_NODES = 80  # per search; a longer one is handed to an integer-programming solver
MOST_ROUNDS = 5_000


@dataclass(frozen=True)
class Problem:
    """A value some hidden cell cannot take (``target``); target None: pinned outright."""

    cell: Key
    target: int | None


Constraint = tuple[tuple[int, ...], tuple[int, ...], int, int]  # (vars, coefficients, lo, hi)


class _Search:
    """Whole-number solutions of lo <= sum(a x) <= hi constraints within per-cell bounds."""

    def __init__(self, size: int, constraints: Sequence[Constraint]) -> None:
        self.size = size
        self.constraints = list(constraints)
        self.of_var: list[list[int]] = [[] for _ in range(size)]
        for number, (variables, _, _, _) in enumerate(self.constraints):
            for var in variables:
                self.of_var[var].append(number)
        self.nodes = 0
        # Every coefficient is 1 or -1 (sums and inequalities): split each constraint so.
        self.signed = []
        for variables, coefficients, lo, hi in self.constraints:
            if any(a not in (1, -1) for a in coefficients):
                raise ValueError("only sums and inequalities between counts")
            self.signed.append((
                [v for v, a in zip(variables, coefficients, strict=True) if a == 1],
                [v for v, a in zip(variables, coefficients, strict=True) if a == -1], lo, hi))

    def _propagate(self, low: list[int], high: list[int], changed: int | None = None) -> bool:
        """Tighten the bounds from the constraints (those of ``changed`` only, when a single
        cell's bounds changed since the last fixed point); False: no solution."""
        pending = list(range(len(self.constraints))) if changed is None \
            else list(self.of_var[changed])
        queued = set(pending)
        # Bounds can shrink by small steps around a loop of sums; pruning needs no fixed point.
        budget = 3 * len(self.constraints) + 20
        signed = self.signed
        while pending and budget > 0:
            budget -= 1
            number = pending.pop()
            queued.discard(number)
            plus, minus, lo, hi = signed[number]
            least = sum([low[v] for v in plus]) - sum([high[v] for v in minus])
            most = sum([high[v] for v in plus]) - sum([low[v] for v in minus])
            if least > hi or most < lo:
                return False
            touched = []
            for var in plus:
                new_low = lo - (most - high[var])
                new_high = hi - (least - low[var])
                if new_low > low[var] or new_high < high[var]:
                    if new_low > low[var]:
                        low[var] = new_low
                    if new_high < high[var]:
                        high[var] = new_high
                    if low[var] > high[var]:
                        return False
                    touched.append(var)
            for var in minus:
                new_low = (least + high[var]) - hi
                new_high = (most + low[var]) - lo
                if new_low > low[var] or new_high < high[var]:
                    if new_low > low[var]:
                        low[var] = new_low
                    if new_high < high[var]:
                        high[var] = new_high
                    if low[var] > high[var]:
                        return False
                    touched.append(var)
            for var in touched:
                for other in self.of_var[var]:
                    if other not in queued:
                        queued.add(other)
                        pending.append(other)
        return True

    def solve(self, low: list[int], high: list[int], prefer: Sequence[int | None],
              first: Sequence[int] | None = None, *, exact: bool = True) -> list[int] | None:
        """A solution within the bounds, values near ``prefer`` tried first, and the cells
        ranked lowest in ``first`` decided first (so most likely to keep their preferred value);
        None: there is none. A search that runs long (proving there is no solution in a large
        group can) is finished by an integer-programming solver when ``exact``; otherwise it
        answers None (the caller then hides more, which is always safe)."""
        self.nodes = 0
        self._first = list(first) if first is not None else [0] * self.size
        found = self._node(list(low), list(high), prefer, None)
        if found is None and self.nodes > MOST_NODES and exact:
            self.used_solver = True
            return self._milp(low, high)
        return found

    used_solver = False

    def _milp(self, low: Sequence[int], high: Sequence[int]) -> list[int] | None:
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp

        constraints = []
        if self.constraints:
            matrix = np.zeros((len(self.constraints), self.size))
            lower, upper = [], []
            for number, (variables, coefficients, lo, hi) in enumerate(self.constraints):
                for var, a in zip(variables, coefficients, strict=True):
                    matrix[number, var] += a
                lower.append(-np.inf if lo <= -INFINITE else lo)
                upper.append(np.inf if hi >= INFINITE else hi)
            constraints.append(LinearConstraint(matrix, lower, upper))
        result = milp(np.zeros(self.size), integrality=np.ones(self.size),
                      bounds=Bounds(np.array(low, dtype=float), np.array(high, dtype=float)),
                      constraints=constraints)
        if result.status != 0 or result.x is None:
            return None
        return [int(round(value)) for value in result.x]

    def _node(self, low: list[int], high: list[int], prefer: Sequence[int | None],
              changed: int | None) -> list[int] | None:
        self.nodes += 1
        if self.nodes > MOST_NODES or not self._propagate(low, high, changed):
            return None
        # Branch first on cells with a preference (they decide what moves), then the narrowest.
        choice, best = -1, None
        for var in range(self.size):
            if low[var] < high[var]:
                rank = (prefer[var] is None, self._first[var], high[var] - low[var])
                if best is None or rank < best:
                    choice, best = var, rank
        if choice < 0:
            # Every cell fixed: check every constraint (propagation may have stopped early).
            for plus, minus, lo, hi in self.signed:
                total = sum([low[v] for v in plus]) - sum([low[v] for v in minus])
                if not lo <= total <= hi:
                    return None
            return low
        wanted = prefer[choice]
        if wanted is None:
            wanted = low[choice]
        wanted = min(max(wanted, low[choice]), high[choice])
        if high[choice] - low[choice] <= 8:
            values = sorted(range(low[choice], high[choice] + 1),
                            key=lambda value: (abs(value - wanted), value))
            for value in values:
                next_low, next_high = list(low), list(high)
                next_low[choice] = next_high[choice] = value
                found = self._node(next_low, next_high, prefer, choice)
                if found is not None:
                    return found
                if self.nodes > MOST_NODES:
                    return None
            return None
        # A wide range: the value wanted alone first (when it is a preference), then halves,
        # the half nearer the value wanted first.
        parts = []
        if prefer[choice] is not None and low[choice] <= prefer[choice] <= high[choice]:
            parts.append((wanted, wanted))
            parts += [(wanted + 1, high[choice]), (low[choice], wanted - 1)]
            if wanted - low[choice] < high[choice] - wanted:
                parts[1:] = parts[2:0:-1]
        else:
            middle = (low[choice] + high[choice]) // 2
            parts = [(low[choice], middle), (middle + 1, high[choice])]
            if wanted > middle:
                parts.reverse()
        for part_low, part_high in parts:
            if part_low > part_high:
                continue
            next_low, next_high = list(low), list(high)
            next_low[choice], next_high[choice] = part_low, part_high
            found = self._node(next_low, next_high, prefer, choice)
            if found is not None:
                return found
            if self.nodes > MOST_NODES:
                return None
        return None


class _Model:
    """The facts in index form."""

    def __init__(self, disclosure: Disclosure) -> None:
        self.d = disclosure
        self.keys = sorted(disclosure.values, key=repr)
        self.index = {key: n for n, key in enumerate(self.keys)}
        self.values = [disclosure.values[key] for key in self.keys]
        self.big = 10 * max(self.values + [1]) + 100
        # Each fact: (coefficients by cell, sense): "=" (sum == 0) or "<" (sum <= 0).
        self.facts: list[tuple[dict[int, int], str]] = []
        for whole, parts in disclosure.totals:
            row = {self.index[whole]: 1}
            for part in parts:
                row[self.index[part]] = row.get(self.index[part], 0) - 1
            self.facts.append((row, "="))
        for small, big in disclosure.bounds:
            self.facts.append(({self.index[small]: 1, self.index[big]: -1}, "<"))
        self.facts_of: list[list[int]] = [[] for _ in self.keys]
        for number, (row, _) in enumerate(self.facts):
            for cell in row:
                self.facts_of[cell].append(number)
        self.floors = structural_floors(disclosure)
        # Solutions found so far (hidden cell -> value; the others at their own values).
        self.witnesses: list[dict[int, int]] = []

    def prior(self, cell: int) -> tuple[int, int]:
        """The values a reader allows a hidden cell from its words and the table's shape."""
        floor_ = self.floors[self.keys[cell]]
        if self.values[cell] < self.d.threshold:
            return floor_, self.d.threshold - 1
        # "not shown" says nothing of a figure's size: it may be anything (zero included).
        return floor_, self.big

    def neighbours(self, cell: int) -> set[int]:
        return {other for fact in self.facts_of[cell] for other in self.facts[fact][0]}

    def search_over(self, cells: Sequence[int], free: set[int]) -> _Search:
        """A search over ``cells`` (the others fixed at their values) for the facts that
        touch them."""
        column = {cell: n for n, cell in enumerate(cells)}
        constraints = []
        for fact in sorted({f for cell in cells for f in self.facts_of[cell]}):
            coefficients, sense = self.facts[fact]
            variables, factors, constant = [], [], 0
            for cell, a in coefficients.items():
                if cell in column:
                    variables.append(column[cell])
                    factors.append(a)
                else:
                    constant += a * self.values[cell]
            constraints.append((tuple(variables), tuple(factors),
                                -constant if sense == "=" else -INFINITE, -constant))
        return _Search(len(cells), constraints)


def structural_floors(disclosure: Disclosure) -> dict[Key, int]:
    """The least each cell can be from the shape of the tables alone: a listed group has
    someone in it, a total is at least its parts' least, a group at least what it holds.
    (A reader knows this without any figure; it is not something hiding can take away.)"""
    floors = dict(disclosure.floors)
    changed = True
    while changed:
        changed = False
        for whole, parts in disclosure.totals:
            least = sum(floors[part] for part in parts)
            if least > floors[whole]:
                floors[whole] = least
                changed = True
        for small, big in disclosure.bounds:
            if floors[small] > floors[big]:
                floors[big] = floors[small]
                changed = True
    return floors


def _components(model: _Model, hidden: set[int]) -> list[list[int]]:
    """Hidden cells grouped by the facts that tie them (shown cells being fixed)."""
    seen: set[int] = set()
    groups = []
    for start in sorted(hidden):
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            cell = stack.pop()
            group.append(cell)
            for other in model.neighbours(cell):
                if other in hidden and other not in seen:
                    seen.add(other)
                    stack.append(other)
        groups.append(sorted(group))
    return groups


def _audit_group(model: _Model, group: list[int],
                 accepted: set[tuple[int, int | None]] = frozenset()) -> list[Problem]:
    """The values a reader could rule out for the group's cells (cells as indexes), but for
    ``accepted`` ones (ruled out by the tables' shape alone)."""
    search = model.search_over(group, set(group))
    priors = [model.prior(cell) for cell in group]
    low = [p[0] for p in priors]
    high = [p[1] for p in priors]
    # A solution found before (with fewer cells hidden) still holds, those cells at their
    # own values: its values are seen without a search.
    seen: list[set[int]] = [{model.values[cell]} | {old.get(cell, model.values[cell])
                                                   for old in model.witnesses}
                            for cell in group]
    small = [n for n, cell in enumerate(group) if model.values[cell] < model.d.threshold]

    def witness(prefer: Sequence[int | None], bounds=None) -> bool:
        lows, highs = (low, high) if bounds is None else bounds
        found = search.solve(lows, highs, prefer)
        if found is None:
            return False
        for n, value in enumerate(found):
            seen[n].add(value)
        model.witnesses.append(dict(zip(group, found, strict=True)))
        return True

    # Each search asks every small cell for a value not seen yet: one solution then shows
    # many values at once. Stop when a search shows nothing new.
    for _ in range(8):
        wanted = [None] * len(group)
        for n in small:
            unseen = [t for t in range(priors[n][0], priors[n][1] + 1) if t not in seen[n]]
            wanted[n] = unseen[0] if unseen else None
        if all(value is None for value in wanted):
            break
        before = sum(len(values) for values in seen)
        if not witness(wanted) or sum(len(values) for values in seen) == before:
            break
    problems = []
    for n in small:
        for target in range(priors[n][0], priors[n][1] + 1):
            if target in seen[n] or (group[n], target) in accepted:
                continue
            fixed_low, fixed_high = list(low), list(high)
            fixed_low[n] = fixed_high[n] = target
            if not witness([None] * len(group), (fixed_low, fixed_high)):
                problems.append(Problem(group[n], target))
    for n, cell in enumerate(group):
        value = model.values[cell]
        if value < model.d.threshold or len(seen[n]) > 1 or (cell, None) in accepted:
            continue
        moved = False
        for part_low, part_high in ((value + 1, high[n]), (low[n], value - 1)):
            if part_low <= part_high:
                bounded_low, bounded_high = list(low), list(high)
                bounded_low[n], bounded_high[n] = part_low, part_high
                if witness([None] * len(group), (bounded_low, bounded_high)):
                    moved = True
                    break
        if not moved:
            problems.append(Problem(cell, None))
    return problems


def _feasible(model: _Model, released: list[int], cell: int, target: int | None, *,
              exact: bool = False, prefer_values: bool = False) -> dict[int, int] | None:
    """A solution (cell -> value, for the released cells) in which the problem's value holds,
    with ``released`` cells free (within what their words would allow) and every other cell
    at its value; None when there is none (or, unless ``exact``, none found quickly)."""
    search = model.search_over(released, set(released))
    low, high = [], []
    for member in released:
        lowest, highest = model.prior(member)
        low.append(lowest)
        high.append(highest)
    n = released.index(cell)
    value = model.values[cell]
    prefer: list[int | None] = ([model.values[member] for member in released] if prefer_values
                                else [None] * len(released))
    prefer[n] = None
    ranges = ([(target, target)] if target is not None
              else [(value + 1, high[n]), (low[n], value - 1)])
    for part_low, part_high in ranges:
        if part_low <= part_high:
            bounded_low, bounded_high = list(low), list(high)
            bounded_low[n], bounded_high[n] = part_low, part_high
            found = search.solve(bounded_low, bounded_high, prefer, exact=exact)
            if found is None and prefer_values:
                found = search.solve(bounded_low, bounded_high, [None] * len(released),
                                     exact=exact)
            if found is not None:
                return dict(zip(released, found, strict=True))
    return None


def _repair(model: _Model, hidden: set[int], problem: Problem) -> set[int]:
    """Shown cells to hide so that the problem's value becomes possible.

    Free the shown cells around the problem's group, ring by ring, until the value becomes
    possible; keep shown every freed cell the solution found did not move; then put back any
    that can stay shown after all, the dearest first. What stays freed is hidden. (A search
    that cannot decide counts as "not possible": more is hidden, never less.)"""
    cell = problem.cell
    group = next(g for g in _components(model, hidden) if cell in g)
    solution = None
    for exact in (False, True):
        released = set(group)
        ring = set(group)
        while solution is None:
            ring = {other for member in ring for other in model.neighbours(member)
                    if other not in hidden and model.keys[other] not in model.d.public
                    } - released
            if not ring:
                break
            released |= ring
            # Hidden cells the freed ones reach move with them (they are not shown either).
            released |= {other for member in ring for other in model.neighbours(member)
                         if other in hidden}
            solution = _feasible(model, sorted(released), cell, problem.target,
                                 prefer_values=True, exact=exact and not ring - released)
        if solution is None and exact:
            solution = _feasible(model, sorted(released), cell, problem.target, exact=True)
        if solution is not None:
            break
    if solution is None:
        return set()
    model.witnesses.append(solution)

    def moved(found: dict[int, int]) -> set[int]:
        return {member for member, value in found.items()
                if member not in hidden and value != model.values[member]}

    released = {member for member in released if member in hidden} | moved(solution)
    freed = sorted(released - hidden,
                   key=lambda member: (-model.d.costs[model.keys[member]],
                                       -model.values[member], member))
    for member in freed:
        if member not in released:
            continue
        found = _feasible(model, sorted(released - {member}), cell, problem.target,
                          prefer_values=True)
        if found is not None:
            model.witnesses.append(found)
            released = {m for m in released if m in hidden} | moved(found)
    return released - hidden


def audit(disclosure: Disclosure, hidden: Iterable[Key]) -> list[Problem]:
    """Everything a reader of the shown cells could rule out (empty: the hiding holds)."""
    model = _Model(disclosure)
    cells = {model.index[key] for key in hidden}
    return [Problem(model.keys[found.cell], found.target)
            for group in _components(model, cells) for found in _audit_group(model, group)
            if _feasible(model, sorted(range(len(model.keys))), found.cell, found.target,
                         exact=True) is not None]


def secure(disclosure: Disclosure, hidden: Iterable[Key]) -> set[Key]:
    """``hidden`` and the complements that protect it, after alternating audit and repair."""
    model = _Model(disclosure)
    cells = {model.index[key] for key in hidden}
    settled: set[frozenset[int]] = set()
    accepted: set[tuple[int, int | None]] = set()
    everything = sorted(cell for cell, key in enumerate(model.keys)
                        if key not in disclosure.public)
    for _ in range(MOST_ROUNDS):
        problem = None
        for group in _components(model, cells):
            frozen = frozenset(group)
            if frozen in settled:
                continue
            found = _audit_group(model, group, accepted)
            if not found:
                settled.add(frozen)
                continue
            problem = Problem(found[0].cell, found[0].target)
            break
        if problem is None:
            return {model.keys[cell] for cell in cells}
        extra = _repair(model, cells, problem)
        if not extra:
            if _feasible(model, everything, problem.cell, problem.target, exact=True) is None:
                # Impossible even with every figure hidden: the tables' shape rules it out
                # (a reader knows it without any figure); hiding cannot help.
                accepted.add((problem.cell, problem.target))
                continue
            extra = {other for other in model.neighbours(problem.cell)
                     if model.keys[other] not in disclosure.public} - cells
            if not extra:
                raise RuntimeError(f"cannot protect {model.keys[problem.cell]!r}")
        cells |= extra
    raise RuntimeError("suppression did not settle")
