"""Small groups are hidden, and no hidden count can be worked out from the totals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import (
    COMPLEMENT_TEXT,
    COUNT,
    RATE,
    SMALL_TEXT,
    STAFF,
    Column,
    GroupTable,
    is_safe,
    protect,
)

COLUMNS = [
    Column("mentees", "Mentees"),
    Column("improved", "Improved"),
    Column("same", "Same"),
    Column("worse", "Worse"),
    Column("share_improved", "Share improved", RATE, share_of=("improved", "mentees")),
    Column("rate_after", "Absence rate after", RATE),
    Column("mentors", "Mentors", STAFF),
]
SUMS = [("mentees", ("improved", "same", "worse"))]


def by_grade(rows, total=True):
    table_rows = [(label, dict(zip(["mentees", "improved", "same", "worse"], counts,
                                   strict=True),
                               share_improved=counts[1] / counts[0] if counts[0] else None,
                               rate_after=0.08, mentors=2))
                  for label, counts in rows]
    totals = None
    if total:
        sums = [sum(counts[i] for _, counts in rows) for i in range(4)]
        totals = dict(zip(["mentees", "improved", "same", "worse"], sums, strict=True),
                      share_improved=sums[1] / sums[0] if sums[0] else None, rate_after=0.08,
                      mentors=6)
    return GroupTable("By grade", "Grade", COLUMNS, table_rows, size="mentees", sums=SUMS,
                      total=totals)


def shown(protected, index):
    return dict(zip([c.key for c in COLUMNS], [cell.shown for cell in protected.row(index)],
                    strict=True))


def test_a_table_without_small_counts_is_shown_whole():
    protected = protect(by_grade([("6", (10, 5, 5, 0)), ("7", (12, 6, 6, 0))]))
    assert not protected.any_hidden
    assert shown(protected, 0)["improved"] == 5


def test_a_group_under_five_students_shows_fewer_than_5_in_every_count():
    protected = protect(by_grade([("6", (3, 1, 2, 0)), ("7", (12, 6, 5, 1)),
                                  ("8", (20, 10, 5, 5))]))
    grade6 = shown(protected, 0)
    assert grade6["mentees"] == SMALL_TEXT
    assert grade6["improved"] == SMALL_TEXT and grade6["worse"] == SMALL_TEXT
    # Its rates are not "fewer than 5" of anything: they are simply not shown.
    assert grade6["share_improved"] == COMPLEMENT_TEXT
    assert grade6["rate_after"] == COMPLEMENT_TEXT
    # Staff are not students: the number of mentors stays.
    assert grade6["mentors"] == 2
    assert is_safe(protected) == []


def test_one_small_group_forces_a_second_hidden_group_so_the_total_gives_nothing_away():
    # Worked by hand: grade 6 has 3 mentees (hidden). With the Total row (35) shown, grade 6
    # would be 35 - 12 - 20, so the smallest other group (grade 7, 12) is hidden too, and with
    # it every figure of grade 7; grade 7's parts then need partners in their own columns.
    protected = protect(by_grade([("6", (3, 1, 2, 0)), ("7", (12, 6, 5, 1)),
                                  ("8", (20, 10, 5, 5))]))
    grade7 = shown(protected, 1)
    assert grade7["mentees"] == COMPLEMENT_TEXT
    assert grade7["improved"] == COMPLEMENT_TEXT
    assert grade7["worse"] == SMALL_TEXT  # 1 is small in its own right
    assert grade7["share_improved"] == COMPLEMENT_TEXT
    assert shown(protected, 2)["mentees"] == 20
    assert shown(protected, -1)["mentees"] == 35
    assert is_safe(protected) == []


def test_a_small_count_in_a_large_group_is_hidden_with_a_partner_in_its_row():
    # Grade 7: 20 mentees, 2 worse. Hiding only "worse" would leave 20 - 12 - 6 = 2.
    protected = protect(by_grade([("7", (20, 12, 6, 2)), ("8", (25, 10, 10, 5))], total=False))
    grade7 = shown(protected, 0)
    assert grade7["worse"] == SMALL_TEXT
    assert grade7["same"] == COMPLEMENT_TEXT  # the smallest non-zero partner
    assert grade7["improved"] == 12
    assert grade7["share_improved"] == 12 / 20
    assert is_safe(protected) == []


def test_zero_is_shown_because_it_names_no_one():
    protected = protect(by_grade([("7", (20, 20, 0, 0)), ("8", (25, 10, 10, 5))]))
    assert shown(protected, 0)["same"] == 0
    assert not protected.any_hidden


def test_rows_shown_carry_the_group_label_and_the_total_row():
    protected = protect(by_grade([("6", (3, 1, 2, 0)), ("7", (12, 6, 5, 1)),
                                  ("8", (20, 10, 5, 5))]))
    rows = protected.rows_shown()
    assert [row[0] for row in rows] == ["6", "7", "8", "Total"]
    assert rows[-1][1] == 35
    assert protected.headers()[0] == "Grade"


counts = st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30))


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=6), st.booleans())
def test_any_breakdown_is_safe_after_suppression(groups, with_total):
    rows = [(str(n), (a + b + c, a, b, c)) for n, (a, b, c) in enumerate(groups)]
    protected = protect(by_grade(rows, total=with_total))
    problems = is_safe(protected)
    if with_total and len(groups) == 1:
        # One group holding the whole program is the published total itself.
        problems = [problem for problem in problems if "(-1, " not in problem]
    assert problems == []
    for index, (_, values) in enumerate(rows):
        cells = protected.row(index)
        if 0 < values[0] < 5:
            assert all(cell.hidden for cell, column in zip(cells, COLUMNS, strict=True)
                       if column.kind != STAFF)
        for cell, column in zip(cells, COLUMNS, strict=True):
            if column.kind == COUNT and 0 < cell.value < 5:
                assert cell.hidden == "small"
            if column.kind == RATE and cell.hidden:
                assert cell.shown == COMPLEMENT_TEXT
