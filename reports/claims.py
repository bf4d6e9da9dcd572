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


def _percent(value: float | str | None) -> str:
    if isinstance(value, str):
        return value
    return "–" if value is None else f"{value * 100:.0f}%"


def _days(value: float | str | None, places: int = 1) -> str:
    if isinstance(value, str):
        return value
    return "–" if value is None else f"{value:,.{places}f}"


def _direction(mentees: float | None, similar: float | None, same: float) -> str | None:
    """"better", "worse" or "same" (None when one is missing)."""
    if mentees is None or similar is None:
        return None
    if abs(mentees - similar) < same:
        return "same"
    return "better" if mentees > similar else "worse"


def _sentence(what: str, mentees_text: str, similar_text: str, shown_mentees: Any,
              shown_similar: Any, way: str | None, words: dict[str, str]) -> str:
    """The claim in words: which way it points, or why it cannot be said."""
    if shown_mentees == COMPLEMENT_TEXT:
        return f"{what} is not shown: it would give away a hidden count."
    if mentees_text == "–":
        return f"{what}: no mentee has enough school days before and after to tell yet."
    if shown_similar == COMPLEMENT_TEXT:
        return (f"{words['alone']} Too few similar students could be compared over the same "
                "days to set beside it.")
    if similar_text == "–" or way is None:
        return f"{words['alone']} There are no similar students to compare with yet."
    return words[way]


def claims(figures, shown: Shown) -> list[Claim]:
    """The front page's effect figures, each beside similar students'."""
    similar = figures.comparison.never_matched
    mentees = figures.comparison.mentees
    found = []
    # Improved.
    share = shown.figure(("share_improved",), figures.share_improved)
    theirs = shown.figure(("compared_never_figures",), similar.share_improved)
    way = _direction(figures.share_improved, similar.share_improved, SAME_SHARE)
    ours_text, theirs_text = _percent(figures.share_improved), _percent(similar.share_improved)
    sentence = _sentence("The share of mentees who improved", ours_text, theirs_text, share,
                         theirs, way, {
        "alone": f"{ours_text} of mentees improved their attendance.",
        "better": f"{ours_text} of mentees improved their attendance, more than similar "
                  f"students without a mentor ({theirs_text}).",
        "same": f"{ours_text} of mentees improved their attendance; similar students without "
                f"a mentor did as well ({theirs_text}).",
        "worse": f"{ours_text} of mentees improved their attendance; similar students without "
                 f"a mentor did better ({theirs_text}).",
    })
    found.append(Claim("Share who improved their attendance", share, theirs, sentence,
                       "percent", way in ("same", "worse") and COMPLEMENT_TEXT not in
                       (share, theirs)))
    # Days gained per 100 days.
    ours = shown.figure(("days_gained",), figures.days_gained_per_100)
    theirs = shown.figure(("compared_never_figures",), similar.gained_per_100)
    way = _direction(figures.days_gained_per_100, similar.gained_per_100, SAME_PER_100)
    ours_text, theirs_text = (_days(figures.days_gained_per_100),
                              _days(similar.gained_per_100))
    net = figures.comparison.net
    tail = ""
    if way is not None and net is not None and net.low is not None \
            and not shown.hidden(("net",)):
        if net.clear:
            tail = (f" Beyond what similar students' change would have given them, mentees "
                    f"gained {_days(net.net, 0)} school days (range {_days(net.low, 0)} to "
                    f"{_days(net.high, 0)}).")
        else:
            tail = (f" Beyond similar students: {_days(net.net, 0)} days, in a range from "
                    f"{_days(net.low, 0)} to {_days(net.high, 0)}: too few students to tell "
                    "the difference.")
    sentence = _sentence("School days gained", ours_text, theirs_text, ours, theirs, way, {
        "alone": f"Mentees gained {ours_text} school days per 100 enrolled since matching.",
        "better": f"Mentees gained {ours_text} school days per 100 enrolled since matching; "
                  f"similar students gained fewer ({theirs_text}) over the same days.",
        "same": f"Mentees gained {ours_text} school days per 100 enrolled since matching; "
                f"similar students did as well ({theirs_text}) over the same days.",
        "worse": f"Mentees gained {ours_text} school days per 100 enrolled since matching; "
                 f"similar students did better ({theirs_text}) over the same days.",
    })
    if COMPLEMENT_TEXT not in (ours, theirs):
        sentence += tail
    found.append(Claim("School days gained per 100 days enrolled", ours, theirs, sentence,
                       "decimal", way in ("same", "worse") and COMPLEMENT_TEXT not in
                       (ours, theirs)))
    # Left chronic absence.
    ours = shown.figure(("mentees_left_share",), mentees.left_chronic_share)
    theirs = shown.figure(("compared_never_figures",), similar.left_chronic_share)
    way = _direction(mentees.left_chronic_share, similar.left_chronic_share, SAME_SHARE)
    ours_text, theirs_text = (_percent(mentees.left_chronic_share),
                              _percent(similar.left_chronic_share))
    lead = (f"{ours_text} of the judged mentees who were chronically absent when matched no "
            "longer are")
    sentence = _sentence("Leaving chronic absence", ours_text, theirs_text, ours, theirs, way, {
        "alone": f"{lead}.",
        "better": f"{lead}; fewer similar students left it ({theirs_text}).",
        "same": f"{lead}; similar students did as well ({theirs_text}).",
        "worse": f"{lead}; similar students did better ({theirs_text}).",
    })
    found.append(Claim("Share of the chronically absent who left it", ours, theirs, sentence,
                       "percent", way in ("same", "worse") and COMPLEMENT_TEXT not in
                       (ours, theirs)))
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
