"""The district file: one school's program figures for one year, for the district's program
office (File > Save for the district…; ``report OUT.mentordesk-district --district``).

A JSON document of exact counts and sums, with the same keys as ``report --json``, the school's
name and its state or district ID, the year's name and dates, and the MentorDesk version. Not
one name, ID, note or row about any one student: only figures about the whole program (and
the survey's per-question totals), so that the roll-up can add schools together.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import sqlite_utils

from analysis.surveys import mentee_changes
from program.version import mentordesk_version
from reports.saving import write_atomically
from storage import clock, settings, years
from storage.errors import InvalidInput

FORMAT = "MentorDesk district file"
FORMAT_VERSION = 1
SUFFIX = ".mentordesk-district"
NOTICE = ("This file holds exact counts, small ones too. They are for the district's program "
          "office, not for publication: the district's roll-up hides the small ones again "
          "before anything is shared.")

# Figures of ``report --json`` that add up over schools: counts of students, mentors, matches
# and meetings, and the days gained.
COUNTS = (
    "students_enrolled", "students_nominated", "students_matched", "still_matched_at_end",
    "students_served", "never_matched", "waitlisted", "mentors_active", "screening_complete",
    "matched_with_mentor_not_cleared", "matches", "meetings_held", "mentee_meetings_held",
    "family_contacts", "absent_day_checkins", "meetings_attempted", "mentees_judged",
    "mentees_with_baseline", "mentees_without_baseline", "too_early_to_tell", "improved", "same",
    "worse", "chronic_at_start", "chronic_now", "left_chronic",
)
SUMS = ("days_gained",)
# Counts by group (tier, reason, why a match ended).
GROUPS = ("tiers_at_start", "tiers_now", "nominations_by_reason", "closed_early")
# What the rates are made of, so that the district's rates are the schools' days pooled,
# exactly as one school's are.
DAYS = ("days_enrolled_before", "days_absent_before", "days_enrolled_after", "days_absent_after")


def district_document(db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> dict[str, Any]:
    """The district file's document for one year, as of a day."""
    from analysis.report import load_report
    from reports.figures import TEAM, figures_from
    from reports.report_json import to_json

    school = settings.get(db, "school_name").strip()
    school_id = settings.get(db, "school_id").strip()
    if not school or not school_id:
        missing = " and ".join(words for words, value in (
            ("the school's name", school), ("its state or district school ID", school_id))
            if not value)
        raise InvalidInput(
            f"The district file needs {missing}, so that the district can tell the schools "
            "apart. Set it in the settings (headless: settings set school_name \"Lincoln "
            "Middle\"; settings set school_id 0123), then save again.")
    year = years.year_by_id(db, year_id)
    data = load_report(db, year_id, as_of=as_of)
    figures = figures_from(data, TEAM, school)
    report = to_json(figures)
    outcomes = data.outcomes
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "mentordesk_version": mentordesk_version(),
        "saved_at": clock.now().replace(microsecond=0).isoformat(),
        "notice": NOTICE,
        "school": {"name": school, "school_id": school_id},
        "year": {"name": year["name"], "first_day": year["first_day"],
                 "last_day": year["last_day"]},
        "as_of": report["as_of"],
        "figures": {},
    }
    figures_out = document["figures"]
    for key in COUNTS:
        if isinstance(report.get(key), (int, float)):
            figures_out[key] = int(report[key])
    for key in SUMS:
        figures_out[key] = round(float(report.get(key) or 0.0), 4)
    for key in GROUPS:
        figures_out[key] = {name: int(count) for name, count in report.get(key, {}).items()}
    figures_out["referrals"] = {line["kind"]: {"opened": line["opened"],
                                               "resolved": line["resolved"],
                                               "still_open": line["still_open"]}
                                for line in report.get("referrals", [])}
    for key, stretch, part in (("days_enrolled_before", outcomes.before, "days_enrolled"),
                               ("days_absent_before", outcomes.before, "days_absent"),
                               ("days_enrolled_after", outcomes.after, "days_enrolled"),
                               ("days_absent_after", outcomes.after, "days_absent")):
        figures_out[key] = round(float(getattr(stretch, part)), 4)
    document["survey_change"] = [
        {"question": change.text, "mentees": change.mentees,
         "total_start": change.total_start, "total_end": change.total_end,
         "higher": change.higher, "same": change.same, "lower": change.lower}
        for change in mentee_changes(db, year_id, mentees={mentee.student_id for mentee
                                                            in outcomes.mentees})]
    return document


def save_district_file(document: dict[str, Any], path: Path | str) -> Path:
    """Write the document (UTF-8 JSON), atomically."""
    path = Path(path).expanduser()
    if not path.name.endswith(SUFFIX):
        path = path.with_name(path.name + SUFFIX)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return write_atomically(path, lambda temporary: temporary.write_text(text + "\n",
                                                                         encoding="utf-8"))
