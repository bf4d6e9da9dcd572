"""Class-period (section) attendance: one row per student per class, counted as schools count.

A day is absent when the student missed at least half of the periods recorded for them
(``attendance.period_absent_share``), present but "missed some classes" (partial) otherwise;
numbers in a Period column are class periods, never morning and afternoon.
"""

from __future__ import annotations

import datetime as dt

from analysis.attendance import student_detail, year_attendance
from storage import settings, students, years
from tests.import_helpers import run
from tests.spreadsheets import csv_file, xlsx

ROSTER = [["Student ID", "Last Name", "First Name", "Grade"],
          ["2001", "Rivera", "Ana", "9"], ["2002", "Okafor", "Ben", "9"],
          ["2003", "Nguyen", "Linh", "10"]]
# Microsoft SDS / OEA style, as SIS_FORMATS describes (dates day first).
HEADER = ["student_id", "attendance_date", "Period", "section_id", "AttendanceCode",
          "PresenceFlag", "attendance_status", "attendance_type"]


def school_days(count: int) -> list[dt.date]:
    days, day = [], dt.date(2025, 9, 2)
    while len(days) < count:
        if day.weekday() < 5 and day not in (dt.date(2025, 11, 27), dt.date(2025, 11, 28)):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def period_rows(student: str, day: dt.date, missed: set[int], periods: int = 6,
                code: str = "A", tardy: set[int] = frozenset()) -> list[list]:
    rows = []
    for period in range(1, periods + 1):
        mark = code if period in missed else ("T" if period in tardy else "P")
        rows.append([student, f"{day.day:02d}/{day.month:02d}/{day.year}", period,
                     f"SEC-{period}{student[-1]}", mark, "0" if mark == code else "1",
                     "Absent" if mark == code else "Present", "ClassSectionAttendance"])
    return rows


def absent_days(data, local_id: str) -> float:
    year = years.current_year(data.db)
    student = students.student_by_local_id(data.db, local_id)
    record = {r.student_id: r for r in year_attendance(data.db, year["id"],
                                                      dt.date(2026, 6, 12))}[student["id"]]
    return record.days_absent


