"""analysis.attendance and the ``attendance`` command over real data files.

The exceptions-only cases build their imports here (a batch, its coverage and its rows through
storage) so that they do not depend on the importer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis import attendance as analysis_attendance
from analysis.years import choose_year
from storage import attendance, attendance_inputs, imports, settings, students

D = dt.date
# 2025-2026 in the data_file fixture: 2 Sept to 12 June, Thanksgiving 27-28 Nov off.
# The export covers Mon 17 Nov to Fri 5 Dec: 17-21 (5), 24-26 (3), 1-5 Dec (5) = 13 school days.
COVERS = ("2025-11-17", "2025-12-05")


def _year_id(db) -> int:
    return db.execute("SELECT id FROM school_years WHERE name = '2025-2026'").fetchone()[0]


def _student(db, local_id: str, year_id: int, entry=None, exit_=None) -> int:
    return students.add_student(db, local_id=local_id, first_name="Test", last_name=local_id,
                                year_id=year_id, grade=7, entry_date=entry, exit_date=exit_)


def _exceptions_import(db, year_id, covered: list[int], rows: list[tuple[int, str, str]],
                       covers=COVERS) -> int:
    batch_id = imports.start_batch(db, "attendance", file_name="absences.csv", year_id=year_id,
                                   attendance_mode="exceptions", covers_from=covers[0],
                                   covers_through=covers[1])
    attendance_inputs.record_coverage(db, batch_id, covered)
    # As the importer does: the export replaces every row inside its dates for its students.
    for student_id in covered:
        db.execute("DELETE FROM attendance WHERE student_id = ? AND day BETWEEN ? AND ?",
                   [student_id, covers[0], covers[1]])
    attendance.insert_days(db, [(sid, day, status, "X") for sid, day, status in rows], batch_id)
    return batch_id


@pytest.fixture
def school(data_file):
    """Five students and one exceptions-only export (17 Nov - 5 Dec) for all of them."""
    db = data_file.db
    year_id = _year_id(db)
    ids = {
        "perfect": _student(db, "000101", year_id),
        "absent": _student(db, "000102", year_id),
        "nine_days": _student(db, "000103", year_id, entry="2025-11-21"),
        "withdrew": _student(db, "000104", year_id, exit_="2025-12-01"),
        "suspended": _student(db, "000105", year_id),
    }
    _exceptions_import(db, year_id, list(ids.values()), [
        (ids["absent"], "2025-11-18", "absent_unexcused"),
        (ids["absent"], "2025-12-02", "half_day"),
        (ids["nine_days"], "2025-11-24", "absent_excused"),
        (ids["suspended"], "2025-11-19", "suspension_in"),
        (ids["suspended"], "2025-11-20", "suspension_in"),
    ])
    return data_file, year_id, ids


AS_OF = D(2025, 12, 10)


def _figures(db, year_id, as_of=AS_OF):
    records = analysis_attendance.by_student(
        analysis_attendance.year_attendance(db, year_id, as_of))
    return {sid: (r.days_enrolled, r.days_absent, r.tier) for sid, r in records.items()}


def test_exceptions_only_import_counts_covered_days_around_the_holiday(school):
    data, year_id, ids = school
    figures = _figures(data.db, year_id)
    assert figures[ids["perfect"]] == (13, 0, "satisfactory")
    assert figures[ids["absent"]] == (13, 1.5, "moderate")  # 11.5%
    assert figures[ids["nine_days"]] == (9, 1, None)  # entered Fri 21 Nov: too few days
    assert figures[ids["withdrew"]] == (8, 0, None)  # exit 1 Dec: 17-26 Nov only
    assert figures[ids["suspended"]] == (13, 0, "satisfactory")


def test_in_school_suspension_counts_absent_when_the_setting_says_so(school):
    data, year_id, ids = school
    settings.set_value(data.db, "in_school_suspension_counts_absent", True)
    assert _figures(data.db, year_id)[ids["suspended"]] == (13, 2, "moderate")  # 15.4%


def test_the_as_of_date_cuts_the_covered_range(school):
    data, year_id, ids = school
    figures = _figures(data.db, year_id, D(2025, 11, 26))
    assert figures[ids["absent"]] == (8, 1, None)


def test_a_corrected_reimport_of_the_same_dates_replaces_the_first(school):
    data, year_id, ids = school
    # The school fixed its export: the 18 Nov absence was a mistake; 3 Dec was missed.
    _exceptions_import(data.db, year_id, list(ids.values()), [
        (ids["absent"], "2025-12-02", "half_day"),
        (ids["absent"], "2025-12-03", "absent_excused"),
        (ids["nine_days"], "2025-11-24", "absent_excused"),
    ])
    figures = _figures(data.db, year_id)
    assert figures[ids["absent"]] == (13, 1.5, "moderate")
    assert figures[ids["suspended"]] == (13, 0, "satisfactory")
    detail = analysis_attendance.student_detail(data.db, ids["absent"], year_id, D(2025, 12, 10))
    missed = [(day, status) for day, status in detail.days if status != "present"]
    assert missed == [(D(2025, 12, 2), "half_day"), (D(2025, 12, 3), "absent_excused")]


def test_an_undone_import_counts_for_nothing(school):
    data, year_id, ids = school
    newcomer = _student(data.db, "000106", year_id)
    batch_id = _exceptions_import(data.db, year_id, [newcomer],
                                  [(newcomer, "2025-11-18", "absent_unexcused")])
    assert _figures(data.db, year_id)[newcomer] == (13, 1, "at-risk")
    # Undo is the importer's; here only its mark on the batch matters.
    data.db.execute("UPDATE import_batches SET undone_at = '2025-12-11 09:00:00' WHERE id = ?",
                    [batch_id])
    assert _figures(data.db, year_id)[newcomer] == (0, 0, None)


def test_days_typed_by_hand_and_period_totals(data_file):
    db = data_file.db
    year_id = _year_id(db)
    typed = _student(db, "000201", year_id)
    totals = _student(db, "000202", year_id)
    attendance.insert_days(db, [(typed, day.isoformat(), "absent_excused" if day.day == 3
                                 else "present", "")
                                for day in (D(2025, 9, 2), D(2025, 9, 3), D(2025, 9, 4))])
    attendance.add_summary(db, totals, year_id, "2025-10-31", 42, 3)
    attendance.add_summary(db, totals, year_id, "2026-01-30", 90, 11.5)
    figures = _figures(db, year_id, D(2026, 2, 2))
    assert figures[typed] == (3, 1, None)
    assert figures[totals] == (90, 11.5, "moderate")
    detail = analysis_attendance.student_detail(db, totals, year_id, D(2025, 11, 5))
    assert (detail.source, detail.days_enrolled, detail.months) == ("summary", 42, None)


def test_school_overview_counts_tiers_and_finds_days_without_attendance(school):
    data, year_id, ids = school
    overview = analysis_attendance.school_overview(data.db, year_id, D(2025, 12, 10))
    assert overview.tier_counts == {"satisfactory": 2, "at-risk": 0, "moderate": 1,
                                    "severe": 0, None: 2}
    assert [r.student_id for r in overview.chronic] == [ids["absent"]]
    assert overview.data_through == D(2025, 12, 5)
    # Nothing was imported for September to mid-November: a gap. 8-10 Dec (Monday to the
    # Wednesday the figures are for) are the export's usual lag: awaited, not a gap.
    assert overview.days_without_data[0] == D(2025, 9, 2)
    assert overview.days_without_data[-1] < D(2025, 11, 17)
    assert D(2025, 11, 17) not in overview.days_without_data
    assert overview.days_awaited == (D(2025, 12, 8), D(2025, 12, 9), D(2025, 12, 10))
    # A day later the data is more than a few school days behind: 8-10 Dec are a gap now.
    later = analysis_attendance.school_overview(data.db, year_id, D(2025, 12, 11))
    assert later.days_without_data[-3:] == (D(2025, 12, 8), D(2025, 12, 9), D(2025, 12, 10))
    assert later.days_awaited == (D(2025, 12, 11),)
    assert len(overview.imports) == 1 and overview.imports[0].mode == "exceptions"
    assert overview.school_rate == pytest.approx(2.5 / (13 + 13 + 9 + 8 + 13))


def test_choose_year_takes_the_year_containing_the_date_and_clips(data_file):
    chosen = choose_year(data_file.db, D(2025, 10, 1))
    assert (chosen.name, chosen.as_of) == ("2025-2026", D(2025, 10, 1))
    summer = choose_year(data_file.db, D(2026, 7, 20))
    assert (summer.name, summer.as_of) == ("2025-2026", D(2026, 6, 12))


# the command -------------------------------------------------------------------------------------

def test_attendance_json_gives_the_figures_per_student(school, cli):
    data, _, _ = school
    result = cli("--db", data.path, "attendance", "--json", "--as-of", "2025-12-10")
    assert result.code == 0, result.stderr
    by_id = {row["student_id"]: row for row in result.json}
    assert set(by_id) == {"000101", "000102", "000103", "000104", "000105"}
    assert {k: by_id["000102"][k] for k in
            ("student_id", "days_enrolled", "days_absent", "absence_rate", "tier")} == {
        "student_id": "000102", "days_enrolled": 13, "days_absent": 1.5,
        "absence_rate": 0.1154, "tier": "moderate"}
    assert by_id["000103"]["tier"] is None and by_id["000103"]["absence_rate"] == 0.1111
    assert by_id["000101"]["absence_rate"] == 0.0


def test_attendance_command_with_a_year_and_before_the_year_began(school, cli):
    data, _, _ = school
    result = cli("--db", data.path, "attendance", "--json", "--year", "2025-2026",
                 "--as-of", "2025-08-01")
    assert result.code == 0
    assert all(row["days_enrolled"] == 0 and row["tier"] is None and row["absence_rate"] is None
               for row in result.json)


def test_attendance_command_refuses_an_unknown_year_and_a_bad_date(school, cli):
    data, _, _ = school
    unknown = cli("--db", data.path, "attendance", "--json", "--year", "1999-2000")
    assert unknown.code == 1 and "1999-2000" in unknown.json["error"]
    bad = cli("--db", data.path, "attendance", "--json", "--as-of", "10/12/2025")
    assert bad.code == 1 and "YYYY-MM-DD" in bad.json["error"]
    text = cli("--db", data.path, "attendance", "--as-of", "2025-12-10")
    assert text.code == 0 and "Moderate chronic 1" in text.stdout


def test_an_exceptions_import_without_dates_covers_the_year_up_to_the_as_of_date(data_file):
    db = data_file.db
    year_id = _year_id(db)
    student = _student(db, "000301", year_id)
    _exceptions_import(db, year_id, [student], [(student, "2025-09-03", "absent_excused")],
                       covers=(None, None))
    # 2-5 Sept (4) and 8-12 Sept (5): the import was made later, so it speaks for them all.
    assert _figures(db, year_id, D(2025, 9, 12))[student] == (9, 1, None)
    record = analysis_attendance.student_detail(db, student, year_id, D(2025, 9, 12))
    assert record.has_attendance and not record.rated
