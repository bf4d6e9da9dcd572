"""Mentees set beside similar students: the comparison group, its figures reweighted to the
mentees' tiers, and the school days mentees gained net of it, with a bootstrap range.

"Similar students" are the students never matched this year, each measured over the same
stretches as a mentee (:mod:`program.windows`), grouped by their attendance tier at the start
and reweighted to the mentees' mix of tiers. A comparison shows what happened alongside the
program, not what the program caused.

Net days gained: for each judged mentee, (their fall in absence rate - the fall of comparison
students of the same tier) x their days enrolled after, added up. Its range is a bootstrap:
mentees, and comparison students within each tier, are drawn again with replacement
``resamples`` times from a fixed seed (so the same file always gives the same range), and the
middle 95% of the results is the range. When the range holds zero, there are too few students
to tell the difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from program.attendance import TIERS, halves

CAUTION = "comparison, not proof of cause"
CHANGE_THRESHOLD = Fraction(1)  # days absent per 100 enrolled
CHRONIC = ("moderate", "severe")
RESAMPLES = 1000
SEED = 20_240_901
INTERVAL = 0.95


@dataclass(frozen=True)
class Stretch:
    """Days enrolled and absent over a stretch of time (one student, or pooled)."""

    days_enrolled: float
    days_absent: float

    @property
    def rate(self) -> float | None:
        """Days absent over days enrolled; None when no day was enrolled."""
        return self.days_absent / self.days_enrolled if self.days_enrolled else None

    @property
    def per_100(self) -> float | None:
        """Days absent per 100 enrolled days."""
        return None if self.rate is None else 100 * self.rate

    def __add__(self, other: Stretch) -> Stretch:
        return Stretch(self.days_enrolled + other.days_enrolled,
                       self.days_absent + other.days_absent)


NO_DAYS = Stretch(0, 0.0)


def _exact(value: float) -> Fraction:
    return Fraction(repr(float(value)))


def change_between(before: Stretch, after: Stretch) -> str | None:
    """Improved / worse when at least 1 fewer / more day absent per 100 enrolled days after
    than before (judged exactly); "same" otherwise; None when either has no day enrolled."""
    if not before.days_enrolled or not after.days_enrolled:
        return None
    parts = [halves(value) for value in (before.days_absent, before.days_enrolled,
                                         after.days_absent, after.days_enrolled)]
    if None not in parts:
        # Whole and half days: 100 x (ab/eb - aa/ea) against 1, in whole numbers.
        absent_before, enrolled_before, absent_after, enrolled_after = parts
        scaled = 100 * (absent_before * enrolled_after - absent_after * enrolled_before)
        if scaled >= enrolled_before * enrolled_after:
            return "improved"
        if scaled <= -enrolled_before * enrolled_after:
            return "worse"
        return "same"
    difference = 100 * (_exact(before.days_absent) / _exact(before.days_enrolled)
                        - _exact(after.days_absent) / _exact(after.days_enrolled))
    if difference >= CHANGE_THRESHOLD:
        return "improved"
    if difference <= -CHANGE_THRESHOLD:
        return "worse"
    return "same"


@dataclass(frozen=True)
class Measured:
    """One student judged over their stretches: enough days before and after."""

    student_id: int
    tier_at_start: str | None
    before: Stretch
    after: Stretch
    chronic_now: bool
    change: str | None = field(init=False)  # worked out once: tables ask for it many times
    days_gained: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "change", change_between(self.before, self.after))
        object.__setattr__(self, "days_gained", self.fall * self.after.days_enrolled)

    @property
    def fall(self) -> float:
        """Absence rate before minus after (positive: fewer days absent)."""
        return (self.before.rate or 0.0) - (self.after.rate or 0.0)

    @property
    def chronic_at_start(self) -> bool:
        return self.tier_at_start in CHRONIC


@dataclass(frozen=True)
class TierRow:
    """The students of one tier at the start, pooled."""

    tier: str
    students: int
    before: Stretch
    after: Stretch
    improved: int
    days_gained: float
    left_chronic: int

    @property
    def fall(self) -> float:
        """Days gained per day enrolled after (the pooled change of this tier)."""
        return self.days_gained / self.after.days_enrolled if self.after.days_enrolled else 0.0


def tier_rows(measured: Iterable[Measured]) -> tuple[TierRow, ...]:
    """Students pooled by their tier at the start (students without one are left out)."""
    pooled: dict[str, list] = {}
    for one in measured:
        if one.tier_at_start is None:
            continue
        row = pooled.setdefault(one.tier_at_start, [0, NO_DAYS, NO_DAYS, 0, 0.0, 0])
        row[0] += 1
        row[1] += one.before
        row[2] += one.after
        row[3] += one.change == "improved"
        row[4] += one.days_gained
        row[5] += one.chronic_at_start and not one.chronic_now
    return tuple(TierRow(tier, *pooled[tier]) for tier in TIERS if tier in pooled)


@dataclass(frozen=True)
class GroupFigures:
    """A group's figures; a comparison group's reweighted to the mentees' tiers at the start."""

    label: str
    students: int  # judged: enough days before and after
    before_rate: float | None
    after_rate: float | None
    share_improved: float | None
    gained_per_100: float | None  # days gained per 100 days enrolled after
    left_chronic_share: float | None  # of those chronically absent at the start
    by_tier: tuple[TierRow, ...]
    reweighted: bool = False
    missing_tiers: tuple[str, ...] = ()  # mentee tiers this group has no students in

    @property
    def change_per_100(self) -> float | None:
        """Fewer days absent per 100 enrolled after than before (negative: more)."""
        if self.before_rate is None or self.after_rate is None:
            return None
        return 100 * (self.before_rate - self.after_rate)


