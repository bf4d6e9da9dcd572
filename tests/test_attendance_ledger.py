"""The report's compact attendance (a span of school days and its absences) counts exactly as
the attendance rules count day by day, on any stored days (program.attendance_ledger), and
the loader picks the compact form only when the rows really are one unbroken run."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.report_attendance import compact_days
from analysis.years import school_calendar
from program.attendance import AttendanceRules, Coverage, StudentDays, ledger
from program.attendance_ledger import CompactDays, compact_ledger
from program.calendar import SchoolCalendar
from storage import attendance, imports, students, years

D = dt.date
CAL = SchoolCalendar(D(2025, 9, 2), D(2025, 12, 19),
                     frozenset({D(2025, 9, 19), D(2025, 11, 27), D(2025, 11, 28)}))
EVERY_DAY = [CAL.first_day + dt.timedelta(days=n) for n in range(110)]
STATUSES = ("present", "tardy", "absent_excused", "absent_unexcused", "half_day",
            "suspension_in", "suspension_out")
AS_OF = D(2025, 11, 20)


def stretches(first: dt.date, last: dt.date):
    return [(first, last), (D(2025, 9, 2), D(2025, 9, 30)), (D(2025, 10, 6), AS_OF),
            (D(2025, 9, 19), D(2025, 9, 19)), (D(2025, 11, 21), D(2025, 12, 19))]


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(st.sampled_from(EVERY_DAY), st.sampled_from(STATUSES), max_size=60),
       st.lists(st.tuples(st.integers(0, 80), st.integers(0, 40)), max_size=2),
       st.booleans(), st.sampled_from(EVERY_DAY), st.sampled_from(EVERY_DAY))
def test_the_compact_form_counts_as_day_by_day(marks, covers, suspension, first, last):
    rules = AttendanceRules(in_school_suspension_counts_absent=suspension)
    coverage = tuple(Coverage(n + 1, EVERY_DAY[start], EVERY_DAY[min(start + span, 109)])
                     for n, (start, span) in enumerate(covers))
    rows = tuple(sorted((day, status, 1) for day, status in marks.items()))
    day_by_day = ledger(StudentDays(1, D(2025, 9, 10), D(2025, 12, 1), rows, coverage), CAL,
                        AS_OF, rules)
    compact = compact_ledger(CompactDays(1, None, tuple((day, status) for day, status, _ in rows),
                                         coverage, D(2025, 9, 10), D(2025, 12, 1)),
                             CAL, AS_OF, rules)
    for start, end in stretches(first, last):
        assert compact.totals(start, end) == day_by_day.totals(start, end)


@given(st.sampled_from(CAL.days), st.integers(0, 60),
       st.dictionaries(st.integers(0, 60), st.sampled_from(STATUSES[1:]), max_size=8))
def test_a_span_counts_as_its_days(start, length, absences):
    days = CAL.days_between(start, CAL.last_day)[:length + 1]
    marks = [(day, absences.get(n, "present")) for n, day in enumerate(days)]
    day_by_day = ledger(StudentDays(1, marks=tuple((d, s, 1) for d, s in marks)), CAL, AS_OF)
    compact = compact_ledger(CompactDays(1, (days[0], days[-1]),
                                         tuple(m for m in marks if m[1] != "present")),
                             CAL, AS_OF)
    for first, last in stretches(days[0], days[-1]):
        assert compact.totals(first, last) == day_by_day.totals(first, last)


def test_the_loader_takes_a_span_only_for_an_unbroken_run_of_school_days(data_file):
    db = data_file.db
    year_id = years.year_by_name(db, "2025-2026")["id"]
    calendar = school_calendar(db, year_id)
    run, gap, holiday = (students.add_student(db, year_id=year_id, first_name=name)
                         for name in ("Run", "Gap", "Holiday"))
    days = calendar.days_between(D(2025, 9, 2), D(2025, 10, 31))
    rows = [(run, day.isoformat(), "half_day" if n == 3 else "present", "")
            for n, day in enumerate(days)]
    rows += [(gap, day.isoformat(), "present", "") for n, day in enumerate(days) if n != 10]
    rows += [(holiday, day.isoformat(), "present", "") for day in days]
    rows.append((holiday, "2025-11-27", "absent_unexcused", ""))  # Thanksgiving
    batch = imports.start_batch(db, "attendance", year_id=year_id, attendance_mode="daily")
    attendance.insert_days(db, rows, batch)
    loaded = compact_days(db, year_id, calendar)
    assert loaded[run].span == (days[0], days[-1])
    assert loaded[run].marks == ((days[3], "half_day"),)
    assert loaded[gap].span is None and len(loaded[gap].marks) == len(days) - 1
    assert loaded[holiday].span is None and len(loaded[holiday].marks) == len(days) + 1


def test_the_loader_reads_the_years_students_only_and_leaves_out_undone_imports(data_file):
    db = data_file.db
    year_id = years.year_by_name(db, "2025-2026")["id"]
    calendar = school_calendar(db, year_id)
    days = calendar.days_between(D(2025, 9, 2), D(2025, 9, 30))
    kept, undone = (students.add_student(db, year_id=year_id, first_name=name)
                    for name in ("Kept", "Undone"))
    # A student of another year only, with rows in these dates (an import of the wrong year).
    years.save_year(db, "2024-2025", D(2024, 9, 3), D(2025, 6, 13), [])
    elsewhere = students.add_student(
        db, year_id=years.year_by_name(db, "2024-2025")["id"], first_name="Elsewhere")
    batch = imports.start_batch(db, "attendance", year_id=year_id, attendance_mode="daily")
    attendance.insert_days(db, [(sid, day.isoformat(), "absent_excused" if n == 2 else "present",
                                 "") for sid in (kept, elsewhere) for n, day in enumerate(days)],
                           batch)
    later = imports.start_batch(db, "attendance", year_id=year_id, attendance_mode="daily")
    attendance.insert_days(db, [(undone, day.isoformat(), "absent_unexcused", "")
                                for day in days], later)
    db.execute("UPDATE import_batches SET undone_at = '2025-10-01 09:00:00' WHERE id = ?",
               [later])
    loaded = compact_days(db, year_id, calendar)
    assert set(loaded) == {kept, undone}
    assert loaded[kept].span == (days[0], days[-1])
    assert loaded[kept].marks == ((days[2], "absent_excused"),)
    assert loaded[undone].span is None and loaded[undone].marks == ()


def test_the_compact_form_counts_a_closed_days_row_for_no_one():
    """A day closed after its attendance came in (19 Sep here) counts for no one in the
    report's compact form too, as day by day: neither enrolled nor absent."""
    rows = ((D(2025, 9, 18), "present"), (D(2025, 9, 19), "absent_unexcused"),
            (D(2025, 9, 22), "absent_excused"))
    compact = compact_ledger(CompactDays(1, None, rows), CAL, AS_OF)
    day_by_day = ledger(StudentDays(1, marks=tuple((d, s, 1) for d, s in rows)), CAL, AS_OF)
    assert compact.totals(D(2025, 9, 2), D(2025, 9, 30)) == (2, 1.0)
    assert day_by_day.totals(D(2025, 9, 2), D(2025, 9, 30)) == (2, 1.0)
