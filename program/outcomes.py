"""Outcomes for the end-of-year report: each mentee's attendance before and after their match,
days gained, tiers at the start and now, a comparison group, and the program's own figures.

The period is "the year so far" (``period_start`` None) or a date range ending on ``as_of``.

- Before = this year's enrolled days before the match started, when there are at least the
  minimum; otherwise last year's whole year when imported; otherwise "no baseline" (counted, but
  left out of before/after figures).
- After = from the start (or the period's start, if later) to the match's end or ``as_of``.
- Improved / worse: at least 1 fewer / more day absent per 100 enrolled days; else the same.
- Meetings held counts each meeting once (a lunch group of three mentees is one meeting);
  the per-mentee and per-match figures count each mentee's meetings.
- Days gained = the sum over mentees of (rate before - rate after) x days enrolled after.
- Comparison group: this year's students never matched, judged at the mentees' median match
  start, their tiers reweighted to the mentees' tiers at start; waitlisted nominees as a second
  group. A comparison, not proof of cause.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from program.attendance import TIERS, AttendanceRules, Ledger, tier_for
from program.cadence import CadenceRules, MatchMeetings, MatchRhythm, match_rhythm
from program.calendar import ONE_DAY, SchoolCalendar

CAUTION = "comparison, not proof of cause"
CHANGE_THRESHOLD = Fraction(1)  # days absent per 100 enrolled


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


@dataclass(frozen=True)
class Nomination:
    """A teacher's nomination of a student this year."""

    student_id: int
    status: str
    nominated_on: dt.date | None = None
    reasons: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Training:
    """A mentor training and who came."""

    training_id: int
    held_on: dt.date
    title: str
    kind: str = "other"
    required: bool = False
    attendee_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Referral:
    """A referral raised for a student."""

    student_id: int
    kind: str
    opened_on: dt.date
    status: str = "open"
    resolved_on: dt.date | None = None


@dataclass(frozen=True)
class OutcomeInputs:
    """Everything the outcomes are computed from, already loaded."""

    calendar: SchoolCalendar
    as_of: dt.date
    students: Mapping[int, Ledger]  # every student enrolled this year
    last_year: Mapping[int, Stretch] = field(default_factory=dict)  # whole last year, imported
    matches: Sequence[MatchMeetings] = ()
    nominations: Sequence[Nomination] = ()
    trainings: Sequence[Training] = ()
    referrals: Sequence[Referral] = ()
    roster_mentor_ids: frozenset[int] = frozenset()  # mentors marked active
    period_start: dt.date | None = None  # None: the year so far
    attendance_rules: AttendanceRules = AttendanceRules()
    cadence_rules: CadenceRules = CadenceRules()


@dataclass(frozen=True)
class MenteeOutcome:
    """One mentee: attendance before and after the match, and what changed."""

    student_id: int
    match_start: dt.date
    match_end: dt.date | None  # None: still matched
    held_meetings: int  # in the period
    served: bool  # at least one held meeting in the period
    baseline: str | None  # "this_year", "last_year" or None (no baseline)
    before: Stretch | None
    after: Stretch
    tier_at_start: str | None  # the tier of the baseline
    tier_now: str | None  # the year so far, as of the date
    change: str | None  # "improved", "same", "worse"; None without a baseline or days after
    days_gained: float | None  # (rate before - rate after) x days enrolled after
    gained_per_100: float | None  # (rate before - rate after) x 100

    @property
    def compared(self) -> bool:
        """Has both a baseline and days enrolled since the match began."""
        return self.change is not None


@dataclass(frozen=True)
class TierRow:
    """One tier at start: how many students, and their pooled rates before and after."""

    tier: str
    students: int
    before: Stretch
    after: Stretch


@dataclass(frozen=True)
class GroupFigures:
    """A group's rates before and after (for comparison groups: reweighted to the mentees'
    tiers at start)."""

    label: str
    students: int  # with a baseline and days enrolled after
    before_rate: float | None
    after_rate: float | None
    by_tier: tuple[TierRow, ...]
    reweighted: bool = False
    missing_tiers: tuple[str, ...] = ()  # mentee tiers this group has no students in

    @property
    def change_per_100(self) -> float | None:
        """Fewer days absent per 100 enrolled after than before (negative: more)."""
        if self.before_rate is None or self.after_rate is None:
            return None
        return 100 * (self.before_rate - self.after_rate)


