"""The one clock: frozen in tests, inherited by processes the tests start, leap days handled."""

from __future__ import annotations

import datetime as dt

from program.calendar import years_later
from storage import clock
from tests.conftest import TEST_NOW, run_main


def test_the_clock_is_frozen_at_the_tests_moment():
    assert clock.now() == TEST_NOW
    assert clock.today() == TEST_NOW.date()


def test_freezing_on_a_leap_day(frozen_clock):
    frozen_clock.freeze(dt.datetime(2028, 2, 29, 8, 0))
    assert clock.today() == dt.date(2028, 2, 29)
    assert clock.now_text() == "2028-02-29 08:00:00"


def test_a_process_started_by_a_test_sees_the_same_today(tmp_path):
    path = tmp_path / "school.sqlite"
    assert run_main("--db", path, "demo", "--students", "30").code == 0
    years = run_main("--db", path, "year", "list", "--json").json
    current = next(year for year in years if year["current"])
    # The demo school is built around the process's today: the test's frozen day.
    assert current["first_day"] <= TEST_NOW.date().isoformat() <= current["last_day"]


def test_three_years_after_a_leap_day_is_the_28th():
    assert years_later(dt.date(2028, 2, 29), 3) == dt.date(2031, 2, 28)
    assert years_later(dt.date(2028, 2, 29), 4) == dt.date(2032, 2, 29)
    assert years_later(dt.date(2026, 12, 1), 3) == dt.date(2029, 12, 1)
