"""referral add / update / list: the contract's shapes, the dated notes, and every refusal
(exit 1, a sentence, nothing written)."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import mentors, settings, students, years
from storage.database import open_data_file
from tests.conftest import data_checksum


@pytest.fixture
def school(tmp_path):
    """A closed data file: the year 2026-2027 (today is inside it), two students, a mentor."""
    path = tmp_path / "school.sqlite"
    with open_data_file(path, create=True) as data:
        db = data.db
        year_id = years.save_year(db, "2026-2027", dt.date(2026, 9, 8), dt.date(2027, 6, 11))
        years.save_year(db, "2025-2026", dt.date(2025, 9, 2), dt.date(2026, 6, 12))
        settings.set_value(db, "current_year", "2026-2027")
        students.add_student(db, local_id="00417", first_name="Ana", last_name="Ruiz",
                             year_id=year_id, grade=7)
        students.add_student(db, local_id="00533", first_name="Ben", last_name="Okafor",
                             year_id=year_id, grade=6)
        mentors.add_mentor(db, first_name="Mo", last_name="Lee", email="mlee@school.test")
    return path


def test_add_prints_the_new_number_and_json_gives_it_with_the_referral(cli, school):
    first = cli("--db", school, "referral", "add", "00417", "--to", "counselor", "--need",
                "Sad since the move", "--by", "MLee@school.test", "--date", "2026-11-20",
                "--follow-up", "2026-11-27")
    assert first.code == 0, first.stderr
    assert first.stdout.strip() == "1"
    assert "Ana Ruiz" in first.stderr
    second = cli("--db", school, "referral", "add", "00533", "--to", "social_worker", "--need",
                 "No coat", "--by", "Mr. Diaz, PE", "--json")
    assert second.code == 0
    assert second.json["referral_id"] == 2
    assert second.json["student_id"] == "00533" and second.json["kind"] == "social_worker"
    assert second.json["opened_on"] == "2026-11-24"  # today when no --date
    assert second.json["raised_by"] == "Mr. Diaz, PE" and second.json["follow_up"] is None
    listed = {item["referral_id"]: item for item in
              cli("--db", school, "referral", "list", "--json").json}
    assert listed[1]["raised_by"] == "Mo Lee" and listed[1]["raised_by_email"] == "mlee@school.test"
    assert listed[1]["follow_up"] == "2026-11-27" and listed[1]["status"] == "open"
    assert listed[1]["notes"] == [{"date": "2026-11-20", "text": "Referral opened.",
                                   "status": "open"}]


def test_update_keeps_a_dated_note_at_each_change_and_list_open_leaves_out_resolved(
        cli, school, frozen_clock):
    cli("--db", school, "referral", "add", "00417", "--to", "nurse", "--need", "Headaches",
        "--date", "2026-11-02")
    cli("--db", school, "referral", "add", "00533", "--to", "administrator", "--need", "Bullied",
        "--date", "2026-11-03")
    frozen_clock.freeze(dt.datetime(2026, 11, 10, 9, 0))
    moved = cli("--db", school, "referral", "update", "1", "--status", "in_progress", "--note",
                "Nurse saw her", "--follow-up", "2026-11-17", "--json")
    assert moved.code == 0, moved.stderr
    assert moved.json["status"] == "in_progress" and moved.json["follow_up"] == "2026-11-17"
    frozen_clock.freeze(dt.datetime(2026, 11, 18, 9, 0))
    done = cli("--db", school, "referral", "update", "1", "--status", "resolved")
    assert done.code == 0 and "Marked resolved" in done.stdout
    assert cli("--db", school, "referral", "update", "2", "--note", "Called home").code == 0
    everything = {item["referral_id"]: item for item in
                  cli("--db", school, "referral", "list", "--json").json}
    assert everything[1]["notes"] == [
        {"date": "2026-11-02", "text": "Referral opened.", "status": "open"},
        {"date": "2026-11-10", "text": "Nurse saw her. Follow up on 17 Nov 2026.",
         "status": "in_progress"},
        {"date": "2026-11-18", "text": "Marked resolved.", "status": "resolved"}]
    assert everything[1]["resolved_on"] == "2026-11-18"
    assert everything[2]["notes"][-1] == {"date": "2026-11-18", "text": "Called home",
                                          "status": None}
    still_open = cli("--db", school, "referral", "list", "--open", "--json").json
    assert [item["referral_id"] for item in still_open] == [2]
    assert cli("--db", school, "referral", "list", "--year", "2025-2026", "--json").json == []
    words = cli("--db", school, "referral", "list", "--open").stdout
    assert "Ben Okafor (00533) to administrator, open: Bullied" in words


@pytest.mark.parametrize("arguments, words", [
    (["add", "99999", "--to", "nurse", "--need", "x"], "No student has the ID 99999"),
    (["add", "00417", "--to", "nurse", "--need", "x", "--by", "who@school.test"],
     "No mentor has the email who@school.test"),
    (["add", "00417", "--to", "nurse", "--need", "x", "--date", "2026-02-30"],
     "is not a date MentorDesk can read for --date"),
    (["add", "00417", "--to", "nurse", "--need", "x", "--date", "2026-11-20", "--follow-up",
      "2026-11-19"], "The follow-up (19 Nov 2026) is before the referral's date"),
    (["add", "00417", "--to", "nurse", "--need", "x", "--date", "2026-07-04"],
     "is outside every school year"),
    (["add", "00417", "--to", "nurse", "--need", "  "], "Write the need"),
    (["update", "7", "--note", "x"], "There is no referral number 7"),
    (["update", "1", "--follow-up", "2026-10-01"], "is before the referral's date"),
    (["update", "1", "--follow-up", "soon"], "is not a date MentorDesk can read"),
    (["update", "1"], "Nothing to change"),
    (["list", "--year", "1999-2000"], 'There is no school year "1999-2000"'),
])
def test_refusals_exit_1_with_a_sentence_and_write_nothing(cli, school, arguments, words):
    cli("--db", school, "referral", "add", "00417", "--to", "nurse", "--need", "Headaches",
        "--date", "2026-11-02")
    before = data_checksum(school)
    refused = cli("--db", school, "--json", "referral", *arguments)
    assert refused.code == 1, refused.stdout
    assert words in refused.json["error"]
    assert words in refused.stderr
    assert data_checksum(school) == before


def test_a_kind_or_status_that_is_not_offered_is_wrong_usage(cli, school):
    assert cli("--db", school, "referral", "add", "00417", "--to", "dentist", "--need",
               "x").code == 2
    assert cli("--db", school, "referral", "update", "1", "--status", "closed").code == 2
