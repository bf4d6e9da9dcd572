"""The suppression engine: cells and facts in, cells to hide out; nothing hidden can be pinned
or narrowed by an attacker solving the shown figures as an integer program (scipy's milp,
tests/suppression_attacker.py, written apart from the engine's own search)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.suppression import (
    COMPLEMENT_TEXT,
    SMALL_TEXT,
    Disclosure,
    nothing_hidden,
    protect,
)
from reports.suppression_solver import audit
from tests.suppression_attacker import Reading, attack

COLUMNS = ("mentees", "judged", "improved", "same", "worse", "too_early")


def table(rows: list[tuple[int, int, int, int]], *, total_cost: float = 6.0) -> Disclosure:
    """A breakdown by group: (mentees, improved, same, worse) per row; too early = the rest;
    a Total row; a share improved per row (derived)."""
    d = Disclosure()
    totals = dict.fromkeys(COLUMNS, 0)
    for group, (mentees, improved, same, worse) in enumerate(rows):
        values = {"mentees": mentees, "judged": improved + same + worse, "improved": improved,
                  "same": same, "worse": worse, "too_early": mentees - improved - same - worse}
        for column, value in values.items():
            d.count((group, column), value, at_least=int(column == "mentees"))
            totals[column] += value
        d.total((group, "judged"), [(group, "improved"), (group, "same"), (group, "worse")])
        d.total((group, "mentees"), [(group, "judged"), (group, "too_early")])
        d.derived((group, "share"), ratio_of=[(group, "improved"), (group, "judged")])
        if 0 < mentees < 5:
            d.small_group((group, "mentees"), [(group, column) for column in COLUMNS]
                          + [(group, "share")])
    for column, value in totals.items():
        d.count(("total", column), value, cost=total_cost)
        d.total(("total", column), [(group, column) for group in range(len(rows))])
    return d


def reading_of(disclosure: Disclosure) -> Reading:
    """What a reader of the protected table sees (the engine's words), and the facts."""
    protection = protect(disclosure)
    reading = Reading()
    for key in disclosure.values:
        reading.see(key, protection.show(key))
    reading.listed_sizes = {key for key in disclosure.values if disclosure.floors[key] >= 1}
    for whole, parts in disclosure.totals:
        reading.total(whole, parts)
    for small, big in disclosure.bounds:
        reading.bound(small, big)
    return reading


def test_the_words_are_fewer_than_5_and_not_shown():
    assert SMALL_TEXT == "fewer than 5"
    assert COMPLEMENT_TEXT == "not shown"


def test_a_table_without_small_counts_is_shown_whole():
    protection = protect(table([(10, 5, 5, 0), (12, 6, 6, 0)]))
    # The zeros are shown: no hidden cell sits beside them.
    assert not protection.any_hidden
    assert protection.show((0, "improved")) == 5 and protection.show((0, "worse")) == 0


def test_a_small_group_shows_fewer_than_5_in_every_count_and_hides_its_share():
    disclosure = table([(3, 1, 2, 0), (12, 6, 5, 1), (20, 10, 5, 5)])
    protection = protect(disclosure)
    assert [protection.show((0, column)) for column in COLUMNS] == [SMALL_TEXT] * 6
    assert protection.show((0, "share"), 1 / 3) == COMPLEMENT_TEXT
    assert attack(reading_of(disclosure)) == []


def test_a_table_with_one_group_hides_its_total_with_it():
    # The Total row repeats the only group: shown, it would give the group away.
    disclosure = table([(3, 1, 1, 0)])
    protection = protect(disclosure)
    assert protection.show(("total", "mentees")) == SMALL_TEXT
    assert attack(reading_of(disclosure)) == []


def test_a_shown_zero_does_not_bound_the_fewer_than_5_beside_it():
    # Grade 7: 7 mentees, 3 improved, 4 the same, none worse, none too early. With the zeros
    # and the 7 shown, improved = 7 - 4: a reader would know both are 3 and 4 exactly.
    disclosure = table([(7, 3, 4, 0), (30, 10, 10, 10)])
    reading = reading_of(disclosure)
    assert reading.shown[(0, "improved")] == SMALL_TEXT
    assert attack(reading) == []


def test_groups_of_exactly_4_and_5():
    disclosure = table([(4, 2, 2, 0), (5, 5, 0, 0), (20, 8, 8, 4)])
    protection = protect(disclosure)
    assert protection.show((0, "mentees")) == SMALL_TEXT  # 4 is fewer than 5
    assert protection.show((1, "mentees")) in (5, COMPLEMENT_TEXT)  # 5 is not
    assert protection.show((1, "improved")) in (5, COMPLEMENT_TEXT)
    assert attack(reading_of(disclosure)) == []


def test_the_audit_finds_what_a_naive_hiding_gives_away():
    disclosure = table([(3, 1, 2, 0), (12, 6, 5, 1)])
    # Hiding the small group alone: the Total row gives it back.
    naive = {(0, column) for column in COLUMNS}
    assert audit(disclosure, naive)
    assert audit(disclosure, protect(disclosure).hidden_counts) == []


def test_cells_shared_by_two_tables_are_hidden_in_both():
    # Mentees by grade and by mentor role are the same mentees: one Total, two tables.
    d = Disclosure()
    d.count(("matched",), 9, cost=40)
    for name, groups in (("grade", {"6": 3, "7": 6}), ("role", {"Teacher": 7,
                                                                 "Counselor": 2})):
        for group, count in groups.items():
            d.count((name, group), count, at_least=1)
        d.total(("matched",), [(name, group) for group in groups])
        for group, count in groups.items():
            if count < 5:
                d.small_group((name, group), [])
    reading = reading_of(d)
    assert reading.shown[("grade", "6")] == SMALL_TEXT
    assert reading.shown[("role", "Counselor")] == SMALL_TEXT
    assert attack(reading) == []


def test_the_program_teams_level_shows_everything():
    protection = nothing_hidden(table([(3, 1, 2, 0)]))
    assert protection.show((0, "mentees")) == 3 and not protection.any_hidden


counts = st.tuples(st.integers(1, 14), st.integers(0, 14), st.integers(0, 14),
                   st.integers(0, 14))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(counts, min_size=1, max_size=4))
def test_no_breakdown_can_be_undone_by_an_integer_program(groups):
    rows = []
    for mentees, improved, same, worse in groups:
        improved = min(improved, mentees)
        same = min(same, mentees - improved)
        worse = min(worse, mentees - improved - same)
        rows.append((mentees, improved, same, worse))
    assert attack(reading_of(table(rows))) == []


def test_the_attacker_undoes_a_hiding_that_does_not_hold():
    # Grade 6 hidden alone, its Total row shown: 3 = 15 - 12, the old report's mistake.
    disclosure = table([(3, 1, 2, 0), (12, 6, 5, 1)])
    reading = Reading()
    for key, value in disclosure.values.items():
        reading.see(key, SMALL_TEXT if key[0] == 0 else value)
    reading.listed_sizes = {(0, "mentees"), (1, "mentees")}
    for whole, parts in disclosure.totals:
        reading.total(whole, parts)
    found = attack(reading)
    assert "(0, 'mentees') (fewer than 5) is pinned to 3" in found
