"""The Attendance screen: tiers, the month chart, clickable watch lists, import coverage, codes."""

from __future__ import annotations

import pytest

from analysis import attendance as attendance_figures
from analysis import years as analysis_years
from tests.desk.conftest import wait_loaded


@pytest.fixture
def screen(qtbot, window):
    window.show_screen("attendance")
    attendance_screen = window.screens["attendance"]
    wait_loaded(qtbot, attendance_screen)
    return attendance_screen


def test_tier_counts_and_lists_are_the_rules_own(screen, window):
    overview = attendance_figures.school_overview(window.desk.db, window.desk.year_id)
    assert screen.tier_bar.counts == {tier: overview.tier_counts[tier] for tier in
                                      ("satisfactory", "at-risk", "moderate", "severe")}
    assert f"<b>{overview.tier_counts['severe']}</b>" in screen.tier_words.text()
    assert screen.chronic_model.rowCount() == len(overview.chronic)
    assert screen.early_model.rowCount() == len(overview.early_warning)
    rates = [row["absence_rate"] for row in screen.chronic_proxy.visible_rows()]
    assert rates == sorted(rates, reverse=True)


def test_the_monthly_chart_is_drawn(qtbot, screen):
    qtbot.waitUntil(screen.month_chart.has_chart, timeout=20000)
    assert "mentees" in screen.month_chart.accessibleName()


def test_double_clicking_a_chronic_student_opens_them(qtbot, screen, window):
    index = screen.chronic_proxy.index(0, 0)
    student_id = screen.chronic_proxy.row_at(0)["id"]
    screen.chronic_table.doubleClicked.emit(index)
    students = window.screens["students"]
    qtbot.waitUntil(lambda: students.detail.student_id == student_id)
    assert window.stack.currentWidget() is students


def test_import_coverage_and_codes_are_shown(screen):
    assert "Demo attendance" in screen.imports_text.text()
    codes = {row["code"] for row in screen.codes_model.rows()}
    assert {"A", "E", "P"} <= codes


def test_the_attendance_models_pass_the_model_tester(qtmodeltester, screen):
    for model in (screen.early_model, screen.chronic_model, screen.codes_model,
                  screen.chronic_proxy):
        qtmodeltester.check(model)


def _as_of(qtbot, screen, monkeypatch, day):
    """The screen's figures taken on ``day`` (the demo's attendance runs to the day before)."""
    from storage import clock

    clock.freeze(day)  # the autouse frozen_clock fixture puts the test's moment back after
    screen.mark_dirty()
    wait_loaded(qtbot, screen)
    return screen.imports_text.text()


def test_attendance_through_yesterday_is_not_called_a_gap(qtbot, screen, monkeypatch):
    from tests.conftest import DEMO_TODAY

    text = _as_of(qtbot, screen, monkeypatch, DEMO_TODAY)
    assert "No attendance for" not in text
    assert "Every school day through 23 Nov 2026 is covered" in text


def test_attendance_a_week_behind_names_the_missing_school_days(qtbot, screen, monkeypatch):
    import datetime as dt

    from tests.conftest import DEMO_TODAY

    text = _as_of(qtbot, screen, monkeypatch, DEMO_TODAY + dt.timedelta(days=7))
    assert "No attendance for" in text
    assert "24" in text and "Nov 2026" in text
    assert "1 Dec 2026" not in text  # the day the figures are for is not over yet


def test_the_screen_says_when_the_sis_counts_other_school_days(qtbot, window):
    from storage import years

    db = window.desk.db
    year = years.year_by_id(db, window.desk.year_id)
    screen = window.screens["attendance"]
    window.show_screen("attendance")
    wait_loaded(qtbot, screen)
    counted = len(analysis_years.school_calendar(db, year["id"]).days)
    years.set_stated_school_days(db, year["id"], counted - 7, "sessions.csv")
    window.desk.notify("attendance")
    qtbot.waitUntil(lambda: screen.calendar_warning.isVisible(), timeout=30000)
    text = screen.calendar_warning.text()
    assert f"counts {counted - 7} school days" in text and "7 days off are missing" in text
    screen.grab().save("/tmp/mentordesk-renders/attendance-calendar-warning.png")
