"""Every action: what it changes, its line in the history, and an undo that puts the data file
back exactly as it was (compared table by table, the history aside), and a redo after it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

import pytest

from actions import goals as goal_actions
from actions import history
from actions import lists as list_actions
from actions import matches as match_actions
from actions import meetings as meeting_actions
from actions import mentors as mentor_actions
from actions import nominations as nomination_actions
from actions import referrals as referral_actions
from actions import settings as setting_actions
from actions import students as student_actions
from actions import trainings as training_actions
from actions import undo as undo_actions
from actions import years as year_actions
from actions.matches import NewMatch
from actions.meetings import MeetingForm
from actions.referrals import NewReferral
from storage import activity, journal, matches, nominations, students
from storage.database import open_data_file
from storage.errors import InvalidInput
from tests.conftest import DEMO_TODAY


def tables(path) -> dict[str, list]:
    """Every table's rows, sorted (the history table set aside: undo writes its own line)."""
    connection = sqlite3.connect(path)
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'activity' "
        "ORDER BY name")]
    found = {name: sorted(connection.execute(f"SELECT * FROM [{name}]").fetchall(), key=repr)
             for name in names}
    connection.close()
    return found


def first(db, sql: str, *args):
    return db.execute(sql, list(args)).fetchone()[0]


def waiting_student(db) -> int:
    return first(db, "SELECT n.student_id FROM nominations n WHERE n.status = 'new' AND NOT "
                     "EXISTS (SELECT 1 FROM matches x WHERE x.student_id = n.student_id AND "
                     "x.ended_on IS NULL) ORDER BY n.id")


def free_mentor(db) -> int:
    return first(db, "SELECT id FROM mentors WHERE active = 1 ORDER BY id")


def open_match(db) -> int:
    return first(db, "SELECT id FROM matches WHERE ended_on IS NULL ORDER BY id")


def open_referral(db) -> int:
    return first(db, "SELECT id FROM referrals WHERE status != 'resolved' ORDER BY id")


def held_training(db) -> int:
    return first(db, "SELECT t.id FROM trainings t JOIN training_attendance a ON "
                     "a.training_id = t.id WHERE t.held_on <= ? ORDER BY t.held_on DESC",
                 DEMO_TODAY.isoformat())


def closed_weekday(db) -> dt.date:
    days = [dt.date.fromisoformat(row[0]) for row in db.execute(
        "SELECT day FROM non_school_days WHERE year_id = ? ORDER BY day", [current_year(db)])]
    return next(day for day in days if day.weekday() < 5)


def current_year(db) -> int:
    return first(db, "SELECT y.id FROM school_years y JOIN settings s ON s.key = "
                     "'current_year' AND s.value = y.name")


