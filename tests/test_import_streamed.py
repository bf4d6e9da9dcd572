"""The headless import sends rows ahead to a writer while it reads: it must store exactly what
the preview-then-import path stores, and nothing at all when it stops or fails."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from importing.apply import ImportRequest, apply_plan, import_file, preview_file
from importing.kinds.attendance.reader import BLOCK_ROWS
from importing.kinds.base import Options
from storage.database import open_data_file
from tests.conftest import data_checksum
from tests.import_helpers import run
from tests.spreadsheets import csv_file, xlsx

ROSTER = [["Student ID", "Last Name", "First Name", "Grade"],
          ["1001", "Rivera", "Ana", "7"], ["1002", "Okafor", "Ben", "6"],
          ["1003", "Nguyen", "Linh", "8"]]


@pytest.fixture
def school(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "roster.csv", ROSTER), "students")
    path = data_file.path
    data_file.close()
    return path


def attendance_rows(path):
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT student_id, day, status, code FROM attendance "
                              "ORDER BY 1, 2").fetchall()
    batches = connection.execute("SELECT kind, added, updated, unchanged, skipped, "
                                 "attendance_mode, covers_from, covers_through FROM "
                                 "import_batches ORDER BY id").fetchall()
    coverage = connection.execute("SELECT student_id FROM attendance_coverage ORDER BY 1"
                                  ).fetchall()
    connection.close()
    return rows, batches, coverage


def both_ways(school, tmp_path, path, **options):
    """Import ``path`` into two copies: preview then apply, and streamed; return both states."""
    copies = []
    for way in ("planned", "streamed"):
        copy = tmp_path / f"{way}.sqlite"
        shutil.copy(school, copy)
        request = ImportRequest(path, "attendance", options=Options(**options))
        with open_data_file(copy) as data:
            if way == "planned":
                apply_plan(data.db, preview_file(data.db, request))
            else:
                import_file(data.path, request)
        copies.append(attendance_rows(copy))
    return copies


DAILY_WITH_REPEATS = [["Student ID", "Date", "Code"],
                      ["1001", "9/2/2025", "P"], ["1001", "9/3/2025", "T"],
                      ["1001", "9/3/2025", "A"],       # a second row: the absence is kept
                      ["1002", "9/2/2025", "P"], ["1002", "9/2/2025", "P"],
                      ["9999", "9/2/2025", "A"],       # not on the roster
                      ["1003", "11/27/2025", "P"],     # Thanksgiving
                      ["", "", ""], ["Total: 7", "", ""]]


def test_streamed_daily_import_stores_what_the_planned_one_does(school, tmp_path):
    planned, streamed = both_ways(school, tmp_path, csv_file(tmp_path / "d.csv",
                                                             DAILY_WITH_REPEATS))
    assert planned == streamed
    rows, batches, _ = streamed
    assert [row[2] for row in rows] == ["present", "absent_unexcused", "present"]
    assert batches[-1][1:5] == (3, 0, 0, 2)


def test_streamed_exceptions_import_with_dates_given(school, tmp_path):
    path = csv_file(tmp_path / "e.csv", [["Student ID", "Date", "Code"],
                                         ["1001", "9/3/2025", "A"], ["1002", "9/30/2025", "E"],
                                         ["1002", "10/15/2025", "A"], ["1003", "9/1/2025", "A"]])
    planned, streamed = both_ways(school, tmp_path, path, absences_only=True,
                                  covers_from=dt.date(2025, 9, 2), through=dt.date(2025, 9, 30))
    assert planned == streamed
    rows, batches, coverage = streamed
    assert [(row[1]) for row in rows] == ["2025-09-03", "2025-09-30"]
    assert batches[-1][5:] == ("exceptions", "2025-09-02", "2025-09-30")
    assert len(coverage) == 3


def test_streamed_exceptions_import_guessed_from_the_codes(school, tmp_path):
    path = xlsx(tmp_path / "e.xlsx", {"Absences": [
        ["Absences year to date"], ["Student ID", "Date", "Code"],
        [1001, dt.date(2025, 9, 3), "A"], [1002, dt.date(2025, 10, 1), "T"]]})
    planned, streamed = both_ways(school, tmp_path, path)
    assert planned == streamed and streamed[1][-1][5] == "exceptions"


def test_a_stream_that_stops_on_unknown_codes_writes_nothing(school, tmp_path):
    rows = [["Student ID", "Date", "Code"]] + [
        ["1001", f"{month}/{day}/2025", "P"] for month in (9, 10) for day in range(1, 29)]
    rows.append(["1002", "10/6/2025", "WHAT"])
    before = data_checksum(school)
    with open_data_file(school) as data:
        plan, batch = import_file(data.path, ImportRequest(csv_file(tmp_path / "u.csv", rows),
                                                           "attendance"))
    assert plan.stopped and batch is None
    assert data_checksum(school) == before


def test_a_stream_that_is_cancelled_writes_nothing(school, tmp_path):
    rows = [["Student ID", "Date", "Code"]] + [
        [str(1001 + n % 3), (dt.date(2025, 9, 2) + dt.timedelta(days=n // 3)).isoformat(), "P"]
        for n in range(60_000)]
    path = csv_file(tmp_path / "big.csv", rows)

    class Cancelled(Exception):
        pass

    def progress(done, total):
        if done > 20_000:
            raise Cancelled

    before = data_checksum(school)
    with open_data_file(school) as data, pytest.raises(Cancelled):
        import_file(data.path, ImportRequest(path, "attendance"), progress)
    assert data_checksum(school) == before


@pytest.mark.parametrize("order", ["date by date", "student by student"])
def test_a_big_first_import_keeps_the_attendance_indexes(school, tmp_path, order):
    slots = [(1001 + n % 3, dt.date(2025, 9, 1) + dt.timedelta(days=n // 3)) for n in range(900)]
    if order == "student by student":
        slots.sort()
    rows = [["Student ID", "Date", "Code"]] + [[str(number), day.isoformat(), "P"]
                                               for number, day in slots]
    with open_data_file(school) as data:
        plan, batch = import_file(data.path, ImportRequest(csv_file(tmp_path / "a.csv", rows),
                                                           "attendance"))
    assert batch is not None and plan.kind_plan.added > 0
    connection = sqlite3.connect(school)
    names = {name for name, in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attendance'")}
    assert {"attendance_by_day", "attendance_by_batch"} <= names
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM attendance WHERE batch_id = ?",
                              [batch]).fetchone()[0] == plan.kind_plan.added
    connection.close()


def school_days(count):
    days, day = [], dt.date(2025, 9, 2)
    while len(days) < count:
        if day.weekday() < 5 and day not in (dt.date(2025, 11, 27), dt.date(2025, 11, 28)):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@pytest.mark.parametrize("order", ["student by student", "date by date"])
def test_a_file_of_many_blocks_stores_what_the_planned_import_does(data_file, tmp_path, order):
    # 18,000 rows, many of the reader's blocks: a block after the one where an ID was first
    # read meets a second name for it; the last block, a date given twice for a student and a
    # student not on the roster.
    roster = [["Student ID", "Last Name", "First Name", "Grade"]] + [
        [str(2000 + n), f"Family{n}", f"Kid{n}", "7"] for n in range(100)]
    run(data_file, csv_file(tmp_path / "roster.csv", roster), "students")
    school = data_file.path
    data_file.close()
    days = school_days(180)
    slots = [(n, day) for n in range(100) for day in days]
    if order == "date by date":
        slots.sort(key=lambda slot: (slot[1], slot[0]))
    rows = [["Student ID", "Last Name", "First Name", "Date", "Code"]] + [
        [str(2000 + n), f"Family{n}", f"Kid{n}", day.isoformat(), "A" if day.day == 15 else "P"]
        for n, day in slots]
    late = 3 * BLOCK_ROWS + 1  # the first row of the fourth block: its ID was read before
    assert rows[late - 1][0] == rows[late][0] or order == "date by date"
    rows[late][2] = "Someone Else"  # the ID given to a second child: all its rows left out
    clashing = rows[late][0]
    rows.append(["2003", "Family3", "Kid3", days[0].isoformat(), "E"])  # again, more serious
    rows.append(["9999", "Nobody", "Here", days[0].isoformat(), "P"])  # not on the roster
    planned, streamed = both_ways(school, tmp_path, csv_file(tmp_path / "big.csv", rows))
    assert planned == streamed
    stored, batches, _ = streamed
    students = {student for student, *_ in stored}
    assert len(students) == 99  # every student but the one whose ID names two children
    assert len(stored) == 99 * 180
    connection = sqlite3.connect(school.parent / "streamed.sqlite")
    clashing_id = connection.execute("SELECT id FROM students WHERE local_id = ?",
                                     [clashing]).fetchone()[0]
    kid3 = connection.execute("SELECT id FROM students WHERE local_id = '2003'").fetchone()[0]
    connection.close()
    assert clashing_id not in students
    assert (kid3, days[0].isoformat(), "absent_excused", "E") in stored
    assert batches[-1][1] == 99 * 180


def test_a_block_in_order_that_goes_back_to_days_read_before_keeps_the_more_serious(
        data_file, tmp_path):
    # A block starts again at the first student's first ten days, then goes on in order:
    # each row is in order after the one before, yet those ten days were read before.
    roster = [["Student ID", "Last Name", "First Name", "Grade"]] + [
        [str(2000 + n), f"Family{n}", f"Kid{n}", "7"] for n in range(100)]
    run(data_file, csv_file(tmp_path / "roster.csv", roster), "students")
    school = data_file.path
    data_file.close()
    days = school_days(180)
    rows = [[str(2000 + n), day.isoformat(), "P"] for n in range(100) for day in days]
    again = [[rows[0][0], day.isoformat(), "E"] for day in days[:10]]
    rows = [["Student ID", "Date", "Code"]] + rows[:16 * BLOCK_ROWS] + again + \
        rows[16 * BLOCK_ROWS:]
    planned, streamed = both_ways(school, tmp_path, csv_file(tmp_path / "again.csv", rows))
    assert planned == streamed
    stored, batches, _ = streamed
    assert len(stored) == 100 * 180
    excused = [(student, day) for student, day, status, _ in stored if status != "present"]
    assert [day for _, day in excused] == [day.isoformat() for day in days[:10]]
    assert batches[-1][1] == 100 * 180


def test_one_id_given_two_names_in_the_same_block_leaves_out_its_rows(school, tmp_path):
    rows = [["Student ID", "Last Name", "First Name", "Date", "Code"],
            ["1001", "Rivera", "Ana", "9/2/2025", "P"], ["1001", "Rivera", "Ana", "9/3/2025", "A"],
            ["1002", "Okafor", "Ben", "9/2/2025", "P"],
            ["1001", "Okafor", "Ben", "9/4/2025", "P"]]  # the same ID, another child
    planned, streamed = both_ways(school, tmp_path, csv_file(tmp_path / "two.csv", rows))
    assert planned == streamed
    stored, batches, _ = streamed
    assert len(stored) == 1 and stored[0][1] == "2025-09-02"  # only Ben's own row
    with open_data_file(tmp_path / "streamed.sqlite") as data:
        plan = preview_file(data.db, ImportRequest(tmp_path / "two.csv", "attendance"))
    clash = [problem for problem in plan.document(None)["problems"]
             if "also on row" in problem["message"]]
    assert sorted(problem["row"] for problem in clash) == [2, 5]  # one row for each name
