"""Outcomes for the program report: each mentee's attendance before and after their match,
what changed, days gained, tiers, the comparison with similar students, and the program's own
figures.

The period is "the year so far" (``period_start`` None) or a date range ending on ``as_of``.

- Before and after: see :mod:`program.windows` (this year before the match when at least 20
  school days were enrolled, else the same part of the previous year; 20 days before and 20
  after are needed to judge a change, the others are "too early to tell").
- Improved / worse: at least 1 fewer / more day absent per 100 enrolled days; else the same.
- Days gained = the sum over judged mentees of (rate before - rate after) x days enrolled after.
- Meetings: meetings *with the student* held (one-to-one, group, activity). Family contacts and
  check-ins on absent days are counted apart; an attempt when the student was absent is
  neither. A group meeting is one meeting held, and one for each mentee in it.
- The comparison: :mod:`program.comparison`. The Success Mentors figures:
  :mod:`program.success_mentors`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from program.attendance import TIERS, AttendanceRules, tier_for
from program.attendance_ledger import Totals
from program.cadence import CadenceRules, MatchMeetings, MatchRhythm, match_rhythm
from program.calendar import ONE_DAY, SchoolCalendar
from program.comparison import (
    CAUTION,
    RESAMPLES,
    SEED,
    GroupFigures,
    Measured,
    NetGain,
    Stretch,
    change_between,
    mentee_figures,
    net_gain,
    reweighted_figures,
)
from program.success_mentors import (
    ChronicMonth,
    DoseBand,
    LastYearMentees,
    chronic_share_by_month,
    dose_bands,
    last_year_mentees,
)
from program.windows import (
    Window,
    WindowRules,
    Windows,
    assign_windows,
    mentee_windows,
    same_part_of_previous_year,
)

__all__ = ["CAUTION", "Stretch", "change_between"]

CONTACT_KINDS = ("family_contact", "absent_day_checkin")
CHRONIC = ("moderate", "severe")
NOT_CHRONIC = ("satisfactory", "at-risk")


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
class Bootstrap:
    """How the range of net days gained is drawn: resamples and the fixed seed."""

    resamples: int = RESAMPLES
    seed: int = SEED


@dataclass(frozen=True)
class OutcomeInputs:
    """Everything the outcomes are computed from, already loaded."""

    calendar: SchoolCalendar
    as_of: dt.date
    students: Mapping[int, Totals]  # every student enrolled this year, up to as_of
    previous_calendar: SchoolCalendar | None = None
    previous: Mapping[int, Totals] = field(default_factory=dict)  # last year, whole
    previous_mentees: frozenset[int] = frozenset()  # students matched last year
    matches: Sequence[MatchMeetings] = ()
    nominations: Sequence[Nomination] = ()
    trainings: Sequence[Training] = ()
    referrals: Sequence[Referral] = ()
    roster_mentor_ids: frozenset[int] = frozenset()  # mentors in the program in the period
    period_start: dt.date | None = None  # None: the year so far
    attendance_rules: AttendanceRules = AttendanceRules()
    cadence_rules: CadenceRules = CadenceRules()
    window_rules: WindowRules = WindowRules()
    bootstrap: Bootstrap = Bootstrap()


@dataclass(frozen=True)
class MenteeOutcome:
    """One mentee: meetings, attendance before and after the match, and what changed."""

    student_id: int
    match_start: dt.date
    match_end: dt.date | None  # None: still matched
    meetings: int  # meetings with the student held in the period (a group one for each)
    contacts: int  # family contacts and check-ins on absent days held in the period
    attempts: int  # tried when the student was absent
    windows: Windows
    before: Stretch | None  # over windows.before (None: no stretch to compare with)
    after: Stretch
    tier_at_start: str | None  # the tier of ``before``
    tier_now: str | None  # the year so far, as of the date
    change: str | None  # "improved", "same", "worse"; None: too early to tell
    days_gained: float | None
    chronic_last_year: bool = False  # chronically absent over the previous year

    @property
    def served(self) -> bool:
        """Matched and met at least once in the period."""
        return self.meetings > 0

    @property
    def judged(self) -> bool:
        """Enough school days before and after for a change to be told."""
        return self.change is not None

    @property
    def baseline(self) -> str | None:
        """Where "before" comes from: "this_year", "last_year" or None."""
        if self.windows.before is None:
            return None
        return "last_year" if self.windows.before.previous_year else "this_year"

    def measured(self) -> Measured:
        """This mentee as the comparison measures everyone (judged mentees only)."""
        assert self.before is not None
        return Measured(self.student_id, self.tier_at_start, self.before, self.after,
                        self.tier_now in CHRONIC)


@dataclass(frozen=True)
class Comparison:
    """Mentees beside students never matched (similar students) and waitlisted nominees."""

    mentees: GroupFigures
    never_matched: GroupFigures
    waitlisted: GroupFigures
    net: NetGain | None  # days gained net of the never-matched students
    caution: str = CAUTION


@dataclass(frozen=True)
class PreviouslyChronic:
    """Mentees chronically absent last year against similar students who were too."""

    mentees: GroupFigures
    similar: GroupFigures
    net: NetGain | None


@dataclass(frozen=True)
class TrainingFigures:
    """One training and how many mentors came."""

    training_id: int
    held_on: dt.date
    title: str
    kind: str
    required: bool
    attended: int
    roster_attended: int  # of the mentors in the program


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
    served: int  # ... with at least one meeting held with them in the period
    never_matched: int  # nominated students never matched
    mentors_matched: int  # mentors with a mentee in the period
    mentors_on_roster: int  # mentors in the program in the period
    matches: int
    median_match_days: float | None  # calendar days, start to end (or the as-of date)
    median_match_school_days: float | None
    closed_early: int
    closed_early_by_reason: dict[str, int]
    held_meetings: int  # each mentee's meetings added up: a group meeting once per mentee
    distinct_meetings_held: int  # meetings with students that took place: a group once
    family_contacts: int  # family contacts held (each once)
    absent_day_checkins: int  # check-ins on absent days held (each once)
    attempts: int  # meetings tried when the student was absent (each mentee's)
    held_per_match_per_month: float | None
    matches_judged: int  # matches that ran at least a month's worth of school days
    matches_meeting_target: int  # ... averaging at least the target a month
    full_months: int
    full_months_on_target: int
    trainings: tuple[TrainingFigures, ...]
    mentors_trained: int  # mentors in the program at one training or more
    referrals: tuple[ReferralFigures, ...]

    @property
    def share_meeting_target(self) -> float | None:
        return self.matches_meeting_target / self.matches_judged if self.matches_judged else None

    @property
    def share_of_months_on_target(self) -> float | None:
        return self.full_months_on_target / self.full_months if self.full_months else None


@dataclass(frozen=True)
class ProgramOutcomes:
    """Everything the program report says about outcomes."""

    period_start: dt.date
    as_of: dt.date
    mentees: tuple[MenteeOutcome, ...]  # by student id
    before: Stretch  # pooled over judged mentees
    after: Stretch
    improved: int
    same: int
    worse: int
    too_early: int  # not judged: too few days before or after (or no stretch to compare)
    days_gained: float
    tiers_at_start: dict[str | None, int]  # None: too few days to rate
    tiers_now: dict[str | None, int]
    comparison: Comparison
    previously_chronic: PreviouslyChronic
    dose: tuple[DoseBand, ...]
    chronic_by_month: tuple[ChronicMonth, ...]
    last_year_mentees: LastYearMentees
    figures: ProgramFigures
    rhythms: tuple[MatchRhythm, ...]  # each match of the period, within the period

    @property
    def judged(self) -> int:
        return self.improved + self.same + self.worse

    @property
    def days_gained_per_100(self) -> float | None:
        """Days gained per 100 days enrolled after the matches began (judged mentees)."""
        enrolled = self.after.days_enrolled
        return 100 * self.days_gained / enrolled if enrolled else None

    @property
    def chronic_at_start(self) -> int:
        return self.tiers_at_start["moderate"] + self.tiers_at_start["severe"]

    @property
    def chronic_now(self) -> int:
        return self.tiers_now["moderate"] + self.tiers_now["severe"]

    @property
    def left_chronic(self) -> int:
        return sum(1 for m in self.mentees
                   if m.tier_at_start in CHRONIC and m.tier_now in NOT_CHRONIC)


def _stretch(totals: tuple[float, float]) -> Stretch:
    return Stretch(totals[0], totals[1])


def measure(ledger: Totals | None, previous: Totals | None, windows: Windows,
            tier_now: str | None, rules: WindowRules, minimum: int,
            student_id: int) -> tuple[Stretch | None, Stretch, str | None, Measured | None]:
    """(before, after, tier at start, judged measure or None) of one student over windows."""
    after = _stretch(ledger.totals(windows.after.start, windows.after.end)) if ledger \
        else Stretch(0, 0.0)
    before = None
    window = windows.before
    if window is not None:
        source = previous if window.previous_year else ledger
        if source is not None:
            before = _stretch(source.totals(window.start, window.end))
    if before is None or before.days_enrolled < rules.minimum_days_before:
        tier = tier_for(before.days_absent, before.days_enrolled, minimum) if before else None
        return before, after, tier, None
    tier = tier_for(before.days_absent, before.days_enrolled, minimum)
    if after.days_enrolled < rules.minimum_days_after:
        return before, after, tier, None
    return before, after, tier, Measured(student_id, tier, before, after, tier_now in CHRONIC)


def program_outcomes(inputs: OutcomeInputs) -> ProgramOutcomes:
    """The report's outcomes for the period ending on ``inputs.as_of``."""
    calendar = inputs.calendar
    end = min(inputs.as_of, calendar.last_day)
    start = max(inputs.period_start or calendar.first_day, calendar.first_day)
    in_period = [m for m in inputs.matches
                 if m.started_on <= end and (m.ended_on is None or m.ended_on >= start)]
    rhythms = [match_rhythm(replace(m, started_on=max(m.started_on, start)), calendar, end,
                            inputs.cadence_rules) for m in in_period]
    tiers_now = _tiers_now(inputs, end)
    mentees = _mentee_outcomes(inputs, in_period, start, end, tiers_now)
    judged = [m for m in mentees if m.judged]
    ever_matched = {m.student_id for m in inputs.matches if m.started_on <= end}
    measured = [m.measured() for m in judged]
    comparison, similar = _comparison(inputs, mentees, measured, ever_matched, tiers_now)
    return ProgramOutcomes(
        period_start=start,
        as_of=end,
        mentees=tuple(mentees),
        before=sum((m.before for m in judged), Stretch(0, 0.0)),
        after=sum((m.after for m in judged), Stretch(0, 0.0)),
        improved=sum(1 for m in judged if m.change == "improved"),
        same=sum(1 for m in judged if m.change == "same"),
        worse=sum(1 for m in judged if m.change == "worse"),
        too_early=len(mentees) - len(judged),
        days_gained=sum(m.days_gained or 0.0 for m in judged),
        tiers_at_start=_count_tiers(m.tier_at_start for m in mentees),
        tiers_now=_count_tiers(m.tier_now for m in mentees),
        comparison=comparison,
        previously_chronic=_previously_chronic(inputs, judged, similar),
        dose=dose_bands([(m.meetings, one) for m, one in zip(judged, measured, strict=True)]),
        chronic_by_month=chronic_share_by_month(
            calendar, end, inputs.students, inputs.previous_calendar, inputs.previous,
            inputs.attendance_rules.minimum_enrolled_days),
        last_year_mentees=last_year_mentees(
            inputs.previous_mentees, inputs.previous, inputs.previous_calendar,
            inputs.students, calendar, end, ever_matched,
            inputs.attendance_rules.minimum_enrolled_days),
        figures=_figures(inputs, in_period, rhythms, mentees, ever_matched, start, end),
        rhythms=tuple(rhythms),
    )


