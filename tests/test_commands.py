"""The headless commands: their contracts, exit codes and plain sentences."""

from __future__ import annotations

import json

import pytest

from storage import students, years
from storage.database import open_data_file
from tests.conftest import DEMO_TODAY, data_checksum, run_main


def test_demo_fills_a_new_file_with_a_school_of_two_years(cli, new_file):
    result = cli("--db", new_file, "demo", "--students", "60", "--today", DEMO_TODAY, "--json")
    assert result.code == 0, result.stderr
    counts = result.json
    assert counts["school_years"] == 2
    assert counts["mentors"] >= 4 and counts["matches"] > 0 and counts["meetings"] > 0
    assert counts["trainings"] >= 3 and counts["referrals"] >= 0
    assert counts["attendance_days"] > 60 * 100
    listed = cli("--db", new_file, "students", "--json").json
    assert len(listed) == 60
    assert {row["grade"] for row in listed} == {6, 7, 8}


def test_the_same_seed_makes_the_same_school(cli, tmp_path):
    first, second, other = (tmp_path / f"{n}.sqlite" for n in ("a", "b", "c"))
    for path, seed in ((first, 7), (second, 7), (other, 8)):
        assert cli("--db", path, "demo", "--students", "40", "--seed", seed,
                   "--today", DEMO_TODAY).code == 0
    assert cli("--db", first, "students", "--json").json == \
        cli("--db", second, "students", "--json").json
    assert cli("--db", first, "students", "--json").json != \
        cli("--db", other, "students", "--json").json
    assert cli("--db", first, "summary", "--json").json == \
        cli("--db", second, "summary", "--json").json


def test_demo_refuses_a_file_with_data_unless_forced(cli, new_file):
    assert cli("--db", new_file, "demo", "--students", "30", "--today", DEMO_TODAY).code == 0
    before = data_checksum(new_file)
    refused = cli("--db", new_file, "demo", "--students", "30", "--json")
    assert refused.code == 1
    assert "--force" in refused.json["error"]
    assert data_checksum(new_file) == before
    forced = cli("--db", new_file, "demo", "--students", "45", "--force", "--today", DEMO_TODAY)
    assert forced.code == 0
    assert len(cli("--db", new_file, "students", "--json").json) == 45


def test_summary_counts_every_kind_of_record(cli, demo_copy):
    result = cli("--db", demo_copy, "summary", "--json")
    assert result.code == 0
    counts = result.json
    for key in ("students", "mentors", "matches", "meetings", "attendance_days", "nominations",
                "trainings", "referrals", "school_years", "imports", "goals"):
        assert isinstance(counts[key], int), key
    assert counts["mentors"] == 25
    assert counts["attendance_days"] > 50_000


def test_students_lists_the_years_roster_with_names_exactly_as_stored(cli, data_file):
    year = years.current_year(data_file.db)
    students.add_student(data_file.db, local_id="000123", first_name="José", last_name="Peña",
                         year_id=year["id"], grade=6, homeroom="6A")
    kindergartner = students.add_student(data_file.db, local_id="7", first_name="Zoë",
                                         last_name="O'Brien", year_id=year["id"], grade=0)
    students.set_archived(data_file.db, kindergartner, True)
    path = data_file.path
    result = cli("--db", path, "students", "--json")
    assert result.code == 0
    by_id = {row["student_id"]: row for row in result.json}
    assert by_id["000123"] | {} == by_id["000123"]
    assert {k: by_id["000123"][k] for k in
            ("student_id", "first_name", "last_name", "grade", "homeroom", "archived")} == {
        "student_id": "000123", "first_name": "José", "last_name": "Peña", "grade": 6,
        "homeroom": "6A", "archived": False}
    assert by_id["7"]["grade"] == 0 and by_id["7"]["archived"] is True
    assert "José" in result.stdout  # not escaped to \u00e9


def test_students_of_a_named_year_and_an_unknown_year(cli, demo_copy):
    listed = cli("--db", demo_copy, "students", "--year", "2025-2026", "--json")
    assert listed.code == 0 and len(listed.json) > 300
    assert {row["year"] for row in listed.json} == {"2025-2026"}
    unknown = cli("--db", demo_copy, "students", "--year", "1999-2000", "--json")
    assert unknown.code == 1
    assert "2025-2026" in unknown.json["error"]


def test_check_passes_a_sound_file_and_fails_a_broken_one(cli, demo_copy):
    assert cli("--db", demo_copy, "check").code == 0
    with open_data_file(demo_copy) as data:
        data.db.execute("PRAGMA foreign_keys = OFF")
        data.db.execute("INSERT INTO enrollments (student_id, year_id, grade) VALUES (99999, 1, 6)")
    result = cli("--db", demo_copy, "check", "--json")
    assert result.code == 1
    assert result.json["ok"] is False and "enrollments" in result.json["problems"][0]


def test_backup_writes_a_consistent_copy(cli, demo_copy, tmp_path):
    target = tmp_path / "out" / "copy.sqlite"
    result = cli("--db", demo_copy, "backup", target, "--json")
    assert result.code == 0
    assert result.json["backup"] == str(target)
    assert data_checksum(target) == data_checksum(demo_copy)


def test_backup_will_not_overwrite_the_data_file(cli, demo_copy):
    result = cli("--db", demo_copy, "backup", demo_copy)
    assert result.code == 1 and "cannot overwrite" in result.stderr


