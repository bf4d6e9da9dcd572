"""The demo school's attendance: a believable spread, and ``attendance --json`` checked against an
independent count straight from the file."""

from __future__ import annotations

import datetime as dt
import sqlite3

from analysis import attendance as analysis_attendance
from analysis.years import choose_year
from storage.database import open_data_file
from tests.conftest import DEMO_TODAY, run_main


def test_the_demo_school_has_students_in_every_tier_and_some_weekday_patterns(demo_master):
    with open_data_file(demo_master, write=False) as data:
        chosen = choose_year(data.db, DEMO_TODAY)
        overview = analysis_attendance.school_overview(data.db, chosen.year_id, chosen.as_of)
    assert all(overview.tier_counts[tier] > 0
               for tier in ("satisfactory", "at-risk", "moderate", "severe"))
    assert len(overview.patterns) >= 3
    assert overview.early_warning and overview.chronic
    # The demo's attendance runs up to yesterday, as an office export does: no gap.
    assert overview.days_without_data == ()
    assert overview.data_through == DEMO_TODAY - dt.timedelta(days=1)
    assert overview.days_awaited == (DEMO_TODAY,)


def _independent_count(path, as_of: str) -> dict[str, tuple[int, float]]:
    """Days enrolled and absent per local ID, counted in SQL from the stored daily rows."""
    connection = sqlite3.connect(path)
    year_id, first = connection.execute(
        "SELECT id, first_day FROM school_years WHERE first_day <= ? ORDER BY first_day DESC",
        [as_of]).fetchone()
    rows = connection.execute(
        "SELECT s.local_id, count(a.day), "
        "coalesce(sum(CASE a.status WHEN 'absent_excused' THEN 1.0 "
        "WHEN 'absent_unexcused' THEN 1.0 WHEN 'suspension_out' THEN 1.0 "
        "WHEN 'half_day' THEN 0.5 ELSE 0 END), 0) "
        "FROM enrollments e JOIN students s ON s.id = e.student_id "
        "LEFT JOIN attendance a ON a.student_id = s.id AND a.day BETWEEN ? AND ? "
        "WHERE e.year_id = ? GROUP BY s.id",
        [first, as_of, year_id]).fetchall()
    connection.close()
    return {local_id: (enrolled, absent) for local_id, enrolled, absent in rows}


def _tier(enrolled: int, absent: float) -> str | None:
    if enrolled < 10:
        return None
    halves, whole = round(absent * 2), enrolled * 2  # in half days: exact whole numbers
    if halves * 20 < whole:
        return "satisfactory"
    if halves * 10 < whole:
        return "at-risk"
    if halves * 5 < whole:
        return "moderate"
    return "severe"


def test_attendance_json_on_the_demo_school_matches_an_independent_count(demo_master):
    as_of = DEMO_TODAY.isoformat()
    result = run_main("--db", demo_master, "attendance", "--json", "--as-of", as_of)
    assert result.code == 0, result.stderr
    rows = result.json
    expected = _independent_count(demo_master, as_of)
    assert len(rows) == len(expected) == 400
    for row in rows:
        enrolled, absent = expected[row["student_id"]]
        assert (row["days_enrolled"], row["days_absent"]) == (enrolled, absent), row
        assert row["absence_rate"] == round(absent / enrolled, 4)
        assert row["tier"] == _tier(enrolled, absent), row


def test_a_few_demo_students_by_hand(demo_master):
    """Three students picked by their record, recounted day by day from their rows."""
    as_of = "2026-10-30"
    result = run_main("--db", demo_master, "attendance", "--json", "--as-of", as_of)
    by_id = {row["student_id"]: row for row in result.json}
    connection = sqlite3.connect(demo_master)
    picked = [next(row for row in result.json if row["tier"] == tier)["student_id"]
              for tier in ("satisfactory", "moderate", "severe")]
    for local_id in picked:
        days = connection.execute(
            "SELECT a.status FROM attendance a JOIN students s ON s.id = a.student_id "
            "WHERE s.local_id = ? AND a.day BETWEEN '2026-09-01' AND ?", [local_id, as_of]
        ).fetchall()
        absent = 0.0
        for (status,) in days:
            absent += {"absent_excused": 1, "absent_unexcused": 1, "suspension_out": 1,
                       "half_day": 0.5}.get(status, 0)
        assert by_id[local_id]["days_enrolled"] == len(days)
        assert by_id[local_id]["days_absent"] == absent
    connection.close()