def _tiers_now(inputs: OutcomeInputs, end: dt.date) -> dict[int, str | None]:
    minimum = inputs.attendance_rules.minimum_enrolled_days
    tiers = {}
    for student_id, ledger in inputs.students.items():
        enrolled, absent = ledger.totals(inputs.calendar.first_day, end)
        tiers[student_id] = tier_for(absent, enrolled, minimum)
    return tiers


def _count_tiers(tiers: Iterable[str | None]) -> dict[str | None, int]:
    counts: dict[str | None, int] = dict.fromkeys((*TIERS, None), 0)
    for tier in tiers:
        counts[tier] += 1
    return counts


def _kind_of(match: MatchMeetings, index: int) -> str:
    return match.kinds[index] if index < len(match.kinds) else "one_to_one"


def _meeting_key(match: MatchMeetings, index: int) -> object:
    return match.meeting_ids[index] if index < len(match.meeting_ids) else (match.match_id, index)


def meeting_keys(match: MatchMeetings, first: dt.date, last: dt.date,
                 kinds: Sequence[str] | None = None, outcome: str = "held",
                 contacts: bool = False) -> set[object]:
    """The match's meetings from ``first`` to ``last`` (inside the match) with ``outcome``:
    meetings with the student, or (``contacts``) family contacts and absent-day check-ins of
    ``kinds``. Keys are meeting ids when known, so a group meeting is one meeting."""
    stop = last if match.ended_on is None else min(last, match.ended_on)
    begin = max(first, match.started_on)
    found: set[object] = set()
    for index, (day, result) in enumerate(match.meetings):
        if result != outcome or not begin <= day <= stop:
            continue
        kind = _kind_of(match, index)
        is_contact = kind in CONTACT_KINDS
        if is_contact == contacts and (kinds is None or kind in kinds):
            found.add(_meeting_key(match, index))
    return found