@dataclass(frozen=True)
class Comparison:
    """Mentees against students never matched and against waitlisted nominees."""

    reference_date: dt.date | None  # the mentees' median match start
    mentees: GroupFigures
    never_matched: GroupFigures
    waitlisted: GroupFigures
    caution: str = CAUTION


@dataclass(frozen=True)
class TrainingFigures:
    """One training and how many mentors came."""

    training_id: int
    held_on: dt.date
    title: str
    kind: str
    required: bool
    attended: int
    roster_attended: int  # of the mentors marked active


@dataclass(frozen=True)
class ReferralFigures:
    """Referrals of one kind opened in the period."""

    kind: str
    opened: int
    resolved: int
    still_open: int


@dataclass(frozen=True)
class ProgramFigures:
    """The program's own numbers for the period."""

    nominated: int
    nominated_by_status: dict[str, int]
    nominated_by_reason: dict[str, int]
    matched: int  # students with a match in the period
    served: int  # ... with at least one held meeting in the period
    never_matched: int  # nominated students never matched
    mentors_matched: int  # mentors with a match in the period
    mentors_on_roster: int
    matches: int
    median_match_days: float | None  # calendar days, start to end (or the as-of date)
    median_match_school_days: float | None
    closed_early: int
    closed_early_by_reason: dict[str, int]
    held_meetings: int  # each match's held meetings added up: a group meeting once per mentee
    distinct_meetings_held: int  # meetings that took place: a group meeting once
    held_per_match_per_month: float | None
    matches_judged: int  # matches that ran at least a month's worth of school days
    matches_meeting_target: int  # ... averaging at least the target a month
    full_months: int
    full_months_on_target: int
    trainings: tuple[TrainingFigures, ...]
    mentors_trained: int  # mentors on the roster at one training or more
    referrals: tuple[ReferralFigures, ...]

    @property
    def share_meeting_target(self) -> float | None:
        return self.matches_meeting_target / self.matches_judged if self.matches_judged else None

    @property
    def share_of_months_on_target(self) -> float | None:
        return self.full_months_on_target / self.full_months if self.full_months else None


@dataclass(frozen=True)
class ProgramOutcomes:
    """Everything the end-of-year report says about outcomes."""

    period_start: dt.date
    as_of: dt.date
    mentees: tuple[MenteeOutcome, ...]  # by student id
    before: Stretch  # pooled over compared mentees
    after: Stretch
    improved: int
    same: int
    worse: int
    no_baseline: int
    too_early: int  # a baseline, but no day enrolled since the match began
    days_gained: float
    tiers_at_start: dict[str | None, int]  # None: no baseline (or too few days)
    tiers_now: dict[str | None, int]
    comparison: Comparison
    figures: ProgramFigures
    rhythms: tuple[MatchRhythm, ...]  # each match of the period, within the period

    @property
    def days_gained_per_100(self) -> float | None:
        """Days gained per 100 days enrolled after the matches began."""
        enrolled = self.after.days_enrolled
        return 100 * self.days_gained / enrolled if enrolled else None

    @property
    def chronic_at_start(self) -> int:
        return self.tiers_at_start["moderate"] + self.tiers_at_start["severe"]

    @property
    def chronic_now(self) -> int:
        return self.tiers_now["moderate"] + self.tiers_now["severe"]


def _stretch(totals: tuple[float, float]) -> Stretch:
    return Stretch(totals[0], totals[1])


def _baseline(ledger: Ledger, last_year: Stretch | None, calendar: SchoolCalendar,
              before: dt.date, minimum: int) -> tuple[str | None, Stretch | None]:
    """This year's days before ``before`` when enough, else last year's whole year, else none."""
    this_year = _stretch(ledger.totals(calendar.first_day, before - ONE_DAY))
    if this_year.days_enrolled >= minimum:
        return "this_year", this_year
    if last_year is not None and last_year.days_enrolled >= minimum:
        return "last_year", last_year
    return None, None


