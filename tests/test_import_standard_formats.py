"""Files in the formats schools really export, imported with no hand mapping: Ed-Fi (its API's
names as CSV), Microsoft School Data Sync v1, Clever, OneRoster 1.1 and 1.2.

Every file here is made by the test from the column lists in the issue and SIS_FORMATS.md;
the people are made up.
"""

from __future__ import annotations

import datetime as dt

from analysis.attendance import year_attendance
from storage import identifiers, mentors, students, years
from tests.import_helpers import messages, preview, run
from tests.spreadsheets import csv_file

EDFI = "uri://ed-fi.org/AttendanceEventCategoryDescriptor#"


def local_ids(data) -> list[str]:
    return sorted(row[0] for row in data.db.execute("SELECT local_id FROM students"))


def test_edfi_students_and_attendance_events(data_file, tmp_path):
    roster = csv_file(tmp_path / "students.csv", [
        ["studentUniqueId", "firstName", "middleName", "lastSurname", "preferredFirstName",
         "birthDate"],
        ["604822", "Ana", "Lucía", "Rivera", "Annie", "2012-03-04"],
        ["604823", "Ben", "", "Okafor", "", "2012-07-19"]])
    plan, _ = run(data_file, roster, "students")
    assert plan.problems == [] or all("No student ID" not in p.message for p in plan.problems)
    assert local_ids(data_file) == ["604822", "604823"]
    assert students.student_by_local_id(data_file.db, "604822")["preferred_name"] == "Annie"
    events = csv_file(tmp_path / "studentSchoolAttendanceEvents.csv", [
        ["studentUniqueId", "schoolId", "sessionName", "eventDate",
         "attendanceEventCategoryDescriptor", "attendanceEventReason", "eventDuration"],
        ["604822", "255901", "2025-2026 Fall Semester", "2025-09-03",
         EDFI + "Excused Absence", "Doctor", "1"],
        ["604822", "255901", "2025-2026 Fall Semester", "2025-09-04", EDFI + "tardy", "", "0.1"],
        ["604823", "255901", "2025-2026 Fall Semester", "2025-09-05",
         EDFI + "Unexcused Absence", "", "1"],
        ["604823", "255901", "2025-2026 Fall Semester", "2025-09-08", EDFI + "In Attendance",
         "", "1"],
        ["604823", "255901", "2025-2026 Fall Semester", "2025-09-09", EDFI + "Partial", "",
         "0.5"],
        ["604823", "255901", "2025-2026 Fall Semester", "2025-09-10",
         EDFI + "Early departure", "", "0.2"]])
    plan, _ = run(data_file, events, "attendance")
    document = plan.document()
    assert document["details"]["attendance_mode"] == "exceptions"  # events: absences only
    assert document["details"]["covers_through"] == "2025-09-10"  # through the last event
    assert "Ed-Fi" in " ".join(plan.notes)
    stored = dict(((row[0], row[1]), (row[2], row[3])) for row in data_file.db.execute(
        "SELECT s.local_id, a.day, a.status, a.code FROM attendance a JOIN students s "
        "ON s.id = a.student_id"))
    assert stored[("604822", "2025-09-03")] == ("absent_excused", EDFI + "Excused Absence")
    assert stored[("604822", "2025-09-04")][0] == "tardy"  # known case-insensitively
    assert stored[("604823", "2025-09-05")][0] == "absent_unexcused"
    assert stored[("604823", "2025-09-09")][0] == "half_day"
    assert ("604823", "2025-09-08") not in stored  # present rows of an events file: not kept
    year = years.current_year(data_file.db)
    records = year_attendance(data_file.db, year["id"], dt.date(2025, 9, 10))
    assert sorted(record.days_enrolled for record in records) == [7, 7]  # 2 Sep to 10 Sep


