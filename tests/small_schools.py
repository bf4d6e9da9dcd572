"""Small made-up schools for the suppression tests: a handful to a few dozen students in one
to three grades, 40 school days of attendance, a few mentors and matches, chosen by a seeded
random generator so every run makes the same schools."""

from __future__ import annotations

import datetime as dt
import random

from storage import (
    attendance,
    imports,
    lookups,
    matches,
    meetings,
    mentors,
    nominations,
    referrals,
    students,
    years,
)
from tests.report_fixture import school_days

FIRST_DAY = dt.date(2025, 9, 2)
AS_OF = dt.date(2025, 10, 27)
DAYS = school_days(FIRST_DAY, AS_OF)  # 40
ROLES = ("Teacher", "Paraprofessional", "Counselor", "Administrator")
STATUSES = ("absent_unexcused", "absent_excused", "half_day")


def make_school(db, seed: int, *, mentees: int | None = None,
                grades: dict[int, int] | None = None) -> int:
    """Fill the data file's 2025-2026 year with a small school; returns the year's id.
    ``grades``: mentees per grade (else random); ``mentees``: how many (else random)."""
    rng = random.Random(seed)
    year_id = years.year_by_name(db, "2025-2026")["id"]
    if grades is None:
        count = mentees if mentees is not None else rng.choice([rng.randint(1, 6),
                                                                rng.randint(4, 14),
                                                                rng.randint(8, 30)])
        choices = rng.sample([6, 7, 8], rng.randint(1, 3))
        grades = {}
        for _ in range(count):
            grade = rng.choice(choices)
            grades[grade] = grades.get(grade, 0) + 1
    others = rng.randint(3, 25)
    ids, mentee_ids = [], []
    for grade, count in sorted(grades.items()):
        for _ in range(count):
            student = students.add_student(db, year_id=year_id, grade=grade,
                                           first_name=f"S{len(ids)}", last_name="Made-up")
            ids.append(student)
            mentee_ids.append(student)
    for _ in range(others):
        ids.append(students.add_student(db, year_id=year_id, grade=rng.choice([6, 7, 8]),
                                        first_name=f"S{len(ids)}", last_name="Made-up"))
    batch = imports.start_batch(db, "attendance", file_name="made-up.xlsx", year_id=year_id,
                                attendance_mode="daily", covers_from=DAYS[0].isoformat(),
                                covers_through=AS_OF.isoformat())
    rows = []
    for student in ids:
        rate = rng.choice([0.0, 0.02, 0.06, 0.12, 0.25])
        late = rng.random() < 0.1
        for index, day in enumerate(DAYS):
            if late and index < rng.randint(5, 25):
                continue
            status = rng.choice(STATUSES) if rng.random() < rate else "present"
            rows.append((student, day.isoformat(), status, ""))
    attendance.insert_days(db, rows, batch)
    imports.finish_batch(db, batch, added=len(rows), updated=0, unchanged=0, skipped=0)
    staff = []
    for index in range(rng.randint(1, 5)):
        role = rng.choice(ROLES)
        staff.append(mentors.add_mentor(
            db, first_name=f"M{index}", last_name="Made-up",
            role_id=lookups.id_by_name(db, "roles", role), known_from="2025-08-01",
            background_check_on="2025-08-01" if rng.random() < 0.8 else None,
            background_check_expires="2027-08-01", agreement_signed=rng.random() < 0.8))
    for student in mentee_ids:
        mentor = rng.choice(staff)
        start = DAYS[rng.choice([3, 10, 20, 20, 20, 25, 30])]
        match = matches.add_match(db, mentor, student, year_id, start.isoformat())
        for day in DAYS:
            if day > start and rng.random() < 0.15:
                meetings.add_meeting(db, mentor, [match], day.isoformat(),
                                     outcome="held" if rng.random() < 0.85 else "student_absent")
        if rng.random() < 0.1:
            matches.close_match(db, match, AS_OF.isoformat(),
                                rng.choice(["student_moved", "mismatch"]))
    for student in ids:
        if student in mentee_ids or rng.random() < 0.2:
            status = "accepted" if student in mentee_ids else rng.choice(["waitlisted", "new"])
            nominations.add_nomination(db, student, year_id, nominated_by="A teacher",
                                       nominated_on="2025-09-05", status=status,
                                       reasons=rng.sample(["attendance", "behavior",
                                                           "academics"], rng.randint(1, 2)))
        if student in mentee_ids and rng.random() < 0.2:
            referrals.add_referral(db, student, year_id,
                                   rng.choice(["counselor", "nurse"]), "2025-10-01", "")
    return year_id