def _exact(value: float) -> Fraction:
    return Fraction(repr(float(value)))


def change_between(before: Stretch, after: Stretch) -> str | None:
    """Improved / worse when at least 1 fewer / more day absent per 100 enrolled days after
    than before (judged exactly); "same" otherwise; None when either has no day enrolled."""
    if not before.days_enrolled or not after.days_enrolled:
        return None
    difference = 100 * (_exact(before.days_absent) / _exact(before.days_enrolled)
                        - _exact(after.days_absent) / _exact(after.days_enrolled))
    if difference >= CHANGE_THRESHOLD:
        return "improved"
    if difference <= -CHANGE_THRESHOLD:
        return "worse"
    return "same"


def program_outcomes(inputs: OutcomeInputs) -> ProgramOutcomes:
    """The report's outcomes for the period ending on ``inputs.as_of``."""
    calendar = inputs.calendar
    end = min(inputs.as_of, calendar.last_day)
    start = max(inputs.period_start or calendar.first_day, calendar.first_day)
    minimum = inputs.attendance_rules.minimum_enrolled_days
    in_period = [m for m in inputs.matches
                 if m.started_on <= end and (m.ended_on is None or m.ended_on >= start)]
    rhythms = [match_rhythm(replace(m, started_on=max(m.started_on, start)), calendar, end,
                            inputs.cadence_rules) for m in in_period]
    mentees = _mentee_outcomes(inputs, in_period, rhythms, start, end, minimum)
    compared = [m for m in mentees if m.compared]
    before = sum((m.before for m in compared), NO_DAYS)
    after = sum((m.after for m in compared), NO_DAYS)
    ever_matched = {m.student_id for m in inputs.matches if m.started_on <= end}
    return ProgramOutcomes(
        period_start=start,
        as_of=end,
        mentees=tuple(mentees),
        before=before,
        after=after,
        improved=sum(1 for m in compared if m.change == "improved"),
        same=sum(1 for m in compared if m.change == "same"),
        worse=sum(1 for m in compared if m.change == "worse"),
        no_baseline=sum(1 for m in mentees if m.baseline is None),
        too_early=sum(1 for m in mentees if m.baseline is not None and not m.compared),
        days_gained=sum(m.days_gained for m in compared),
        tiers_at_start=_count_tiers(m.tier_at_start for m in mentees),
        tiers_now=_count_tiers(m.tier_now for m in mentees),
        comparison=_comparison(inputs, mentees, ever_matched, start, end, minimum),
        figures=_figures(inputs, in_period, rhythms, mentees, ever_matched, start, end),
        rhythms=tuple(rhythms),
    )


def _count_tiers(tiers: Iterable[str | None]) -> dict[str | None, int]:
    counts: dict[str | None, int] = dict.fromkeys((*TIERS, None), 0)
    for tier in tiers:
        counts[tier] += 1
    return counts


def _mentee_outcomes(inputs: OutcomeInputs, in_period: list[MatchMeetings],
                     rhythms: list[MatchRhythm], start: dt.date, end: dt.date,
                     minimum: int) -> list[MenteeOutcome]:
    calendar = inputs.calendar
    by_student: dict[int, list[tuple[MatchMeetings, MatchRhythm]]] = {}
    for match, rhythm in zip(in_period, rhythms, strict=True):
        by_student.setdefault(match.student_id, []).append((match, rhythm))
    outcomes = []
    for student_id, pairs in sorted(by_student.items()):
        began = min(match.started_on for match, _ in pairs)
        still_open = any(match.ended_on is None or match.ended_on > end for match, _ in pairs)
        ended = None if still_open else max(match.ended_on for match, _ in pairs)
        held = sum(rhythm.held for _, rhythm in pairs)
        ledger = inputs.students.get(student_id, Ledger())
        baseline, before = _baseline(ledger, inputs.last_year.get(student_id), calendar, began,
                                     minimum)
        after = _stretch(ledger.totals(max(began, start), min(ended or end, end)))
        now = _stretch(ledger.totals(calendar.first_day, end))
        change = change_between(before, after) if before is not None else None
        gained = per_100 = None
        if change is not None:
            difference = before.rate - after.rate
            gained, per_100 = difference * after.days_enrolled, 100 * difference
        outcomes.append(MenteeOutcome(
            student_id=student_id,
            match_start=began,
            match_end=ended,
            held_meetings=held,
            served=held > 0,
            baseline=baseline,
            before=before,
            after=after,
            tier_at_start=tier_for(before.days_absent, before.days_enrolled, minimum)
            if before is not None else None,
            tier_now=tier_for(now.days_absent, now.days_enrolled, minimum),
            change=change,
            days_gained=gained,
            gained_per_100=per_100,
        ))
    return outcomes


