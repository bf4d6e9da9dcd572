"""Importing students: rosters and teachers' nomination sheets."""

from __future__ import annotations

import datetime as dt

import pytest

from importing.problems import ImportRefused
from storage import availability, matches, mentors, nominations, students
from tests.import_helpers import RECORD_TABLES, messages, preview, run, table_checksum
from tests.spreadsheets import DATA, csv_file, xlsx

MESSY_ROSTER = [
    ["Westfield Middle School: student roster 2025-26"],
    ["Exported from the office, please keep private"],
    [],
    ["Grade", "Student ID", "Last Name", "First Name", "Homeroom", "Favorite lunch"],
    [7, 1001.0, "Rivera", "Ana", "7B", "pizza"],
    ["6th", 1002.0, "Okafor Jr.", "Ben", "6A", "tacos"],
    [],
    ["Gr. 8", "001003", "Nguyen", "Linh", "8C", ""],
    [],
    ["Thank you!"],
]


def year_id(data):
    return data.db.execute("SELECT id FROM school_years WHERE name = '2025-2026'").fetchone()[0]


def test_a_messy_roster_imports_every_student_with_grade_and_homeroom(data_file, tmp_path):
    path = xlsx(tmp_path / "roster.xlsx", {"Roster": MESSY_ROSTER},
                merged={"Roster": ["A1:F1"]})
    plan, batch = run(data_file, path, "students")
    assert plan.counts() == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    assert plan.problems == []
    rows = {row["local_id"]: row for row in students.students_in_year(data_file.db,
                                                                      year_id(data_file))}
    assert set(rows) == {"1001", "1002", "001003"}
    assert (rows["1002"]["last_name"], rows["1002"]["grade"], rows["1002"]["homeroom"]) == \
        ("Okafor Jr.", 6, "6A")
    assert rows["001003"]["grade"] == 8
    assert rows["1001"]["batch_id"] == batch


def test_importing_the_same_roster_twice_changes_nothing_the_second_time(data_file, tmp_path):
    path = xlsx(tmp_path / "roster.xlsx", {"Roster": MESSY_ROSTER})
    run(data_file, path, "students")
    before = table_checksum(data_file.path, *RECORD_TABLES)
    plan, _ = run(data_file, path, "students")
    assert plan.counts() == {"added": 0, "updated": 0, "unchanged": 3, "skipped": 0}
    assert table_checksum(data_file.path, *RECORD_TABLES) == before


def test_a_changed_roster_updates_only_what_changed(data_file, tmp_path):
    run(data_file, xlsx(tmp_path / "a.xlsx", {"Roster": MESSY_ROSTER}), "students")
    changed = [row[:] for row in MESSY_ROSTER]
    changed[4][4] = "7C"
    plan, _ = run(data_file, xlsx(tmp_path / "b.xlsx", {"Roster": changed}), "students")
    assert plan.counts() == {"added": 0, "updated": 1, "unchanged": 2, "skipped": 0}
    ana = students.student_by_local_id(data_file.db, "1001")
    assert students.enrollment(data_file.db, ana["id"], year_id(data_file))["homeroom"] == "7C"


def test_ids_typed_as_numbers_and_ids_that_lost_leading_zeros(data_file, tmp_path):
    run(data_file, xlsx(tmp_path / "a.xlsx", {"Roster": MESSY_ROSTER}), "students")
    path = csv_file(tmp_path / "b.csv", [["Student ID", "Last Name", "First Name", "Grade"],
                                         ["1003", "Nguyen", "Linh", "8"],
                                         ["1001.0", "Rivera", "Ana", "7"]])
    plan = preview(data_file, path, "students")
    assert plan.counts()["added"] == 0 and plan.counts()["unchanged"] == 2
    assert "leading zeros" in messages(plan)


