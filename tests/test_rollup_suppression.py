"""The district roll-up as published: the totals are the schools added up, and issue 12's
attacker, reading the saved workbook back, works out no school's small count, from the totals
or from anything else shown."""

from __future__ import annotations

import json
import random

import pytest
from openpyxl import load_workbook

from reports.rollup import combine
from reports.rollup_model import DISTRICT, ROW_COUNTS, ROW_FIGURES, SURVEY_COUNTS, publish
from reports.rollup_outputs import save_rollup
from reports.suppression import COMPLEMENT_TEXT, SMALL_TEXT
from tests.district_files import district, school_document, write_school
from tests.suppression_attacker import Reading, attack

FIRST_ROW = 5  # add_table_sheet's header is on row 4
COUNT_COLUMNS = {key: 5 + n for n, (key, _, _) in enumerate(ROW_COUNTS)}  # 1-based
SHARE_COLUMN = 5 + len(ROW_COUNTS) + [key for key, *_ in ROW_FIGURES].index("share_improved")


def _read_back(path, rollup) -> Reading:
    """What a reader of the saved workbook sees, and the facts they know."""
    book = load_workbook(path)
    schools = book["Schools"]
    reading = Reading()
    places = [school.school_id for school in rollup.schools] + [DISTRICT]
    for offset, place in enumerate(places):
        row = FIRST_ROW + offset
        name = schools.cell(row=row, column=1).value
        assert name == (rollup.schools[offset].name if place != DISTRICT else "District total")
        for key, column in COUNT_COLUMNS.items():
            reading.see((place, key), schools.cell(row=row, column=column).value)
        reading.listed_sizes.add((place, "matched"))
        reading.total((place, "judged"), [(place, k) for k in ("improved", "same", "worse")])
        for part in ("served", "judged", "chronic_start"):
            reading.bound((place, part), (place, "matched"))
        reading.bound((place, "left_chronic"), (place, "chronic_start"))
        _read_share(reading, place, schools.cell(row=row, column=SHARE_COLUMN).value)
    for key in COUNT_COLUMNS:
        reading.total((DISTRICT, key), [(place, key) for place in places[:-1]])
    survey = book["Survey"]
    for number in range(len(rollup.survey_change)):
        row = FIRST_ROW + number
        place = f"survey {number}"
        for key, column in zip(SURVEY_COUNTS, (2, 6, 7, 8), strict=True):
            reading.see((place, key), survey.cell(row=row, column=column).value)
        reading.total((place, "mentees"), [(place, k) for k in ("higher", "same", "lower")])
    return reading


def _read_share(reading: Reading, place, share) -> None:
    """The share improved as printed: beside the mentees judged it gives away how many
    improved (the workbook holds it to four decimal places, so k = share x judged)."""
    if not isinstance(share, (int, float)):
        return
    judged = reading.shown[(place, "judged")]
    assert isinstance(judged, int), (
        f"{place}: a share improved is printed beside a hidden count of mentees judged")
    improved = round(share * judged)
    reading.floors[(place, "improved")] = max(reading.floors.get((place, "improved"), 0),
                                              improved)
    assert reading.shown[(place, "improved")] == improved, (
        f"{place}: the share improved gives away a hidden count of mentees who improved")


@pytest.mark.parametrize("seed", range(14))
def test_no_small_count_can_be_worked_out_from_the_published_roll_up(tmp_path, seed):
    rng = random.Random(seed)
    sizes = [rng.choice([rng.randint(1, 6), rng.randint(5, 14), rng.randint(10, 60)])
             for _ in range(rng.randint(2, 6))]
    rollup = combine(district(tmp_path, seed, sizes))
    published = publish(rollup)
    path = save_rollup(published, tmp_path / "district.xlsx")
    reading = _read_back(path, rollup)
    assert attack(reading) == []
    # A school's small count never appears: every count of 1 to 4 reads "fewer than 5", and
    # a school with fewer than 5 mentees shows no count at all.
    for school in rollup.schools:
        small_school = school.figures["students_matched"] < 5
        for key, report_key, _ in ROW_COUNTS:
            value = school.figures[report_key]
            printed = reading.shown[(school.school_id, key)]
            if small_school or 0 < value < 5:
                assert printed in (SMALL_TEXT, COMPLEMENT_TEXT), (school.name, key, printed)


def test_the_published_totals_are_the_schools_added_up(tmp_path):
    rng = random.Random(5)
    documents = []
    for number in range(4):
        document = school_document(rng, f"School {number + 1}", f"S{number + 1}", served=40)
        figures = document["figures"]
        # Every count well over the threshold, so nothing needs hiding.
        figures.update({"students_served": 40, "mentees_with_baseline": 36,
                        "mentees_judged": 36, "improved": 14 + number, "same": 12,
                        "worse": 10 - number, "chronic_at_start": 20, "left_chronic": 8})
        document["survey_change"] = [{"question": "I feel safe at this school.",
                                      "mentees": 30, "total_start": 70, "total_end": 80,
                                      "higher": 12, "same": 10, "lower": 8}]
        documents.append(document)
    paths = [write_school(tmp_path, document) for document in documents]
    published = publish(combine(paths))
    assert not published.any_hidden
    result = published.document()
    for key in ("students_matched", "students_served", "mentees_with_baseline", "improved",
                "same", "worse", "chronic_at_start", "left_chronic", "meetings_held",
                "students_nominated", "waitlisted", "mentors_active"):
        assert result[key] == sum(d["figures"][key] for d in documents), key
    assert result["schools"] == 4
    assert result["survey_change"][0]["mentees"] == 120
    assert result["survey_change"][0]["change"] == round((320 - 280) / 120, 2)
    assert [row["students_served"] for row in result["by_school"]] == [40] * 4


def test_rollup_command_writes_both_and_prints_the_report_keys(cli, tmp_path):
    paths = district(tmp_path, 3, [30, 2, 18, 25])
    result = cli("rollup", tmp_path / "district.pdf", *paths, "--json")
    assert result.code == 0, result.stderr
    document = result.json
    for key in ("students_served", "meetings_held", "improved", "schools"):
        assert key in document
    assert document["schools"] == 4
    assert (tmp_path / "district.pdf").read_bytes().startswith(b"%PDF")
    by_school = {row["school_id"]: row for row in document["by_school"]}
    small = json.loads(paths[1].read_text())["figures"]
    assert small["students_matched"] == 2
    assert by_school["3-002"]["students_matched"] == SMALL_TEXT
    words = cli("rollup", tmp_path / "district.xlsx", *paths)
    assert words.code == 0 and "Small counts are not shown" in words.stdout
    refused = cli("rollup", tmp_path / "district.csv", *paths)
    assert refused.code == 1 and ".xlsx" in refused.stderr
