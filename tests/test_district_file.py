"""The district file (report OUT.mentordesk-district --district) and reading several back for
the roll-up: exact program figures, nothing about any one student, one year, one MentorDesk
version or older, each school once."""

from __future__ import annotations

import json
import random

import pytest

from reports.district import COUNTS, NOTICE
from reports.rollup import add_up, combine
from storage import meetings, settings
from storage.errors import InvalidInput
from tests.district_files import YEAR, district, school_document, write_school
from tests.survey_school import MATCHES, MENTORS, STUDENTS, small_school


def test_the_district_file_needs_the_schools_name_and_id(cli, data_file, tmp_path):
    small_school(data_file.db)
    data_file.close()
    refused = cli("--db", data_file.path, "report", tmp_path / "x.mentordesk-district",
                  "--district")
    assert refused.code == 1
    assert "the school's name and its state or district school ID" in refused.stderr
    assert "settings set school_id" in refused.stderr


def test_the_district_file_holds_figures_and_nothing_about_one_student(cli, data_file,
                                                                      tmp_path):
    school = small_school(data_file.db)
    meetings.add_meeting(data_file.db, school.mentor["rlopez@school.example"],
                         [school.match[("rlopez@school.example", "10001")]], "2025-10-06",
                         notes="Talked about her brother Zed.")
    settings.set_value(data_file.db, "school_name", "Lincoln Middle")
    settings.set_value(data_file.db, "school_id", "36-0042")
    data_file.close()
    out = tmp_path / "lincoln.mentordesk-district"
    result = cli("--db", data_file.path, "report", out, "--district", "--year", "2025-2026",
                 "--as-of", "2026-06-12")
    assert result.code == 0, result.stderr
    assert NOTICE in result.stdout
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["school"] == {"name": "Lincoln Middle", "school_id": "36-0042"}
    assert document["year"] == YEAR and document["as_of"] == "2026-06-12"
    assert document["mentordesk_version"]
    figures = document["figures"]
    assert figures["students_matched"] == len({local for _, local in MATCHES}) == 5
    assert figures["students_served"] == 1  # served: met their mentor at least once
    assert figures["matches"] == 5 and figures["meetings_held"] == 1
    assert {"students_served", "meetings_held", "improved", "same", "worse", "left_chronic",
            "mentees_with_baseline"} <= set(figures)
    text = out.read_text(encoding="utf-8")
    for local_id, first, last in STUDENTS:
        assert local_id not in text and first not in text and last not in text
    for email, _first, last in MENTORS:
        assert email not in text and last not in text
    assert "Zed" not in text and "brother" not in text


def test_the_roll_up_adds_the_schools_up(tmp_path):
    paths = district(tmp_path, seed=7, sizes=[12, 40, 3, 25])
    rollup = combine(paths)
    assert [school.name for school in rollup.schools] == ["School 1", "School 2", "School 3",
                                                          "School 4"]
    schools = [json.loads(path.read_text())["figures"] for path in paths]
    totals = rollup.totals
    for key in COUNTS:
        if key in schools[0]:
            assert totals[key] == sum(figures[key] for figures in schools), key
    assert totals["tiers_now"] == {tier: sum(f["tiers_now"][tier] for f in schools)
                                   for tier in schools[0]["tiers_now"]}
    enrolled = sum(f["days_enrolled_before"] for f in schools)
    absent = sum(f["days_absent_before"] for f in schools)
    assert totals["absence_rate_before"] == round(absent / enrolled, 4)
    assert totals["referrals"]["counselor"] == {"opened": 12, "resolved": 8, "still_open": 4}
    (question,) = rollup.survey_change
    assert question["mentees"] == sum(
        json.loads(path.read_text())["survey_change"][0]["mentees"] for path in paths)
    assert add_up([schools[0]])["improved"] == schools[0]["improved"]


def test_files_from_different_years_are_refused(tmp_path):
    rng = random.Random(1)
    first = write_school(tmp_path, school_document(rng, "Lincoln", "1", served=10))
    other_year = {"name": "2024-2025", "first_day": "2024-09-03", "last_day": "2025-06-13"}
    second = write_school(tmp_path, school_document(rng, "Adams", "2", served=10,
                                                    year=other_year))
    with pytest.raises(InvalidInput, match="from different school years: 2.mentordesk-district "
                                           "is for 2024-2025; 1.mentordesk-district is for "
                                           "2025-2026"):
        combine([first, second])


def test_a_file_from_a_newer_mentordesk_is_refused(tmp_path):
    rng = random.Random(2)
    newer = write_school(tmp_path, school_document(rng, "Lincoln", "1", served=10,
                                                   version="99.0.0"))
    with pytest.raises(InvalidInput, match="saved by a newer MentorDesk \\(version 99.0.0"):
        combine([newer])


def test_the_same_school_twice_is_named_and_counted_once(tmp_path):
    rng = random.Random(3)
    early = write_school(tmp_path, school_document(rng, "Lincoln", "36-1", served=10,
                                                   saved_at="2026-06-01T08:00:00"),
                         "lincoln june 1.mentordesk-district")
    late = write_school(tmp_path, school_document(rng, "Lincoln", "36-1", served=20,
                                                  saved_at="2026-06-14T08:00:00"),
                        "lincoln june 14.mentordesk-district")
    other = write_school(tmp_path, school_document(rng, "Adams", "36-2", served=8))
    rollup = combine([late, other, early])
    assert len(rollup.schools) == 2
    assert rollup.totals["students_matched"] == 28
    assert rollup.notes == ["Lincoln (school ID 36-1) was given twice, in lincoln june 1"
                            ".mentordesk-district and lincoln june 14.mentordesk-district: it is "
                            "counted once, from lincoln june 14.mentordesk-district (saved "
                            "later)."]


@pytest.mark.parametrize("content, why", [
    (b"PK\x03\x04 not json", "could not be read as one"),
    (b'{"format": "something else"}', "does not say it is one"),
    (json.dumps({"format": "MentorDesk district file", "format_version": 1,
                 "mentordesk_version": "0.0.1"}).encode(), "missing or damaged"),
])
def test_a_file_that_is_not_a_district_file_is_refused_plainly(tmp_path, content, why):
    path = tmp_path / "odd.mentordesk-district"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=why):
        combine([path])