def test_year_add_creates_the_file_and_sets_up_the_calendar(cli, new_file):
    result = cli("--db", new_file, "year", "add", "2025-2026", "--first-day", "2025-09-02",
                 "--last-day", "2026-06-12", "--no-school",
                 "2025-11-27,2025-12-22..2026-01-02,2026-02-16", "--json")
    assert result.code == 0, result.stderr
    document = result.json
    assert document["name"] == "2025-2026" and document["current"] is True
    # The winter break names only its weekdays: 22-26 and 29-31 Dec, 1-2 Jan.
    assert document["non_school_days"] == [
        "2025-11-27", "2025-12-22", "2025-12-23", "2025-12-24", "2025-12-25", "2025-12-26",
        "2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-02-16"]


def test_the_newest_year_becomes_current_and_year_use_switches(cli, new_file):
    cli("--db", new_file, "year", "add", "2025-2026", "--first-day", "2025-09-02",
        "--last-day", "2026-06-12")
    cli("--db", new_file, "year", "add", "2026-2027", "--first-day", "2026-09-01",
        "--last-day", "2027-06-11")
    listed = cli("--db", new_file, "year", "list", "--json").json
    assert [(y["name"], y["current"]) for y in listed] == [
        ("2025-2026", False), ("2026-2027", True)]
    # Adding an older year again (an update) does not steal "current".
    cli("--db", new_file, "year", "add", "2025-2026", "--first-day", "2025-09-03",
        "--last-day", "2026-06-12")
    assert cli("--db", new_file, "year", "list", "--json").json[1]["current"] is True
    assert cli("--db", new_file, "year", "use", "2025-2026").code == 0
    listed = cli("--db", new_file, "year", "list", "--json").json
    assert [(y["name"], y["current"], y["first_day"]) for y in listed][0] == \
        ("2025-2026", True, "2025-09-03")


def test_year_add_again_updates_the_calendar(cli, new_file):
    cli("--db", new_file, "year", "add", "2025-2026", "--first-day", "2025-09-02",
        "--last-day", "2026-06-12", "--no-school", "2025-11-27")
    result = cli("--db", new_file, "year", "add", "2025-2026", "--first-day", "2025-09-02",
                 "--last-day", "2026-06-12", "--no-school", "2025-11-28", "--json")
    assert result.json["updated"] is True
    assert result.json["non_school_days"] == ["2025-11-27", "2025-11-28"]


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--first-day", "2025-09-02", "--last-day", "2025-06-12"], "after the last day"),
        (["--first-day", "9/2/2025", "--last-day", "2026-06-12"], "YYYY-MM-DD"),
        (["--first-day", "2025-09-02", "--last-day", "2026-06-12", "--no-school", "2027-01-01"],
         "outside the school year"),
        (["--first-day", "2025-09-02", "--last-day", "2026-06-12", "--no-school",
          "2026-01-02..2025-12-22"], "ends before it starts"),
    ],
)
def test_year_add_refuses_bad_dates_plainly(cli, new_file, arguments, words):
    result = cli("--db", new_file, "year", "add", "2025-2026", *arguments, "--json")
    assert result.code == 1
    assert words in result.json["error"]
    assert words in result.stderr


def test_settings_list_shows_every_declared_setting(cli, data_file):
    from storage.settings import SETTINGS

    result = cli("--db", data_file.path, "settings", "list", "--json")
    assert result.code == 0
    assert [row["key"] for row in result.json] == [s.key for s in SETTINGS]
    assert all(row["label"] for row in result.json)


def test_settings_set_checks_the_value(cli, data_file):
    path = data_file.path
    data_file.close()
    assert cli("--db", path, "settings", "set", "minimum_enrolled_days", "15").code == 0
    assert cli("--db", path, "settings", "set", "in_school_suspension_counts_absent",
               "yes").code == 0
    values = {row["key"]: row["value"]
              for row in cli("--db", path, "settings", "list", "--json").json}
    assert values["minimum_enrolled_days"] == 15
    assert values["in_school_suspension_counts_absent"] is True
    bad_number = cli("--db", path, "settings", "set", "minimum_enrolled_days", "lots")
    assert bad_number.code == 1 and "takes a number" in bad_number.stderr
    unknown = cli("--db", path, "settings", "set", "colour", "blue", "--json")
    assert unknown.code == 1 and "no setting called" in unknown.json["error"]
    no_year = cli("--db", path, "settings", "set", "current_year", "1999-2000")
    assert no_year.code == 1 and "2025-2026" in no_year.stderr


def test_commands_on_a_missing_file_say_so_and_create_nothing(cli, tmp_path):
    path = tmp_path / "typo.sqlite"
    for command in (["summary"], ["students"], ["check"], ["settings", "list"],
                    ["year", "list"], ["year", "use", "x"]):
        result = cli("--db", path, *command, "--json")
        assert result.code == 1, command
        assert "no MentorDesk data file" in result.json["error"]
    assert not path.exists()


def test_a_spreadsheet_given_as_the_data_file_is_refused(cli, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Student ID,Name\n1,Ana\n")
    result = cli("--db", path, "summary")
    assert result.code == 1 and "File > Import" in result.stderr


def test_wrong_usage_exits_2(cli, demo_copy):
    assert cli("--db", demo_copy, "no-such-command").code == 2
    assert cli("--db", demo_copy, "year", "add", "2025-2026").code == 2
    result = cli("--db", demo_copy, "demo", "--students", "many", "--json")
    assert result.code == 2 and "error" in result.json


def test_json_output_is_exactly_one_document(demo_copy):
    result = run_main("--db", demo_copy, "summary", "--json")
    assert result.code == 0
    json.loads(result.stdout)  # no extra lines
    assert result.stdout.count("\n") == 1


def test_no_traceback_reaches_the_user_for_a_bad_file(tmp_path):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    result = run_main("--db", path, "summary")
    assert result.code == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stderr.strip()
