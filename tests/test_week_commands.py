"""The ``week`` and ``mentor-note`` commands: the JSON contract, sentences, refusals, files."""

from __future__ import annotations

import pytest

from tests.conftest import run_main
from tests.week_fixture import DAY, build_week_school

LISTS = ("overdue_matches", "absent_this_week", "early_warnings", "waiting_for_mentor",
         "referrals_due", "missed_required_training", "over_capacity", "not_cleared",
         "consent_missing", "left_school_still_matched")
# The fields the issue names for each list (more may follow; these must be there).
STUDENT = {"student_id"}
MENTOR = {"mentor_email", "mentor_id"}
REQUIRED_FIELDS = {
    "overdue_matches": STUDENT | MENTOR | {"match_id"},
    "absent_this_week": STUDENT | {"absent_dates"},
    "early_warnings": STUDENT,
    "waiting_for_mentor": STUDENT | {"days_waiting"},
    "referrals_due": STUDENT | {"referral_id", "follow_up"},
    "missed_required_training": MENTOR | {"training_id"},
    "over_capacity": MENTOR,
    "not_cleared": MENTOR,
    "consent_missing": STUDENT,
    "left_school_still_matched": STUDENT,
}


@pytest.fixture
def school(data_file):
    ids = build_week_school(data_file.db)
    path = data_file.path
    data_file.close()
    return path, ids


def test_week_json_has_exactly_the_contracts_lists_and_fields(school):
    path, ids = school
    result = run_main("--db", path, "week", "--as-of", DAY.isoformat(), "--json")
    assert result.code == 0, result.stderr
    document = result.json
    assert set(LISTS) <= set(document)
    for name in LISTS:
        assert isinstance(document[name], list), name
        assert document[name], f"the fixture fills {name}"
        for item in document[name]:
            missing = REQUIRED_FIELDS[name] - set(item)
            assert not missing, (name, missing)
            if "student_id" in item:
                assert isinstance(item["student_id"], str)  # the school's ID, as text
            if "mentor_id" in item and not (name == "early_warnings" and
                                            item["mentor_id"] is None):  # not matched
                assert isinstance(item["mentor_id"], int)
                assert "@" in item["mentor_email"]
    assert document["absent_this_week"][1] == {
        "student_id": "1001", "student_name": "Ada Zane",
        "absent_dates": ["2025-11-17", "2025-11-19"], "match_id": ids.matches["ada"],
        "mentor_id": ids.mentors["ana"], "mentor_email": "areyes@hillview.example.org",
        "mentor_name": "Ana Reyes"}
    assert [(i["student_id"], i["days_waiting"]) for i in document["waiting_for_mentor"]] == [
        ("1007", 75), ("1003", 49), ("1008", 18), ("1004", 9)]
    assert document["referrals_due"][0]["referral_id"] == ids.referrals["bea"]
    assert document["referrals_due"][0]["follow_up"] == "2025-11-10"
    assert document["missed_required_training"][0]["training_id"] == ids.trainings["mid"]
    assert document["overdue_matches"][0]["match_id"] == ids.matches["ada"]


def test_week_in_sentences_says_when_a_list_is_empty(school, cli):
    path, _ = school
    result = cli("--db", path, "week", "--as-of", "2025-09-03")
    assert result.code == 0, result.stderr
    assert "Matches overdue for a meeting (0): all is well" in result.stdout
    later = cli("--db", path, "week", "--as-of", DAY.isoformat())
    assert "Mentees absent this week (2):" in later.stdout
    assert "Ada Zane (1001): absent Mon 17 Nov 2025 and Wed 19 Nov 2025; mentor Ana Reyes." \
        in later.stdout


def test_week_refuses_a_day_outside_every_school_year(school, cli):
    path, _ = school
    result = cli("--db", path, "week", "--as-of", "2026-07-01", "--json")
    assert result.code == 1
    assert "not inside any school year" in result.json["error"]
    assert "2025-2026 (2 Sep 2025 to 12 Jun 2026)" in result.stderr
    bad = cli("--db", path, "week", "--as-of", "19/11/2025")
    assert bad.code == 1 and "YYYY-MM-DD" in bad.stderr


def test_mentor_note_prints_the_mentors_own_mentees_only(school, cli):
    path, _ = school
    result = cli("--db", path, "mentor-note", "AREYES@hillview.example.org", "--as-of",
                 DAY.isoformat())
    assert result.code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Weekly mentoring note for Ana Reyes")
    assert "Ada Zane" in text and "Eve Vance" in text
    assert "Absent this week: Mon 17 Nov 2025 and Wed 19 Nov 2025." in text
    assert "Last meeting held: 20 Oct 2025, 22 school days ago." in text
    # Her referral about Ada is open; Bea's referral was raised by someone else.
    assert "Counselor, raised 1 Nov 2025 (open, follow-up 19 Nov 2025): Worried about friends" \
        in text
    for other in ("Bea", "Young", "Cal Xu", "Fay", "Gus", "Hal", "Dee", "Headaches"):
        assert other not in text


def test_mentor_note_refuses_an_unknown_email_and_writes_nothing(school, cli, tmp_path):
    path, _ = school
    target = tmp_path / "note.pdf"
    result = cli("--db", path, "mentor-note", "nobody@hillview.example.org", "--out", target)
    assert result.code == 1
    assert 'No mentor has the email "nobody@hillview.example.org"' in result.stderr
    assert not target.exists()


def test_mentor_note_to_a_text_file_and_every_note_to_a_folder(school, cli, tmp_path):
    path, _ = school
    text_file = tmp_path / "ben.txt"
    result = cli("--db", path, "mentor-note", "bortiz@hillview.example.org", "--as-of",
                 DAY.isoformat(), "--out", text_file)
    assert result.code == 0, result.stderr
    written = text_file.read_text(encoding="utf-8")
    assert "Bea Young" in written and "Suggested meeting day: Meet on Wednesday: Bea misses " \
        "Thursdays most." in written
    folder = tmp_path / "notes"
    folder.mkdir()
    every = cli("--db", path, "mentor-note", "--all", "--as-of", DAY.isoformat(), "--out",
                folder, "--json")
    assert every.code == 0, every.stderr
    files = sorted(p.name for p in folder.iterdir())
    # Ana and Ben have mentees on the day; Cara's match ended, Dan's starts tomorrow.
    assert files == ["Mentor note - Ortiz, Ben - 2025-11-19.pdf",
                     "Mentor note - Reyes, Ana - 2025-11-19.pdf"]
    for name in files:
        assert (folder / name).read_bytes().startswith(b"%PDF")
    assert {n["mentor_email"] for n in every.json["notes"]} == {
        "areyes@hillview.example.org", "bortiz@hillview.example.org"}


def test_mentor_note_needs_one_email_or_all(school, cli):
    path, _ = school
    assert cli("--db", path, "mentor-note").code == 1
    assert cli("--db", path, "mentor-note", "--all").code == 1
    wrong = cli("--db", path, "mentor-note", "areyes@hillview.example.org", "--out", "note.doc")
    assert wrong.code == 1 and ".pdf" in wrong.stderr
