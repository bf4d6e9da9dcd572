"""What the district roll-up publishes, as cells of issue 12's suppression engine: each school's
row and the district's totals in one :class:`reports.suppression.Disclosure`, tied by the facts
a reader knows (the totals are the schools added up; improved + same + worse = judged <=
matched; served <= matched; left chronic absence <= chronic at the start <= matched), so that no
school's small count appears and none can be worked out from the totals or the other schools.
A school with fewer than 5 mentees matched shows no count at all.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from reports.rollup import RollUp, add_up, rates
from reports.suppression import (
    COMPLEMENT_TEXT,
    COST_CELL,
    COST_HEADLINE,
    COST_TOTAL,
    SMALL_TEXT,
    Disclosure,
    Protection,
    protect,
)

DISTRICT = "district"
# The counts of students in each school's row, and in the district's: key, report key, words.
ROW_COUNTS = (
    ("matched", "students_matched", "Mentees matched"),
    ("served", "students_served", "Mentees served"),
    ("judged", "mentees_with_baseline", "Mentees judged"),
    ("improved", "improved", "Attendance improved"),
    ("same", "same", "About the same"),
    ("worse", "worse", "Worse"),
    ("chronic_start", "chronic_at_start", "Chronically absent at start"),
    ("left_chronic", "left_chronic", "Left chronic absence"),
)
# Counts of students shown for the district only (each school's stays in its own file).
DISTRICT_COUNTS = ("students_nominated", "still_matched_at_end", "never_matched",
                   "waitlisted", "chronic_now", "matches")
# Figures that are not counts of students, as the report's engine takes them (key, words,
# ratio_of, about): a share goes with the counts it divides (hidden with either, since k/n
# read beside n gives k away); every figure describes a group and goes when that group is small.
ROW_FIGURES = (
    ("meetings_held", "Meetings held", (), ("matched",)),
    ("absence_rate_before", "Absence rate before", (), ("judged",)),
    ("absence_rate_after", "Absence rate after", (), ("judged",)),
    ("share_improved", "Share improved", ("improved", "judged"), ("judged",)),
    ("days_gained", "Days gained", (), ("judged",)),
)
SURVEY_COUNTS = ("mentees", "higher", "same", "lower")


def cell(place: str, key: str) -> Hashable:
    """A count's cell: (a school's ID or "district", the count)."""
    return (place, key)


@dataclass(frozen=True)
class Published:
    """The roll-up as it may be published: the engine's decision and the figures."""

    rollup: RollUp
    protection: Protection
    totals: dict[str, Any]

    @property
    def any_hidden(self) -> bool:
        return self.protection.any_hidden

    def count(self, place: str, key: str) -> Any:
        """A count as printed: its value, "fewer than 5" or "not shown"."""
        return self.protection.show(cell(place, key))

    def figure(self, place: str, key: str, value: Any) -> Any:
        """A figure that is not a count, as printed."""
        return self.protection.show(cell(place, key), value)

    def school_row(self, school) -> dict[str, Any]:
        """One school's row as printed (report keys)."""
        place = school.school_id
        row: dict[str, Any] = {"school": school.name, "school_id": school.school_id,
                               "as_of": school.as_of,
                               "mentors_active": school.figures.get("mentors_active", 0)}
        for key, report_key, _ in ROW_COUNTS:
            row[report_key] = self.count(place, key)
        figures = {**school.figures, **rates(school.figures)}
        for key, *_ in ROW_FIGURES:
            row[key] = self.figure(place, key, figures.get(key))
        return row

    def district_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"school": "District total", "school_id": "",
                               "as_of": max((s.as_of for s in self.rollup.schools), default=""),
                               "mentors_active": self.totals.get("mentors_active", 0)}
        for key, report_key, _ in ROW_COUNTS:
            row[report_key] = self.count(DISTRICT, key)
        for key, *_ in ROW_FIGURES:
            row[key] = self.figure(DISTRICT, key, self.totals.get(key))
        return row

    def survey_rows(self) -> list[dict[str, Any]]:
        rows = []
        for number, item in enumerate(self.rollup.survey_change):
            place = f"survey {number}"
            mentees = item["mentees"]
            start = item["total_start"] / mentees if mentees else None
            end = item["total_end"] / mentees if mentees else None
            rows.append({
                "question": item["question"],
                "mentees": self.count(place, "mentees"),
                "average_start": self.figure(place, "averages",
                                             None if start is None else round(start, 2)),
                "average_end": self.figure(place, "averages",
                                           None if end is None else round(end, 2)),
                "change": self.figure(place, "averages",
                                      None if start is None else round(end - start, 2) + 0.0),
                "higher": self.count(place, "higher"), "same": self.count(place, "same"),
                "lower": self.count(place, "lower")})
        return rows

    def document(self) -> dict[str, Any]:
        """``rollup --json``: the district's figures with ``report --json``'s keys (hidden ones
        as the words the outputs print), plus ``schools`` (how many were counted)."""
        totals = self.totals
        district = self.district_row()
        document: dict[str, Any] = {
            "year": self.rollup.year["name"],
            "year_first_day": self.rollup.year["first_day"],
            "year_last_day": self.rollup.year["last_day"],
            "schools": len(self.rollup.schools),
            "students_enrolled": totals.get("students_enrolled", 0),
            "mentors_active": totals.get("mentors_active", 0),
            "screening_complete": totals.get("screening_complete", 0),
        }
        for _, report_key, _ in ROW_COUNTS:
            document[report_key] = district[report_key]
        document["mentees_judged"] = district["mentees_with_baseline"]
        for key in DISTRICT_COUNTS:
            if key in totals:
                document[key] = self.count(DISTRICT, key)
        for key, *_ in ROW_FIGURES:
            document[key] = district[key]
        for key in ("absences_per_100_before", "absences_per_100_after", "days_gained_per_100",
                    "mentee_meetings_held", "meetings_attempted"):
            document[key] = self.figure(DISTRICT, key, totals.get(key))
        document["school_list"] = [{"name": s.name, "school_id": s.school_id, "as_of": s.as_of,
                                    "file": s.path.name} for s in self.rollup.schools]
        document["by_school"] = [self.school_row(s) for s in self.rollup.schools]
        document["survey_change"] = self.survey_rows()
        document["notes"] = list(self.rollup.notes)
        document["hidden_words"] = {"small": SMALL_TEXT, "complement": COMPLEMENT_TEXT}
        return document


