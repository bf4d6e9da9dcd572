"""Finding the table under titles and notes, and guessing what each column means."""

from __future__ import annotations

import pytest

from importing.headers import find_table, guess_mapping, header_signature, normalize_header
from importing.kinds import KINDS
from importing.plan import guess_kind, prepare, read_file
from importing.sheets import Sheet
from tests.spreadsheets import DATA, csv_file, xlsx

STUDENT_FIELDS = KINDS["students"].fields


@pytest.mark.parametrize("header, normalized", [
    ("[1]Student_Number", "student number"), ("LastFirst", "last first"),
    ("givenName", "given name"), ("ID #", "id"), ("Stu ID", "stu id"),
    ("  Grade_Level ", "grade level"),
    ("E-mail", "e mail"),
])
def test_headers_are_compared_by_their_words(header, normalized):
    assert normalize_header(header) == normalized


@pytest.mark.parametrize("header", ["Student ID", "ID #", "Student_Number", "Stu ID", "Perm ID",
                                    "SN", "Local ID", "Student Number", "Student ID (7 digits)"])
def test_the_common_names_of_the_student_id_column(header):
    assert guess_mapping([header, "Last Name"], STUDENT_FIELDS)[0] == "student_id"


def test_powerschool_student_number_wins_over_its_internal_id():
    mapping = guess_mapping(["ID", "Student_Number", "LastFirst", "Grade_Level", "Home_Room",
                             "EntryDate", "ExitDate", "Enroll_Status"], STUDENT_FIELDS)
    # The internal ID is kept too, as the SIS's own key: an attendance export may use it.
    assert mapping == {0: "sis_id", 1: "student_id", 2: "full_name", 3: "grade", 4: "homeroom",
                       5: "entry_date", 6: "exit_date", 7: "enroll_status"}


def test_aeries_short_names():
    mapping = guess_mapping(["SC", "SN", "LN", "FN", "MN", "GR", "GN", "TG"], STUDENT_FIELDS)
    assert {mapping[1], mapping[2], mapping[3], mapping[5], mapping[7]} == {
        "student_id", "last_name", "first_name", "grade", "enroll_status"}


def test_oneroster_users_file():
    headers = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role",
               "username", "userIds", "givenName", "familyName", "middleName", "identifier",
               "email", "sms", "phone", "agentSourcedIds", "grades"]
    mapping = guess_mapping(headers, STUDENT_FIELDS)
    by_field = {key: headers[column] for column, key in mapping.items()}
    assert by_field["student_id"] == "identifier"
    assert by_field["first_name"] == "givenName" and by_field["last_name"] == "familyName"
    assert by_field["grade"] == "grades" and by_field["person_role"] == "role"


def test_synergy_and_infinite_campus_ids():
    assert guess_mapping(["Perm ID", "Student Name"], STUDENT_FIELDS)[0] == "student_id"
    assert guess_mapping(["Student Number", "personID", "Last Name"],
                         STUDENT_FIELDS)[0] == "student_id"


def test_attendance_export_names():
    fields = KINDS["attendance"].fields
    mapping = guess_mapping(["[Students]Student_Number", "Att_Date", "Att_Code",
                             "Attendance_CodeID", "Att_Mode_Code"], fields)
    assert mapping[0] == "student_id" and mapping[1] == "date" and mapping[2] == "code"
    assert guess_mapping(["SN", "DT", "AL"], fields) == {0: "student_id", 1: "date", 2: "code"}


def test_the_header_row_is_found_under_title_and_note_rows(tmp_path):
    path = xlsx(tmp_path / "nom.xlsx", {"Nominations": [
        ["Westfield Middle: mentoring nominations"],
        ["Please return by Friday"],
        [],
        ["Teacher", "Student Name", "ID #", "Grade", "Reason"],
        ["Ms. Cole", "Rivera, Ana", 1001, "7th", "attendance"],
        [],
        ["Thank you!"],
    ]}, merged={"Nominations": ["A1:E1"]})
    table = find_table(read_file(path).sheets[0], STUDENT_FIELDS)
    assert table.headers == ["Teacher", "Student Name", "ID #", "Grade", "Reason"]
    assert [number for number, _ in table.data_rows()] == [5]


def test_a_merged_title_above_is_never_taken_for_the_header(tmp_path):
    path = xlsx(tmp_path / "t.xlsx", {"S": [["Student Name"], ["Student ID", "Last name",
                                                               "First name"], [1, "Ng", "Lin"]]},
                merged={"S": ["A1:C1"]})
    table = find_table(read_file(path).sheets[0], STUDENT_FIELDS)
    assert table.header_index == 1