def _comparison(inputs: OutcomeInputs, mentees: list[MenteeOutcome], ever_matched: set[int],
                start: dt.date, end: dt.date, minimum: int) -> Comparison:
    compared = [m for m in mentees if m.compared]
    mentee_rows = _tier_rows((m.tier_at_start, m.before, m.after) for m in compared)
    mentee_group = GroupFigures("Mentees", len(compared), _pooled(compared, "before"),
                                _pooled(compared, "after"), mentee_rows)
    if not mentees:
        empty_never = GroupFigures("Never matched", 0, None, None, (), True)
        empty_wait = GroupFigures("Waitlisted", 0, None, None, (), True)
        return Comparison(None, mentee_group, empty_never, empty_wait)
    reference = dt.date.fromordinal(
        statistics.median_low(m.match_start.toordinal() for m in mentees))
    never = [sid for sid in inputs.students if sid not in ever_matched]
    waitlisted = sorted({n.student_id for n in inputs.nominations
                         if n.status == "waitlisted" and n.student_id not in ever_matched
                         and n.student_id in inputs.students})
    weights = {row.tier: row.students for row in mentee_rows}
    return Comparison(
        reference,
        mentee_group,
        _group("Never matched", never, inputs, reference, start, end, minimum, weights),
        _group("Waitlisted", waitlisted, inputs, reference, start, end, minimum, weights),
    )


def _pooled(mentees: list[MenteeOutcome], which: str) -> float | None:
    return sum((getattr(m, which) for m in mentees), NO_DAYS).rate


def _tier_rows(entries: Iterable[tuple[str | None, Stretch, Stretch]]) -> tuple[TierRow, ...]:
    pooled: dict[str, list] = {}
    for tier, before, after in entries:
        if tier is None:
            continue
        row = pooled.setdefault(tier, [0, NO_DAYS, NO_DAYS])
        row[0] += 1
        row[1] += before
        row[2] += after
    return tuple(TierRow(tier, *pooled[tier]) for tier in TIERS if tier in pooled)


def _group(label: str, student_ids: Iterable[int], inputs: OutcomeInputs, reference: dt.date,
           start: dt.date, end: dt.date, minimum: int,
           mentee_weights: dict[str, int]) -> GroupFigures:
    """A comparison group judged at ``reference``: tier from its baseline, rates before and
    after, each tier's pooled rates reweighted to the mentees' mix of tiers at start."""
    calendar = inputs.calendar
    entries = []
    for student_id in student_ids:
        ledger = inputs.students[student_id]
        _, before = _baseline(ledger, inputs.last_year.get(student_id), calendar, reference,
                              minimum)
        if before is None:
            continue
        after = _stretch(ledger.totals(max(reference, start), end))
        if not after.days_enrolled:
            continue
        entries.append((tier_for(before.days_absent, before.days_enrolled, minimum),
                        before, after))
    rows = _tier_rows(entries)
    present = {row.tier: row for row in rows}
    usable = {tier: weight for tier, weight in mentee_weights.items()
              if weight and tier in present}
    total = sum(usable.values())
    before_rate = after_rate = None
    if total:
        before_rate = sum(w * present[t].before.rate for t, w in usable.items()) / total
        after_rate = sum(w * present[t].after.rate for t, w in usable.items()) / total
    missing = tuple(tier for tier in TIERS if mentee_weights.get(tier) and tier not in present)
    return GroupFigures(label, len(entries), before_rate, after_rate, rows, True, missing)


