"""Calendars that say what they mean: kinds of day, lists of school days, sessions (terms), the
student information system's count of school days, and attendance on days closed later."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.attendance import year_attendance
from analysis.years import calendar_check
from storage import students, years
from tests.import_helpers import preview, run
from tests.spreadsheets import csv_file

EVENT = "uri://ed-fi.org/CalendarEventDescriptor#"
ROSTER = [["Student ID", "Last Name", "First Name"], ["1001", "Rivera", "Ana"],
          ["1002", "Okafor", "Ben"]]


@pytest.fixture
def school(data_file):
    path = data_file.path
    data_file.close()
    return path


def weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def closed(data) -> dict[str, str]:
    year = years.current_year(data.db)
    return {row["day"]: row["label"] for row in years.non_school_days(data.db, year["id"])}


def test_an_edfi_calendar_closes_only_the_days_that_are_not_instructional(data_file, tmp_path):
    path = csv_file(tmp_path / "calendarDates.csv", [
        ["calendarCode", "date", "calendarEventDescriptor"],
        ["2025-A", "2025-10-13", EVENT + "Holiday"],
        ["2025-A", "2025-10-14", EVENT + "Instructional day"],
        ["2025-A", "2025-10-15", EVENT + "Instructional day"],
        ["2025-A", "2025-10-16", EVENT + "Teacher only day"],
        ["2025-A", "2025-10-17", EVENT + "Make-up day"],
        ["2025-A", "2025-10-20", EVENT + "Early release/dismissal"],
        ["2025-A", "2025-10-21", EVENT + "Weather day"]])
    plan, _ = run(data_file, path, "calendar")
    shut = closed(data_file)
    assert {"2025-10-13", "2025-10-16", "2025-10-21"} <= set(shut)
    assert not {"2025-10-14", "2025-10-15", "2025-10-17", "2025-10-20"} & set(shut)
    assert shut["2025-10-13"] == "Holiday"
    # Seven dates of a whole year: a partial calendar, which closes nothing else.
    assert "looks like part of a calendar" in " ".join(plan.notes)


def test_a_list_of_most_school_days_closes_the_weekdays_it_leaves_out(data_file, tmp_path):
    year = years.current_year(data_file.db)
    every = weekdays(dt.date.fromisoformat(year["first_day"]),
                     dt.date.fromisoformat(year["last_day"]))
    off = {dt.date(2025, 10, 13), dt.date(2025, 12, 22), dt.date(2025, 12, 23),
           dt.date(2026, 2, 16)}
    rows = [["Date", "Day type"]] + [[day.isoformat(), "Instructional day"] for day in every
                                     if day not in off and day.month != 4]
    plan, _ = run(data_file, csv_file(tmp_path / "days.csv", rows), "calendar")
    shut = set(closed(data_file))
    assert {day.isoformat() for day in off} <= shut
    assert "2026-04-15" in shut  # April was left out of the list: no school then
    assert "2025-10-14" not in shut
    assert "taken as days without school" in " ".join(plan.notes)


def test_an_unknown_kind_of_day_is_asked_about_and_then_understood(cli, school, tmp_path):
    path = csv_file(tmp_path / "cal.csv", [["Date", "Event"], ["2025-10-10", "Spirit day"],
                                           ["2025-10-13", "Holiday"]])
    refused = cli("--db", school, "import", "calendar", path)
    assert refused.code == 1 and '"Spirit day"' in refused.stderr
    assert 'day-types set "Spirit day" no-school' in refused.stderr
    assert cli("--db", school, "day-types", "set", "Spirit day", "school").code == 0
    result = cli("--db", school, "import", "calendar", path, "--json")
    assert result.code == 0 and result.json["added"] == 1  # only the holiday closes


def test_a_sessions_file_sets_the_year_closes_the_gaps_and_compares_the_count(data_file,
                                                                              tmp_path):
    path = csv_file(tmp_path / "sessions.csv", [
        ["sessionName", "schoolId", "schoolYear", "beginDate", "endDate", "termDescriptor",
         "totalInstructionalDays"],
        ["2025-2026 Fall Semester", "255901", "2026", "2025-08-25", "2025-12-19",
         "uri://ed-fi.org/TermDescriptor#Fall Semester", "80"],
        ["2025-2026 Spring Semester", "255901", "2026", "2026-01-05", "2026-05-29",
         "uri://ed-fi.org/TermDescriptor#Spring Semester", "89"]])
    plan, _ = run(data_file, path, "calendar")
    year = years.current_year(data_file.db)
    assert (year["first_day"], year["last_day"]) == ("2025-08-25", "2026-05-29")
    assert year["stated_school_days"] == 169
    shut = closed(data_file)
    assert all(day in shut for day in ("2025-12-22", "2025-12-31", "2026-01-02"))
    check = calendar_check(data_file.db, year["id"])
    notes = " ".join(plan.notes)
    # Weekdays from 25 Aug to 29 May, less the winter gap and Thanksgiving (two days).
    assert f"this calendar has {check.school_days}" in notes
    assert "the student information system counts 169 school days" in notes.lower()
    missing = check.school_days - 169
    assert f"{missing} days off are missing" in notes
    assert check.warnings and "169" in check.warnings[0]


def test_year_list_says_when_the_counts_disagree(cli, school, tmp_path):
    path = csv_file(tmp_path / "terms.csv", [["Term", "Begin date", "End date", "School days"],
                                             ["Fall", "2025-09-02", "2026-01-23", "95"],
                                             ["Spring", "2026-01-26", "2026-06-12", "85"]])
    assert cli("--db", school, "import", "calendar", path).code == 0
    listed = cli("--db", school, "year", "list", "--json").json[0]
    assert listed["stated_school_days"] == 180
    assert listed["school_days"] != 180 and listed["warnings"]
    text = cli("--db", school, "year", "list").stdout
    assert "counts 180 school days" in text


def test_an_unusual_count_of_school_days_is_warned_about(cli, school):
    listed = cli("--db", school, "year", "list", "--json").json[0]
    assert listed["school_days"] > 190  # a whole year of weekdays, only Thanksgiving off
    assert "more than a school year usually has" in listed["warnings"][0]


def test_closing_a_day_after_attendance_is_in_treats_every_student_alike(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    # Exceptions only: Ana absent on 3 Sep; Ben present every day (no row).
    run(data_file, csv_file(tmp_path / "a.csv", [["Student ID", "Date", "Code"],
                                                 ["1001", "9/3/2025", "A"],
                                                 ["1001", "9/4/2025", "A"]]),
        "attendance", absences_only=True, through=dt.date(2025, 9, 12))
    year = years.current_year(data_file.db)

    def enrolled_and_absent() -> dict[str, tuple[float, float]]:
        records = year_attendance(data_file.db, year["id"], dt.date(2025, 9, 12))
        by_id = {s["id"]: s["local_id"] for s in students.students_in_year(data_file.db,
                                                                           year["id"])}
        return {by_id[r.student_id]: (r.days_enrolled, r.days_absent) for r in records}

    assert enrolled_and_absent() == {"1001": (9, 2), "1002": (9, 0)}
    plan, _ = run(data_file, csv_file(tmp_path / "c.csv", [["Date", "Holiday"],
                                                           ["9/3/2025", "Water main break"]]),
                  "calendar")
    # The day is gone for both: Ana does not keep an absence on a day without school.
    assert enrolled_and_absent() == {"1001": (8, 1), "1002": (8, 0)}
    assert "1 stored attendance row (1 student) falls on days now without school" in \
        " ".join(plan.notes)
    assert plan.kind_plan.details["attendance_rows_set_aside"] == 1


def test_year_add_says_how_much_stored_attendance_a_closed_day_sets_aside(cli, school,
                                                                         tmp_path):
    cli("--db", school, "import", "students", csv_file(tmp_path / "r.csv", ROSTER))
    cli("--db", school, "import", "attendance", csv_file(tmp_path / "a.csv", [
        ["Student ID", "Date", "Code"], ["1001", "9/3/2025", "P"], ["1002", "9/3/2025", "A"]]))
    result = cli("--db", school, "year", "add", "2025-2026", "--first-day", "2025-09-02",
                 "--last-day", "2026-06-12", "--no-school", "2025-09-03")
    assert result.code == 0
    assert "2 stored attendance rows (2 students) fall on days now without school" in \
        result.stdout


def test_a_calendar_preview_writes_nothing(data_file, tmp_path):
    before = closed(data_file)
    preview(data_file, csv_file(tmp_path / "c.csv", [["Date", "Holiday"], ["10/13/2025", "X"]]),
            "calendar")
    assert closed(data_file) == before


def test_a_date_said_to_be_both_a_school_day_and_not_is_not_believed(data_file, tmp_path):
    path = csv_file(tmp_path / "cal.csv", [["Date", "Event"], ["2025-10-10", "Holiday"],
                                           ["2025-10-10", "Instructional day"],
                                           ["2025-10-13", "Holiday"]])
    plan, _ = run(data_file, path, "calendar")
    assert "2025-10-10" not in closed(data_file) and "2025-10-13" in closed(data_file)
    said = [p.message for p in plan.problems if "cannot be both" in p.message]
    assert len(said) == 2 and "no school" in said[0] and "a school day" in said[1]


def test_closing_a_day_on_the_calendar_follows_the_imports_rule(data_file, tmp_path):
    """The calendar toggle (actions.years.set_school_day) and a calendar import close a day the
    same way: its stored attendance counts for no one, said in the same words, and comes back
    when the day is opened again."""
    from actions import years as year_actions

    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    run(data_file, csv_file(tmp_path / "a.csv", [["Student ID", "Date", "Code"],
                                                 ["1001", "9/3/2025", "A"],
                                                 ["1001", "9/4/2025", "A"]]),
        "attendance", absences_only=True, through=dt.date(2025, 9, 12))
    year = years.current_year(data_file.db)

    def enrolled_and_absent() -> dict[str, tuple[float, float]]:
        records = year_attendance(data_file.db, year["id"], dt.date(2025, 9, 12))
        by_id = {s["id"]: s["local_id"] for s in students.students_in_year(data_file.db,
                                                                           year["id"])}
        return {by_id[r.student_id]: (r.days_enrolled, r.days_absent) for r in records}

    # Exceptions only: Ana absent on 3 and 4 Sep, Ben present every day (no row).
    assert enrolled_and_absent() == {"1001": (9, 2), "1002": (9, 0)}
    outcome = year_actions.set_school_day(data_file.db, year["id"], dt.date(2025, 9, 3), False,
                                          "Water main break")
    assert enrolled_and_absent() == {"1001": (8, 1), "1002": (8, 0)}
    said = ("1 stored attendance row (1 student) falls on days now without school: "
            "attendance on a day without school counts for no one")
    assert said in outcome.message
    # Renaming a day already closed closes nothing more, so it sets nothing aside.
    renamed = year_actions.set_school_day(data_file.db, year["id"], dt.date(2025, 9, 3), False,
                                          "Burst pipe")
    assert "stored attendance" not in renamed.message
    assert enrolled_and_absent() == {"1001": (8, 1), "1002": (8, 0)}
    opened = year_actions.set_school_day(data_file.db, year["id"], dt.date(2025, 9, 3), True)
    assert "1 stored attendance row (1 student) on days that are school days again counts " \
        "again" in opened.message
    assert enrolled_and_absent() == {"1001": (9, 2), "1002": (9, 0)}
    # The import says the same sentence for the same day.
    plan, _ = run(data_file, csv_file(tmp_path / "c.csv", [["Date", "Holiday"],
                                                           ["9/3/2025", "Water main break"]]),
                  "calendar")
    assert said in " ".join(plan.notes)
    assert enrolled_and_absent() == {"1001": (8, 1), "1002": (8, 0)}
