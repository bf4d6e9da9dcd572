"""A hand-made ReportFigures for layout tests (the real figures are tested in
test_report_figures): a program of 36 mentees, big enough that most figures are shown."""

from __future__ import annotations

import datetime as dt
import random

from program.comparison import GroupFigures, NetGain, Stretch
from program.outcomes import Comparison, PreviouslyChronic
from program.success_mentors import ChronicMonth, DoseBand, LastYearMentees
from reports import breakdowns
from reports.breakdowns import MenteeFacts
from reports.figures import (
    ADMINISTRATORS,
    ImportLine,
    MonthPoint,
    Period,
    ReferralLine,
    ReportFigures,
    Spread,
    StudentLine,
    TrainingLine,
)

ROLES = ["Teacher", "Paraprofessional", "Counselor", "Administrator"]
FIRST = ["Ana", "Sam", "Lee", "Mia", "Noah", "Ava", "Eli", "Zoe", "Ian", "Ivy"]
LAST = ["Ruiz", "Okafor", "Chen", "Novak", "Haddad", "Silva", "Berg", "Ito"]


def sample_mentees(count: int = 36, seed: int = 3) -> list[MenteeFacts]:
    rng = random.Random(seed)
    mentees = []
    for n in range(count):
        mentor = n // 2
        before = rng.uniform(0.04, 0.3)
        after = max(0.0, before + rng.uniform(-0.12, 0.05))
        judged = n % 7 != 5
        change = None
        if judged:
            delta = (after - before) * 100
            change = "improved" if delta <= -1 else "worse" if delta >= 1 else "same"
        mentees.append(MenteeFacts(
            student_id=n + 1, grade=6 + (n * 7 % 3) if n != 30 else 5, mentor_id=mentor,
            mentor_name=f"{FIRST[mentor % 10]} {LAST[mentor % 8]}",
            mentor_role=ROLES[0] if mentor % 5 else ROLES[1 + mentor % 3],
            meetings=rng.randint(4, 22), days_enrolled_before=40 if judged else None,
            days_absent_before=round(40 * before, 1) if judged else None,
            days_enrolled_after=120 if judged else None,
            days_absent_after=round(120 * after, 1) if judged else None, change=change,
            chronic_at_start=before >= 0.1, left_chronic=before >= 0.1 and after < 0.1))
    return mentees


def _group(label: str, students: int, before: float, after: float, share: float,
           gained: float, left: float, missing: tuple[str, ...] = ()) -> GroupFigures:
    return GroupFigures(label, students, before, after, share, gained, left, (), True, missing)