def mentee_figures(label: str, measured: Sequence[Measured]) -> GroupFigures:
    """The mentees' own figures, pooled (not reweighted)."""
    before = sum((m.before for m in measured), NO_DAYS)
    after = sum((m.after for m in measured), NO_DAYS)
    chronic = [m for m in measured if m.chronic_at_start]
    return GroupFigures(
        label, len(measured), before.rate, after.rate,
        sum(m.change == "improved" for m in measured) / len(measured) if measured else None,
        100 * sum(m.days_gained for m in measured) / after.days_enrolled
        if after.days_enrolled else None,
        sum(not m.chronic_now for m in chronic) / len(chronic) if chronic else None,
        tier_rows(measured))


def reweighted_figures(label: str, measured: Sequence[Measured],
                       mentees: Sequence[Measured]) -> GroupFigures:
    """A comparison group's figures, each tier weighted as the mentees' tiers are."""
    rows = tier_rows(measured)
    present = {row.tier: row for row in rows}
    mentee_rows = {row.tier: row for row in tier_rows(mentees)}
    usable = {tier: row for tier, row in mentee_rows.items() if tier in present}
    counted = sum(row.students for row in usable.values())
    days = sum(row.after.days_enrolled for row in usable.values())
    chronic_weights = {tier: row.students for tier, row in usable.items() if tier in CHRONIC}
    chronic_total = sum(chronic_weights.values())
    before_rate = after_rate = share = gained = left = None
    if counted:
        before_rate = sum(row.students * present[t].before.rate for t, row in usable.items())
        before_rate /= counted
        after_rate = sum(row.students * present[t].after.rate for t, row in usable.items())
        after_rate /= counted
        share = sum(row.students * present[t].improved / present[t].students
                    for t, row in usable.items()) / counted
    if days:
        gained = 100 * sum(row.after.days_enrolled * present[t].fall
                           for t, row in usable.items()) / days
    chronic_present = {t: w for t, w in chronic_weights.items()
                       if sum(1 for m in measured if m.tier_at_start == t)}
    if chronic_total and chronic_present:
        left = sum(w * present[t].left_chronic / present[t].students
                   for t, w in chronic_present.items()) / sum(chronic_present.values())
    missing = tuple(tier for tier in TIERS if tier in mentee_rows and tier not in present)
    return GroupFigures(label, len(measured), before_rate, after_rate, share, gained, left,
                        rows, True, missing)


