"""Matching suggestions: which mentors suit a student, with the reasons in words, and the best
assignment of every waiting student at once ("Suggest all").

A mentor is suggested when active and with spare capacity. When the student's free times are
known, sharing at least one is a must; otherwise the mentor's own free times are used. Then the
score adds: a mentor the student had last year (relationships that last are the point), shared
free times, shared interests, and a lighter current load. A mentor whose screening is incomplete
or expired still appears, marked "not cleared".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from program.meeting_advice import MeetingAdvice
from program.vocabulary import WEEKDAYS, join_words, plural, slot_words

CONTINUITY_POINTS = 30.0
INTEREST_POINTS = 5.0  # per shared interest, up to MAX_COUNTED_INTERESTS
MAX_COUNTED_INTERESTS = 3
# Free times: one in common is what makes meeting possible; a few more make it easier.
FIRST_TIME_POINTS = 4.0
MORE_TIME_POINTS = 1.0  # per further time, up to MAX_MORE_TIMES
MAX_MORE_TIMES = 3
UNKNOWN_TIMES_FACTOR = 0.5  # the mentor's own free times count half when the student's are unknown
LOAD_POINTS = 2.0  # all of it for a mentor with no mentees yet

SLOT_ORDER = {"before_school": 0, "planning": 1, "lunch": 2, "after_school": 3}

Grid = frozenset[tuple[int, str]]


def tags(text: str | Iterable[str]) -> frozenset[str]:
    """Interests as tags: a comma list, trimmed and case-folded ("Soccer, art" -> soccer, art)."""
    parts = text.split(",") if isinstance(text, str) else text
    return frozenset(" ".join(part.split()).casefold() for part in parts if part.strip())


def _date_words(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def screening(background_check_on: dt.date | None, background_check_expires: dt.date | None,
              agreement_signed: bool, on: dt.date) -> tuple[bool, str]:
    """(cleared, why not in words): cleared needs a background check that has not expired by
    ``on`` (it is good through its expiry date) and a signed agreement."""
    problems = []
    if background_check_on is None:
        problems.append("no background check on file")
    elif background_check_expires is not None and background_check_expires < on:
        problems.append(f"background check expired {_date_words(background_check_expires)}")
    if not agreement_signed:
        problems.append("agreement not signed")
    return (not problems, join_words(problems))


@dataclass(frozen=True)
class MentorOption:
    """A mentor as matching sees them."""

    mentor_id: int
    name: str
    interests: frozenset[str] = frozenset()
    availability: Grid = frozenset()
    capacity: int = 2
    load: int = 0  # open matches now
    active: bool = True
    cleared: bool = True
    not_cleared_because: str = ""

    @property
    def spare(self) -> int:
        """How many more mentees this mentor can take."""
        return max(0, self.capacity - self.load)


@dataclass(frozen=True)
class MenteeNeeds:
    """A student waiting for a mentor, as matching sees them."""

    student_id: int
    name: str  # how the reasons name the student ("mentored Ana last year")
    interests: frozenset[str] = frozenset()
    availability: Grid = frozenset()
    last_year_mentor_ids: frozenset[int] = frozenset()
    # The suggested meeting day when absences cluster on a weekday (program.meeting_advice):
    # shared free times on that day are offered first as the usual time.
    advice: MeetingAdvice | None = None


@dataclass(frozen=True)
class Suggestion:
    """One mentor for one student, the score, and the reasons in words."""

    student_id: int
    mentor_id: int
    mentor_name: str
    score: float
    shared_times: tuple[tuple[int, str], ...]  # both free (or the mentor's, when unknown)
    times_known: bool  # the student's free times are known
    shared_interests: tuple[str, ...]
    continuity: bool
    load: int
    capacity: int
    cleared: bool
    reasons: tuple[str, ...]

    @property
    def reason_text(self) -> str:
        """"both free Tuesday lunch; both like soccer; mentored Ana last year"."""
        return "; ".join(self.reasons)


def _sorted_times(times: Iterable[tuple[int, str]],
                  first_day: int | None = None) -> tuple[tuple[int, str], ...]:
    """By weekday and slot; times on ``first_day`` (the advised meeting day) come first."""
    return tuple(sorted(times, key=lambda t: (t[0] != first_day, t[0],
                                              SLOT_ORDER.get(t[1], 9), t[1])))


def suggestion(mentee: MenteeNeeds, mentor: MentorOption) -> Suggestion | None:
    """The mentor as a suggestion for the student, or None when they cannot be matched
    (inactive, no spare capacity, or no free time in common when the student's are known)."""
    load = mentor.load
    if not mentor.active or load >= mentor.capacity:
        return None
    times_known = bool(mentee.availability)
    advised = mentee.advice.weekday if mentee.advice is not None else None
    if times_known:
        times = _sorted_times(mentee.availability & mentor.availability, advised)
        if not times:
            return None
        time_points = _time_points(len(times))
    else:
        times = _sorted_times(mentor.availability, advised)
        time_points = UNKNOWN_TIMES_FACTOR * _time_points(len(times))
    interests = tuple(sorted(mentee.interests & mentor.interests))
    continuity = mentor.mentor_id in mentee.last_year_mentor_ids
    score = (
        (CONTINUITY_POINTS if continuity else 0.0)
        + time_points
        + INTEREST_POINTS * min(len(interests), MAX_COUNTED_INTERESTS)
        + LOAD_POINTS * (mentor.capacity - load) / mentor.capacity
    )
    return Suggestion(
        student_id=mentee.student_id,
        mentor_id=mentor.mentor_id,
        mentor_name=mentor.name,
        score=round(score, 3),
        shared_times=times,
        times_known=times_known,
        shared_interests=interests,
        continuity=continuity,
        load=load,
        capacity=mentor.capacity,
        cleared=mentor.cleared,
        reasons=_reasons(mentee, mentor, times, times_known, interests, continuity, load),
    )


def _time_points(count: int) -> float:
    if count == 0:
        return 0.0
    return FIRST_TIME_POINTS + MORE_TIME_POINTS * min(count - 1, MAX_MORE_TIMES)


def _times_words(times: tuple[tuple[int, str], ...], lead: str | None = None) -> str:
    """"Monday and Friday lunch and Tuesday before school"; many times are summed up. The
    ``lead`` slot (the advised day's) is named first, so it is never the one summed up."""
    by_slot: dict[str, list[int]] = {}
    for weekday, slot in times:
        by_slot.setdefault(slot, []).append(weekday)
    ordered = sorted(by_slot.items(), key=lambda item: (item[0] != lead,
                                                        SLOT_ORDER.get(item[0], 9)))
    groups = [f"{join_words(WEEKDAYS[w] for w in weekdays)} {slot_words(slot).lower()}"
              for slot, weekdays in ordered]
    if len(groups) > 2:
        rest = sum(len(weekdays) for _, weekdays in ordered[2:])
        groups = [*groups[:2], f"{plural(rest, 'more time')}"]
    return ", ".join(groups)



def _reasons(mentee: MenteeNeeds, mentor: MentorOption, times: tuple[tuple[int, str], ...],
             times_known: bool, interests: tuple[str, ...], continuity: bool,
             load: int) -> tuple[str, ...]:
    reasons = []
    advised = mentee.advice is not None and bool(times) and times[0][0] == mentee.advice.weekday
    lead = times[0][1] if advised else None
    if continuity:
        reasons.append(f"mentored {mentee.name or 'this student'} last year")
    if times_known:
        reasons.append(f"both free {_times_words(times, lead)}")
    elif times:
        reasons.append(f"free {_times_words(times, lead)} (the student's free times are not "
                       "known yet)")
    else:
        reasons.append("free times not known yet for either")
    if interests:
        reasons.append(f"both like {join_words(interests)}")
    if advised:
        reasons.append(mentee.advice.words(mentee.name or "the student"))
    spare = mentor.capacity - load
    if load == 0:
        reasons.append("no mentees yet")
    else:
        mentees = "mentee" if load == 1 else "mentees"
        reasons.append(f"has {load} {mentees}, room for {spare} more")
    if not mentor.cleared:
        why = f": {mentor.not_cleared_because}" if mentor.not_cleared_because else ""
        reasons.append(f"not cleared{why}")
    return tuple(reasons)


def suggestions_for(mentee: MenteeNeeds, mentors: Iterable[MentorOption]) -> list[Suggestion]:
    """Every mentor who could take the student, best first (cleared mentors first on a tie)."""
    found = [s for s in (suggestion(mentee, mentor) for mentor in mentors) if s is not None]
    return sorted(found, key=lambda s: (-s.score, not s.cleared, s.mentor_name, s.mentor_id))


@dataclass(frozen=True)
class Assignment:
    """"Suggest all": a proposed mentor for as many waiting students as possible (nothing saved)."""

    pairs: tuple[Suggestion, ...]  # by student id
    unmatched: tuple[int, ...]  # student ids no mentor with room could take

    @property
    def total_score(self) -> float:
        return round(sum(pair.score for pair in self.pairs), 6)


def suggest_all(mentees: Sequence[MenteeNeeds], mentors: Sequence[MentorOption]) -> Assignment:
    """Assign waiting students to mentors within their spare capacity: first as many students
    as possible, then the highest total score. Optimal, never first-come.

    Each mentor stands in as many columns as they have spare places, and scipy's
    ``linear_sum_assignment`` finds the best assignment; a big bonus for every allowed pair
    makes the count come first. A pair's score does not depend on the other pairs.
    """
    from scipy.optimize import linear_sum_assignment  # heavy: load only when used

    columns = [mentor for mentor in mentors if mentor.active for _ in range(mentor.spare)]
    if not mentees or not columns:
        return Assignment((), tuple(sorted(m.student_id for m in mentees)))
    scored = [{mentor.mentor_id: suggestion(mentee, mentor) for mentor in mentors}
              for mentee in mentees]
    options = [[row[mentor.mentor_id] for mentor in columns] for row in scored]
    best = max((s.score for row in options for s in row if s is not None), default=0.0)
    # More than any difference the scores could make: one more student always wins.
    pairs_at_most = min(len(mentees), len(columns))
    bonus = (best + 1.0) * (pairs_at_most + 1)
    # Between equal totals, prefer cleared mentors: less than any score difference (scores are
    # rounded to thousandths), so it only breaks ties.
    cleared_nudge = 0.0005 / (pairs_at_most + 1)
    weights = [[0.0 if s is None else bonus + s.score + (cleared_nudge if s.cleared else 0.0)
                for s in row] for row in options]
    rows, cols = linear_sum_assignment(weights, maximize=True)
    pairs = sorted((options[r][c] for r, c in zip(rows, cols, strict=True)
                    if options[r][c] is not None), key=lambda s: s.student_id)
    placed = {pair.student_id for pair in pairs}
    return Assignment(tuple(pairs),
                      tuple(sorted(m.student_id for m in mentees if m.student_id not in placed)))