def _mentee_outcomes(inputs: OutcomeInputs, in_period: list[MatchMeetings], start: dt.date,
                     end: dt.date, tiers_now: Mapping[int, str | None]) -> list[MenteeOutcome]:
    calendar = inputs.calendar
    minimum = inputs.attendance_rules.minimum_enrolled_days
    by_student: dict[int, list[MatchMeetings]] = {}
    for match in in_period:
        by_student.setdefault(match.student_id, []).append(match)
    outcomes = []
    for student_id, matches in sorted(by_student.items()):
        began = min(match.started_on for match in matches)
        still_open = any(match.ended_on is None or match.ended_on > end for match in matches)
        ended = None if still_open else max(match.ended_on for match in matches)
        ledger = inputs.students.get(student_id)
        previous = inputs.previous.get(student_id)
        after = Window(max(began, start), min(ended or end, end))
        enrolled_before = ledger.totals(calendar.first_day, began - ONE_DAY)[0] if ledger else 0
        earlier = same_part_of_previous_year(calendar, inputs.previous_calendar, after)
        enrolled_earlier = previous.totals(earlier.start, earlier.end)[0] \
            if previous is not None and earlier is not None else None
        windows = mentee_windows(calendar, inputs.previous_calendar, began, after,
                                 enrolled_before, enrolled_earlier, inputs.window_rules)
        tier_now = tiers_now.get(student_id)
        before, after_stretch, tier_at_start, judged = measure(
            ledger, previous, windows, tier_now, inputs.window_rules, minimum, student_id)
        meetings = sum(len(meeting_keys(m, start, end)) for m in matches)
        contacts = sum(len(meeting_keys(m, start, end, contacts=True)) for m in matches)
        attempts = sum(len(meeting_keys(m, start, end, outcome="student_absent"))
                       + len(meeting_keys(m, start, end, outcome="student_absent",
                                          contacts=True)) for m in matches)
        outcomes.append(MenteeOutcome(
            student_id=student_id,
            match_start=began,
            match_end=ended,
            meetings=meetings,
            contacts=contacts,
            attempts=attempts,
            windows=windows,
            before=before,
            after=after_stretch,
            tier_at_start=tier_at_start,
            tier_now=tier_now,
            change=judged.change if judged else None,
            days_gained=judged.days_gained if judged else None,
            chronic_last_year=_chronic_last_year(inputs, student_id),
        ))
    return outcomes


