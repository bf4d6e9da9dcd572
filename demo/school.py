"""Build the demo school: two school years of made-up students, mentors, matches, meetings,
trainings, referrals and daily attendance with a believable spread.

Last year is complete (so the end-of-year report has a whole year); the current year runs up to
the day before ``today`` (so the home screen has this week's work). Same seed and same ``today``,
same school.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from demo import names
from program.calendar import instructional_days
from storage import (
    activity,
    attendance,
    availability,
    clock,
    goals,
    imports,
    lookups,
    matches,
    meetings,
    mentors,
    nominations,
    referrals,
    settings,
    students,
    trainings,
    years,
)
from storage.availability import SLOTS
from storage.transactions import write_transaction

Progress = Callable[[int, int], None]

ABSENCE_KINDS = [  # (status, code, weight) of a missed day
    ("absent_excused", "E", 48),
    ("absent_unexcused", "A", 36),
    ("half_day", "H", 8),
    ("suspension_out", "OSS", 5),
    ("suspension_in", "ISS", 3),
]
TIER_MIX = [  # (share of students, lowest and highest chance of missing a day)
    (0.52, 0.0, 0.04),
    (0.22, 0.055, 0.09),
    (0.17, 0.11, 0.18),
    (0.09, 0.21, 0.32),
]


@dataclass
class DemoStudent:
    student_id: int
    grade_now: int | None  # None: left after last year
    absence_chance: float
    weekday_pattern: tuple[int, ...] = ()
    interests: list[str] = field(default_factory=list)
    response: float = 1.0  # how the chance changes once matched (below 1 = improves)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n=-1: the last)."""
    if n > 0:
        day = dt.date(year, month, 1)
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)
        return day + dt.timedelta(weeks=n - 1)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    day = next_month - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def school_calendar(start_year: int) -> tuple[dt.date, dt.date, list[tuple[dt.date, str]]]:
    """First day, last day and non-school days of the year that starts in ``start_year``."""
    labor_day = nth_weekday(start_year, 9, 0, 1)
    first_day = labor_day + dt.timedelta(days=1)
    last_day = dt.date(start_year + 1, 6, 12)
    while last_day.weekday() >= 5:
        last_day -= dt.timedelta(days=1)
    closed: list[tuple[dt.date, str]] = []

    def add(day: dt.date, label: str) -> None:
        if day.weekday() < 5 and first_day <= day <= last_day:
            closed.append((day, label))

    def add_range(start: dt.date, end: dt.date, label: str) -> None:
        day = start
        while day <= end:
            add(day, label)
            day += dt.timedelta(days=1)

    add(nth_weekday(start_year, 10, 4, 2), "Staff development day")
    add(nth_weekday(start_year, 11, 1, 2) + dt.timedelta(days=1), "Veterans Day")
    thanksgiving = nth_weekday(start_year, 11, 3, 4)
    add_range(thanksgiving, thanksgiving + dt.timedelta(days=1), "Thanksgiving break")
    add_range(dt.date(start_year, 12, 22), dt.date(start_year + 1, 1, 2), "Winter break")
    add(nth_weekday(start_year + 1, 1, 0, 3), "Martin Luther King Jr. Day")
    add(nth_weekday(start_year + 1, 2, 0, 3), "Presidents' Day")
    spring = nth_weekday(start_year + 1, 4, 0, 2)
    add_range(spring, spring + dt.timedelta(days=4), "Spring break")
    add(nth_weekday(start_year + 1, 5, 0, -1), "Memorial Day")
    return first_day, last_day, sorted(closed)


