"""Importing attendance: daily rows, absences-only exports, half days, codes and totals."""

from __future__ import annotations

import datetime as dt

import pytest

from importing.apply import apply_plan
from importing.problems import ImportRefused
from storage import attendance, imports, students, years
from tests.conftest import data_checksum
from tests.import_helpers import messages, preview, run
from tests.spreadsheets import DATA, csv_file, xlsx


@pytest.fixture
def school(data_file, tmp_path):
    """Four students on the roster; Ana starts late, Ben leaves in January."""
    path = csv_file(tmp_path / "roster.csv", [
        ["Student ID", "Last Name", "First Name", "Grade", "Entry Date", "Exit Date"],
        ["1001", "Rivera", "Ana", "7", "9/15/2025", ""],
        ["1002", "Okafor", "Ben", "6", "9/2/2025", "1/20/2026"],
        ["001003", "Nguyen", "Linh", "8", "9/2/2025", ""],
        ["1004", "Lopez", "Maya", "7", "9/2/2025", ""],
    ])
    run(data_file, path, "students")
    return data_file


def sid(data, local_id):
    return students.student_by_local_id(data.db, local_id)["id"]


def stored(data, local_id):
    return {row["day"]: (row["status"], row["code"]) for row in attendance.days_of_student(
        data.db, sid(data, local_id), "2025-01-01", "2027-01-01")}


def test_daily_attendance_with_codes(school, tmp_path):
    path = xlsx(tmp_path / "daily.xlsx", {"Attendance": [
        ["Student ID", "Date", "Attendance Code"],
        [1002, dt.date(2025, 9, 2), "P"],
        [1002, dt.date(2025, 9, 3), "A"],
        [1002, dt.date(2025, 9, 4), "T"],
        [1002, dt.date(2025, 9, 5), ""],
        ["1003", dt.date(2025, 9, 2), "E"],
        [1004, dt.date(2025, 9, 2), "oss"],
    ]})
    plan, batch = run(school, path, "attendance")
    assert plan.counts() == {"added": 6, "updated": 0, "unchanged": 0, "skipped": 0}
    assert plan.kind_plan.attendance_mode == "daily"
    assert stored(school, "1002") == {"2025-09-02": ("present", "P"),
                                      "2025-09-03": ("absent_unexcused", "A"),
                                      "2025-09-04": ("tardy", "T"),
                                      "2025-09-05": ("present", "")}
    assert stored(school, "001003") == {"2025-09-02": ("absent_excused", "E")}  # zeros restored
    assert stored(school, "1004")["2025-09-02"][0] == "suspension_out"
    batch_row = imports.batch(school.db, batch)
    assert (batch_row["attendance_mode"], batch_row["covers_from"], batch_row["covers_through"]) \
        == ("daily", "2025-09-02", "2025-09-05")
    again, _ = run(school, path, "attendance")
    assert again.counts() == {"added": 0, "updated": 0, "unchanged": 6, "skipped": 0}


def test_a_file_of_tardies_and_absences_only_is_taken_as_exceptions(school, tmp_path):
    path = csv_file(tmp_path / "absences.csv", [
        ["Student_Number", "Att_Date", "Att_Code"],
        ["1002", "9/3/2025", "A"],
        ["1002", "9/4/2025", "T"],
        ["1004", "10/1/2025", "EX"],
    ])
    plan, batch = run(school, path, "attendance")
    assert plan.kind_plan.attendance_mode == "exceptions"
    assert any("absences only" in note and "1 Oct 2025" in note for note in plan.notes)
    batch_row = imports.batch(school.db, batch)
    assert (batch_row["covers_from"], batch_row["covers_through"]) == ("2025-09-02", "2025-10-01")
    covered = {row[0] for row in school.db.execute(
        "SELECT student_id FROM attendance_coverage WHERE batch_id = ?", [batch])}
    # Everyone enrolled during the dates, including Ana (who has no absence) and Linh.
    assert covered == {sid(school, i) for i in ("1001", "1002", "001003", "1004")}