def test_an_unknown_edfi_code_gives_a_command_that_pastes_as_written(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", [["studentUniqueId", "firstName",
                                                  "lastSurname"], ["604822", "Ana", "Rivera"]]),
        "students")
    events = csv_file(tmp_path / "events.csv", [
        ["studentUniqueId", "eventDate", "attendanceEventCategoryDescriptor"],
        ["604822", "2025-09-03", EDFI + "Field Trip"]])
    plan = preview(data_file, events, "attendance")
    assert plan.stopped
    assert 'codes set "Field Trip" absent_excused' in plan.stopped
    assert f'--db {data_file.path}' in plan.stopped or f'"{data_file.path}"' in plan.stopped


def test_edfi_staff_become_mentors_with_their_email_and_role(data_file, tmp_path):
    staff = csv_file(tmp_path / "staffs.csv", [
        ["staffUniqueId", "firstName", "lastSurname", "electronicMailAddress",
         "staffClassificationDescriptor"],
        ["S-100", "Dana", "Cole", "dcole@district.org",
         "uri://ed-fi.org/StaffClassificationDescriptor#Teacher"],
        ["S-101", "Lee", "Park", "lpark@district.org",
         "uri://ed-fi.org/StaffClassificationDescriptor#Counselor"]])
    plan, _ = run(data_file, staff, "mentors")
    assert plan.counts()["added"] == 2
    cole = next(m for m in mentors.all_mentors(data_file.db) if m["last_name"] == "Cole")
    assert cole["email"] == "dcole@district.org" and cole["role"] == "Teacher"


def test_school_data_sync_student_and_teacher_files(data_file, tmp_path):
    student = csv_file(tmp_path / "student.csv", [
        ["SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Middle Name",
         "Secondary Email", "Student Number", "Grade", "State ID", "Status"],
        ["S-9001", "SCH-1", "arivera@students.org", "Ana", "Rivera", "", "ana@home.example",
         "1001", "7", "123", "Active"],
        ["S-9002", "SCH-1", "bokafor@students.org", "Ben", "Okafor", "", "", "1002", "6", "123",
         "Active"],
        ["S-9003", "SCH-1", "lnguyen@students.org", "Linh", "Nguyen", "", "", "1003", "8",
         "CA-44501", "Active"]])
    plan, _ = run(data_file, student, "students")
    assert local_ids(data_file) == ["1001", "1002", "1003"]
    ana = students.student_by_local_id(data_file.db, "1001")
    kept = {row["kind"]: row["value"] for row in identifiers.identifiers_of(data_file.db,
                                                                            ana["id"])}
    assert kept == {"sis_id": "S-9001"}  # the placeholder State ID is not kept
    assert ana["guardian_email"] == ""  # the student's own address is not a guardian's
    assert "placeholder" in messages(plan) and "123" in messages(plan)
    teacher = csv_file(tmp_path / "teacher.csv", [
        ["SIS ID", "School SIS ID", "Username", "First Name", "Last Name", "Secondary Email",
         "Teacher Number", "Status"],
        ["T-1", "SCH-1", "dcole", "Dana", "Cole", "dcole@school.org", "501", "Active"]])
    plan, _ = run(data_file, teacher, "mentors")
    assert mentors.all_mentors(data_file.db)[0]["email"] == "dcole@school.org"


def test_clever_students_and_teachers(data_file, tmp_path):
    student = csv_file(tmp_path / "students.csv", [
        ["School_id", "Student_id", "Student_number", "State_id", "Last_name", "Middle_name",
         "First_name", "Grade", "Gender", "DOB", "Contact_name", "Contact_phone", "Username",
         "Password"],
        ["sch1", "5f1c0001", "1001", "CA-1", "Rivera", "", "Ana", "7", "F", "03/04/2012",
         "Maria Rivera", "555-0101", "arivera", "secret1"],
        ["sch1", "5f1c0002", "1002", "CA-2", "Okafor", "", "Ben", "6", "M", "07/19/2012",
         "", "", "bokafor", "secret2"]])
    plan, _ = run(data_file, student, "students")
    columns = plan.document()["details"]["columns"]["students"]
    assert columns["Student_number"] == "student_id" and columns["Student_id"] == "sis_id"
    assert "Password" not in columns or columns["Password"].startswith("ignore")
    ana = students.student_by_local_id(data_file.db, "1001")
    assert ana["guardian_name"] == "Maria Rivera" and ana["guardian_phone"] == "555-0101"
    kept = {row["kind"]: row["value"] for row in identifiers.identifiers_of(data_file.db,
                                                                            ana["id"])}
    assert kept == {"sis_id": "5f1c0001", "state_id": "CA-1"}
    teachers = csv_file(tmp_path / "teachers.csv", [
        ["School_id", "Teacher_id", "Teacher_number", "State_teacher_id", "Teacher_email",
         "First_name", "Last_name", "Title"],
        ["sch1", "t-77", "501", "ST-9", "dcole@school.org", "Dana", "Cole", "Math teacher"]])
    run(data_file, teachers, "mentors")
    assert mentors.all_mentors(data_file.db)[0]["email"] == "dcole@school.org"