def test_nomination_sheets_one_per_grade_take_the_grade_from_the_sheet_name(data_file, tmp_path):
    header = ["Student Name", "ID #", "Teacher", "Reason", "When free"]
    path = xlsx(tmp_path / "nominations.xlsx", {
        "Gr 6": [["6th grade nominations"], header,
                 ["Okafor, Ben", 2001, "Ms. Cole", "behavior, friends", "Mon lunch"]],
        "Gr 7": [header, ["Ana Rivera", 2002, "Mr. Diaz", "Attendance", "Lunch, after school"],
                 ["Ana Rivera", 2002, "Ms. Park", "grades", ""]],
        "How to fill this in": [["Put one student on each row. Thank you!"]],
    })
    plan, batch = run(data_file, path, "students")
    assert plan.counts() == {"added": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    assert plan.kind_plan.details["nominations_added"] == 3
    assert any("every weekday" in note for note in plan.notes)
    ben = students.student_by_local_id(data_file.db, "2001")
    assert students.enrollment(data_file.db, ben["id"], year_id(data_file))["grade"] == 6
    nominated = {(n["nominated_by"], tuple(n["reasons"]))
                 for n in nominations.nominations_in_year(data_file.db, year_id(data_file))}
    assert nominated == {("Ms. Cole", ("behavior", "social_emotional")),
                         ("Mr. Diaz", ("attendance",)), ("Ms. Park", ("academics",))}
    ana = students.student_by_local_id(data_file.db, "2002")
    assert availability.get(data_file.db, "student", ana["id"]) == {
        (day, slot) for day in range(5) for slot in ("lunch", "after_school")}
    again, _ = run(data_file, path, "students")
    assert again.counts()["unchanged"] == 2 and again.kind_plan.details["nominations_added"] == 0


def test_a_nomination_for_a_student_on_the_roster_attaches_to_that_student(data_file, tmp_path):
    run(data_file, xlsx(tmp_path / "roster.xlsx", {"Roster": MESSY_ROSTER}), "students")
    path = csv_file(tmp_path / "nom.csv", [["Student ID", "Student", "Nominated by", "Reason"],
                                           ["1001", "Ana Rivera", "Ms. Cole", "attendance"]])
    plan, _ = run(data_file, path, "students")
    assert plan.counts() == {"added": 0, "updated": 0, "unchanged": 1, "skipped": 0}
    ana = students.student_by_local_id(data_file.db, "1001")
    assert [n["student_id"] for n in nominations.nominations_in_year(
        data_file.db, year_id(data_file))] == [ana["id"]]
    assert students.count_students(data_file.db) == 3


def test_a_student_without_an_id_is_matched_by_name_and_grade_with_a_warning(data_file, tmp_path):
    run(data_file, xlsx(tmp_path / "roster.xlsx", {"Roster": MESSY_ROSTER}), "students")
    path = csv_file(tmp_path / "nom.csv", [["Last name", "First name", "Grade", "Teacher"],
                                           ["RIVERA", "ana", "7", "Ms. Cole"]])
    plan, _ = run(data_file, path, "students")
    assert plan.counts()["unchanged"] + plan.counts()["updated"] == 1
    assert plan.counts()["added"] == 0
    assert "matched to" in messages(plan) and "by name and grade" in messages(plan)


def test_the_template_example_row_is_skipped(data_file, tmp_path):
    path = csv_file(tmp_path / "nom.csv", [["Student ID", "Last name", "First name", "Reason"],
                                           ["EXAMPLE", "Rivera", "Ana", "Attendance"],
                                           ["3001", "Lopez", "Maya", "Behavior"]])
    plan = preview(data_file, path, "students")
    assert plan.counts() == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 0}


def test_a_powerschool_export_with_quoted_lastfirst(data_file, tmp_path):
    path = csv_file(tmp_path / "ps.csv", [
        ["ID", "Student_Number", "LastFirst", "Grade_Level", "Home_Room", "EntryDate",
         "ExitDate", "Enroll_Status"],
        ["88812", "1001", "Rivera, Ana Maria", "7", "7B", "09/02/2025", "06/13/2026", "0"],
        ["88813", "1002", "Okafor, Ben", "0", "K1", "09/02/2025", "06/13/2026", "0"],
    ])
    plan, _ = run(data_file, path, "students")
    assert plan.counts()["added"] == 2
    ana = students.student_by_local_id(data_file.db, "1001")
    assert (ana["first_name"], ana["last_name"]) == ("Ana Maria", "Rivera")
    ben_id = students.student_by_local_id(data_file.db, "1002")["id"]
    ben = students.enrollment(data_file.db, ben_id, year_id(data_file))
    assert ben["grade"] == 0 and ben["entry_date"] == "2025-09-02"


def test_a_oneroster_file_skips_teachers(data_file, tmp_path):
    path = csv_file(tmp_path / "users.csv", [
        ["sourcedId", "status", "role", "givenName", "familyName", "identifier", "grades"],
        ["u1", "active", "student", "Ana", "Rivera", "1001", "07"],
        ["u2", "active", "teacher", "Dana", "Cole", "T55", ""],
    ])
    plan = preview(data_file, path, "students")
    assert plan.counts() == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 1}
    assert "teacher" in messages(plan)


