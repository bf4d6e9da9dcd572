"""What the front page may claim: each effect figure beside the same figure for similar
students, in words that say which way it points (and, when similar students did as well or
better, saying so). Shared by the PDF's summary page and the workbook's Summary sheet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.disclosure import Shown
from reports.suppression import COMPLEMENT_TEXT

# Differences smaller than these read as "about the same".
SAME_SHARE = 0.02  # two percentage points
SAME_PER_100 = 0.5  # half a day per 100 days enrolled


@dataclass(frozen=True)
class Claim:
    """One effect figure: the mentees', similar students', and a sentence."""

    label: str
    mentees: Any  # a value or the words that stand for it
    similar: Any
    sentence: str
    format: str = "percent"  # of the two values
    as_well_or_better: bool = False  # similar students did as well or better


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _days(value: float | None, places: int = 1) -> str:
    return "–" if value is None else f"{value:,.{places}f}"


def _direction(mentees: float | None, similar: float | None, same: float) -> str | None:
    """"better", "worse" or "same" (None when one is missing)."""
    if mentees is None or similar is None:
        return None
    if abs(mentees - similar) < same:
        return "same"
    return "better" if mentees > similar else "worse"


def claims(figures, shown: Shown) -> list[Claim]:
    """The front page's effect figures, each beside similar students'."""
    similar = figures.comparison.never_matched
    mentees = figures.comparison.mentees
    found = []
    # Improved.
    share = shown.figure(("compared_mentees",), figures.share_improved)
    theirs = shown.figure(("compared_never_figures",), similar.share_improved)
    hidden = COMPLEMENT_TEXT in (share, theirs)
    way = None if hidden else _direction(figures.share_improved, similar.share_improved,
                                         SAME_SHARE)
    sentence = {
        "better": f"{_percent(figures.share_improved)} of mentees improved their attendance, "
                  f"more than similar students without a mentor ({_percent(theirs)}).",
        "same": f"{_percent(figures.share_improved)} of mentees improved their attendance; "
                f"similar students without a mentor did as well ({_percent(theirs)}).",
        "worse": f"{_percent(figures.share_improved)} of mentees improved their attendance; "
                 f"similar students without a mentor did better ({_percent(theirs)}).",
    }.get(way, "The share of mentees who improved is not shown, or there is nothing to "
               "compare it with yet.")
    found.append(Claim("Share who improved their attendance", share, theirs, sentence,
                       "percent", way in ("same", "worse")))
    # Days gained per 100 days.
    ours = shown.figure(("days_gained",), figures.days_gained_per_100)
    theirs = shown.figure(("compared_never_figures",), similar.gained_per_100)
    hidden = COMPLEMENT_TEXT in (ours, theirs)
    way = None if hidden else _direction(figures.days_gained_per_100, similar.gained_per_100,
                                         SAME_PER_100)
    net = figures.comparison.net
    tail = ""
    if way is not None and net is not None and not shown.hidden(("net",)):
        if net.clear:
            tail = (f" Beyond what similar students' change would have given them, mentees "
                    f"gained {_days(net.net, 0)} school days (range {_days(net.low, 0)} to "
                    f"{_days(net.high, 0)}).")
        else:
            tail = (f" Beyond similar students: {_days(net.net, 0)} days, in a range from "
                    f"{_days(net.low, 0)} to {_days(net.high, 0)}: too few students to tell "
                    "the difference.")
    sentence = {
        "better": f"Mentees gained {_days(figures.days_gained_per_100)} school days per 100 "
                  f"enrolled since matching; similar students gained fewer "
                  f"({_days(similar.gained_per_100)}) over the same days.",
        "same": f"Mentees gained {_days(figures.days_gained_per_100)} school days per 100 "
                f"enrolled since matching; similar students did as well "
                f"({_days(similar.gained_per_100)}) over the same days.",
        "worse": f"Mentees gained {_days(figures.days_gained_per_100)} school days per 100 "
                 f"enrolled since matching; similar students did better "
                 f"({_days(similar.gained_per_100)}) over the same days.",
    }.get(way, "School days gained are not shown, or there is nothing to compare them with "
               "yet.") + tail
    found.append(Claim("School days gained per 100 days enrolled", ours, theirs, sentence,
                       "decimal", way in ("same", "worse")))
    # Left chronic absence.
    ours = shown.figure(("compared_mentees",), mentees.left_chronic_share)
    theirs = shown.figure(("compared_never_figures",), similar.left_chronic_share)
    hidden = COMPLEMENT_TEXT in (ours, theirs)
    way = None if hidden else _direction(mentees.left_chronic_share,
                                         similar.left_chronic_share, SAME_SHARE)
    sentence = {
        "better": f"{_percent(mentees.left_chronic_share)} of judged mentees who were "
                  "chronically absent when matched no longer are; fewer similar students "
                  f"left it ({_percent(similar.left_chronic_share)}).",
        "same": f"{_percent(mentees.left_chronic_share)} of judged mentees who were "
                "chronically absent when matched no longer are; similar students did as well "
                f"({_percent(similar.left_chronic_share)}).",
        "worse": f"{_percent(mentees.left_chronic_share)} of judged mentees who were "
                 "chronically absent when matched no longer are; similar students did better "
                 f"({_percent(similar.left_chronic_share)}).",
    }.get(way, "Leaving chronic absence is not shown, or there is nothing to compare it with "
               "yet.")
    found.append(Claim("Share of the chronically absent who left it", ours, theirs, sentence,
                       "percent", way in ("same", "worse")))
    return found


def verdict(found: list[Claim]) -> str:
    """One sentence on the comparison as a whole."""
    told = [claim for claim in found if claim.mentees != COMPLEMENT_TEXT]
    if told and all(claim.as_well_or_better for claim in told):
        return ("Similar students without a mentor did as well or better on every measure "
                "here: these figures do not show the program made a difference.")
    if any(claim.as_well_or_better for claim in told):
        return ("Similar students without a mentor did as well or better on some measures: "
                "see each line.")
    return ("A comparison shows what happened alongside the program, not what the program "
            "caused.")