@dataclass(frozen=True)
class NetGain:
    """School days mentees gained beyond what similar students' change would have given them."""

    mentees: int  # judged mentees in tiers the comparison group has
    days_gained: float  # their own days gained
    expected: float  # had each changed as comparison students of their tier did
    low: float | None  # the bootstrap range (None: too few students to draw one)
    high: float | None
    resamples: int = RESAMPLES
    seed: int = SEED

    @property
    def net(self) -> float:
        return self.days_gained - self.expected

    @property
    def per_mentee(self) -> float | None:
        return self.net / self.mentees if self.mentees else None

    @property
    def clear(self) -> bool:
        """The range lies wholly above or below zero: the difference can be told."""
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


def net_gain(mentees: Sequence[Measured], comparison: Sequence[Measured], *,
             resamples: int = RESAMPLES, seed: int = SEED) -> NetGain | None:
    """Days gained net of the comparison group, with its bootstrap range; None without mentees
    in a tier the comparison group has."""
    by_tier: dict[str, list[Measured]] = {}
    for one in comparison:
        if one.tier_at_start is not None:
            by_tier.setdefault(one.tier_at_start, []).append(one)
    rows = {row.tier: row for row in tier_rows(comparison)}
    counted = [m for m in mentees if m.tier_at_start in rows]
    if not counted:
        return None
    gained = sum(m.days_gained for m in counted)
    expected = sum(rows[m.tier_at_start].fall * m.after.days_enrolled for m in counted)
    low = high = None
    if len(counted) >= 2 and resamples > 0:
        low, high = _bootstrap(counted, by_tier, resamples, seed)
    return NetGain(len(counted), gained, expected, low, high, resamples, seed)


def _bootstrap(mentees: Sequence[Measured], by_tier: Mapping[str, Sequence[Measured]],
               resamples: int, seed: int) -> tuple[float, float]:
    """The middle ``INTERVAL`` of the net days gained over ``resamples`` redrawn groups.

    Random numbers come raw from one PCG64 stream (its output is fixed for a seed across numpy
    versions), drawn in a fixed order: each tier's comparison students, then the mentees.
    """
    import numpy as np  # heavy: loaded only for a report

    stream = np.random.PCG64(seed)
    tiers = [tier for tier in TIERS if tier in by_tier]
    falls = np.empty((resamples, len(tiers)))
    for column, tier in enumerate(tiers):
        students = by_tier[tier]
        gained = np.array([one.days_gained for one in students])
        days = np.array([float(one.after.days_enrolled) for one in students])
        picks = stream.random_raw((resamples, len(students))) % np.uint64(len(students))
        picks = picks.astype(np.intp)
        falls[:, column] = gained[picks].sum(axis=1) / days[picks].sum(axis=1)
    column_of = {tier: index for index, tier in enumerate(tiers)}
    gained = np.array([m.days_gained for m in mentees])
    days = np.array([float(m.after.days_enrolled) for m in mentees])
    tier_index = np.array([column_of[m.tier_at_start] for m in mentees], dtype=np.intp)
    picks = (stream.random_raw((resamples, len(mentees)))
             % np.uint64(len(mentees))).astype(np.intp)
    rows = np.arange(resamples)[:, None]
    nets = (gained[picks] - falls[rows, tier_index[picks]] * days[picks]).sum(axis=1)
    tail = 100 * (1 - INTERVAL) / 2
    low, high = np.percentile(nets, [tail, 100 - tail])
    return float(low), float(high)
