"""A closed year stays as it was: the 2025-2026 report does not change when today's roster
does (a mentor steps back, a background check is renewed, a student is archived), because who
was active, in which role and cleared is taken from the history storage keeps of them."""

from __future__ import annotations

import datetime as dt

import pytest

from actions import mentors as mentor_actions
from actions import students as student_actions
from actions.undo import undo
from program.mentor_history import timelines
from reports.figures import ADMINISTRATORS, TEAM, compute_figures
from reports.report_json import to_json
from storage import history, import_changes, imports, mentors, students
from tests.report_fixture import build_small_school

YEAR_END = dt.date(2026, 6, 12)


def report(db, year_id, level):
    document = to_json(compute_figures(db, year_id, as_of=YEAR_END, level=level))
    return document


def test_todays_roster_changes_leave_last_years_report_as_it_was(data_file):
    db = data_file.db
    school = build_small_school(db)
    before = {level: report(db, school.year_id, level) for level in (ADMINISTRATORS, TEAM)}
    assert before[TEAM]["mentors_on_roster"] == 4 and before[TEAM]["screening_complete"] == 2
    # Today (24 November 2026): Marisol steps back, Thaddeus renews his background check,
    # Rosalind signs the agreement, and Adeyemi (m1) is archived.
    mentor_actions.set_mentor_active(db, school.mentor_ids["a"], False)
    mentor_actions.edit_mentor(db, school.mentor_ids["b"], {
        "background_check_on": "2026-11-20", "background_check_expires": "2029-11-20"})
    mentor_actions.edit_mentor(db, school.mentor_ids["c"], {"agreement_signed": True,
                                                            "agreement_signed_on": "2026-11-24"})
    student_actions.archive_student(db, school.student_ids["m1"])
    after = {level: report(db, school.year_id, level) for level in (ADMINISTRATORS, TEAM)}
    assert after == before
    # Today's state is what the file holds now: the history only keeps the past.
    assert mentors.mentor(db, school.mentor_ids["a"])["active"] == 0
    assert students.student(db, school.student_ids["m1"])["archived"] == 1


def test_each_change_of_a_mentor_is_dated_and_undo_takes_its_date_back(data_file, frozen_clock):
    db = data_file.db
    school = build_small_school(db)
    mentor_id = school.mentor_ids["b"]
    frozen_clock.freeze(dt.datetime(2026, 11, 24, 9, 0))
    mentor_actions.edit_mentor(db, mentor_id, {"background_check_on": "2026-11-20",
                                               "background_check_expires": "2029-11-20"})
    timeline = timelines(history.mentor_states(db))[mentor_id]
    assert [state.changed_on for state in timeline.states] == [dt.date(2025, 8, 1),
                                                               dt.date(2026, 11, 24)]
    assert timeline.on(dt.date(2025, 10, 27)).background_check_expires == dt.date(2025, 10, 1)
    assert timeline.on(dt.date(2026, 11, 30)).cleared_on(dt.date(2026, 11, 30))
    # A change of notes alone is not a change of the recorded state.
    mentor_actions.edit_mentor(db, mentor_id, {"notes": "Prefers lunch"})
    assert len(timelines(history.mentor_states(db))[mentor_id].states) == 2
    undo(db)  # the notes
    undo(db)  # the renewal: its dated state goes with it
    assert len(timelines(history.mentor_states(db))[mentor_id].states) == 1


def test_undoing_an_import_that_changed_a_mentor_records_the_state_it_puts_back(data_file,
                                                                                frozen_clock):
    db = data_file.db
    school = build_small_school(db)
    mentor_id = school.mentor_ids["d"]
    batch = imports.start_batch(db, "mentors", file_name="staff.xlsx", year_id=school.year_id)
    log = import_changes.ChangeLog(db, batch)
    log.updated("mentors", {"id": mentor_id}, {"active": 1})
    mentors.update_mentor(db, mentor_id, active=False)
    log.flush()
    imports.finish_batch(db, batch, added=0, updated=1, unchanged=0, skipped=0)
    frozen_clock.freeze(dt.datetime(2026, 11, 25, 9, 0))
    import_changes.undo_batch(db, batch)
    timeline = timelines(history.mentor_states(db))[mentor_id]
    assert [(state.changed_on, state.active) for state in timeline.states] == [
        (dt.date(2025, 8, 1), True), (dt.date(2026, 11, 24), False),
        (dt.date(2026, 11, 25), True)]


def test_archiving_is_dated(data_file, frozen_clock):
    db = data_file.db
    school = build_small_school(db)
    student_id = school.student_ids["s10"]
    frozen_clock.freeze(dt.datetime(2026, 11, 24, 9, 0))
    student_actions.archive_student(db, student_id)
    assert student_id in history.students_archived_on(db, dt.date(2026, 11, 24))
    assert student_id not in history.students_archived_on(db, dt.date(2026, 11, 23))


@pytest.mark.parametrize("level", [ADMINISTRATORS, TEAM])
def test_mentors_added_later_with_earlier_matches_count_as_mentors_with_mentees(data_file,
                                                                               level):
    db = data_file.db
    school = build_small_school(db)
    # Santino (d) was added to the file today only (a late import of last year's staff):
    # on the report's days the file did not know him, yet he had mentees then.
    db.execute("UPDATE mentor_history SET changed_on = '2026-11-24' WHERE mentor_id = ?",
               [school.mentor_ids["d"]])
    figures = compute_figures(db, school.year_id, as_of=YEAR_END, level=level)
    assert figures.mentors_with_mentees == 4 and figures.mentors_on_roster == 4