ONEROSTER_11 = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds",
                "role", "username", "userIds", "givenName", "familyName", "middleName",
                "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"]


def test_oneroster_11_users_with_roles(data_file, tmp_path):
    users = csv_file(tmp_path / "users.csv", [
        ONEROSTER_11,
        ["u-1", "active", "2025-08-01", "true", "org-1", "student", "arivera", "", "Ana",
         "Rivera", "", "1001", "ana@students.org", "", "555-0199", "u-9", "07", ""],
        ["u-2", "active", "2025-08-01", "true", "org-1", "teacher", "dcole", "", "Dana",
         "Cole", "", "T501", "dcole@school.org", "", "555-0100", "", "", ""],
        ["u-9", "active", "2025-08-01", "true", "org-1", "guardian", "mrivera", "", "Maria",
         "Rivera", "", "", "maria@home.example", "", "555-0101", "", "", ""]])
    plan, _ = run(data_file, users, "students")
    assert local_ids(data_file) == ["1001"]
    ana = students.student_by_local_id(data_file.db, "1001")
    assert ana["guardian_phone"] == "555-0101"  # the guardian's, not Ana's own 555-0199
    assert ana["guardian_name"] == "Maria Rivera"
    assert ana["guardian_email"] == "maria@home.example"
    assert {row["kind"] for row in identifiers.identifiers_of(data_file.db, ana["id"])} == {
        "sourced_id"}
    assert "not students" in messages(plan)


def test_oneroster_12_users_without_roles_leave_staff_out_and_name_them(data_file, tmp_path):
    header = [name for name in ONEROSTER_11 if name != "role"] + [
        "userMasterIdentifier", "preferredGivenName", "pronouns"]
    users = csv_file(tmp_path / "users.csv", [
        header,
        ["u-1", "active", "2025-08-01", "true", "org-1", "arivera", "", "Ana", "Rivera", "",
         "1001", "", "", "555-0199", "u-9", "07", "", "M-1", "Annie", "she/her"],
        ["u-2", "active", "2025-08-01", "true", "org-1", "dcole", "", "Dana", "Cole", "",
         "T501", "dcole@school.org", "", "555-0100", "", "", "", "M-2", "", ""],
        ["u-9", "active", "2025-08-01", "true", "org-1", "mrivera", "", "Maria", "Rivera", "",
         "", "maria@home.example", "", "555-0101", "", "", "", "M-3", "", ""]])
    plan, _ = run(data_file, users, "students")
    assert local_ids(data_file) == ["1001"]  # Dana and Maria are not students
    assert plan.counts()["skipped"] == 2
    assert "Dana Cole" in messages(plan) and "no grade" in messages(plan)
    ana = students.student_by_local_id(data_file.db, "1001")
    assert ana["preferred_name"] == "Annie"
    assert ana["guardian_phone"] == "555-0101" and ana["guardian_name"] == "Maria Rivera"
    kinds = {row["kind"]: row["value"] for row in identifiers.identifiers_of(data_file.db,
                                                                             ana["id"])}
    assert kinds == {"sourced_id": "u-1", "other": "M-1"}
