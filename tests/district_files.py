"""Generated district files: schools of any size whose figures hang together as a real
school's do (improved + same + worse = mentees judged <= served; left chronic <= chronic at the
start), written as a school's MentorDesk writes them."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from program.version import mentordesk_version
from reports.district import FORMAT, FORMAT_VERSION, NOTICE

YEAR = {"name": "2025-2026", "first_day": "2025-09-02", "last_day": "2026-06-12"}
TIERS = ("satisfactory", "at-risk", "moderate", "severe")


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def school_document(rng: random.Random, name: str, school_id: str, *, served: int,
                    year: dict[str, str] | None = None, saved_at: str = "2026-06-15T08:00:00",
                    version: str | None = None) -> dict[str, Any]:
    """A school's district document with ``served`` mentees matched (a few of them may not
    have met their mentor yet) and figures that fit together."""
    judged = rng.randint(max(0, served - 3), served)
    improved, same, worse = _split(rng, judged, 3)
    chronic_at_start = rng.randint(0, served)
    left = rng.randint(0, chronic_at_start)
    chronic_now = chronic_at_start - left + rng.randint(0, served - chronic_at_start)
    enrolled_before = float(judged * rng.randint(40, 80))
    enrolled_after = float(judged * rng.randint(40, 80))
    figures = {
        "students_enrolled": served * 10 + rng.randint(0, 50),
        "students_nominated": served + rng.randint(0, 10),
        "students_matched": served, "still_matched_at_end": rng.randint(0, served),
        "students_served": served - rng.randint(0, min(2, served)),
        "never_matched": rng.randint(0, 10),
        "waitlisted": rng.randint(0, 5), "mentors_active": max(1, served // 2),
        "screening_complete": max(0, served // 2 - 1), "matches": served,
        "meetings_held": served * rng.randint(3, 12), "mentee_meetings_held": served * 8,
        "meetings_attempted": served * 9, "mentees_with_baseline": judged,
        "mentees_judged": judged, "too_early_to_tell": served - judged, "improved": improved,
        "same": same, "worse": worse, "chronic_at_start": chronic_at_start,
        "chronic_now": chronic_now, "left_chronic": left,
        "days_gained": round(rng.uniform(-5, 20), 4),
        "tiers_at_start": dict(zip(TIERS, _split(rng, served, 4), strict=True)),
        "tiers_now": dict(zip(TIERS, _split(rng, served, 4), strict=True)),
        "nominations_by_reason": {"attendance": rng.randint(0, served),
                                  "behavior": rng.randint(0, served)},
        "closed_early": {"student_moved": rng.randint(0, 2)},
        "referrals": {"counselor": {"opened": 3, "resolved": 2, "still_open": 1}},
        "days_enrolled_before": enrolled_before,
        "days_absent_before": round(enrolled_before * rng.uniform(0.05, 0.2), 1),
        "days_enrolled_after": enrolled_after,
        "days_absent_after": round(enrolled_after * rng.uniform(0.03, 0.18), 1),
    }
    both = rng.randint(0, served)
    higher, same_answer, lower = _split(rng, both, 3)
    survey = [{"question": "I feel like I belong at this school.", "mentees": both,
               "total_start": 2 * both, "total_end": 2 * both + higher - lower,
               "higher": higher, "same": same_answer, "lower": lower}]
    return {"format": FORMAT, "format_version": FORMAT_VERSION,
            "mentordesk_version": version or mentordesk_version(), "saved_at": saved_at,
            "notice": NOTICE, "school": {"name": name, "school_id": school_id},
            "year": dict(year or YEAR), "as_of": (year or YEAR)["last_day"],
            "figures": figures, "survey_change": survey}


def write_school(folder: Path, document: dict[str, Any], file_name: str | None = None) -> Path:
    path = folder / (file_name or f"{document['school']['school_id']}.mentordesk-district")
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def district(folder: Path, seed: int, sizes: list[int]) -> list[Path]:
    """Files for schools of the given sizes (mentees served)."""
    rng = random.Random(seed)
    return [write_school(folder, school_document(rng, f"School {n + 1}", f"{seed}-{n + 1:03d}",
                                                 served=size))
            for n, size in enumerate(sizes)]
