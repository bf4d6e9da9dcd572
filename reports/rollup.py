"""The district roll-up: several schools' district files read, checked and added together.

Files from different school years (by the year's name) or from a newer MentorDesk are refused
with a sentence; a school given twice (by its school ID) is named and counted once, from its
latest file. The totals have the same keys, and the same definitions, as ``report --json``:
counts and days are added, rates are the schools' days pooled.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from program.version import is_newer, mentordesk_version
from reports.district import COUNTS, DAYS, FORMAT, FORMAT_VERSION, GROUPS, SUFFIX, SUMS
from storage.errors import InvalidInput

LARGEST_FILE = 5 * 1024 * 1024  # a school's figures are a few kilobytes


@dataclass(frozen=True)
class SchoolFigures:
    """One school's district file, read and checked."""

    path: Path
    name: str
    school_id: str
    year: dict[str, str]
    as_of: str
    saved_at: str
    version: str
    figures: dict[str, Any]
    survey_change: list[dict[str, Any]]


@dataclass
class RollUp:
    """The schools counted, what was said about the files, and the district's totals."""

    year: dict[str, str]
    schools: list[SchoolFigures]
    notes: list[str] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, Any]:
        return add_up([school.figures for school in self.schools])

    @property
    def survey_change(self) -> list[dict[str, Any]]:
        return add_up_survey([school.survey_change for school in self.schools])


def _refuse(path: Path, why: str) -> InvalidInput:
    return InvalidInput(f"{path.name} is not a MentorDesk district file ({why}). Ask the school "
                        "to save it again with File > Save for the district… and send that "
                        "file.")


def read_school(path: Path | str) -> SchoolFigures:
    """One district file, or a refusal naming the file and what to do."""
    path = Path(path).expanduser()
    try:
        if path.stat().st_size > LARGEST_FILE:
            raise _refuse(path, "it is far too large for one")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {path}. Check the name and the folder.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder. Choose the district files inside it.") from None
    except OSError as error:
        raise InvalidInput(f"MentorDesk could not read {path.name} ({error.strerror}). Check "
                           "that you may read it, and try again.") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _refuse(path, "it could not be read as one") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refuse(path, "it does not say it is one")
    version = str(document.get("mentordesk_version", ""))
    format_version = document.get("format_version")
    if not isinstance(format_version, int) or format_version > FORMAT_VERSION or \
            is_newer(version):
        raise InvalidInput(
            f"{path.name} was saved by a newer MentorDesk (version {version or 'unknown'}; this "
            f"one is {mentordesk_version()}). Install the latest MentorDesk to combine it, then "
            "make the roll-up again.")
    try:
        school, year = document["school"], document["year"]
        figures = document["figures"]
        checked = SchoolFigures(
            path=path, name=_text(school["name"]), school_id=_text(school["school_id"]),
            year={key: _text(year[key]) for key in ("name", "first_day", "last_day")},
            as_of=_text(document["as_of"]), saved_at=_text(document.get("saved_at", "")),
            version=version, figures=_checked_figures(figures),
            survey_change=[_checked_question(item) for item in
                           document.get("survey_change", [])])
    except (KeyError, TypeError, ValueError):
        raise _refuse(path, "parts of it are missing or damaged") from None
    if not checked.school_id:
        raise _refuse(path, "it has no school ID")
    return checked


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("text expected")
    return value.strip()


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("a count is a whole number, 0 or more")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("a number expected")
    return float(value)