def _chronic_last_year(inputs: OutcomeInputs, student_id: int) -> bool:
    previous = inputs.previous.get(student_id)
    if previous is None or inputs.previous_calendar is None:
        return False
    enrolled, absent = previous.totals(inputs.previous_calendar.first_day,
                                       inputs.previous_calendar.last_day)
    return tier_for(absent, enrolled, inputs.attendance_rules.minimum_enrolled_days) in CHRONIC


def _judge_group(inputs: OutcomeInputs, student_ids: Sequence[int],
                 windows_of: Mapping[int, Windows],
                 tiers_now: Mapping[int, str | None]) -> list[Measured]:
    minimum = inputs.attendance_rules.minimum_enrolled_days
    found = []
    for student_id in student_ids:
        windows = windows_of.get(student_id)
        if windows is None:
            continue
        *_, judged = measure(inputs.students.get(student_id), inputs.previous.get(student_id),
                             windows, tiers_now.get(student_id), inputs.window_rules, minimum,
                             student_id)
        if judged is not None:
            found.append(judged)
    return found


def _comparison(inputs: OutcomeInputs, mentees: list[MenteeOutcome], measured: list[Measured],
                ever_matched: set[int], tiers_now: Mapping[int, str | None]
                ) -> tuple[Comparison, list[Measured]]:
    never = sorted(sid for sid in inputs.students if sid not in ever_matched)
    waitlisted = sorted({n.student_id for n in inputs.nominations
                         if n.status == "waitlisted" and n.student_id not in ever_matched
                         and n.student_id in inputs.students})
    windows = {m.student_id: m.windows for m in mentees if m.judged}
    never_measured = _judge_group(inputs, never, assign_windows(never, windows), tiers_now)
    waiting_measured = _judge_group(inputs, waitlisted, assign_windows(waitlisted, windows),
                                    tiers_now)
    comparison = Comparison(
        mentees=mentee_figures("Mentees", measured),
        never_matched=reweighted_figures("Never matched", never_measured, measured),
        waitlisted=reweighted_figures("Waitlisted", waiting_measured, measured),
        net=net_gain(measured, never_measured, resamples=inputs.bootstrap.resamples,
                     seed=inputs.bootstrap.seed),
    )
    return comparison, never_measured