def model(rollup: RollUp) -> Disclosure:
    """Every count the roll-up publishes, and the facts between them."""
    d = Disclosure()
    totals = add_up([school.figures for school in rollup.schools])
    for key, report_key, _ in ROW_COUNTS:
        d.count(cell(DISTRICT, key), totals.get(report_key, 0), cost=COST_HEADLINE)
    for key in DISTRICT_COUNTS:
        if key in totals:
            d.count(cell(DISTRICT, key), totals[key], cost=COST_TOTAL)
    for school in rollup.schools:
        place = school.school_id
        matched = school.figures.get("students_matched", 0)
        for key, report_key, _ in ROW_COUNTS:
            d.count(cell(place, key), school.figures.get(report_key, 0), cost=COST_CELL,
                    at_least=1 if key == "matched" and matched else 0)
        _facts(d, place)
        if matched < d.threshold:
            # A small program: no count of it is published, nor any figure about it.
            d.small_group(cell(place, "matched"),
                          [cell(place, key) for key, _, _ in ROW_COUNTS]
                          + [cell(place, key) for key, *_ in ROW_FIGURES])
        _derived(d, place)
    _facts(d, DISTRICT)
    for key, _, _ in ROW_COUNTS:
        d.total(cell(DISTRICT, key), [cell(s.school_id, key) for s in rollup.schools])
    _derived(d, DISTRICT)
    for key in ("absences_per_100_before", "absences_per_100_after", "days_gained_per_100"):
        d.derived(cell(DISTRICT, key), about=[cell(DISTRICT, "judged")])
    for key in ("mentee_meetings_held", "meetings_attempted"):
        d.derived(cell(DISTRICT, key), about=[cell(DISTRICT, "matched")])
    for number, item in enumerate(rollup.survey_change):
        place = f"survey {number}"
        for key in SURVEY_COUNTS:
            d.count(cell(place, key), item[key], cost=COST_CELL)
        d.total(cell(place, "mentees"), [cell(place, key) for key in ("higher", "same", "lower")])
        # Averages of the answers: hidden with the mentees' count too (an average of whole
        # answers 1 to 4 narrows down how many gave it).
        d.derived(cell(place, "averages"), ratio_of=[cell(place, "mentees")],
                  about=[cell(place, "mentees")])
        if item["mentees"] < d.threshold:
            d.small_group(cell(place, "mentees"),
                          [cell(place, key) for key in SURVEY_COUNTS] + [cell(place, "averages")])
    return d


def _derived(d: Disclosure, place: str) -> None:
    """One row's figures that are not counts, tied to the counts they divide or describe."""
    for key, _, ratio_of, about in ROW_FIGURES:
        d.derived(cell(place, key), ratio_of=[cell(place, part) for part in ratio_of],
                  about=[cell(place, group) for group in about])


def _facts(d: Disclosure, place: str) -> None:
    """One row's facts: improved + same + worse = judged <= matched, and so on."""
    d.total(cell(place, "judged"), [cell(place, key) for key in ("improved", "same", "worse")])
    for part in ("served", "judged", "chronic_start"):
        d.at_most(cell(place, part), cell(place, "matched"))
    d.at_most(cell(place, "left_chronic"), cell(place, "chronic_start"))


def publish(rollup: RollUp) -> Published:
    """The roll-up with the privacy threshold applied again by issue 12's engine."""
    return Published(rollup, protect(model(rollup)), rollup.totals)