def _checked_figures(figures: dict[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for key in COUNTS:
        if key in figures:
            checked[key] = _count(figures[key])
    for key in (*SUMS, *DAYS):
        checked[key] = _number(figures.get(key, 0))
    for key in GROUPS:
        checked[key] = {_text(name): _count(count) for name, count in
                        figures.get(key, {}).items()}
    checked["referrals"] = {_text(kind): {part: _count(line[part]) for part in
                                          ("opened", "resolved", "still_open")}
                            for kind, line in figures.get("referrals", {}).items()}
    return checked


def _checked_question(item: dict[str, Any]) -> dict[str, Any]:
    return {"question": _text(item["question"]),
            **{key: _count(item[key]) for key in ("mentees", "total_start", "total_end",
                                                  "higher", "same", "lower")}}


def combine(paths: Sequence[Path | str]) -> RollUp:
    """Read the schools' files into one roll-up, or refuse in a sentence."""
    if not paths:
        raise InvalidInput(f"Name at least one district file (ending in {SUFFIX}).")
    read = [read_school(path) for path in paths]
    names = sorted({school.year["name"] for school in read})
    if len(names) > 1:
        by_year = "; ".join(
            f"{', '.join(s.path.name for s in read if s.year['name'] == name)} "
            f"{'is' if sum(s.year['name'] == name for s in read) == 1 else 'are'} for {name}"
            for name in names)
        raise InvalidInput(f"These files are from different school years: {by_year}. A roll-up "
                           "is for one school year: combine one year's files at a time.")
    notes: list[str] = []
    kept: dict[str, SchoolFigures] = {}
    for school in read:
        earlier = kept.get(school.school_id)
        if earlier is None:
            kept[school.school_id] = school
            continue
        later, other = (school, earlier) if (school.saved_at, school.as_of) >= \
            (earlier.saved_at, earlier.as_of) else (earlier, school)
        kept[school.school_id] = later
        notes.append(f"{later.name} (school ID {later.school_id}) was given twice, in "
                     f"{other.path.name} and {later.path.name}: it is counted once, from "
                     f"{later.path.name} (saved later).")
    schools = sorted(kept.values(), key=lambda s: (s.name.casefold(), s.school_id))
    return RollUp(year=read[0].year, schools=schools, notes=notes)


def add_up(all_figures: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The schools' figures added together, with the rates worked out from the pooled days
    (the same keys and definitions as one school's ``report --json``)."""
    totals: dict[str, Any] = {}
    for key in COUNTS:
        if any(key in figures for figures in all_figures):
            totals[key] = sum(figures.get(key, 0) for figures in all_figures)
    for key in (*SUMS, *DAYS):
        totals[key] = round(sum(figures.get(key, 0.0) for figures in all_figures), 4)
    for key in GROUPS:
        group: dict[str, int] = {}
        for figures in all_figures:
            for name, count in figures.get(key, {}).items():
                group[name] = group.get(name, 0) + count
        totals[key] = group
    referrals: dict[str, dict[str, int]] = {}
    for figures in all_figures:
        for kind, line in figures.get("referrals", {}).items():
            into = referrals.setdefault(kind, {"opened": 0, "resolved": 0, "still_open": 0})
            for part, count in line.items():
                into[part] += count
    totals["referrals"] = referrals
    totals.update(rates(totals))
    return totals


def rates(figures: dict[str, Any]) -> dict[str, float | None]:
    """The rates a report shows, from counts and pooled days."""
    def ratio(top: float, bottom: float, scale: float = 1.0) -> float | None:
        return round(scale * top / bottom, 4) if bottom else None

    judged = figures.get("mentees_with_baseline", 0)
    return {
        "absence_rate_before": ratio(figures["days_absent_before"],
                                     figures["days_enrolled_before"]),
        "absence_rate_after": ratio(figures["days_absent_after"], figures["days_enrolled_after"]),
        "absences_per_100_before": ratio(figures["days_absent_before"],
                                         figures["days_enrolled_before"], 100),
        "absences_per_100_after": ratio(figures["days_absent_after"],
                                        figures["days_enrolled_after"], 100),
        "share_improved": ratio(figures.get("improved", 0), judged),
        "days_gained_per_100": ratio(figures.get("days_gained", 0.0),
                                     figures["days_enrolled_after"], 100),
    }


def add_up_survey(all_changes: Sequence[Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each survey question over the schools (a question is known by its words)."""
    merged: dict[str, dict[str, Any]] = {}
    for changes in all_changes:
        for item in changes:
            words = " ".join(re.sub(r"[^0-9a-z]+", " ", item["question"].lower()).split())
            into = merged.setdefault(words, {
                "question": item["question"], "mentees": 0, "total_start": 0, "total_end": 0,
                "higher": 0, "same": 0, "lower": 0})
            for key in ("mentees", "total_start", "total_end", "higher", "same", "lower"):
                into[key] += item[key]
    return list(merged.values())