def _figures(inputs: OutcomeInputs, in_period: list[MatchMeetings], rhythms: list[MatchRhythm],
             mentees: list[MenteeOutcome], ever_matched: set[int], start: dt.date,
             end: dt.date) -> ProgramFigures:
    calendar = inputs.calendar
    whole_year = inputs.period_start is None

    def within(day: dt.date | None) -> bool:
        # Over the year so far, undated or pre-year records (a training before the first day)
        # belong to the year; a date range takes only what falls inside it.
        if day is None:
            return whole_year
        return day <= end and (whole_year or day >= start)

    nominations = [n for n in inputs.nominations if within(n.nominated_on)]
    nominated = {n.student_id for n in nominations}
    by_status: dict[str, int] = {}
    for student_id in nominated:
        # A student nominated twice counts once, under their latest nomination's status.
        latest = [n for n in nominations if n.student_id == student_id][-1]
        by_status[latest.status] = by_status.get(latest.status, 0) + 1
    by_reason: dict[str, int] = {}
    for reason in sorted({(n.student_id, r) for n in nominations for r in n.reasons}):
        by_reason[reason[1]] = by_reason.get(reason[1], 0) + 1

    lengths = [((min(m.ended_on or end, end) - m.started_on).days,
                calendar.count_between(m.started_on, min(m.ended_on or end, end)))
               for m in in_period]
    closed_early = [m for m in in_period if m.ended_on is not None and start <= m.ended_on <= end
                    and m.closure_reason != "planned_end"]
    early_reasons: dict[str, int] = {}
    for match in closed_early:
        reason = match.closure_reason or "other"
        early_reasons[reason] = early_reasons.get(reason, 0) + 1
    months = sum(r.months_matched for r in rhythms)
    held = sum(r.held for r in rhythms)
    distinct = set().union(*(m.held_meeting_keys(start, end) for m in in_period))
    judged = [r for r in rhythms if r.months_matched >= 1]
    target = inputs.cadence_rules.target_per_month

    trainings = tuple(
        TrainingFigures(t.training_id, t.held_on, t.title, t.kind, t.required,
                        len(t.attendee_ids), len(t.attendee_ids & inputs.roster_mentor_ids))
        for t in sorted(inputs.trainings, key=lambda t: (t.held_on, t.training_id))
        if within(t.held_on))
    trained = set().union(*(t.attendee_ids for t in inputs.trainings if within(t.held_on)))
    referrals = []
    opened = [r for r in inputs.referrals if within(r.opened_on)]
    for kind in sorted({r.kind for r in opened}):
        of_kind = [r for r in opened if r.kind == kind]
        resolved = sum(1 for r in of_kind if r.status == "resolved"
                       and (r.resolved_on is None or r.resolved_on <= end))
        referrals.append(ReferralFigures(kind, len(of_kind), resolved, len(of_kind) - resolved))

    return ProgramFigures(
        nominated=len(nominated),
        nominated_by_status=by_status,
        nominated_by_reason=by_reason,
        matched=len(mentees),
        served=sum(1 for m in mentees if m.served),
        never_matched=len(nominated - ever_matched),
        mentors_matched=len({m.mentor_id for m in in_period}),
        mentors_on_roster=len(inputs.roster_mentor_ids),
        matches=len(in_period),
        median_match_days=statistics.median(d for d, _ in lengths) if lengths else None,
        median_match_school_days=statistics.median(s for _, s in lengths) if lengths else None,
        closed_early=len(closed_early),
        closed_early_by_reason=early_reasons,
        held_meetings=held,
        distinct_meetings_held=len(distinct),
        held_per_match_per_month=held / months if months else None,
        matches_judged=len(judged),
        matches_meeting_target=sum(1 for r in judged if (r.held_per_month or 0) >= target),
        full_months=sum(r.full_months for r in rhythms),
        full_months_on_target=sum(r.full_months_on_target for r in rhythms),
        trainings=trainings,
        mentors_trained=len(trained & inputs.roster_mentor_ids),
        referrals=tuple(referrals),
    )