def test_a_roster_giving_a_matched_student_an_exit_date_lists_the_match_to_close(
        data_file, tmp_path):
    run(data_file, xlsx(tmp_path / "roster.xlsx", {"Roster": MESSY_ROSTER}), "students")
    ana = students.student_by_local_id(data_file.db, "1001")
    mentor_id = mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    match_id = matches.add_match(data_file.db, mentor_id, ana["id"], year_id(data_file),
                                 "2025-09-15")
    path = csv_file(tmp_path / "update.csv", [["Student ID", "Last Name", "First Name",
                                               "Exit Date"],
                                              ["1001", "Rivera", "Ana", "1/16/2026"]])
    plan = preview(data_file, path, "students")
    assert [item["match_id"] for item in plan.to_confirm] == [match_id]
    assert "Dana Cole" in plan.to_confirm[0]["message"]
    run(data_file, path, "students")
    assert matches.match(data_file.db, match_id)["ended_on"] is None  # not confirmed: stays open
    run(data_file, path, "students", close_matches=True)
    closed = matches.match(data_file.db, match_id)
    assert (closed["ended_on"], closed["closure_reason"]) == ("2026-01-16", "student_moved")


def test_a_withdrawn_status_also_lists_matches_to_close(data_file, tmp_path):
    run(data_file, xlsx(tmp_path / "roster.xlsx", {"Roster": MESSY_ROSTER}), "students")
    ana = students.student_by_local_id(data_file.db, "1001")
    mentor_id = mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    matches.add_match(data_file.db, mentor_id, ana["id"], year_id(data_file), "2025-09-15")
    path = csv_file(tmp_path / "s.csv", [["Student ID", "Status"], ["1001", "Withdrawn"]])
    plan = preview(data_file, path, "students", today=dt.date(2026, 2, 2))
    assert plan.to_confirm and plan.to_confirm[0]["ended_on"] == "2026-02-02"


def test_students_need_a_school_year(tmp_path):
    from storage.database import open_data_file

    with open_data_file(tmp_path / "new.sqlite", create=True) as data, \
            pytest.raises(ImportRefused) as refusal:
        preview(data, xlsx(tmp_path / "r.xlsx", {"R": MESSY_ROSTER}), "students")
    assert "school year" in refusal.value.message and "year add" in refusal.value.message


def test_rows_without_a_name_or_id_are_skipped_and_listed(data_file, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"R": [["Student ID", "Last Name", "First Name", "Grade"],
                                            [5001, "Lopez", "Maya", 7],
                                            [None, None, None, 6],
                                            [5002, None, None, 7],
                                            [5003, "Kim", "Joon", "seventh-ish"]]})
    plan = preview(data_file, path, "students")
    assert plan.counts() == {"added": 2, "updated": 0, "unchanged": 0, "skipped": 2}
    rows = {problem.row for problem in plan.problems}
    assert {3, 4, 5} <= rows
    grade_problem = next(p for p in plan.problems if p.row == 5)
    assert grade_problem.column == "Grade" and "not a grade" in grade_problem.message


def test_legacy_xls_and_ods_rosters(data_file):
    for name in ("roster.xls", "roster.ods"):
        plan = preview(data_file, DATA / name, "students")
        assert plan.counts() == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 0}, name


def test_text_is_stored_exactly_as_typed(data_file, tmp_path):
    path = csv_file(tmp_path / "r.csv", [["Student ID", "Last name", "First name", "Notes"],
                                         ["7001", "=cmd|' /C calc'!A0", "Ana", "+SUM(A1)"]])
    run(data_file, path, "students")
    row = students.student_by_local_id(data_file.db, "7001")
    assert row["last_name"] == "=cmd|' /C calc'!A0" and row["notes"] == "+SUM(A1)"


def test_teachers_reasons_with_typos_or_several_in_a_cell_are_understood_or_flagged(data_file,
                                                                                   tmp_path):
    path = csv_file(tmp_path / "nominations.csv", [
        ["Student Name", "ID #", "Teacher", "Reason"],
        ["Rivera, Ana", "3001", "Ms. Cole", "attendence"],
        ["Okafor, Ben", "3002", "Mr. Diaz", "attendance + behavior"],
        ["Nguyen, Linh", "3003", "Ms. Park", "poor grades; no friends"],
        ["Lopez, Maya", "3004", "Mr. Diaz", "wears hats"],
    ])
    plan, _ = run(data_file, path, "students")
    reasons = {n["nominated_by"] + " " + n["notes"]: tuple(n["reasons"])
               for n in nominations.nominations_in_year(data_file.db, year_id(data_file))}
    assert reasons == {"Ms. Cole ": ("attendance",),
                       "Mr. Diaz ": ("attendance", "behavior"),
                       "Ms. Park ": ("academics", "social_emotional"),
                       "Mr. Diaz Reason: wears hats": ("other",)}
    assert '"attendence" as attendance' in " ".join(plan.notes)  # the typo is said
    assert '"wears hats"' in messages(plan) and "saved as Other" in messages(plan)
