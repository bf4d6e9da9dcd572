"""The assignment problem behind "Suggest matches for everyone waiting": the best total, always."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from program.assignment import best_assignment


def best_total_by_trying_everything(weights: list[list[float]]) -> float:
    rows, columns = len(weights), len(weights[0])
    if rows <= columns:
        return max(sum(weights[r][c] for r, c in enumerate(chosen))
                   for chosen in itertools.permutations(range(columns), rows))
    return max(sum(weights[r][c] for c, r in enumerate(chosen))
               for chosen in itertools.permutations(range(rows), columns))


weights = st.integers(1, 5).flatmap(lambda rows: st.integers(1, 5).flatmap(
    lambda columns: st.lists(st.lists(
        st.one_of(st.sampled_from([0.0, 1.0, 2.5, 100.0]),
                  st.floats(-50, 500, allow_nan=False, allow_infinity=False)),
        min_size=columns, max_size=columns), min_size=rows, max_size=rows)))


@settings(max_examples=300, deadline=None)
@given(weights)
def test_the_assignment_has_the_best_total_and_pairs_as_many_as_it_can(weights):
    rows, columns = best_assignment(weights)
    assert len(rows) == min(len(weights), len(weights[0]))
    assert len(set(rows)) == len(rows) and len(set(columns)) == len(columns)
    assert rows == sorted(rows)
    total = sum(weights[r][c] for r, c in zip(rows, columns, strict=True))
    assert abs(total - best_total_by_trying_everything(weights)) < 1e-6


def test_ties_and_the_first_come_are_not_what_decides():
    # Row 0 would take column 0 first-come; the best total gives it column 1.
    assert best_assignment([[10, 9], [10, 1]]) == ([0, 1], [1, 0])
    assert best_assignment([]) == ([], [])
    assert best_assignment([[3.0], [5.0], [4.0]]) == ([1], [0])
