"""The one-page mentee profile: interests, free times, mentor, goals, pattern, meetings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPdfWriter

from reports.pdf import PageDecor, page_layout, render
from reports.profile import mentee_profile, profile_document
from storage import (
    attendance,
    availability,
    goals,
    imports,
    lookups,
    matches,
    meetings,
    mentors,
    students,
    years,
)


def school_days(first: dt.date, last: dt.date, closed: set[dt.date]) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def test_profile_shows_the_students_week_match_goals_pattern_and_recent_meetings(data_file):
    db = data_file.db
    year = years.year_by_name(db, "2025-2026")
    student_id = students.add_student(db, year_id=year["id"], grade=7, homeroom="7B",
                                      first_name="Ana", last_name="Ruiz", preferred_name="Annie",
                                      interests="soccer, drawing")
    availability.replace(db, "student", student_id, [(1, "lunch"), (3, "after_school")])
    days = school_days(dt.date(2025, 9, 2), dt.date(2025, 11, 14),
                       years.non_school_day_set(db, year["id"]))
    thursdays = [day for day in days if day.weekday() == 3][:4]
    batch = imports.start_batch(db, "attendance", attendance_mode="daily", year_id=year["id"],
                                covers_from="2025-09-02", covers_through="2025-11-14")
    attendance.insert_days(db, [(student_id, day.isoformat(),
                                 "absent_unexcused" if day in thursdays else "present", "")
                                for day in days], batch)
    teacher = lookups.id_by_name(db, "roles", "Teacher")
    mentor_id = mentors.add_mentor(db, first_name="Maria", last_name="Rivera", role_id=teacher)
    match_id = matches.add_match(db, mentor_id, student_id, year["id"], "2025-09-15",
                                 usual_weekday=2, usual_slot="lunch")
    goal_id = goals.add_goal(db, student_id, "Be at school every Thursday", "2025-09-20")
    goals.add_progress_note(db, goal_id, "2025-10-20", "Two Thursdays in a row.")
    goals.add_goal(db, student_id, "Old goal", "2025-09-16", status="set_aside")
    for n in range(7):
        meetings.add_meeting(db, mentor_id, [match_id], (dt.date(2025, 9, 17)
                                                         + dt.timedelta(weeks=n)).isoformat(),
                             notes=f"meeting {n}")

    profile = mentee_profile(db, student_id, year["id"], as_of=dt.date(2025, 11, 14))

    assert profile.name == "Annie Ruiz"
    assert (profile.grade, profile.homeroom) == (7, "7B")
    assert profile.interests == ["soccer", "drawing"]
    assert profile.free_times == ["Tuesday lunch", "Thursday after school"]
    assert (profile.mentor, profile.matched_since, profile.usual_time) == (
        "Maria Rivera", dt.date(2025, 9, 15), "Wednesday lunch")
    assert profile.days_enrolled == len(days) and profile.days_absent == 4
    assert profile.pattern == "Misses Thursdays most."
    assert profile.advice == "Meet on Wednesday, the school day before."
    assert [goal.text for goal in profile.goals] == ["Be at school every Thursday"]
    assert profile.goals[0].latest_note == "Two Thursdays in a row."
    assert [m.notes for m in profile.recent_meetings] == [f"meeting {n}" for n in (6, 5, 4, 3, 2)]
    assert [month for month, _, _ in profile.months] == ["Sep", "Oct", "Nov"]


def test_profile_without_attendance_or_match_says_so_in_words(data_file, qapp):
    db = data_file.db
    year = years.year_by_name(db, "2025-2026")
    student_id = students.add_student(db, year_id=year["id"], grade=6, first_name="Ben",
                                      last_name="Cole")
    profile = mentee_profile(db, student_id, year["id"], as_of=dt.date(2025, 10, 1))
    text = profile_document(profile).toPlainText()
    assert "Not matched with a mentor yet." in text
    assert "No attendance has been imported for this student yet." in text
    assert "No goals set yet." in text and "No meetings logged yet." in text


def test_the_profile_fits_on_one_page_even_when_everything_is_long(data_file, qapp):
    db = data_file.db
    year = years.year_by_name(db, "2025-2026")
    student_id = students.add_student(db, year_id=year["id"], grade=6, first_name="Ben",
                                      last_name="Cole", interests="x, " * 30)
    days = school_days(dt.date(2025, 9, 2), dt.date(2026, 3, 31),
                       years.non_school_day_set(db, year["id"]))
    batch = imports.start_batch(db, "attendance", attendance_mode="daily", year_id=year["id"])
    attendance.insert_days(db, [(student_id, day.isoformat(),
                                 "absent_excused" if day.day % 6 == 0 else "present", "")
                                for day in days], batch)
    mentor_id = mentors.add_mentor(db, first_name="Maria", last_name="Rivera")
    match_id = matches.add_match(db, mentor_id, student_id, year["id"], "2025-09-15")
    for _ in range(4):
        goals.add_goal(db, student_id, "A long goal " * 12, "2025-09-20")
    for n in range(9):
        meetings.add_meeting(db, mentor_id, [match_id], f"2026-03-{n + 1:02d}",
                             notes="A long note about the meeting " * 10)
    profile = mentee_profile(db, student_id, year["id"], as_of=dt.date(2026, 3, 31))
    assert len(profile.months) == 7
    document = profile_document(profile)
    for paper in ("letter", "a4"):
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageLayout(page_layout(paper))
        assert render(document, writer, PageDecor("Mentee profile")) == 1
    # What had to go was the oldest meetings; the newest are kept.
    assert "9 Mar 2026" in document.toPlainText()
