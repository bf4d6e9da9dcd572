"""training add / attend / list: the contract's shapes, make-ups, and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import mentors, settings, years
from storage.database import open_data_file
from tests.conftest import data_checksum


@pytest.fixture
def school(tmp_path):
    """A closed data file: the year 2026-2027 (today, 24 Nov 2026, inside it), three mentors
    (one no longer active)."""
    path = tmp_path / "school.sqlite"
    with open_data_file(path, create=True) as data:
        db = data.db
        years.save_year(db, "2026-2027", dt.date(2026, 9, 8), dt.date(2027, 6, 11))
        settings.set_value(db, "current_year", "2026-2027")
        mentors.add_mentor(db, first_name="Mo", last_name="Lee", email="mlee@school.test")
        mentors.add_mentor(db, first_name="Ida", last_name="Berg", email="iberg@school.test")
        mentors.add_mentor(db, first_name="Old", last_name="Hand", email="ohand@school.test",
                           active=0)
    return path


def test_add_attend_and_list(cli, school):
    added = cli("--db", school, "training", "add", "--date", "2026-09-10", "--title",
                "Welcome and mentor basics", "--kind", "start_of_year", "--required")
    assert added.code == 0, added.stderr
    assert added.stdout.strip() == "1"
    makeup = cli("--db", school, "training", "add", "--date", "2026-10-01", "--title",
                 "Welcome (make-up)", "--kind", "start_of_year", "--json")
    assert makeup.json == {"training_id": 2}
    attended = cli("--db", school, "training", "attend", "1", "mlee@school.test")
    assert attended.code == 0 and "Marked 1 mentor" in attended.stdout
    again = cli("--db", school, "training", "attend", "1", "MLEE@school.test",
                "ohand@school.test", "--json")
    assert again.code == 0
    assert again.json["added"] == ["ohand@school.test"]
    assert again.json["attendees"] == ["mlee@school.test", "ohand@school.test"]
    listed = cli("--db", school, "training", "list", "--json").json
    assert [{key: item[key] for key in ("training_id", "held_on", "title", "kind", "required",
                                         "attendees")} for item in listed] == [
        {"training_id": 1, "held_on": "2026-09-10", "title": "Welcome and mentor basics",
         "kind": "start_of_year", "required": True,
         "attendees": ["mlee@school.test", "ohand@school.test"]},
        {"training_id": 2, "held_on": "2026-10-01", "title": "Welcome (make-up)",
         "kind": "start_of_year", "required": False, "attendees": []}]
    # Ida (active) missed the required session; the make-up takes her off the list.
    assert listed[0]["missed"] == ["iberg@school.test"]
    assert cli("--db", school, "training", "attend", "2", "iberg@school.test").code == 0
    assert cli("--db", school, "training", "list", "--json").json[0]["missed"] == []
    words = cli("--db", school, "training", "list").stdout
    assert "10 Sep 2026 \u201cWelcome and mentor basics\u201d (start of year, required): 2 came" \
        in words


@pytest.mark.parametrize("arguments, words", [
    (["add", "--date", "2026-07-01", "--title", "Summer", "--kind", "other"],
     "is outside every school year"),
    (["add", "--date", "1 Sept", "--title", "Kick-off", "--kind", "other"],
     "is not a date MentorDesk can read for --date"),
    (["add", "--date", "2026-10-01", "--title", " ", "--kind", "other"],
     "Give the session a title"),
    (["attend", "1", "mlee@school.test", "nobody@school.test"],
     "No mentor has the email nobody@school.test"),
    (["attend", "9", "mlee@school.test"], "There is no training number 9"),
    (["attend", "2", "mlee@school.test"], "mark who came once it has been held"),
    (["list", "--year", "2030-2031"], 'There is no school year "2030-2031"'),
])
def test_refusals_exit_1_with_a_sentence_and_write_nothing(cli, school, arguments, words):
    cli("--db", school, "training", "add", "--date", "2026-09-10", "--title", "Welcome",
        "--kind", "start_of_year", "--required")
    cli("--db", school, "training", "add", "--date", "2027-01-14", "--title", "Mid-year",
        "--kind", "mid_year", "--required")
    before = data_checksum(school)
    refused = cli("--db", school, "--json", "training", *arguments)
    assert refused.code == 1, refused.stdout
    assert words in refused.json["error"]
    assert data_checksum(school) == before


def test_a_kind_that_is_not_offered_is_wrong_usage(cli, school):
    assert cli("--db", school, "training", "add", "--date", "2026-10-01", "--title", "x",
               "--kind", "weekly").code == 2
