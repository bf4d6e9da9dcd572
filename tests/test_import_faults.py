"""Faults that lost work or told the wrong thing, each with what must happen instead.

One ID given to two different children is never merged, in any kind of file; Ctrl-C at the
very end of an import says the import was saved; undoing an older import does not quietly
throw away a newer import's changes; a file is refused for what is really wrong with it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from importing import apply
from importing.apply import ImportRequest, undo, undo_preview
from importing.problems import ImportRefused
from importing.sheets import open_workbook
from storage import matches, mentors, students, years
from storage.errors import InvalidInput
from tests.conftest import data_checksum
from tests.import_helpers import messages, run
from tests.spreadsheets import csv_file, xlsx

ROSTER = [["Student ID", "Last Name", "First Name", "Grade"],
          ["1001", "Rivera", "Ana", "7"], ["1002", "Okafor", "Ben", "6"]]


@pytest.fixture
def school(data_file):
    """The path of a data file with a current year (closed, so commands can open it)."""
    path = data_file.path
    data_file.close()
    return path


def count(path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


# One ID, two children (every kind of file) ------------------------------------------------


def test_a_roster_giving_one_number_to_two_children_imports_neither(data_file, tmp_path):
    path = csv_file(tmp_path / "roster.csv", ROSTER + [["1001", "Nguyen", "Linh", "8"]])
    plan, _ = run(data_file, path, "students")
    assert plan.counts()["added"] == 1  # Ben only
    assert students.student_by_local_id(data_file.db, "1001") is None
    clashes = [p for p in plan.problems if "also on row" in p.message]
    assert sorted(p.row for p in clashes) == [2, 4]  # both rows named
    assert "Linh Nguyen" in messages(plan) and "Ana Rivera" in messages(plan)


def test_two_rows_for_one_child_still_merge(data_file, tmp_path):
    path = csv_file(tmp_path / "n.csv", [["Student ID", "Student Name", "Teacher", "Reason"],
                                         ["1001", "Ana Rivera", "Ms. Cole", "attendance"],
                                         ["1001", "Rivera, Ana", "Mr. Diaz", "behavior"]])
    plan, _ = run(data_file, path, "students")
    assert plan.counts()["added"] == 1 and plan.kind_plan.details["nominations_added"] == 2


def test_a_staff_list_giving_one_email_to_two_people_imports_neither(data_file, tmp_path):
    path = csv_file(tmp_path / "staff.csv", [["Name", "Email"],
                                             ["Dana Cole", "dcole@school.org"],
                                             ["Lee Park", "lpark@school.org"],
                                             ["Sam Diaz", "dcole@school.org"]])
    plan, _ = run(data_file, path, "mentors")
    assert plan.counts() == {"added": 1, "updated": 0, "unchanged": 0, "skipped": 2}
    assert [m["last_name"] for m in mentors.all_mentors(data_file.db)] == ["Park"]
    assert sum("also on row" in p.message for p in plan.problems) == 2


def test_an_attendance_file_giving_one_id_to_two_children_imports_neither(data_file,
                                                                          tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    rows = [["Student ID", "Last Name", "First Name", "Date", "Code"]]
    for day in range(2, 6):
        rows.append(["1001", "Rivera", "Ana", f"9/{day}/2025", "P"])
        rows.append(["1001", "Nguyen", "Linh", f"9/{day}/2025", "A"])
        rows.append(["1002", "Okafor", "Ben", f"9/{day}/2025", "P"])
    plan, _ = run(data_file, xlsx(tmp_path / "att.xlsx", {"A": rows}), "attendance")
    ana = students.student_by_local_id(data_file.db, "1001")["id"]
    stored = data_file.db.execute("SELECT student_id, count(*) FROM attendance GROUP BY 1"
                                  ).fetchall()
    assert ana not in dict(stored) and len(stored) == 1
    assert "two students cannot share one id" in messages(plan).lower()


def test_the_headless_attendance_import_takes_back_rows_sent_ahead_for_a_shared_id(
        cli, school, tmp_path):
    # The headless import stores rows while it reads: those of a shared ID must go again.
    assert cli("--db", school, "import", "students", csv_file(tmp_path / "r.csv", ROSTER)
               ).code == 0
    rows = [["Student ID", "Last Name", "First Name", "Date", "Code"]]
    rows += [["1001", "Rivera", "Ana", dt.date(2025, 9, day), "P"] for day in range(2, 6)]
    rows += [["1002", "Okafor", "Ben", dt.date(2025, 9, day), "P"] for day in range(2, 6)]
    rows += [["1001", "Nguyen", "Linh", dt.date(2025, 9, 8), "A"]]
    result = cli("--db", school, "import", "attendance", xlsx(tmp_path / "a.xlsx", {"A": rows}),
                 "--json")
    assert result.code == 0, result.stderr
    assert count(school, "attendance") == 4  # Ben's four days only
    assert result.json["added"] == 4


def test_a_match_list_giving_one_id_to_two_children_skips_both(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    path = csv_file(tmp_path / "m.csv", [["Student ID", "Student name", "Mentor", "Start date"],
                                         ["1001", "Ana Rivera", "Dana Cole", "9/15/2025"],
                                         ["1001", "Linh Nguyen", "Dana Cole", "9/16/2025"]])
    plan, _ = run(data_file, path, "matches")
    assert plan.counts()["added"] == 0 and plan.counts()["skipped"] == 2
    assert data_file.db.execute("SELECT count(*) FROM matches").fetchone()[0] == 0


def test_a_meeting_log_giving_one_id_to_two_children_skips_both(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    mentor = mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    ana = students.student_by_local_id(data_file.db, "1001")["id"]
    matches.add_match(data_file.db, mentor, ana, years.current_year(data_file.db)["id"],
                      "2025-09-15")
    path = csv_file(tmp_path / "log.csv", [["Student ID", "Student name", "Date", "Minutes"],
                                           ["1001", "Ana Rivera", "9/22/2025", "30"],
                                           ["1001", "Ben Okafor", "9/29/2025", "30"]])
    plan, _ = run(data_file, path, "meetings")
    assert plan.counts()["added"] == 0
    assert data_file.db.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0


def test_attendance_totals_giving_one_id_to_two_children_skip_both(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    path = csv_file(tmp_path / "t.csv", [["Student ID", "Name", "Days enrolled", "Days absent",
                                          "As of"],
                                         ["1001", "Ana Rivera", "40", "2", "10/31/2025"],
                                         ["1001", "Linh Nguyen", "40", "9", "10/31/2025"]])
    plan, _ = run(data_file, path, "attendance")
    assert plan.counts()["added"] == 0
    assert data_file.db.execute("SELECT count(*) FROM attendance_summaries").fetchone()[0] == 0


# Ctrl-C at the very end ---------------------------------------------------------------------


def test_ctrl_c_after_the_import_was_saved_says_it_was_saved(cli, school, tmp_path,
                                                             monkeypatch):
    path = csv_file(tmp_path / "r.csv", ROSTER)
    finish = apply.Writer.finish

    def saved_then_interrupted(self, plan, progress):
        finish(self, plan, progress)
        raise KeyboardInterrupt  # Ctrl-C lands just after the commit

    monkeypatch.setattr(apply.Writer, "finish", saved_then_interrupted)
    result = cli("--db", school, "import", "students", path)
    assert result.code == 1
    assert count(school, "students") == 2
    assert "saved" in result.stderr and "import number 1" in result.stderr
    assert "Nothing was half-written" not in result.stderr


def test_ctrl_c_while_the_answer_is_printed_says_the_import_was_saved(cli, school, tmp_path,
                                                                     monkeypatch):
    from cli import import_commands

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(import_commands, "_answer", interrupted)
    result = cli("--db", school, "import", "students", csv_file(tmp_path / "r.csv", ROSTER))
    assert count(school, "students") == 2
    assert "import number 1" in result.stderr and "undo-import 1" in result.stderr


def test_ctrl_c_before_the_commit_still_writes_nothing(cli, school, tmp_path, monkeypatch):
    before = data_checksum(school)

    def interrupted(self, plan, progress):
        raise KeyboardInterrupt

    monkeypatch.setattr(apply.Writer, "finish", interrupted)
    result = cli("--db", school, "import", "students", csv_file(tmp_path / "r.csv", ROSTER))
    assert result.code == 1 and "Nothing was half-written" in result.stderr
    assert data_checksum(school) == before


# Undoing an older import -------------------------------------------------------------------


def test_undoing_an_import_a_later_import_changed_is_refused_naming_it(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "a.csv", ROSTER), "students")
    changed = [row[:] for row in ROSTER]
    changed[1][3] = "8"
    _, second = run(data_file, csv_file(tmp_path / "b.csv", changed), "students")
    again = [row[:] for row in ROSTER]
    again[1][3] = "9"
    _, third = run(data_file, csv_file(tmp_path / "c.csv", again), "students")
    _, consequences, sentence = undo_preview(data_file.db, second)
    assert consequences["later_imports"] == 1 and f"import {third}" in sentence
    with pytest.raises(InvalidInput) as refusal:
        undo(data_file.db, second)
    assert f"import {third}" in refusal.value.message and "--yes" in refusal.value.message
    ana = students.student_by_local_id(data_file.db, "1001")
    year = years.current_year(data_file.db)["id"]
    assert students.enrollment(data_file.db, ana["id"], year)["grade"] == 9  # untouched
    undo(data_file.db, third)  # the newest first is fine, and then the older one
    undo(data_file.db, second)
    assert students.enrollment(data_file.db, ana["id"], year)["grade"] == 7


def test_undo_import_refuses_on_the_command_line_until_told_yes(cli, school, tmp_path):
    changed = [row[:] for row in ROSTER]
    changed[1][2] = "Anna"
    again = [row[:] for row in ROSTER]
    again[1][2] = "Ana María"
    for name, rows in (("a.csv", ROSTER), ("b.csv", changed), ("c.csv", again)):
        assert cli("--db", school, "import", "students", csv_file(tmp_path / name, rows)
                   ).code == 0
    refused = cli("--db", school, "undo-import", "2")
    assert refused.code == 1 and "import 3" in refused.stderr and "c.csv" in refused.stderr
    assert "undo-import 2 --yes" in refused.stderr
    connection = sqlite3.connect(school)
    first_name = "SELECT first_name FROM students WHERE local_id = '1001'"
    assert connection.execute(first_name).fetchone() == ("Ana María",)
    assert cli("--db", school, "undo-import", "2", "--yes").code == 0
    assert connection.execute(first_name).fetchone() == ("Ana",)
    connection.close()


def test_an_attendance_row_a_later_import_changed_stays_when_the_older_is_undone(data_file,
                                                                                tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    daily = [["Student ID", "Date", "Code"], ["1001", "9/2/2025", "P"], ["1001", "9/3/2025", "P"]]
    _, older = run(data_file, csv_file(tmp_path / "a.csv", daily), "attendance")
    corrected = [daily[0], ["1001", "9/2/2025", "P"], ["1001", "9/3/2025", "A"]]
    run(data_file, csv_file(tmp_path / "b.csv", corrected), "attendance")
    undo(data_file.db, older)  # the later import made the corrected row its own: no loss
    assert data_file.db.execute("SELECT day, status FROM attendance").fetchall() == [
        ("2025-09-03", "absent_unexcused")]


# What is really wrong with a file ----------------------------------------------------------


def test_a_csv_with_a_cell_of_50_megabytes_says_a_quote_was_left_open(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Student ID,Last,First,Notes\n1001,Rivera,Ana,\"" + "x" * (50 * 1024 * 1024)
                    + "\n1002,Okafor,Ben,fine\n")
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(path)
    assert "damaged" not in refusal.value.message
    assert "quote" in refusal.value.message and "line 2" in refusal.value.message


def test_a_csv_with_a_zero_byte_is_called_a_text_file_with_a_zero_byte(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"Student ID,Last,First\n1001,Rivera,Ana\n1002,Oka\x00for,Ben\n")
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(path)
    assert "not a spreadsheet" not in refusal.value.message
    assert "zero byte" in refusal.value.message and "line 3" in refusal.value.message


def test_a_link_to_a_device_is_called_a_special_file_not_empty(tmp_path):
    link = tmp_path / "roster.csv"
    os.symlink("/dev/zero", link)
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(link)
    assert "empty" not in refusal.value.message
    assert "/dev/zero" in refusal.value.message and "device" in refusal.value.message


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path):
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(fifo)  # reading a pipe nobody writes to would never end
    assert "pipe" in refusal.value.message


def test_an_import_request_keeps_the_batch_once_saved(data_file, tmp_path):
    request = ImportRequest(csv_file(tmp_path / "r.csv", ROSTER), "students")
    path = data_file.path
    data_file.close()
    from storage.database import open_data_file

    with open_data_file(path) as data:
        _, batch = apply.import_file(data.path, request)
    assert request.saved_batch == batch == 1