def sample_figures(level: str = ADMINISTRATORS, **changes) -> ReportFigures:
    mentees = sample_mentees()
    by_grade = breakdowns.by_grade(mentees)
    judged = [m for m in mentees if m.change is not None]
    total = by_grade.total
    chronic = total["chronic_at_start"]
    severe = chronic // 3
    rest = 36 - chronic - 3
    tiers_at_start = {"satisfactory": rest - rest // 2, "at-risk": rest // 2,
                      "moderate": chronic - severe, "severe": severe, None: 3}
    period = Period("2025-2026", dt.date(2025, 9, 2), dt.date(2026, 6, 12), dt.date(2025, 9, 2),
                    dt.date(2026, 6, 12))
    figures = ReportFigures(
        school_name="Eastside Middle School", period=period, level=level,
        generated_at=dt.datetime(2026, 6, 15, 9, 30),
        students_enrolled=412, students_nominated=52,
        nominations_by_reason={"attendance": 31, "behavior": 9, "academics": 12,
                               "social_emotional": 18, "other": 0},
        nominators=17, students_matched=36, still_matched_at_end=31, students_served=34,
        never_matched=16, waitlisted=9, uncleared_mentees=6, mentors_on_roster=20,
        mentors_with_mentees=18, screening_complete=17, mentees_per_mentor=2.0,
        trainings=[TrainingLine(dt.date(2025, 9, 18), "start_of_year", "Kick-off", True, 16, 20),
                   TrainingLine(dt.date(2026, 1, 22), "mid_year", "=Check-in", False, 11, 20)],
        matches=38, meetings_held=398, mentee_meetings_held=412, family_contacts=27,
        absent_day_checkins=19, meetings_attempted=37,
        meetings_per_mentee=Spread(11.5, 8.0, 15.0, 2, 24, 36),
        meetings_by_mentee=[m.meetings for m in mentees],
        meetings_per_match_month_median=1.8, share_matches_on_target=0.58,
        match_length_median_days=181,
        closed_early={"student_moved": 8, "mentor_left": 0, "mismatch": 6, "other": 0},
        judged=total["judged"], too_early=total["too_early"], improved=total["improved"],
        same=total["same"], worse=total["worse"],
        absence_rate_before=0.162, absence_rate_after=0.118, days_gained=152.4,
        days_gained_per_100=4.4,
        tiers_at_start=tiers_at_start,
        tiers_now={"satisfactory": 9, "at-risk": 10, "moderate": 10, "severe": 7, None: 0},
        left_chronic=total["left_chronic"],
        comparison=Comparison(
            mentees=_group("Mentees", len(judged), 0.162, 0.118, 0.61, 4.4, 0.45),
            never_matched=_group("Never matched", 320, 0.081, 0.086, 0.41, 1.2, 0.30),
            waitlisted=_group("Waitlisted", 9, 0.15, 0.17, 0.30, -1.0, 0.2, ("severe",)),
            net=NetGain(len(judged), 152.4, 42.0, 60.5, 170.2)),
        previously_chronic=PreviouslyChronic(
            _group("Mentees chronically absent last year", 14, 0.21, 0.14, 0.7, 6.0, 0.5),
            _group("Similar students chronically absent last year", 60, 0.2, 0.18, 0.5, 1.5,
                   0.2),
            NetGain(14, 60.0, 15.0, 20.1, 80.3)),
        dose=(DoseBand(0, 0, 0, Stretch(0, 0), Stretch(0, 0), 0, 0.0),
              DoseBand(1, 4, 6, Stretch(240, 40), Stretch(720, 100), 3, 8.0),
              DoseBand(5, 9, 12, Stretch(480, 80), Stretch(1440, 160), 8, 40.0),
              DoseBand(10, 19, 10, Stretch(400, 60), Stretch(1200, 110), 7, 60.0),
              DoseBand(20, None, len(judged) - 28, Stretch(160, 30), Stretch(480, 40), 2, 20.0)),
        chronic_by_month=tuple(ChronicMonth(month, share, last, 400, 390) for month, share, last
                               in zip((9, 10, 11, 12, 1, 2, 3, 4, 5, 6),
                                      (0.12, 0.14, 0.15, 0.16, 0.16, 0.17, 0.17, 0.16, 0.16, 0.16),
                                      (0.13, 0.15, 0.17, 0.18, 0.19, 0.19, 0.2, 0.2, 0.19, 0.19),
                                      strict=True)),
        last_year_mentees=LastYearMentees(30, 22, 12, 14, 9, Stretch(3600, 540),
                                          Stretch(3800, 450)),
        school_absence_rate=0.082, attendance_through=dt.date(2026, 6, 12),
        monthly=[MonthPoint(y, m, mr, sr) for (y, m), mr, sr in zip(
            [(2025, 9), (2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3),
             (2026, 4), (2026, 5), (2026, 6)],
            [0.17, 0.16, 0.14, 0.15, 0.12, 0.11, 0.10, 0.11, 0.09, 0.10],
            [0.07, 0.075, 0.08, 0.09, 0.085, 0.08, 0.075, 0.08, 0.09, 0.1], strict=True)],
        by_grade=by_grade,
        by_role=breakdowns.by_role(mentees, None, {"Teacher": 14, "Paraprofessional": 3,
                                                   "Counselor": 2, "Administrator": 1}),
        by_mentor=breakdowns.by_mentor(mentees),
        referrals=[ReferralLine("counselor", 9, 6, 3), ReferralLine("administrator", 0, 0, 0),
                   ReferralLine("nurse", 6, 6, 0), ReferralLine("social_worker", 2, 1, 1),
                   ReferralLine("other", 0, 0, 0)],
        definitions=[("Absence rate", "days absent over days enrolled; a half day counts 0.5.")],
        imports=[ImportLine("attendance", dt.date(2026, 6, 13), "daily", dt.date(2025, 9, 2),
                            dt.date(2026, 6, 12), "attendance June.xlsx")],
        exclusions=[], not_enrolled=0,
        students=[StudentLine("Ana Ruiz", "800001", 7, "Sam Okafor", dt.date(2025, 10, 1), None,
                              14, 0.2, 0.1, "severe", "moderate", "improved", 12.0)],
    )
    for key, value in changes.items():
        setattr(figures, key, value)
    return figures