# Each case: (what it is, the action to run on an open db).
CASES: list[tuple[str, Callable]] = [
    ("add a student", lambda db: student_actions.add_student(
        db, {"local_id": "T-1", "first_name": "Tova", "last_name": "Quill"},
        year_id=current_year(db), enrollment={"grade": 7, "homeroom": "7B"})),
    ("edit a student", lambda db: student_actions.edit_student(
        db, first(db, "SELECT id FROM students ORDER BY id"), {"first_name": "Renamed"},
        year_id=current_year(db), enrollment={"grade": 8, "homeroom": "8A"})),
    ("archive a student", lambda db: student_actions.archive_student(
        db, first(db, "SELECT id FROM students ORDER BY id"), True)),
    ("student availability", lambda db: student_actions.set_student_availability(
        db, first(db, "SELECT id FROM students ORDER BY id"), {(0, "lunch"), (3, "planning")})),
    ("add a mentor", lambda db: mentor_actions.add_mentor(
        db, {"first_name": "Ola", "last_name": "Brink", "email": "ola@school.test"})),
    ("edit a mentor", lambda db: mentor_actions.edit_mentor(
        db, free_mentor(db), {"capacity": 5, "notes": "Coaches soccer"})),
    ("archive a mentor", lambda db: mentor_actions.set_mentor_active(db, free_mentor(db), False)),
    ("mentor availability", lambda db: mentor_actions.set_mentor_availability(
        db, free_mentor(db), {(1, "before_school")})),
    ("accept a nomination", lambda db: nomination_actions.accept_nomination(
        db, first(db, "SELECT id FROM nominations WHERE status = 'new' ORDER BY id"))),
    ("decline a nomination", lambda db: nomination_actions.decline_nomination(
        db, first(db, "SELECT id FROM nominations WHERE status = 'new' ORDER BY id"), "Moved")),
    ("match", lambda db: match_actions.match_student(db, current_year(db), NewMatch(
        waiting_student(db), free_mentor(db), DEMO_TODAY, 2, "lunch"))),
    ("change mentor", lambda db: match_actions.change_mentor(
        db, open_match(db), NewMatch(
            first(db, "SELECT student_id FROM matches WHERE id = ?", open_match(db)),
            first(db, "SELECT id FROM mentors WHERE active = 1 AND id != (SELECT mentor_id "
                      "FROM matches WHERE id = ?) ORDER BY id", open_match(db)),
            DEMO_TODAY), "mismatch")),
    ("close a match", lambda db: match_actions.close_match(
        db, open_match(db), DEMO_TODAY, "student_moved", "Family moved")),
    ("save suggestions", lambda db: match_actions.save_suggested_matches(
        db, current_year(db), [NewMatch(waiting_student(db), free_mentor(db), DEMO_TODAY)])),
    ("log a meeting", lambda db: meeting_actions.log_meeting(
        db, [open_match(db)], MeetingForm(DEMO_TODAY, "lunch", 20, topic_ids=(1, 2),
                                          notes="Talked about the science fair"))),
    ("edit a meeting", lambda db: meeting_actions.edit_meeting(
        db, first(db, "SELECT meeting_id FROM meeting_matches ORDER BY meeting_id"),
        MeetingForm(DEMO_TODAY - dt.timedelta(days=1), "planning", 30, outcome="held"))),
    ("delete a meeting", lambda db: meeting_actions.delete_meeting(
        db, first(db, "SELECT meeting_id FROM meeting_topics ORDER BY meeting_id"))),
    ("add a goal", lambda db: goal_actions.add_goal(
        db, first(db, "SELECT id FROM students ORDER BY id"), "Hand in homework", DEMO_TODAY)),
    ("goal note", lambda db: goal_actions.add_progress_note(
        db, first(db, "SELECT id FROM goals ORDER BY id"), "Two of three handed in",
        DEMO_TODAY)),
    ("goal status", lambda db: goal_actions.set_goal_status(
        db, first(db, "SELECT id FROM goals WHERE status = 'working' ORDER BY id"), "met",
        DEMO_TODAY)),
    ("change a setting", lambda db: setting_actions.change_setting(
        db, "overdue_after_school_days", "12")),
    ("attendance code", lambda db: setting_actions.set_attendance_code(db, "X", "absent_excused",
                                                                        "Excused")),
    ("add a year", lambda db: year_actions.save_year(
        db, "2027-2028", dt.date(2027, 9, 7), dt.date(2028, 6, 9),
        [(dt.date(2027, 11, 25), "Thanksgiving")])),
    ("raise a referral", lambda db: referral_actions.raise_referral(db, NewReferral(
        first(db, "SELECT id FROM students ORDER BY id"), "counselor", "Worried about home",
        DEMO_TODAY, DEMO_TODAY + dt.timedelta(days=7), raised_by_mentor_id=free_mentor(db)))),
    ("update a referral", lambda db: referral_actions.update_referral(
        db, open_referral(db), status="in_progress", note="Counselor called home",
        follow_up_on=DEMO_TODAY + dt.timedelta(days=14))),
    ("referral follow-up", lambda db: referral_actions.set_follow_up(
        db, open_referral(db), DEMO_TODAY + dt.timedelta(days=3))),
    ("log a meeting and refer", lambda db: meeting_actions.log_meeting(
        db, [open_match(db)], MeetingForm(DEMO_TODAY, "lunch", 20, notes="Hungry at school"),
        NewReferral(first(db, "SELECT student_id FROM matches WHERE id = ?", open_match(db)),
                    "social_worker", "No breakfast at home", DEMO_TODAY))),
    ("add a training", lambda db: training_actions.add_training(
        db, DEMO_TODAY, "Make-up session", "start_of_year", required=False)),
    ("edit a training", lambda db: training_actions.edit_training(
        db, held_training(db), DEMO_TODAY - dt.timedelta(days=1), "Renamed session",
        "mid_year", required=False)),
    ("delete a training", lambda db: training_actions.delete_training(db, held_training(db))),
    ("mark who came", lambda db: training_actions.add_attendees(
        db, held_training(db), [first(db, "SELECT id FROM mentors WHERE id NOT IN (SELECT "
                                          "mentor_id FROM training_attendance WHERE "
                                          "training_id = ?) ORDER BY id", held_training(db))])),
    ("untick a mentor", lambda db: training_actions.set_attended(
        db, held_training(db), first(db, "SELECT mentor_id FROM training_attendance WHERE "
                                         "training_id = ? ORDER BY mentor_id",
                                     held_training(db)), False)),
    ("close a school day", lambda db: year_actions.set_school_day(
        db, current_year(db), DEMO_TODAY - dt.timedelta(days=1), False, "Snow day")),
    ("open a closed day", lambda db: year_actions.set_school_day(
        db, current_year(db), closed_weekday(db), True)),
    ("add a topic", lambda db: list_actions.add_entry(db, "topics", "Chess club")),
    ("rename a role", lambda db: list_actions.rename_entry(
        db, "roles", first(db, "SELECT id FROM mentor_roles ORDER BY id"), "Teacher (core)")),
    ("retire a topic", lambda db: list_actions.retire_entry(
        db, "topics", first(db, "SELECT id FROM topics WHERE active = 1 ORDER BY id"))),
    ("top grade", lambda db: setting_actions.change_setting(db, "top_grade", 9)),
]


