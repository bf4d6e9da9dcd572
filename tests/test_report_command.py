"""report OUT.xlsx|OUT.pdf [--year NAME] [--as-of DATE] [--team] [--json]: the contract."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from tests.conftest import DEMO_TODAY, PROJECT
from tests.report_fixture import AS_OF, build_small_school
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen


@pytest.fixture
def school_file(data_file):
    build_small_school(data_file.db)
    return data_file.path


def test_json_holds_the_reports_figures_and_the_workbook_is_written(cli, school_file, tmp_path):
    out = tmp_path / "report.xlsx"
    result = cli("--db", school_file, "report", out, "--as-of", AS_OF, "--team", "--json")
    assert result.code == 0, result.stderr
    figures = result.json
    assert figures["year"] == "2025-2026" and figures["as_of"] == "2025-10-27"
    assert figures["students_served"] == 8 and figures["meetings_held"] == 14
    assert figures["mentee_meetings_held"] == 16
    assert figures["share_improved"] == round(5 / 8, 4)
    assert figures["days_gained"] == 10 and figures["left_chronic"] == 3
    assert figures["tiers_at_start"]["severe"] == 1
    assert figures["by_grade"][0]["mentees"] == 4
    assert figures["file"] == str(out)
    workbook = reopen(out)
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)


def test_the_administrators_json_prints_what_their_report_prints(cli, school_file, tmp_path):
    result = cli("--db", school_file, "report", tmp_path / "r.xlsx", "--as-of", AS_OF,
                 "--json")
    assert result.code == 0, result.stderr
    figures = result.json
    assert figures["level"] == "administrators"
    # Counts of 1 to 4 students are never printed; hiding them hides a few more.
    assert figures["left_chronic"] == figures["too_early_to_tell"] == "fewer than 5"
    assert figures["by_grade"][0]["mentees"] == "fewer than 5"
    assert figures["tiers_at_start"]["severe"] == "fewer than 5"
    assert "not shown" in {figures["students_matched"], figures["mentees_judged"]}
    assert figures["share_improved"] == "not shown"


def test_the_default_is_the_current_year_as_of_today_or_its_last_day(cli, school_file,
                                                                     tmp_path):
    result = cli("--db", school_file, "report", tmp_path / "r.xlsx", "--json")
    assert result.code == 0, result.stderr
    expected = min(DEMO_TODAY, dt.date(2026, 6, 12))
    assert result.json["as_of"] == expected.isoformat()
    assert result.json["year"] == "2025-2026"


def test_plain_sentences_without_json(cli, school_file, tmp_path):
    result = cli("--db", school_file, "report", tmp_path / "r.xlsx", "--as-of", AS_OF)
    assert result.code == 0
    assert "Saved the mentoring program report for 2025-2026" in result.stdout
    assert "Students served: 8. Meetings held: 14." in result.stdout
    assert "Mentees who left chronic absence: fewer than 5." in result.stdout
    assert "; data as of 27 October 2025." in result.stdout  # as the report writes dates


def test_the_sentences_set_the_share_improved_beside_similar_students(cli, school_file,
                                                                      tmp_path):
    result = cli("--db", school_file, "report", tmp_path / "r.xlsx", "--as-of", AS_OF,
                 "--team")
    assert result.code == 0, result.stderr
    figures = cli("--db", school_file, "report", tmp_path / "r.xlsx", "--as-of", AS_OF,
                  "--team", "--json").json
    ours = f"{figures['share_improved']:.0%}"
    similar = figures["comparison"]["groups"][0]
    theirs = f"{similar['share_improved']:.0%}"
    assert f"{ours} of mentees improved their attendance" in result.stdout
    assert f"({theirs})" in result.stdout  # beside similar students'


def test_the_team_level_adds_figures_by_mentor(cli, school_file, tmp_path):
    result = cli("--db", school_file, "report", tmp_path / "r.xlsx", "--as-of", AS_OF,
                 "--team", "--json")
    assert result.json["level"] == "team" and "by_mentor" in result.json
    assert "Students" in reopen(tmp_path / "r.xlsx").sheetnames


@pytest.mark.parametrize(("args", "words"), [
    (["report.docx"], "needs one of those endings"),
    (["report.xlsx", "--as-of", "2025-08-01", "--year", "2025-2026"], "nothing to report"),
    (["report.xlsx", "--year", "1999-2000"], 'There is no school year "1999-2000"'),
    (["report.xlsx", "--as-of", "yesterday"], "YYYY-MM-DD"),
])
def test_refusals_say_what_to_do_and_exit_1(cli, school_file, tmp_path, args, words):
    result = cli("--db", school_file, "report", tmp_path / args[0], *args[1:], "--json")
    assert result.code == 1
    assert words in result.json["error"] and words in result.stderr
    assert not (tmp_path / args[0]).exists()


def test_the_pdf_is_written_without_a_display(school_file, tmp_path):
    out = tmp_path / "report.pdf"
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    completed = subprocess.run(
        [sys.executable, str(PROJECT / "main.py"), "--db", str(school_file), "report", str(out),
         "--as-of", AS_OF.isoformat(), "--paper", "a4"],
        capture_output=True, text=True, timeout=180, cwd=PROJECT, env=environment)
    assert completed.returncode == 0, completed.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "Saved the mentoring program report" in completed.stdout
