"""`report --json` on the demo school: every field the issue lists is there, with its type."""

from __future__ import annotations

import datetime as dt
import numbers

import pytest

from reports.figures import TIERS
from tests.conftest import DEMO_TODAY

INTEGERS = ("students_nominated", "students_served", "mentors_active", "matches",
            "meetings_held", "mentee_meetings_held", "left_chronic")
NUMBERS = ("meetings_per_match_month_median", "absences_per_100_before",
           "absences_per_100_after", "days_gained")
SHARES = ("share_matches_on_target", "share_improved")


@pytest.fixture
def document(cli, demo_copy, tmp_path):
    """The program team's figures: every one shown, with its type."""
    result = cli("--db", demo_copy, "report", tmp_path / "report.xlsx", "--as-of",
                 DEMO_TODAY.isoformat(), "--team", "--json")
    assert result.code == 0, result.stderr
    return result.json


HIDDEN = ("fewer than 5", "not shown")


def test_the_administrators_json_has_the_same_fields_with_words_for_hidden_figures(
        cli, demo_copy, tmp_path, document):
    result = cli("--db", demo_copy, "report", tmp_path / "admin.xlsx", "--as-of",
                 DEMO_TODAY.isoformat(), "--json")
    admin = result.json
    assert set(document) - {"by_mentor"} == set(admin)
    for key in INTEGERS:
        assert admin[key] == document[key] or admin[key] in HIDDEN, key
    for row, full in zip(admin["by_grade"], document["by_grade"], strict=True):
        assert all(row[key] == full[key] or row[key] in HIDDEN for key in row), row


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def test_the_json_holds_every_listed_field_with_its_type(document):
    assert isinstance(document["year"], str) and document["year"] == "2026-2027"
    assert dt.date.fromisoformat(document["as_of"]) == DEMO_TODAY
    for key in INTEGERS:
        assert isinstance(document[key], int) and not isinstance(document[key], bool), key
        assert document[key] >= 0, key
    for key in NUMBERS:
        assert _is_number(document[key]), key
    for key in SHARES:
        assert _is_number(document[key]) and 0 <= document[key] <= 1, key
    for key in ("tiers_at_start", "tiers_now"):
        tiers = document[key]
        assert isinstance(tiers, dict) and list(tiers) == list(TIERS), key
        assert all(isinstance(count, int) and count >= 0 for count in tiers.values()), key
        assert sum(tiers.values()) <= document["students_matched"], key
    comparison = document["comparison"]
    assert isinstance(comparison, dict)
    assert comparison["label"] == "comparison, not proof of cause"
    assert isinstance(comparison["groups"], list) and comparison["groups"]
    assert all(isinstance(group["name"], str) and isinstance(group["students"], int)
               for group in comparison["groups"])
    by_grade = document["by_grade"]
    assert isinstance(by_grade, list) and by_grade
    for row in by_grade:
        assert isinstance(row, dict) and isinstance(row["grade"], str)
        assert _is_number(row["mentees"])


def test_the_demo_schools_figures_hang_together(document):
    # The demo holds lunch groups: fewer meetings took place than mentees attended.
    assert 0 < document["meetings_held"] < document["mentee_meetings_held"]
    assert document["students_served"] <= document["students_matched"] <= document["matches"]
    assert document["left_chronic"] <= sum(document["tiers_at_start"][tier]
                                           for tier in ("moderate", "severe"))
    assert sum(row["mentees"] for row in document["by_grade"]
               if isinstance(row["mentees"], int)) <= document["students_matched"]