def test_half_the_classes_missed_on_17_days_is_17_days_absent(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    rows = [HEADER]
    for index, day in enumerate(school_days(20)):
        # Ana misses three of six classes on 17 days; Ben misses two of six every day.
        rows += period_rows("2001", day, {2, 4, 6} if index < 17 else set())
        rows += period_rows("2002", day, {1, 2})
    plan, _ = run(data_file, csv_file(tmp_path / "periods.csv", rows), "attendance")
    assert absent_days(data_file, "2001") == 17  # not 15.5: periods are not half days
    assert absent_days(data_file, "2002") == 0
    notes = " ".join(plan.notes)
    assert "6 periods a day" in notes and "17 days with half or more missed" in notes
    assert "class periods" in notes
    ben = students.student_by_local_id(data_file.db, "2002")
    statuses = {row[0] for row in data_file.db.execute(
        "SELECT status FROM attendance WHERE student_id = ?", [ben["id"]])}
    assert statuses == {"partial"}  # kept, and shown as "missed some classes"


def test_the_student_detail_shows_the_partial_days(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    rows = [HEADER] + period_rows("2002", dt.date(2025, 9, 15), {1})
    run(data_file, csv_file(tmp_path / "periods.csv", rows), "attendance")
    from program.vocabulary import ATTENDANCE_STATUSES

    ben = students.student_by_local_id(data_file.db, "2002")
    year = years.current_year(data_file.db)
    detail = student_detail(data_file.db, ben["id"], year["id"], dt.date(2025, 9, 15))
    assert detail.days == ((dt.date(2025, 9, 15), "partial"),)
    assert detail.days_absent == 0 and detail.days_enrolled == 1
    assert ATTENDANCE_STATUSES["partial"] == "Present, missed some classes"


def test_numbers_1_and_2_in_a_period_column_are_class_periods_not_halves(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    day = "9/3/2025"
    path = xlsx(tmp_path / "p.xlsx", {"A": [["Student ID", "Date", "Period", "Code"],
                                            ["2001", day, 1, "A"], ["2001", day, 2, "P"]]})
    plan, _ = run(data_file, path, "attendance")
    # One of two periods missed: half, so absent (compared exactly); not a "half day".
    assert absent_days(data_file, "2001") == 1
    assert "Read as class periods" in " ".join(plan.notes)


def test_am_and_pm_words_still_make_half_days(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    path = csv_file(tmp_path / "h.csv", [["Student ID", "Date", "Period", "Code"],
                                         ["2001", "9/3/2025", "AM", "A"],
                                         ["2001", "9/3/2025", "PM", "P"],
                                         ["2002", "9/3/2025", "Morning", "A"],
                                         ["2002", "9/3/2025", "Afternoon", "E"]])
    plan, _ = run(data_file, path, "attendance")
    assert absent_days(data_file, "2001") == 0.5 and absent_days(data_file, "2002") == 1
    assert "half days" in " ".join(plan.notes)


def test_the_share_setting_is_compared_exactly(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    day = dt.date(2025, 9, 15)  # day first, as the export writes it: 15/09/2025
    rows = [HEADER] + period_rows("2001", day, {1, 2}, periods=5)  # 2 of 5 = 0.4
    path = csv_file(tmp_path / "p.csv", rows)
    run(data_file, path, "attendance")
    assert absent_days(data_file, "2001") == 0
    settings.set_value(data_file.db, "attendance.period_absent_share", 0.4)
    run(data_file, csv_file(tmp_path / "p2.csv", rows), "attendance")
    assert absent_days(data_file, "2001") == 1  # 0.4 >= 0.4


def test_a_tardy_period_is_not_missed_and_the_day_takes_the_most_serious_missed(data_file,
                                                                                tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    day = dt.date(2025, 9, 15)
    rows = [HEADER] + period_rows("2001", day, {1, 2}, tardy={3, 4})
    rows += period_rows("2002", day, {1, 2, 3}, code="E")
    rows[-1][4] = "A"  # period 3 unexcused, 1 and 2 excused: the day is unexcused
    run(data_file, csv_file(tmp_path / "p.csv", rows), "attendance")
    assert absent_days(data_file, "2001") == 0  # 2 of 6 missed; tardies are there
    ben = students.student_by_local_id(data_file.db, "2002")
    assert data_file.db.execute("SELECT status FROM attendance WHERE student_id = ?",
                                [ben["id"]]).fetchone() == ("absent_unexcused",)


def test_sections_tell_periods_apart_when_the_period_is_the_same_on_every_row(data_file,
                                                                              tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    rows = [["Student ID", "Date", "Period", "Section ID", "Code"]]
    rows += [["2001", "9/3/2025", "All", f"MATH-{n}", "A" if n < 2 else "P"] for n in range(4)]
    rows += [["2002", "9/3/2025", "All", f"MATH-{n}", "A" if n < 1 else "P"] for n in range(4)]
    run(data_file, csv_file(tmp_path / "s.csv", rows), "attendance")
    assert absent_days(data_file, "2001") == 1  # 2 of 4 sections missed
    assert absent_days(data_file, "2002") == 0  # 1 of 4: present, missed some classes


def test_a_file_of_missed_periods_only_counts_against_the_periods_per_day_setting(
        data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    settings.set_value(data_file.db, "periods_per_day", 7)
    rows = [["Student ID", "Date", "Period", "Code"]]
    rows += [["2001", "9/3/2025", period, "A"] for period in (1, 2, 3, 4)]  # 4 of 7: absent
    rows += [["2002", "9/3/2025", period, "A"] for period in (1, 2, 3)]  # 3 of 7: not
    plan, _ = run(data_file, csv_file(tmp_path / "m.csv", rows), "attendance",
                  through=dt.date(2025, 9, 5))
    assert absent_days(data_file, "2001") == 1 and absent_days(data_file, "2002") == 0
    assert plan.kind_plan.attendance_mode == "exceptions"
    assert "only the class periods missed" in " ".join(plan.notes)
    assert "7 periods" in " ".join(plan.notes)


def test_a_daily_row_for_the_day_is_the_schools_verdict_over_its_periods(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    rows = [["Student ID", "Date", "Period", "Code", "Attendance type"],
            ["2001", "9/3/2025", "", "E", "DailyAttendance"],
            ["2001", "9/3/2025", 1, "P", "ClassSectionAttendance"],
            ["2001", "9/3/2025", 2, "P", "ClassSectionAttendance"]]
    run(data_file, csv_file(tmp_path / "d.csv", rows), "attendance")
    assert absent_days(data_file, "2001") == 1


def test_two_rows_for_one_date_in_a_daily_file_keep_the_note_and_the_more_serious(data_file,
                                                                                  tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    path = csv_file(tmp_path / "d.csv", [["Student ID", "Date", "Code"],
                                         ["2001", "9/3/2025", "P"], ["2001", "9/3/2025", "A"]])
    plan, _ = run(data_file, path, "attendance")
    assert "more than one row" in " ".join(plan.notes)
    assert absent_days(data_file, "2001") == 1
