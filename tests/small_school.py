"""A small made-up school whose every student is a different case for a new school year.

Year 2025-2026 (current), top grade 8:

    Ana Bell    A-1  grade 6  matched with Mo Diaz (active)      -> moves up, match goes on
    Ben Cruz    B-2  grade 7  nominated (new), not matched       -> moves up, nomination carried
    Cy Dunn     C-3  grade 8  matched with Mo Diaz               -> leaves, match closes
    Dee Eck     D-4  grade 7  matched with Inez Fox (inactive)   -> moves up, match closes
    Eli Ford    E-5  no grade                                    -> named as needing a grade
    Fay Gill    F-6  grade 6  archived                           -> not carried
    Gus Hale    G-7  grade 7  left on 2026-02-02                 -> not carried
    Hal Iver    H-8  grade 8  nominated (waitlisted)             -> leaves, nomination stays
    Ivy Jain    I-9  grade 6  nominated, declined                -> moves up, nothing carried
"""

from __future__ import annotations

from storage import (
    attendance,
    goals,
    matches,
    meetings,
    mentors,
    nominations,
    referrals,
    settings,
    students,
    years,
)
from storage.transactions import write_transaction

NEW_YEAR_ARGS = ("year", "start", "2026-2027", "--first-day", "2026-08-31",
                 "--last-day", "2027-06-11")


def build(db) -> dict[str, int]:
    """Fill an open data file holding the year 2025-2026 (tests' ``data_file``); the ids."""
    year_id = years.year_by_name(db, "2025-2026")["id"]
    ids: dict[str, int] = {"year": year_id}
    with write_transaction(db):
        settings.set_value(db, "top_grade", 8)
        rows = [("ana", "A-1", "Ana", "Bell", 6, {}), ("ben", "B-2", "Ben", "Cruz", 7, {}),
                ("cy", "C-3", "Cy", "Dunn", 8, {}), ("dee", "D-4", "Dee", "Eck", 7, {}),
                ("eli", "E-5", "Eli", "Ford", None, {}), ("fay", "F-6", "Fay", "Gill", 6, {}),
                ("gus", "G-7", "Gus", "Hale", 7, {"exit_date": "2026-02-02"}),
                ("hal", "H-8", "Hal", "Iver", 8, {}), ("ivy", "I-9", "Ivy", "Jain", 6, {})]
        for key, local_id, first, last, grade, enrollment in rows:
            ids[key] = students.add_student(
                db, year_id=year_id, grade=grade, homeroom="R1", local_id=local_id,
                first_name=first, last_name=last, guardian_name=f"Parent of {first}",
                notes=f"Private note about {first} {last}", **enrollment)
        students.set_archived(db, ids["fay"], True)
        ids["mo"] = mentors.add_mentor(db, first_name="Mo", last_name="Diaz",
                                       email="mo@school.test")
        ids["inez"] = mentors.add_mentor(db, first_name="Inez", last_name="Fox", active=False)
        for key, student, mentor in (("ana_match", "ana", "mo"), ("cy_match", "cy", "mo"),
                                     ("dee_match", "dee", "inez")):
            ids[key] = matches.add_match(db, ids[mentor], ids[student], year_id, "2025-10-01",
                                         usual_weekday=1, usual_slot="lunch")
        for key, student, status in (("ben_nomination", "ben", "new"),
                                     ("hal_nomination", "hal", "waitlisted"),
                                     ("ivy_nomination", "ivy", "declined"),
                                     ("ana_nomination", "ana", "accepted")):
            ids[key] = nominations.add_nomination(
                db, ids[student], year_id, nominated_by="Ms. Teacher",
                nominated_on="2025-09-20", reasons=["attendance"], status=status,
                notes=f"Worried about {student}")
        ids["ana_meeting"] = meetings.add_meeting(db, ids["mo"], [ids["ana_match"]],
                                                  "2025-11-04", minutes=20,
                                                  notes="Talked about Ana's reading")
        ids["ana_goal"] = goals.add_goal(db, ids["ana"], "Read every night", "2025-10-15")
        goals.add_progress_note(db, ids["ana_goal"], "2025-11-04", "Read three nights")
        ids["ana_referral"] = referrals.add_referral(db, ids["ana"], year_id, "counselor",
                                                     "2025-11-05", "Family worries")
        attendance.insert_days(db, [(ids[key], day, status, code) for key in
                                    ("ana", "ben", "cy") for day, status, code in
                                    (("2025-09-02", "present", "P"),
                                     ("2025-09-03", "absent_unexcused", "A"))])
    return ids


def enrollment_grades(db, year_name: str) -> dict[str, tuple[int | None, int]]:
    """Each enrolled student's (grade, provisional) in a year, by local ID."""
    year = years.year_by_name(db, year_name)
    return {row["local_id"]: (row["grade"], row["grade_provisional"])
            for row in students.students_in_year(db, year["id"])}