def test_blank_rows_notes_and_repeated_headers_are_not_data():
    sheet = Sheet("S", [
        ["Student ID", "Last name", "First name", "Grade"],
        [1, "Rivera", "Ana", 7],
        ["", "", "", ""],
        ["Student ID", "Last name", "First name", "Grade"],
        [2, "Okafor", "Ben", 6],
        ["Total: 2", "", "", ""],
        ["Prepared by the office", "", "", ""],
    ])
    table = find_table(sheet, STUDENT_FIELDS)
    assert [cells[0] for _, cells in table.data_rows()] == [1, 2]


def test_columns_in_any_order_with_extra_columns(tmp_path):
    path = csv_file(tmp_path / "r.csv", [["Favorite color", "Grade", "First", "Last", "ID"],
                                         ["blue", "6", "Ana", "Rivera", "1001"]])
    table = find_table(read_file(path).sheets[0], STUDENT_FIELDS)
    assert table.mapping == {1: "grade", 2: "first_name", 3: "last_name", 4: "student_id"}


def test_the_kind_is_guessed_from_the_columns(tmp_path):
    cases = {
        "students": [["Student ID", "Last Name", "First Name", "Grade", "Homeroom"]],
        "mentors": [["Name", "Email", "Role", "Capacity"]],
        "attendance": [["Student ID", "Date", "Attendance Code"]],
        "meetings": [["Student ID", "Mentor", "Meeting date", "Minutes", "Topics"]],
        "matches": [["Student ID", "Mentor", "Start date", "End date"]],
        "calendar": [["Date", "Holiday"]],
    }
    for kind, rows in cases.items():
        path = csv_file(tmp_path / f"{kind}.csv", rows + [["x"] * len(rows[0])])
        assert guess_kind(read_file(path))[0] == kind, kind


def test_a_plain_roster_is_surely_students_not_a_staff_list(tmp_path):
    # Names alone make a complete staff list too; a student ID column says it is a roster, so
    # the import window does not ask the facilitator to confirm what it holds.
    from importing.plan import guess_kind_surely

    for header in (["Student ID", "Last Name", "First Name", "Grade"],
                   ["Student Number", "First", "Last"]):
        path = csv_file(tmp_path / "roster.csv", [header, ["100001", "Garcia", "Ana", "7"][
            :len(header)]])
        assert guess_kind_surely(read_file(path))[::2] == ("students", True), header
    staff = csv_file(tmp_path / "staff.csv", [["First Name", "Last Name", "Email"],
                                              ["Mo", "Rivera", "mo@school.example.org"]])
    assert guess_kind_surely(read_file(staff))[0] == "mentors"


def test_a_forms_tools_export_is_surely_survey_answers_unless_it_holds_nominations(tmp_path):
    from importing.plan import guess_kind_surely

    questions = ["There is an adult at this school who cares about me.",
                 "I feel like I belong at this school."]
    microsoft = ["ID", "Start time", "Completion time", "Email", "Name",
                 "Your student ID number", *questions]
    google = ["Timestamp", "Email Address", "Your student ID number", *questions]
    for name, header in (("microsoft", microsoft), ("google", google)):
        path = csv_file(tmp_path / f"{name}.csv", [header, ["1"] * len(header)])
        assert guess_kind_surely(read_file(path))[::2] == ("surveys", True), name
    # Teachers' nominations through Microsoft Forms are students, whatever the form's columns.
    nominations = ["ID", "Start time", "Completion time", "Email", "Name", "Student ID",
                   "Student name", "Reason for nomination"]
    path = csv_file(tmp_path / "nominations.csv", [nominations, ["1"] * len(nominations)])
    assert guess_kind_surely(read_file(path))[0] == "students"


def test_every_sheet_of_a_workbook_one_per_grade(tmp_path):
    header = ["Student ID", "Student Name", "Teacher"]
    path = xlsx(tmp_path / "grades.xlsx", {
        "Gr 6": [header, [1, "Ana Rivera", "Cole"]],
        "Gr 7": [["7th grade nominations"], header, [2, "Ben Okafor", "Diaz"]],
        "Instructions": [["Fill in one row per student."]],
    })
    source = prepare(None, read_file(path), "students")
    assert source.sheet_names == ["Gr 6", "Gr 7"]
    assert [table.sheet_grade for table in source.tables] == [6, 7]
    assert ("Instructions", "no table") in source.left_out


def test_legacy_files_have_their_headers_found():
    for name in ("roster.xls", "roster.ods"):
        source = prepare(None, read_file(DATA / name), "students")
        assert source.tables[0].headers[0] == "Student ID", name
        assert [row[0] for _, row in source.tables[0].data_rows()][-1] in ("001003",), name


def test_the_signature_a_mapping_is_remembered_by():
    assert header_signature(["Student ID", "ID #"]) == "student id|id"
