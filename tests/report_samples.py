"""A hand-made ReportFigures for layout tests (the real figures are tested in test_figures)."""

from __future__ import annotations

import datetime as dt
import random

from reports import breakdowns
from reports.breakdowns import MenteeFacts
from reports.figures import (
    ADMINISTRATORS,
    ComparisonGroup,
    ImportLine,
    MonthPoint,
    Period,
    ReferralLine,
    ReportFigures,
    RoleLine,
    Spread,
    StudentLine,
    TrainingLine,
)

ROLES = ["Teacher", "Paraprofessional", "Counselor", "Administrator"]
FIRST = ["Ana", "Sam", "Lee", "Mia", "Noah", "Ava", "Eli", "Zoe", "Ian", "Ivy"]
LAST = ["Ruiz", "Okafor", "Chen", "Novak", "Haddad", "Silva", "Berg", "Ito"]


def sample_mentees(count: int = 34, seed: int = 3) -> list[MenteeFacts]:
    rng = random.Random(seed)
    mentees = []
    for n in range(count):
        mentor = n // 2
        before = rng.uniform(0.04, 0.3)
        after = max(0.0, before + rng.uniform(-0.12, 0.05))
        has_baseline = n % 11 != 5
        change = None
        if has_baseline:
            delta = (after - before) * 100
            change = "improved" if delta <= -1 else "worse" if delta >= 1 else "same"
        mentees.append(MenteeFacts(
            student_id=n + 1, grade=6 + (n * 7 % 3) if n != 30 else 5, mentor_id=mentor,
            mentor_name=f"{FIRST[mentor % 10]} {LAST[mentor % 8]}",
            mentor_role=ROLES[0] if mentor % 5 else ROLES[1 + mentor % 3],
            meetings_held=rng.randint(4, 22), days_enrolled_before=40 if has_baseline else None,
            days_absent_before=round(40 * before, 1) if has_baseline else None,
            days_enrolled_after=120, days_absent_after=round(120 * after, 1), change=change,
            chronic_at_start=before >= 0.1, chronic_now=after >= 0.1))
    return mentees


def sample_figures(level: str = ADMINISTRATORS, **changes) -> ReportFigures:
    mentees = sample_mentees()
    period = Period("2025-2026", dt.date(2025, 9, 2), dt.date(2026, 6, 12), dt.date(2025, 9, 2),
                    dt.date(2026, 6, 12))
    figures = ReportFigures(
        school_name="Eastside Middle School", period=period, level=level,
        generated_at=dt.datetime(2026, 6, 15, 9, 30),
        students_enrolled=412, students_nominated=52,
        nominations_by_reason={"attendance": 31, "social_emotional": 18, "academics": 12,
                               "behavior": 9, "other": 2},
        nominators=17, students_matched=36, still_matched_at_end=31, students_served=34,
        never_matched=16, waitlisted=9, mentors_active=18,
        mentors_by_role=[RoleLine("Teacher", 11, 22), RoleLine("Paraprofessional", 3, 5),
                         RoleLine("Counselor", 2, 5), RoleLine("Administrator", 2, 4)],
        mentees_per_mentor=2.0, screening_complete=16,
        trainings=[TrainingLine(dt.date(2025, 9, 18), "start_of_year", "Kick-off", True, 16, 18),
                   TrainingLine(dt.date(2026, 1, 22), "mid_year", "=Check-in", False, 11, 18)],
        matches=38, meetings_held=398, mentee_meetings_held=412, meetings_attempted=37,
        meetings_per_mentee=Spread(11.5, 8.0, 15.0, 2, 24, 34),
        meetings_by_mentee=[m.meetings_held for m in mentees],
        meetings_per_match_month_median=1.8, share_matches_on_target=0.58,
        match_length_median_days=181, closed_early={"student_moved": 3, "mismatch": 1},
        mentees_with_baseline=31, mentees_without_baseline=3,
        absence_rate_before=0.162, absence_rate_after=0.118,
        absences_per_100_before=16.2, absences_per_100_after=11.8,
        improved=19, same=5, worse=7, days_gained=152.4, days_gained_per_100=4.4,
        chronic_at_start=24, chronic_now=14, left_chronic=11,
        tiers_at_start={"satisfactory": 2, "at-risk": 5, "moderate": 15, "severe": 9},
        tiers_now={"satisfactory": 9, "at-risk": 8, "moderate": 10, "severe": 4},
        comparison=[ComparisonGroup("students never matched", 320, 0.081, 0.086),
                    ComparisonGroup("waitlisted nominees", 9, 0.15, 0.17, ("severe",))],
        school_absence_rate=0.082, attendance_through=dt.date(2026, 6, 12),
        monthly=[MonthPoint(y, m, mr, sr) for (y, m), mr, sr in zip(
            [(2025, 9), (2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3),
             (2026, 4), (2026, 5), (2026, 6)],
            [0.17, 0.16, 0.14, 0.15, 0.12, 0.11, 0.10, 0.11, 0.09, 0.10],
            [0.07, 0.075, 0.08, 0.09, 0.085, 0.08, 0.075, 0.08, 0.09, 0.1], strict=True)],
        by_grade=breakdowns.by_grade(mentees), by_role=breakdowns.by_role(mentees),
        by_mentor=breakdowns.by_mentor(mentees),
        referrals=[ReferralLine("counselor", 9, 6, 3), ReferralLine("nurse", 3, 3, 0),
                   ReferralLine("social_worker", 2, 1, 1)],
        definitions=[("Absence rate", "days absent over days enrolled; a half day counts 0.5.")],
        imports=[ImportLine("attendance", dt.date(2026, 6, 13), "daily", dt.date(2025, 9, 2),
                            dt.date(2026, 6, 12), "attendance June.xlsx")],
        exclusions=["3 mentees with no baseline are left out of the before/after figures."],
        students=[StudentLine("Ana Ruiz", "800001", 7, "Sam Okafor", dt.date(2025, 10, 1), None,
                              14, 0.2, 0.1, "severe", "moderate", "improved", 12.0)],
    )
    for key, value in changes.items():
        setattr(figures, key, value)
    return figures
