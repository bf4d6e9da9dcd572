"""`attendance --json` on data brought in through the importer, checked against hand counts.

The year is short so every figure can be counted on a calendar:
September 2025 has 21 weekdays from Tue 2 to Tue 30; Mon 15 Sep is a staff day, so the
instructional days from 2 to 30 September are 20.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from tests.conftest import run_main

SEPTEMBER = [dt.date(2025, 9, d) for d in range(2, 31)
             if dt.date(2025, 9, d).weekday() < 5 and d != 15]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def school(cli, tmp_path):
    path = tmp_path / "school.sqlite"
    assert cli("--db", path, "year", "add", "2025-2026", "--first-day", "2025-09-02",
               "--last-day", "2026-06-12", "--no-school", "2025-09-15").code == 0
    roster = write_csv(tmp_path / "roster.csv", [
        ["Student ID", "Last Name", "First Name", "Grade", "Entry Date"],
        ["100001", "Quintero", "Ana", "6", ""],
        ["100002", "Osei", "Ben", "7", ""],
        ["100003", "Tanaka", "Cleo", "8", "9/22/2025"],
    ])
    result = cli("--db", path, "import", "students", roster, "--json")
    assert result.code == 0, result.stderr
    assert result.json["added"] == 3
    return path


def by_id(cli, path, *extra):
    result = cli("--db", path, "attendance", "--json", *extra)
    assert result.code == 0, result.stderr
    return {row["student_id"]: row for row in result.json}


def figures(row):
    return row["days_enrolled"], row["days_absent"], row["absence_rate"], row["tier"]


def test_daily_file_gives_hand_counted_figures(cli, school, tmp_path):
    assert len(SEPTEMBER) == 20
    codes_ana = {SEPTEMBER[3]: "A", SEPTEMBER[7]: "A", SEPTEMBER[11]: "H", SEPTEMBER[12]: "T"}
    codes_ben = {SEPTEMBER[0]: "E", SEPTEMBER[5]: "OSS", SEPTEMBER[9]: "ISS"}
    rows = [["Student ID", "Date", "Code"]]
    for day in SEPTEMBER:
        rows.append(["100001", day.strftime("%m/%d/%Y"), codes_ana.get(day, "P")])
        rows.append(["100002", day.isoformat(), codes_ben.get(day, "P")])
    daily = write_csv(tmp_path / "daily.csv", rows)
    result = cli("--db", school, "import", "attendance", daily, "--json")
    assert result.code == 0, result.stderr
    assert result.json["added"] == 40

    found = by_id(cli, school, "--as-of", "2025-09-30")
    # Ana: 2 absences + a half day = 2.5 of 20 days = 12.5%: moderate (chronic).
    assert figures(found["100001"]) == (20, 2.5, 0.125, "moderate")
    # Ben: excused + out-of-school suspension = 2 of 20 = exactly 10%: chronic.
    # In-school suspension is present by default.
    assert figures(found["100002"]) == (20, 2, 0.1, "moderate")
    # Cleo has no attendance rows at all: no rate, no tier.
    assert figures(found["100003"]) == (0, 0, None, None)

    # Up to 12 September only (9 instructional days): too few days to be rated.
    early = by_id(cli, school, "--as-of", "2025-09-12")
    # (2-5 and 8-12 September; Ana missed 5 and 11 September.)
    assert figures(early["100001"])[:2] == (9, 2)
    assert early["100001"]["tier"] is None

    # The school counts in-school suspension as absent: Ben 3 of 20 = 15%.
    assert cli("--db", school, "settings", "set", "in_school_suspension_counts_absent",
               "yes").code == 0
    assert figures(by_id(cli, school, "--as-of", "2025-09-30")["100002"]) == \
        (20, 3, 0.15, "moderate")


def test_exceptions_only_export_with_a_holiday_a_through_date_and_a_correction(
        cli, school, tmp_path):
    first = write_csv(tmp_path / "absences.csv", [
        ["Student_Number", "Att_Date", "Att_Code"],
        ["100001", "9/4/2025", "A"],
        ["100001", "9/10/2025", "UEX"],
        ["100001", "9/23/2025", "H"],
        ["100002", "9/24/2025", "T"],
    ])
    result = cli("--db", school, "import", "attendance", first, "--through", "2025-09-30",
                 "--json")
    assert result.code == 0, result.stderr

    found = by_id(cli, school, "--as-of", "2025-10-15")
    # The export speaks for 2-30 September: 20 instructional days (15 Sep was closed).
    assert figures(found["100001"]) == (20, 2.5, 0.125, "moderate")
    # Ben's tardy is present; every unlisted day was present.
    assert figures(found["100002"]) == (20, 0, 0.0, "satisfactory")
    # Cleo entered on 22 September: 22-30 Sep is 7 instructional days, under the minimum.
    assert figures(found["100003"]) == (7, 0, 0.0, None)

    # The school corrects 10 September in its system and exports again.
    corrected = write_csv(tmp_path / "absences-corrected.csv", [
        ["Student_Number", "Att_Date", "Att_Code"],
        ["100001", "9/4/2025", "A"],
        ["100001", "9/23/2025", "H"],
        ["100002", "9/24/2025", "T"],
    ])
    assert cli("--db", school, "import", "attendance", corrected, "--through", "2025-09-30",
               "--absences-only").code == 0
    found = by_id(cli, school, "--as-of", "2025-10-15")
    # 1.5 of 20 = 7.5%: at risk.
    assert figures(found["100001"]) == (20, 1.5, 0.075, "at-risk")


def test_period_summaries_give_the_figures_for_students_without_daily_data(cli, school,
                                                                           tmp_path):
    totals = write_csv(tmp_path / "totals.csv", [
        ["Student ID", "Days Enrolled", "Days Absent", "As Of"],
        ["100001", "40", "4", "10/31/2025"],
        ["100002", "40", "1.5", "10/31/2025"],
    ])
    result = cli("--db", school, "import", "attendance", totals, "--json")
    assert result.code == 0, result.stderr
    found = by_id(cli, school, "--as-of", "2025-11-05")
    assert figures(found["100001"]) == (40, 4, 0.1, "moderate")
    assert figures(found["100002"]) == (40, 1.5, 0.0375, "satisfactory")


def test_the_command_in_a_subprocess_prints_one_json_array(school):
    result = run_main("--db", school, "attendance", "--json", "--as-of", "2025-09-30")
    assert result.code == 0
    assert isinstance(result.json, list) and len(result.json) == 3