class _Builder:
    def __init__(self, db: sqlite_utils.Database, student_count: int, seed: int,
                 today: dt.date, progress: Progress | None, mentors_count: int | None = None,
                 matches_count: int | None = None) -> None:
        self.db = db
        self.count = max(12, student_count)
        self.mentors_count = mentors_count or max(4, round(25 * self.count / 400))
        self.matches_count = matches_count or round(30 * self.count / 400)
        self.rng = random.Random(seed)
        self.today = today
        self.progress = progress or (lambda done, total: None)
        self.used_names: set[tuple[str, str]] = set()
        self.next_local_id = 800001 + seed % 50 * 1000
        self.topic_ids = [row["id"] for row in lookups.entries(db, "topics")]
        self.role_ids = {row["name"]: row["id"] for row in lookups.entries(db, "roles")}

    # names -------------------------------------------------------------------------------------

    def person_name(self, first_names: list[str]) -> tuple[str, str]:
        while True:
            pair = (self.rng.choice(first_names), self.rng.choice(names.LAST_NAMES))
            if pair not in self.used_names:
                self.used_names.add(pair)
                return pair

    def local_id(self) -> str:
        self.next_local_id += self.rng.randint(1, 9)
        # A few IDs keep a leading zero, as many schools' do.
        text = str(self.next_local_id)
        return "0" + text[1:] if self.rng.random() < 0.05 else text

    # the years ---------------------------------------------------------------------------------

    def build(self) -> dict:
        db = self.db
        start_now = self.today.year if self.today.month >= 8 else self.today.year - 1
        self.progress(0, 100)
        settings.set_value(db, "school_name", "Riverside Middle School (demo)")
        settings.set_value(db, "lowest_grade", 6)
        settings.set_value(db, "top_grade", 8)
        calendars = {}
        for start in (start_now - 1, start_now):
            first, last, closed = school_calendar(start)
            name = f"{start}-{start + 1}"
            year_id = years.save_year(db, name, first, last, closed)
            calendars[start] = (year_id, first, last, {day for day, _ in closed})
        settings.set_value(db, "current_year", f"{start_now}-{start_now + 1}")
        last_year, this_year = calendars[start_now - 1], calendars[start_now]

        roster = self.make_students(last_year[0], this_year[0], last_year, this_year)
        self.progress(10, 100)
        staff = self.make_mentors(last_year[1])
        self.progress(15, 100)
        last_matches = self.make_program_year(last_year, roster, staff, is_current=False,
                                              continuing={})
        self.progress(30, 100)
        self.make_program_year(this_year, roster, staff, is_current=True,
                               continuing=last_matches)
        self.progress(45, 100)
        self.make_attendance(last_year, roster, "last", 45, 70)
        self.make_attendance(this_year, roster, "this", 70, 98)
        activity.record(db, "demo", "Demo school made", students=self.count)
        self.progress(100, 100)
        return {"years": [f"{start_now - 1}-{start_now}", f"{start_now}-{start_now + 1}"]}

    def make_students(self, last_id: int, this_id: int, last_year: tuple,
                      this_year: tuple) -> list[DemoStudent]:
        """This year's roster of ``count`` students in grades 6-8, plus last year's leavers."""
        rng = self.rng
        roster: list[DemoStudent] = []
        per_grade = self.count // 3
        grades_now = [6] * (self.count - 2 * per_grade) + [7] * per_grade + [8] * per_grade
        leavers = [None] * per_grade  # last year's 8th graders
        buckets = self._tier_buckets(len(grades_now) + len(leavers))
        for index, grade_now in enumerate(grades_now + leavers):
            first, last = self.person_name(names.FIRST_NAMES)
            chance = rng.uniform(*TIER_MIX[buckets[index]][1:])
            pattern: tuple[int, ...] = ()
            if buckets[index] >= 1 and rng.random() < 0.22:
                pattern = rng.choice([(3, 4), (4,), (0,), (3,)])
            student_id = students.add_student(
                self.db, local_id=self.local_id(), first_name=first, last_name=last,
                preferred_name=self._nickname(first),
                guardian_name=f"{rng.choice(names.STAFF_FIRST_NAMES)} {last}",
                guardian_phone=f"555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
                interests=", ".join(rng.sample(names.INTERESTS, rng.randint(1, 3))),
            )
            demo = DemoStudent(student_id, grade_now, chance, pattern,
                               response=rng.choice([0.45, 0.55, 0.65, 0.7, 0.8, 1.0, 1.15]))
            grade_last = (grade_now - 1) if grade_now else 8
            arrived_this_year = grade_now == 6 or (grade_now and rng.random() < 0.06)
            if not arrived_this_year:
                students.set_enrollment(self.db, student_id, last_id, grade=grade_last,
                                        homeroom=self._homeroom(grade_last))
            if grade_now is not None:
                entry = exit_ = None
                roll = rng.random()
                if roll < 0.03:
                    entry = self._school_day(this_year[1] + dt.timedelta(days=rng.randint(20, 50)),
                                             this_year)
                    if entry >= self.today:
                        entry = None
                elif roll < 0.05:
                    exit_ = self._school_day(this_year[1] + dt.timedelta(days=rng.randint(30, 60)),
                                             this_year)
                    if exit_ >= self.today:
                        exit_ = None
                students.set_enrollment(self.db, student_id, this_id, grade=grade_now,
                                        homeroom=self._homeroom(grade_now),
                                        entry_date=entry, exit_date=exit_)
            lunch_day_slots = {(weekday, "lunch") for weekday in range(5)}
            extra = {(rng.randrange(5), rng.choice(["before_school", "after_school"]))
                     for _ in range(rng.randint(0, 3))}
            availability.replace(self.db, "student", student_id, lunch_day_slots | extra)
            roster.append(demo)
        return roster

    def _tier_buckets(self, total: int) -> list[int]:
        buckets = []
        for bucket, (share, _, _) in enumerate(TIER_MIX):
            buckets += [bucket] * round(share * total)
        buckets = (buckets + [0] * total)[:total]
        self.rng.shuffle(buckets)
        return buckets

    def _nickname(self, first: str) -> str:
        nick = {"Alejandro": "Alex", "Valentina": "Vale", "Gabriel": "Gabe", "Isabella": "Bella",
                "Santiago": "Santi", "Elijah": "Eli"}.get(first, "")
        return nick if self.rng.random() < 0.6 else ""

    def _homeroom(self, grade: int) -> str:
        return f"{grade}{self.rng.choice('ABCD')}"

    @staticmethod
    def _school_day(day: dt.date, year: tuple) -> dt.date:
        _, first, last, closed = year
        while day.weekday() >= 5 or day in closed:
            day += dt.timedelta(days=1)
        return min(max(day, first), last)

    def make_mentors(self, since: dt.date) -> list[dict]:
        rng = self.rng
        count = self.mentors_count
        roles = (["Teacher"] * 13 + ["Paraprofessional"] * 4 + ["Administrator"] * 2
                 + ["Counselor"] * 3 + ["Resource officer"] + ["Other staff"] * 2)
        staff = []
        for index in range(count):
            first, last = self.person_name(names.STAFF_FIRST_NAMES)
            role = roles[index % len(roles)]
            checked = self.today - dt.timedelta(days=rng.randint(30, 900))
            expires = checked + dt.timedelta(days=3 * 365)
            cleared = rng.random() > 0.12
            mentor_id = mentors.add_mentor(
                self.db, first_name=first, last_name=last, role_id=self.role_ids[role],
                email=f"{first[0].lower()}{last.lower().replace(' ', '')}@riverside.example.org"
                .replace("ñ", "n").replace("é", "e").replace("í", "i").replace("ó", "o")
                .replace("á", "a"),
                phone=f"555-0{rng.randint(100, 199)}",
                interests=", ".join(rng.sample(names.INTERESTS, rng.randint(2, 4))),
                capacity=rng.choice([1, 2, 2, 3, 3, 4]),
                background_check_on=checked if cleared else None,
                background_check_expires=expires if cleared else None,
                agreement_signed=cleared or rng.random() < 0.5,
                agreement_signed_on=checked if cleared else None,
                known_from=since,  # the staff were mentors from the first demo year on
            )
            if index == count - 1:
                mentors.update_mentor(self.db, mentor_id, active=False)  # stepped back today
            slots = {(rng.randrange(5), rng.choice(SLOTS)) for _ in range(rng.randint(3, 6))}
            slots.add((rng.randrange(5), "lunch"))
            availability.replace(self.db, "mentor", mentor_id, slots)
            capacity = mentors.mentor(self.db, mentor_id)["capacity"]
            staff.append({"id": mentor_id, "capacity": capacity,
                          "active": index < count - 1, "slots": slots})
        return staff

    # one year of the program -------------------------------------------------------------------

    def make_program_year(self, year: tuple, roster: list[DemoStudent], staff: list[dict], *,
                          is_current: bool, continuing: dict[int, int]) -> dict[int, int]:
        """Nominations, trainings, matches, meetings, goals and referrals; returns student->mentor
        of the matches still open at the year's end (for continuity into the next year)."""
        rng, db = self.rng, self.db
        year_id, first, last, closed = year
        end = min(last, self.today - dt.timedelta(days=1)) if is_current else last
        school_days = list(instructional_days(first, end, closed))
        enrolled = {row["id"]: row for row in students.students_in_year(db, year_id)}
        pool = [s for s in roster if s.student_id in enrolled]
        at_risk = sorted((s for s in pool if s.absence_chance >= 0.05),
                         key=lambda s: -s.absence_chance)
        others = [s for s in pool if s.absence_chance < 0.05]
        nominated = at_risk[: max(8, len(at_risk) * 2 // 5)] + rng.sample(
            others, min(len(others), max(2, len(pool) // 40)))
        nominated_ids = {s.student_id for s in nominated}
        # Continuing mentees from last year are nominated again.
        for student_id in continuing:
            if student_id in enrolled and student_id not in nominated_ids:
                nominated.append(next(s for s in pool if s.student_id == student_id))
                nominated_ids.add(student_id)

        self.make_trainings(year_id, first, staff, is_current)
        active_staff = [m for m in staff if m["active"]]
        load = {m["id"]: 0 for m in active_staff}
        match_target = self.matches_count
        year_matches: list[tuple[int, DemoStudent, int, dt.date]] = []
        teachers = [f"{rng.choice(['Ms.', 'Mr.', 'Mx.'])} {rng.choice(names.LAST_NAMES)}"
                    for _ in range(12)]

        def reasons_for(s: DemoStudent) -> list[str]:
            found = ["attendance"] if s.absence_chance >= 0.08 else []
            found += rng.sample(["behavior", "academics", "social_emotional", "other"],
                                rng.randint(0 if found else 1, 2))
            return found

        ordered = sorted(nominated, key=lambda s: (s.student_id not in continuing, rng.random()))
        for s in ordered:
            nominated_on = self._school_day(first + dt.timedelta(days=rng.randint(5, 40)), year)
            if is_current and nominated_on >= self.today:
                nominated_on = first
            status = "new"
            mentor_id = continuing.get(s.student_id)
            full = mentor_id is not None and load.get(mentor_id, 99) >= self._capacity(
                staff, mentor_id)
            if full:
                mentor_id = None
            if mentor_id is None and len(year_matches) < match_target:
                candidates = [m for m in active_staff if load[m["id"]] < m["capacity"]]
                if candidates:
                    mentor_id = rng.choice(candidates)["id"]
            if mentor_id is not None and len(year_matches) < match_target:
                status = "accepted"
            elif rng.random() < 0.6:
                status = "waitlisted"
            elif rng.random() < 0.3:
                status = "declined"
            nominations.add_nomination(
                db, s.student_id, year_id, nominated_by=rng.choice(teachers),
                nominated_on=nominated_on, reasons=reasons_for(s), status=status,
                notes="Teacher noticed a change this term." if rng.random() < 0.3 else "")
            consent = "given" if status == "accepted" else rng.choice(["unknown", "requested"])
            students.update_student(db, s.student_id, consent_status=consent,
                                    consent_date=nominated_on if consent == "given" else None)
            if status != "accepted":
                continue
            starts = first if s.student_id in continuing else self._school_day(
                nominated_on + dt.timedelta(days=rng.randint(7, 25)), year)
            entry = enrolled[s.student_id]["entry_date"]
            if entry and dt.date.fromisoformat(entry) > starts:
                starts = dt.date.fromisoformat(entry)
            if starts > end:
                continue
            load[mentor_id] += 1
            mentor = next(m for m in staff if m["id"] == mentor_id)
            student_slots = availability.get(db, "student", s.student_id)
            shared = sorted(mentor["slots"] & student_slots) or sorted(mentor["slots"])
            weekday, slot = rng.choice(shared)
            match_id = matches.add_match(db, mentor_id, s.student_id, year_id, starts,
                                         usual_weekday=weekday, usual_slot=slot)
            year_matches.append((match_id, s, mentor_id, starts))

        open_at_end = self.make_meetings_and_closures(year, year_matches, school_days, end,
                                                      is_current)
        self.make_goals_and_referrals(year_id, year_matches, school_days)
        return open_at_end

    def _capacity(self, staff: list[dict], mentor_id: int) -> int:
        return next(m["capacity"] for m in staff if m["id"] == mentor_id)

    def make_trainings(self, year_id: int, first: dt.date, staff: list[dict],
                       is_current: bool) -> None:
        rng = self.rng
        # Every session inside the school year (a date outside every year is refused).
        plan = [("start_of_year", "Welcome and mentor basics", first, True),
                ("mid_year", "Mid-year check-in: attendance strategies",
                 dt.date(first.year + 1, 1, 14), True),
                ("end_of_year", "Closing well: ending the year with your mentee",
                 dt.date(first.year + 1, 5, 20), False)]
        for kind, title, held_on, required in plan:
            training_id = trainings.add_training(self.db, year_id, held_on, title, kind=kind,
                                                 required=required)
            if held_on < self.today:
                trainings.set_attendees(self.db, training_id,
                                        [m["id"] for m in staff if rng.random() < 0.8])
            if is_current and held_on >= self.today:
                break

    def make_meetings_and_closures(self, year: tuple, year_matches: list, school_days: list,
                                   end: dt.date, is_current: bool) -> dict[int, int]:
        rng, db = self.rng, self.db
        year_id, first, last, closed = year
        open_at_end: dict[int, int] = {}
        by_mentor: dict[int, list] = {}
        for entry in year_matches:
            by_mentor.setdefault(entry[2], []).append(entry)
        for mentor_id, entries in by_mentor.items():
            # Some mentors with two mentees meet them together at lunch now and then.
            group_ok = len(entries) >= 2 and rng.random() < 0.4
            for match_id, s, _, starts in entries:
                ends = None
                roll = rng.random()
                if roll < 0.08:
                    ends = ("mismatch", rng.choice(school_days[len(school_days) // 3:]))
                elif roll < 0.13:
                    ends = ("student_moved", rng.choice(school_days[len(school_days) // 2:]))
                enrollment = students.enrollment(db, s.student_id, year_id)
                if enrollment and enrollment["exit_date"]:
                    ends = ("student_moved", dt.date.fromisoformat(enrollment["exit_date"])
                            - dt.timedelta(days=1))
                stop = ends[1] if ends else end
                if ends and ends[1] < starts:
                    ends = (ends[0], starts)
                    stop = starts
                # A few current matches have gone quiet, so This week has something to chase.
                quiet = is_current and rng.random() < 0.15
                days = [d for d in school_days if starts <= d <= stop]
                if quiet:
                    days = days[: max(0, len(days) - 18)]
                self._meetings_for(mentor_id, match_id, days, s)
                if ends:
                    matches.close_match(db, match_id, ends[1], ends[0],
                                        "Moved to another school." if ends[0] == "student_moved"
                                        else "Did not click; student asked for a change.")
                elif not is_current:
                    matches.close_match(db, match_id, last, "planned_end")
                    if s.grade_now is not None and rng.random() < 0.55:
                        open_at_end[s.student_id] = mentor_id
            if group_ok:
                group = [e[0] for e in entries[:3]]
                for day in rng.sample(school_days, min(3, len(school_days))):
                    if all(matches.match(db, m)["started_on"] <= day.isoformat() for m in group):
                        meetings.add_meeting(db, mentor_id, group, day, slot="lunch", minutes=30,
                                             kind="group", topic_ids=[self.topic_ids[2]],
                                             notes="Lunch group.")
        return open_at_end

    def _meetings_for(self, mentor_id: int, match_id: int, days: list[dt.date],
                      s: DemoStudent) -> None:
        rng = self.rng
        index = rng.randint(2, 6)
        while index < len(days):
            day = days[index]
            roll = rng.random()
            outcome = "held" if roll < 0.84 else ("student_absent" if roll < 0.94 else "cancelled")
            kind = rng.choices(["one_to_one", "activity", "family_contact", "absent_day_checkin"],
                               [80, 8, 6, 6])[0]
            meetings.add_meeting(
                self.db, mentor_id, [match_id], day,
                slot=rng.choice(SLOTS), minutes=rng.choice([15, 20, 25, 30, 30, 45]),
                kind=kind, outcome=outcome,
                notes=rng.choice(names.MEETING_NOTES) if outcome == "held" else "",
                topic_ids=rng.sample(self.topic_ids, rng.randint(1, 3)))
            index += rng.choice([4, 5, 6, 7, 8, 9, 10, 12])

    def make_goals_and_referrals(self, year_id: int, year_matches: list,
                                 school_days: list) -> None:
        rng, db = self.rng, self.db
        for _match_id, s, mentor_id, starts in year_matches:
            for text in rng.sample(names.GOALS, rng.randint(1, 2)):
                goal_id = goals.add_goal(db, s.student_id, text, starts)
                later = [d for d in school_days if d > starts]
                for day in sorted(rng.sample(later, min(len(later), rng.randint(0, 3)))):
                    goals.add_progress_note(db, goal_id, day, rng.choice(
                        ["Better this week.", "Slipped a bit; made a plan.", "On track.",
                         "Met it two weeks running!"]))
                if later and rng.random() < 0.35:
                    goals.set_goal_status(db, goal_id, rng.choice(["met", "met", "set_aside"]),
                                          rng.choice(later))
            if rng.random() < 0.3:
                kind = rng.choice(list(names.REFERRAL_NEEDS))
                later = [d for d in school_days if d > starts] or [starts]
                opened = rng.choice(later)
                mentor = mentors.mentor(db, mentor_id)
                referral_id = referrals.add_referral(
                    db, s.student_id, year_id, kind, opened, rng.choice(names.REFERRAL_NEEDS[kind]),
                    raised_by=f"{mentor['first_name']} {mentor['last_name']}",
                    raised_by_mentor_id=mentor_id,
                    follow_up_on=opened + dt.timedelta(days=14))
                roll = rng.random()
                # Nothing is noted after the demo's today.
                if roll < 0.5:
                    referrals.set_status(db, referral_id, "resolved",
                                         max(opened, min(self.today, opened + dt.timedelta(
                                             days=rng.randint(3, 20)))),
                                         "Followed up; sorted.")
                elif roll < 0.8:
                    referrals.set_status(db, referral_id, "in_progress",
                                         max(opened, min(self.today,
                                                         opened + dt.timedelta(days=2))),
                                         "Counselor met the student.")

    # attendance --------------------------------------------------------------------------------

    def make_attendance(self, year: tuple, roster: list[DemoStudent], which: str,
                        progress_from: int, progress_to: int) -> None:
        rng, db = self.rng, self.db
        year_id, first, last, closed = year
        end = min(last, self.today - dt.timedelta(days=1))
        days = instructional_days(first, end, closed)
        if not days:
            return
        batch_id = imports.start_batch(
            db, "attendance", file_name="Demo attendance (made up).xlsx", year_id=year_id,
            attendance_mode="daily", covers_from=days[0].isoformat(),
            covers_through=days[-1].isoformat())
        match_starts = {row["student_id"]: dt.date.fromisoformat(row["started_on"])
                        for row in matches.matches_in_year(db, year_id)}
        enrolled = {row["id"]: row for row in students.students_in_year(db, year_id)}
        rows = []
        statuses, codes, weights = zip(*ABSENCE_KINDS, strict=False)
        by_id = {s.student_id: s for s in roster}
        for count, (student_id, enrollment) in enumerate(enrolled.items()):
            s = by_id[student_id]
            # Last year's chance drifts a little from this year's.
            chance = s.absence_chance * (rng.uniform(0.75, 1.2) if which == "last" else 1.0)
            entry = enrollment["entry_date"]
            exit_ = enrollment["exit_date"]
            started = match_starts.get(student_id)
            for day in days:
                if entry and day.isoformat() < entry or exit_ and day.isoformat() >= exit_:
                    continue
                today_chance = chance
                if s.weekday_pattern:
                    today_chance *= 2.6 if day.weekday() in s.weekday_pattern else 0.55
                if day.month in (12, 1, 2):
                    today_chance *= 1.25
                if started and day >= started:
                    today_chance *= s.response
                if rng.random() < today_chance:
                    status, code = rng.choices(list(zip(statuses, codes, strict=False)), weights)[0]
                elif rng.random() < 0.04:
                    status, code = "tardy", "T"
                else:
                    status, code = "present", "P"
                rows.append((student_id, day.isoformat(), status, code))
            if count % 50 == 0:
                share = count / max(1, len(enrolled))
                self.progress(progress_from + int((progress_to - progress_from) * share), 100)
        attendance.insert_days(db, rows, batch_id)
        imports.finish_batch(db, batch_id, added=len(rows), updated=0, unchanged=0, skipped=0,
                             details={"students": len(enrolled), "demo": True})


def build_demo_school(
    db: sqlite_utils.Database,
    *,
    students_count: int = 400,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
    mentors_count: int | None = None,
    matches_count: int | None = None,
) -> dict:
    """Fill an empty data file with the demo school, in one transaction (the caller's, when
    one is open: making the demo is an action).

    ``mentors_count`` and ``matches_count`` (each school year's, at most) default to the
    demo's proportions (25 mentors and 30 matches for 400 students); the benchmarks ask for more.
    """
    builder = _Builder(db, students_count, seed, today or clock.today(), progress,
                       mentors_count, matches_count)
    with write_transaction(db):
        return builder.build()
