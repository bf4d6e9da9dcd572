"""A small school for the survey and check-in tests: students with IDs, mentors with emails,
their matches in 2025-2026 (the ``data_file`` fixture's year)."""

from __future__ import annotations

from dataclasses import dataclass, field

from storage import matches, mentors, students, surveys, years


@dataclass
class SmallSchool:
    year_id: int
    student: dict[str, int] = field(default_factory=dict)  # local ID -> id
    mentor: dict[str, int] = field(default_factory=dict)  # email -> id
    match: dict[tuple[str, str], int] = field(default_factory=dict)  # (email, local ID) -> id


STUDENTS = (
    ("10001", "Ana", "Peña"), ("10002", "Ben", "Okafor"), ("10003", "Cleo", "Ng"),
    ("10004", "Dev", "Patel"), ("10005", "Eli", "Moss"), ("10006", "Fay", "Lund"),
    ("10007", "Ana", "Peña"),  # a second Ana Peña: by name she is ambiguous
)
MENTORS = (
    ("rlopez@school.example", "Rosa", "Lopez"), ("tkim@school.example", "Tom", "Kim"),
    ("jsmith@school.example", "Jan", "Smith"), ("jsmith2@school.example", "Jan", "Smith"),
)
MATCHES = (
    ("rlopez@school.example", "10001"), ("rlopez@school.example", "10002"),
    ("tkim@school.example", "10003"), ("tkim@school.example", "10004"),
    ("jsmith@school.example", "10005"),
)


def small_school(db) -> SmallSchool:
    """Fill the data file's current year with the small school."""
    year = years.current_year(db)
    school = SmallSchool(year["id"])
    for local_id, first, last in STUDENTS:
        school.student[local_id] = students.add_student(
            db, year_id=year["id"], grade=7, local_id=local_id, first_name=first,
            last_name=last)
    for email, first, last in MENTORS:
        school.mentor[email] = mentors.add_mentor(db, first_name=first, last_name=last,
                                                  email=email)
    for email, local_id in MATCHES:
        school.match[(email, local_id)] = matches.add_match(
            db, school.mentor[email], school.student[local_id], year["id"], "2025-09-15")
    return school


def question_texts(db, audience: str) -> list[str]:
    return [row["text"] for row in surveys.questions(db, audience)]