def _previously_chronic(inputs: OutcomeInputs, judged: list[MenteeOutcome],
                        similar: list[Measured]) -> PreviouslyChronic:
    mentees = [m.measured() for m in judged if m.chronic_last_year]
    chronic_then = {sid for sid in (s.student_id for s in similar)
                    if _chronic_last_year(inputs, sid)}
    others = [s for s in similar if s.student_id in chronic_then]
    return PreviouslyChronic(
        mentee_figures("Mentees chronically absent last year", mentees),
        reweighted_figures("Similar students chronically absent last year", others, mentees),
        net_gain(mentees, others, resamples=inputs.bootstrap.resamples,
                 seed=inputs.bootstrap.seed))


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
    distinct = set().union(*(meeting_keys(m, start, end) for m in in_period))
    family = set().union(*(meeting_keys(m, start, end, kinds=("family_contact",), contacts=True)
                           for m in in_period))
    checkins = set().union(*(meeting_keys(m, start, end, kinds=("absent_day_checkin",),
                                          contacts=True) for m in in_period))
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
        held_meetings=sum(m.meetings for m in mentees),
        distinct_meetings_held=len(distinct),
        family_contacts=len(family),
        absent_day_checkins=len(checkins),
        attempts=sum(m.attempts for m in mentees),
        held_per_match_per_month=held / months if months else None,
        matches_judged=len(judged),
        matches_meeting_target=sum(1 for r in judged if (r.held_per_month or 0) >= target),
        full_months=sum(r.full_months for r in rhythms),
        full_months_on_target=sum(r.full_months_on_target for r in rhythms),
        trainings=trainings,
        mentors_trained=len(trained & inputs.roster_mentor_ids),
        referrals=tuple(referrals),
    )
