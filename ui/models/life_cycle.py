"""The new school year's preview, and the list of backups to restore from."""

from __future__ import annotations

from typing import Any

from program.school_year import YearChange, next_grade
from program.vocabulary import day_words, grade_words, list_name, person_name
from storage.backups import Backup
from ui.models.table import Column, RowsModel

GOES_ON, CLOSES, LEAVES, NEEDS_GRADE, NOMINATION = (
    "Match goes on", "Match closes", "Leaves (top grade)", "Needs a grade first",
    "Nomination carries over")


def year_change_rows(change: YearChange) -> list[dict]:
    """One row per student or match the new year treats specially (those simply moving up
    a grade are counted, not listed)."""
    rows: list[dict[str, Any]] = []
    for match in change.continued:
        rows.append({"what": GOES_ON, "student": list_name(match, "student_"),
                     "mentor": person_name(match, "mentor_"), "grade": ""})
    for match in change.closed:
        rows.append({"what": CLOSES, "student": list_name(match, "student_"),
                     "mentor": person_name(match, "mentor_"), "grade": ""})
    for student in change.left:
        rows.append({"what": LEAVES, "student": list_name(student), "mentor": "",
                     "grade": grade_words(student["grade"])})
    for student in change.needs_grade:
        rows.append({"what": NEEDS_GRADE, "student": list_name(student), "mentor": "",
                     "grade": ""})
    for nomination in change.nominations:
        student = next((s for s in change.carried if s["id"] == nomination["student_id"]), None)
        rows.append({"what": NOMINATION, "student": list_name(student) if student else "",
                     "mentor": "", "grade": grade_words(next_grade(student["grade"]))
                     if student else ""})
    return rows


class YearChangeModel(RowsModel):
    """What starting the new year does to each student and match it treats specially."""

    COLUMNS = (
        Column("what", "What happens", "What the new school year does"),
        Column("student", "Student", "The student"),
        Column("grade", "Grade", "The student's grade (this year's, or next year's for a "
                                 "nomination carried over)"),
        Column("mentor", "Mentor", "The match's mentor"),
    )


KIND_WORDS = {"automatic": "Automatic", "manual": "Made by hand",
              "before update": "Before an update", "before restore": "Set aside at a restore"}


def backup_rows(found: list[Backup]) -> list[dict]:
    return [{"taken": f"{day_words(b.taken_at.date())} {b.taken_at:%H:%M}",
             "taken_at": b.taken_at.isoformat(), "kind": KIND_WORDS.get(b.kind, b.kind),
             "students": b.students, "meetings": b.meetings,
             "last_change": (f"{day_words(b.last_change)} {b.last_change[11:16]}"
                             if b.last_change else ""),
             "problem": b.problem or "", "backup": b} for b in found]


class BackupsModel(RowsModel):
    """The data file's backups, newest first, with what each holds."""

    COLUMNS = (
        Column("taken", "Taken", "When the copy was taken"),
        Column("kind", "Kind", "Automatic (each day), made by hand (Back up now), before an "
                               "update, or set aside when a backup was restored"),
        Column("students", "Students", "How many students the copy holds", numeric=True),
        Column("meetings", "Meetings", "How many meetings the copy holds", numeric=True),
        Column("last_change", "Last change", "The last change the copy holds"),
        Column("problem", "Note", "Why the copy cannot be restored, if it cannot"),
    )

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if self.COLUMNS[column].key == "taken":
            return row["taken_at"]
        return super().cell_sort_value(row, column)
