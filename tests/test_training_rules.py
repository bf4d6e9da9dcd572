"""Who missed a required training: each required session held by the day, unless the mentor
came to it or to a later session of the same kind held by then."""

from __future__ import annotations

import datetime as dt

from program.trainings import Session, attended_count, missed_required

D = dt.date


def session(number: int, day: dt.date, kind: str, required: bool, *came: int) -> Session:
    return Session(number, day, kind, required, frozenset(came), f"Session {number}")


WELCOME = session(1, D(2026, 9, 10), "start_of_year", True, 1, 2)
MAKE_UP = session(2, D(2026, 10, 1), "start_of_year", False, 3)
MID_YEAR = session(3, D(2027, 1, 14), "mid_year", True, 1)
OTHER_KIND_LATER = session(4, D(2026, 10, 5), "other", False, 4)
ALL = [MID_YEAR, OTHER_KIND_LATER, MAKE_UP, WELCOME]


def pairs(found) -> list[tuple[int, int]]:
    return [(item.mentor_id, item.session.training_id) for item in found]


def test_a_later_session_of_the_same_kind_is_the_make_up():
    # Mentor 3 missed the welcome and came to its make-up; 4 came only to another kind.
    assert pairs(missed_required(ALL, [1, 2, 3, 4], D(2026, 11, 24))) == [(4, 1)]


def test_only_sessions_held_by_the_day_count_both_ways():
    # Before the make-up is held, mentor 3 still misses the welcome; before the welcome,
    # nobody misses anything.
    assert pairs(missed_required(ALL, [1, 2, 3, 4], D(2026, 9, 30))) == [(3, 1), (4, 1)]
    assert missed_required(ALL, [1, 2, 3, 4], D(2026, 9, 9)) == []
    assert pairs(missed_required(ALL, [1, 2, 3, 4], D(2027, 1, 14))) == [
        (4, 1), (2, 3), (3, 3), (4, 3)]


def test_an_earlier_session_is_no_make_up_and_a_session_is_not_its_own():
    early = session(5, D(2026, 9, 1), "start_of_year", False, 9)
    assert pairs(missed_required([early, WELCOME], [9], D(2026, 11, 1))) == [(9, 1)]
    same_day = session(6, D(2026, 9, 10), "start_of_year", False, 9)
    assert missed_required([same_day, WELCOME], [9], D(2026, 11, 1)) == []


def test_attended_counts_sessions_held_by_the_day():
    assert attended_count(1, ALL, D(2026, 11, 24)) == 1
    assert attended_count(1, ALL, D(2027, 2, 1)) == 2