@pytest.mark.parametrize("name, act", CASES, ids=[case[0] for case in CASES])
def test_each_action_changes_logs_undoes_and_redoes(demo_copy, name, act):
    before = tables(demo_copy)
    with open_data_file(demo_copy) as data:
        history.forget_all(data.db)
        lines = len(activity.recent(data.db, 10_000))
        outcome = act(data.db)
        assert outcome.changed  # says what to refresh
        assert outcome.message
        assert len(activity.recent(data.db, 10_000)) == lines + 1
        assert undo_actions.undo_title(data.db)
    after = tables(demo_copy)
    assert after != before, name
    with open_data_file(demo_copy) as data:
        undone = undo_actions.undo(data.db)
        assert undone.changed == outcome.changed
        assert activity.recent(data.db, 1)[0]["action"] == "undo"
    assert tables(demo_copy) == before
    with open_data_file(demo_copy) as data:
        undo_actions.redo(data.db)
    assert tables(demo_copy) == after
    with open_data_file(demo_copy) as data:
        undo_actions.undo(data.db)
        history.forget_all(data.db)
    assert tables(demo_copy) == before


def test_undo_goes_back_twenty_steps_and_names_each(demo_copy):
    before = tables(demo_copy)
    with open_data_file(demo_copy) as data:
        db = data.db
        history.forget_all(db)
        student_id = first(db, "SELECT id FROM students ORDER BY id")
        titles = []
        for number in range(25):
            outcome = goal_actions.add_goal(db, student_id, f"Goal {number}", DEMO_TODAY)
            titles.append(undo_actions.undo_title(db))
            assert outcome.value
        assert titles[-1].startswith("Add a goal for ")
        for _ in range(25):
            assert undo_actions.undo_title(db) is not None
            undo_actions.undo(db)
        assert undo_actions.undo_title(db) is None
        assert undo_actions.redo_title(db) is not None
    assert tables(demo_copy) == before


def test_a_new_change_ends_the_redo_steps(data_file):
    db = data_file.db
    history.forget_all(db)
    student_actions.add_student(db, {"first_name": "Ana", "last_name": "Ruiz"})
    undo_actions.undo(db)
    assert undo_actions.redo_title(db) == "Add Ana Ruiz"
    student_actions.add_student(db, {"first_name": "Ben", "last_name": "Ode"})
    assert undo_actions.redo_title(db) is None
    with pytest.raises(undo_actions.NothingToUndo):
        undo_actions.redo(db)