def test_a_corrected_exceptions_export_removes_an_absence_the_school_took_back(school, tmp_path):
    first = csv_file(tmp_path / "a.csv", [["Student ID", "Date", "Code"],
                                          ["1002", "9/3/2025", "A"], ["1004", "9/3/2025", "A"],
                                          ["1004", "9/10/2025", "E"]])
    run(school, first, "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    corrected = csv_file(tmp_path / "b.csv", [["Student ID", "Date", "Code"],
                                              ["1004", "9/3/2025", "E"],
                                              ["1004", "9/10/2025", "E"]])
    plan, _ = run(school, corrected, "attendance", absences_only=True,
                  through=dt.date(2025, 9, 30))
    assert plan.counts() == {"added": 0, "updated": 2, "unchanged": 1, "skipped": 0}
    assert plan.kind_plan.details["absences_removed"] == 1
    assert stored(school, "1002") == {}  # Ben's only absence was corrected away
    assert stored(school, "1004")["2025-09-03"] == ("absent_excused", "E")


def test_an_exceptions_import_leaves_absences_outside_its_dates_alone(school, tmp_path):
    run(school, csv_file(tmp_path / "sept.csv", [["Student ID", "Date", "Code"],
                                                 ["1002", "9/3/2025", "A"]]),
        "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    plan, _ = run(school, csv_file(tmp_path / "oct.csv", [["Student ID", "Date", "Code"],
                                                          ["1002", "10/6/2025", "A"]]),
                  "attendance", absences_only=True, covers_from=dt.date(2025, 10, 1),
                  through=dt.date(2025, 10, 31))
    assert plan.kind_plan.details["absences_removed"] == 0
    assert set(stored(school, "1002")) == {"2025-09-03", "2025-10-06"}


def test_morning_and_afternoon_absences_make_a_whole_day(school, tmp_path):
    path = csv_file(tmp_path / "halves.csv", [
        ["Student ID", "Date", "AM/PM", "Code"],
        ["1004", "9/3/2025", "AM", "A"], ["1004", "9/3/2025", "PM", "E"],
        ["1004", "9/4/2025", "AM", "A"], ["1004", "9/4/2025", "PM", "P"],
        ["1004", "9/5/2025", "PM", "A"],
        ["1004", "9/8/2025", "", "P"],
    ])
    run(school, path, "attendance")
    days = stored(school, "1004")
    assert days["2025-09-03"][0] == "absent_unexcused"
    assert days["2025-09-04"][0] == "half_day"
    assert days["2025-09-05"][0] == "half_day"
    assert days["2025-09-08"][0] == "present"


def test_an_unknown_code_stops_the_import_and_writes_nothing(school, tmp_path):
    path = csv_file(tmp_path / "codes.csv", [["Student ID", "Date", "Code"],
                                             ["1002", "9/3/2025", "A"],
                                             ["1002", "9/4/2025", "ZZ"],
                                             ["1004", "9/4/2025", "ZZ"],
                                             ["1004", "9/5/2025", "FT"]])
    before = data_checksum(school.path)
    plan = preview(school, path, "attendance")
    assert plan.stopped and '"ZZ" (2 rows)' in plan.stopped and '"FT" (1 row)' in plan.stopped
    stops = [problem for problem in plan.problems if problem.stops]
    assert [(p.row, p.column) for p in stops] == [(3, "Code"), (5, "Code")]
    with pytest.raises(ImportRefused):
        apply_plan(school.db, plan)
    assert data_checksum(school.path) == before
    attendance.set_code(school.db, "ZZ", "absent_excused")
    attendance.set_code(school.db, "FT", "present")
    plan, _ = run(school, path, "attendance")
    assert plan.counts()["added"] == 4


def test_rows_for_students_not_on_the_roster_are_grouped(school, tmp_path):
    rows = [["Student ID", "Date", "Code"]]
    rows += [["9001", f"9/{day}/2025", "A"] for day in (3, 4, 5)]
    rows += [["9002", "9/3/2025", "A"], ["9003", "9/3/2025", "T"], ["1002", "9/3/2025", "A"]]
    plan = preview(school, csv_file(tmp_path / "x.csv", rows), "attendance")
    assert plan.counts()["skipped"] == 5 and plan.counts()["added"] == 1
    assert "5 rows for 3 students not on the roster (ID 9001, 9002 and 9003)" in messages(plan)
    assert students.count_students(school.db) == 4  # attendance never creates students


