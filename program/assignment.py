"""The best one-to-one assignment of rows to columns (the assignment problem), for matching.

:func:`best_assignment` does what ``scipy.optimize.linear_sum_assignment(weights,
maximize=True)`` does, by the same method (shortest augmenting paths with dual prices: Crouse,
"On implementing 2D rectangular assignment algorithms", 2016), in numpy. scipy alone made a
third of the built program for this one function, and half a second to load.
"""

from __future__ import annotations

from collections.abc import Sequence


def best_assignment(weights: Sequence[Sequence[float]]) -> tuple[list[int], list[int]]:
    """(rows, columns) pairing each row with a different column so that the total weight is
    the largest possible; every row is paired when there are at least as many columns as rows
    (else every column). Pairs come ordered by row."""
    import numpy as np  # loaded only when matching runs

    matrix = np.asarray(weights, dtype=float)
    if matrix.size == 0:
        return [], []
    if not np.isfinite(matrix).all():
        raise ValueError("every weight must be a finite number")
    transposed = matrix.shape[0] > matrix.shape[1]
    cost = -(matrix.T if transposed else matrix)  # the smallest cost is the largest weight
    column_of_row = _solve(cost)
    pairs = sorted((column, row) if transposed else (row, column)
                   for row, column in enumerate(column_of_row))
    return [row for row, _ in pairs], [column for _, column in pairs]


def _solve(cost) -> list[int]:
    """The column of each row with the least total cost; rows <= columns."""
    import numpy as np

    rows, columns = cost.shape
    row_price, column_price = np.zeros(rows), np.zeros(columns)
    column_of_row = np.full(rows, -1)
    row_of_column = np.full(columns, -1)
    for start in range(rows):
        # Dijkstra over the reduced costs, from ``start`` to the nearest free column.
        shortest = np.full(columns, np.inf)
        came_from = np.full(columns, -1)
        done = np.zeros(columns, dtype=bool)
        scanned_rows = []
        row, reached, sink = start, 0.0, -1
        while sink < 0:
            scanned_rows.append(row)
            open_columns = np.flatnonzero(~done)
            through = reached + cost[row, open_columns] - row_price[row] \
                - column_price[open_columns]
            better = through < shortest[open_columns]
            came_from[open_columns[better]] = row
            shortest[open_columns[better]] = through[better]
            candidates = shortest[open_columns]
            lowest = candidates.min()
            nearest = open_columns[candidates == lowest]
            free = nearest[row_of_column[nearest] < 0]  # a free column ends the search
            column = int(free[0] if free.size else nearest[0])
            reached = float(lowest)
            done[column] = True
            if row_of_column[column] < 0:
                sink = column
            else:
                row = int(row_of_column[column])
        # New prices keep every reduced cost at zero or more, and zero along the path.
        row_price[start] += reached
        for other in scanned_rows[1:]:
            row_price[other] += reached - shortest[column_of_row[other]]
        column_price[done] -= reached - shortest[done]
        column = sink
        while True:  # flip the path: each row on it takes the column after it
            row = int(came_from[column])
            row_of_column[column] = row
            column_of_row[row], column = column, column_of_row[row]
            if row == start:
                break
    return [int(column) for column in column_of_row]
