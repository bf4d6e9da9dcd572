"""A new school year: students move up a grade, the top grade leaves, matches go on or close."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from actions import history
from actions.new_year import NewYear, start_new_year
from storage import matches, nominations, students, years
from storage.database import open_data_file
from tests import small_school
from tests.conftest import data_checksum
from tests.small_school import NEW_YEAR_ARGS

FIGURES = {"year": "2026-2027", "students_carried": 4, "students_left": 2,
           "matches_continued": 1, "matches_closed": 2}


@pytest.fixture
def school(data_file):
    ids = small_school.build(data_file.db)
    path = data_file.path
    data_file.close()
    return path, ids


def test_the_figures_follow_the_counting_rules(cli, school):
    path, _ = school
    result = cli("--db", path, *NEW_YEAR_ARGS, "--json")
    assert result.code == 0, result.stderr
    document = result.json
    assert {key: document[key] for key in FIGURES} == FIGURES
    assert document["students_needing_grade"] == [{"student_id": "E-5", "name": "Ford, Eli"}]
    assert document["nominations_carried"] == 1


def test_a_dry_run_writes_nothing_and_gives_the_same_figures(cli, school):
    path, _ = school
    before = data_checksum(path)
    preview = cli("--db", path, *NEW_YEAR_ARGS, "--dry-run", "--json")
    assert preview.code == 0, preview.stderr
    assert data_checksum(path) == before
    done = cli("--db", path, *NEW_YEAR_ARGS, "--json")
    assert {key: preview.json[key] for key in FIGURES} == {key: done.json[key] for key in FIGURES}
    assert preview.json["dry_run"] is True and done.json["dry_run"] is False


def test_students_move_up_provisionally_and_last_year_stays_as_it_was(cli, school):
    path, ids = school
    with open_data_file(path, write=False) as data:
        last_year_before = small_school.enrollment_grades(data.db, "2025-2026")
    assert cli("--db", path, *NEW_YEAR_ARGS).code == 0
    with open_data_file(path, write=False) as data:
        db = data.db
        assert small_school.enrollment_grades(db, "2026-2027") == {
            "A-1": (7, 1), "B-2": (8, 1), "D-4": (8, 1), "I-9": (7, 1)}
        assert small_school.enrollment_grades(db, "2025-2026") == last_year_before
        assert years.current_year(db)["name"] == "2026-2027"
    listed = cli("--db", path, "students", "--json").json
    assert {row["student_id"]: row["grade_provisional"] for row in listed} == {
        "A-1": True, "B-2": True, "D-4": True, "I-9": True}


def test_a_match_goes_on_linked_to_last_years_and_the_others_close(cli, school):
    path, ids = school
    assert cli("--db", path, *NEW_YEAR_ARGS).code == 0
    with open_data_file(path, write=False) as data:
        db = data.db
        new_year = years.year_by_name(db, "2026-2027")["id"]
        old = {row["id"]: row for row in matches.matches_in_year(db, ids["year"])}
        assert all(row["ended_on"] == "2026-06-12" and row["closure_reason"] == "planned_end"
                   for row in old.values())
        (continued,) = matches.matches_in_year(db, new_year)
        assert continued["continues_match_id"] == ids["ana_match"]
        assert continued["started_on"] == "2026-08-31" and continued["ended_on"] is None
        assert (continued["mentor_id"], continued["student_id"]) == (ids["mo"], ids["ana"])
        assert (continued["usual_weekday"], continued["usual_slot"]) == (1, "lunch")
        carried = nominations.nominations_in_year(db, new_year)
        assert [(row["student_id"], row["status"], row["reasons"]) for row in carried] == [
            (ids["ben"], "new", ["attendance"])]


def test_ivy_has_no_grade_problem_but_eli_is_not_carried(cli, school):
    path, ids = school
    result = cli("--db", path, *NEW_YEAR_ARGS)
    assert "Ford, Eli" in result.stdout and "no grade" in result.stdout
    with open_data_file(path, write=False) as data:
        new_year = years.year_by_name(data.db, "2026-2027")["id"]
        assert students.enrollment(data.db, ids["eli"], new_year) is None


def test_without_keeping_matches_every_open_match_closes(cli, school):
    path, _ = school
    result = cli("--db", path, *NEW_YEAR_ARGS, "--no-keep-matches", "--json")
    assert (result.json["matches_continued"], result.json["matches_closed"]) == (0, 3)


@pytest.mark.parametrize(("arguments", "words"), [
    (("year", "start", "2025-2026", "--first-day", "2026-08-31", "--last-day", "2027-06-11"),
     "already a school year called 2025-2026"),
    (("year", "start", "2026-2027", "--first-day", "2026-05-01", "--last-day", "2027-06-11"),
     "must start after 2025-2026 ends"),
    (("year", "start", "2026-2027", "--first-day", "2026-08-31", "--last-day", "2026-08-01"),
     "is after the last day"),
])
def test_a_year_that_cannot_be_is_refused_with_a_sentence(cli, school, arguments, words):
    path, _ = school
    before = data_checksum(path)
    result = cli("--db", path, *arguments, "--json")
    assert result.code == 1 and words in result.json["error"]
    assert data_checksum(path) == before


def test_the_new_year_is_one_transaction(school, monkeypatch):
    path, _ = school
    before = data_checksum(path)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk went away half-way")

    monkeypatch.setattr(nominations, "carry_nomination", broken)
    with open_data_file(path) as data, pytest.raises(RuntimeError):
        start_new_year(data.db, NewYear("2026-2027", dt.date(2026, 8, 31), dt.date(2027, 6, 11)))
    assert data_checksum(path) == before


def test_it_keeps_a_history_line_and_lets_the_undo_steps_go(school):
    from actions import settings as setting_actions

    path, _ = school
    with open_data_file(path) as data:
        setting_actions.change_setting(data.db, "meeting_target_per_month", 3)
        assert history.of(data.db).undo_title is not None
        outcome = start_new_year(data.db, NewYear("2026-2027", dt.date(2026, 8, 31),
                                                  dt.date(2027, 6, 11)))
        assert history.of(data.db).undo_title is None
        line = data.db.execute("SELECT action, summary FROM activity ORDER BY id DESC"
                               ).fetchone()
    assert line[0] == "new_year" and "4 students moved up a grade" in line[1]
    assert "2026-2027 is the current year" in outcome.message


def test_the_new_years_roster_confirms_the_grades_and_undo_puts_them_back(cli, school,
                                                                          tmp_path):
    path, _ = school
    assert cli("--db", path, *NEW_YEAR_ARGS).code == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("Student ID,Last Name,First Name,Grade\nA-1,Bell,Ana,7\nB-2,Cruz,Ben,8\n",
                      encoding="utf-8")
    imported = cli("--db", path, "import", "students", roster, "--json")
    assert imported.code == 0, imported.stderr
    assert imported.json["details"]["grades_confirmed"] == 2
    with open_data_file(path, write=False) as data:
        grades = small_school.enrollment_grades(data.db, "2026-2027")
    assert grades["A-1"] == (7, 0) and grades["B-2"] == (8, 0) and grades["D-4"] == (8, 1)
    assert cli("--db", path, "undo-import", str(imported.json["batch"])).code == 0
    with open_data_file(path, write=False) as data:
        assert small_school.enrollment_grades(data.db, "2026-2027")["A-1"] == (7, 1)


def test_last_year_can_still_be_reported_after_the_new_year(cli, school, tmp_path):
    path, _ = school
    # The program team's figures: every one a number (administrators' hide small counts).
    report = ("report", tmp_path / "last.xlsx", "--year", "2025-2026", "--team", "--json")
    before = cli("--db", path, *report)
    assert cli("--db", path, *NEW_YEAR_ARGS).code == 0
    after = cli("--db", path, *report)
    assert after.code == 0, after.stderr
    for figure in ("students_enrolled", "students_nominated", "students_matched",
                   "students_served", "meetings_held", "waitlisted"):
        assert after.json[figure] == before.json[figure], figure
    assert after.json["students_served"] == 1 and after.json["students_enrolled"] == 9


def test_overlapping_school_years_are_refused(cli, school):
    path, _ = school
    result = cli("--db", path, "year", "add", "2026-2027", "--first-day", "2026-06-01",
                 "--last-day", "2027-06-11", "--json")
    assert result.code == 1 and "overlap 2025-2026" in result.json["error"]


def test_the_lowest_grade_above_the_top_grade_is_refused(cli, school):
    path, _ = school
    result = cli("--db", path, "settings", "set", "lowest_grade", "9", "--json")
    assert result.code == 1 and "above the top grade" in result.json["error"]
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT value FROM settings WHERE key = 'lowest_grade'"
                                  ).fetchone()[0] == "6"