def test_rows_on_days_without_school_and_outside_every_year(school, tmp_path):
    path = csv_file(tmp_path / "x.csv", [["Student ID", "Date", "Code"],
                                         ["1002", "11/27/2025", "P"],  # Thanksgiving
                                         ["1002", "9/6/2025", "P"],    # a Saturday
                                         ["1002", "8/1/2024", "P"],    # no school year
                                         ["1002", "9/8/2025", "P"]])
    plan = preview(school, path, "attendance")
    assert plan.counts() == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 3}
    text = messages(plan)
    assert "days without school" in text and "outside every school year" in text


def test_attendance_totals_as_of_a_date_in_the_title(school, tmp_path):
    path = xlsx(tmp_path / "totals.xlsx", {"YTD": [
        ["Attendance summary as of 3/13/2026"],
        ["Student ID", "Days Enrolled", "Days Absent"],
        [1001, 110, 4], [1002, 88, 19.5], [1004, 120, 0],
    ]})
    plan, batch = run(school, path, "attendance")
    assert plan.counts() == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    summaries = {row["student_id"]: row for row in attendance.summaries_for_year(
        school.db, years.year_by_name(school.db, "2025-2026")["id"])}
    assert summaries[sid(school, "1002")]["days_absent"] == 19.5
    assert summaries[sid(school, "1002")]["as_of"] == "2026-03-13"
    again, _ = run(school, path, "attendance")
    assert again.counts()["unchanged"] == 3


def test_totals_without_a_date_are_refused_until_one_is_given(school, tmp_path):
    path = csv_file(tmp_path / "t.csv", [["Student ID", "Days Enrolled", "Days Absent"],
                                         ["1001", "40", "2"]])
    with pytest.raises(ImportRefused) as refusal:
        preview(school, path, "attendance")
    assert "as of" in refusal.value.message
    plan = preview(school, path, "attendance", through=dt.date(2025, 11, 7))
    assert plan.counts()["added"] == 1


def test_legacy_attendance_files(school):
    for name in ("attendance.xls", "attendance.ods"):
        plan = preview(school, DATA / name, "attendance")
        assert plan.counts() == {"added": 4, "updated": 0, "unchanged": 0, "skipped": 0}, name


def test_a_repeated_exceptions_import_speaks_for_the_absences_it_lists_again(school, tmp_path):
    """The attendance rules read an exception only from the newest import covering its date."""
    path = csv_file(tmp_path / "a.csv", [["Student ID", "Date", "Code"],
                                         ["1002", "9/3/2025", "A"], ["1004", "9/4/2025", "E"]])
    _, first = run(school, path, "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    plan, second = run(school, path, "attendance", absences_only=True,
                       through=dt.date(2025, 9, 30))
    assert plan.counts() == {"added": 0, "updated": 0, "unchanged": 2, "skipped": 0}
    assert {row[0] for row in school.db.execute("SELECT batch_id FROM attendance")} == {second}
    from importing.apply import undo

    undo(school.db, second)
    assert {row[0] for row in school.db.execute("SELECT batch_id FROM attendance")} == {first}
    assert stored(school, "1002") == {"2025-09-03": ("absent_unexcused", "A")}


def test_the_attendance_rules_read_an_exceptions_import_as_the_school_meant_it(school, tmp_path):
    from analysis.attendance import year_attendance

    year = years.year_by_name(school.db, "2025-2026")["id"]
    path = csv_file(tmp_path / "a.csv", [["Student ID", "Date", "Code"],
                                         ["1002", "9/3/2025", "A"], ["1002", "9/4/2025", "A"],
                                         ["1004", "9/10/2025", "E"]])

    def figures():
        records = {r.student_id: r for r in year_attendance(school.db, year,
                                                            dt.date(2025, 9, 30))}
        return {local: (records[sid(school, local)].days_enrolled,
                        records[sid(school, local)].days_absent)
                for local in ("1001", "1002", "1004")}

    run(school, path, "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    # September 2025 has 21 school days (from the 2nd); Ana started on the 15th: 12.
    assert figures() == {"1001": (12, 0), "1002": (21, 2), "1004": (21, 1)}
    run(school, path, "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    assert figures() == {"1001": (12, 0), "1002": (21, 2), "1004": (21, 1)}
    corrected = csv_file(tmp_path / "b.csv", [["Student ID", "Date", "Code"],
                                              ["1002", "9/3/2025", "A"],
                                              ["1004", "9/10/2025", "E"]])
    run(school, corrected, "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    assert figures()["1002"] == (21, 1)