def test_undo_refuses_when_a_later_change_depends_on_it(data_file):
    db = data_file.db
    history.forget_all(db)
    year_id = current_year(db)
    student_id = student_actions.add_student(db, {"first_name": "Ana", "last_name": "Ruiz"},
                                             year_id=year_id, enrollment={"grade": 6}).value
    mentor_id = mentor_actions.add_mentor(db, {"first_name": "Mo", "last_name": "Lee"}).value
    # A change made outside the undo history (as an import on its own connection would).
    matches.add_match(db, mentor_id, student_id, year_id, dt.date(2025, 10, 1))
    assert undo_actions.undo_title(db) == "Add Mo Lee"  # the match made since hangs on him
    with pytest.raises(journal.UndoConflict, match="depends on it"):
        undo_actions.undo(db)
    assert students.student(db, student_id) is not None
    assert first(db, "SELECT count(*) FROM mentors WHERE id = ?", mentor_id) == 1
    assert undo_actions.undo_title(db) is None  # the history starts again


def test_matching_accepts_the_open_nominations(demo_copy):
    with open_data_file(demo_copy) as data:
        db = data.db
        student_id, year_id = waiting_student(db), current_year(db)
        match_actions.match_student(db, year_id, NewMatch(student_id, free_mentor(db),
                                                          DEMO_TODAY))
        statuses = {row["status"] for row in nominations.nominations_of(db, student_id)
                    if row["year_id"] == year_id}
    assert statuses == {"accepted"}


def test_changing_mentor_ends_the_old_match_the_day_before(demo_copy):
    with open_data_file(demo_copy) as data:
        db = data.db
        old = matches.match(db, open_match(db))
        other = first(db, "SELECT id FROM mentors WHERE id != ? AND active = 1 ORDER BY id",
                      old["mentor_id"])
        match_actions.change_mentor(db, old["id"], NewMatch(old["student_id"], other,
                                                             DEMO_TODAY), "mismatch")
        assert matches.match(db, old["id"])["ended_on"] == (
            DEMO_TODAY - dt.timedelta(days=1)).isoformat()


def test_changing_mentor_on_the_day_the_match_began_ends_it_that_day(data_file):
    db = data_file.db
    year_id = current_year(db)
    student_id = student_actions.add_student(db, {"first_name": "Ana", "last_name": "Ruiz"},
                                             year_id=year_id, enrollment={"grade": 6}).value
    first_mentor = mentor_actions.add_mentor(db, {"first_name": "Mo", "last_name": "Lee"}).value
    second = mentor_actions.add_mentor(db, {"first_name": "Jo", "last_name": "Park"}).value
    day = dt.date(2025, 10, 6)
    old = match_actions.match_student(db, year_id, NewMatch(student_id, first_mentor, day)).value
    match_actions.change_mentor(db, old, NewMatch(student_id, second, day), "mismatch")
    assert matches.match(db, old)["ended_on"] == day.isoformat()


def test_a_refused_action_writes_nothing(demo_copy):
    before = tables(demo_copy)
    with open_data_file(demo_copy) as data:
        with pytest.raises(InvalidInput, match="cannot end before it began"):
            match_actions.close_match(data.db, open_match(data.db), dt.date(2000, 1, 1),
                                      "other")
        with pytest.raises(InvalidInput, match="Type the student's first or last name"):
            student_actions.add_student(data.db, {"first_name": " "})
    assert tables(demo_copy) == before


def test_a_mentor_with_history_is_not_deleted(demo_copy):
    with open_data_file(demo_copy) as data:
        mentor_id = first(data.db, "SELECT mentor_id FROM matches ORDER BY id")
        with pytest.raises(InvalidInput, match="Mentoring this year"):
            mentor_actions.delete_mentor(data.db, mentor_id)
        new = mentor_actions.add_mentor(data.db, {"first_name": "Mo", "last_name": "Lee"}).value
        mentor_actions.delete_mentor(data.db, new)
        undo_actions.undo(data.db)
        assert first(data.db, "SELECT count(*) FROM mentors WHERE id = ?", new) == 1
