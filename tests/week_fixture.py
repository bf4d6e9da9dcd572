"""A small school whose "This week" lists are worked out by hand (see tests/test_week.py).

The year is the data_file fixture's 2025-2026: Tue 2 Sep 2025 to Fri 12 Jun 2026, Thanksgiving
(27-28 Nov) off. The day looked at is Wed 19 Nov 2025; its week runs from Mon 17 Nov.

School days counted by hand (weekdays; no day off before Thanksgiving):
  September 2-5 (4), 8-12 (5), 15-19 (5), 22-26 (5), 29-30 (2)          = 21
  October 1-3 (3), 6-10 (5), 13-17 (5), 20-24 (5), 27-31 (5)            = 23
  November 3-7 (5), 10-14 (5), 17-19 (3)                                = 13
  So 57 school days up to 19 Nov; 52 up to Wed 12 Nov (a week before).

One exceptions-only attendance export covers 2 Sep - 19 Nov for every student: a day with no
row was a present day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage import (
    attendance,
    attendance_inputs,
    clock,
    imports,
    matches,
    meetings,
    mentors,
    nominations,
    referrals,
    settings,
    students,
    trainings,
)

DAY = dt.date(2025, 11, 19)
COVERS = ("2025-09-02", "2025-11-19")


@dataclass
class WeekSchool:
    """The fixture's ids, by the names the tests use."""

    year_id: int
    students: dict[str, int]
    mentors: dict[str, int]
    matches: dict[str, int]
    referrals: dict[str, int]
    trainings: dict[str, int]


def _year_id(db) -> int:
    return db.execute("SELECT id FROM school_years WHERE name = '2025-2026'").fetchone()[0]


def build_week_school(db) -> WeekSchool:
    """Eight students, four mentors, their matches, meetings, referrals and trainings."""
    year_id = _year_id(db)
    settings.set_value(db, "school_name", "Hillview Middle School")

    def mentor(first, last, email, capacity, *, checked=None, expires=None, signed=True):
        return mentors.add_mentor(db, first_name=first, last_name=last, email=email,
                                  capacity=capacity, background_check_on=checked,
                                  background_check_expires=expires, agreement_signed=signed)

    m = {
        # Cleared; capacity 1 but two open matches: over capacity.
        "ana": mentor("Ana", "Reyes", "areyes@hillview.example.org", 1,
                      checked="2025-08-01", expires="2027-08-01"),
        # Background check expired 31 Oct 2025: not cleared on 19 Nov.
        "ben": mentor("Ben", "Ortiz", "bortiz@hillview.example.org", 2,
                      checked="2023-10-31", expires="2025-10-31"),
        # No agreement signed, but no open match on the day: in no list.
        "cara": mentor("Cara", "Lin", "clin@hillview.example.org", 2,
                       checked="2025-08-01", signed=False),
        # Missed every training, but his only match starts after the day: in no list.
        "dan": mentor("Dan", "Moss", "dmoss@hillview.example.org", 1, checked="2025-08-01"),
    }

    def student(local_id, first, last, consent="given", entry=None, exit_=None):
        return students.add_student(db, local_id=local_id, first_name=first, last_name=last,
                                    year_id=year_id, grade=7, consent_status=consent,
                                    entry_date=entry, exit_date=exit_)

    s = {
        "ada": student("1001", "Ada", "Zane"),
        "bea": student("1002", "Bea", "Young", consent="requested"),
        "cal": student("1003", "Cal", "Xu"),
        "dee": student("1004", "Dee", "Wu", entry="2025-11-10"),
        "eve": student("1005", "Eve", "Vance", consent="declined", exit_="2025-11-17"),
        "fay": student("1006", "Fay", "Tate"),
        "gus": student("1007", "Gus", "Snow"),
        "hal": student("1008", "Hal", "Roe"),
    }

    x = {
        "ada": matches.add_match(db, m["ana"], s["ada"], year_id, "2025-09-15"),
        "bea": matches.add_match(db, m["ben"], s["bea"], year_id, "2025-09-08"),
        "eve": matches.add_match(db, m["ana"], s["eve"], year_id, "2025-10-01"),
        "fay": matches.add_match(db, m["ben"], s["fay"], year_id, "2025-11-03"),
        "gus": matches.add_match(db, m["cara"], s["gus"], year_id, "2025-09-10"),
        "hal": matches.add_match(db, m["dan"], s["hal"], year_id, "2025-11-20"),
    }
    matches.close_match(db, x["gus"], "2025-10-31", "mentor_left")

    meetings.add_meeting(db, m["ana"], [x["ada"]], "2025-10-20")
    meetings.add_meeting(db, m["ana"], [x["ada"]], "2025-11-18", outcome="student_absent")
    meetings.add_meeting(db, m["ben"], [x["bea"]], "2025-11-14")
    meetings.add_meeting(db, m["ana"], [x["eve"]], "2025-11-13")

    nominations.add_nomination(db, s["cal"], year_id, nominated_on="2025-10-01",
                               nominated_by="Ms. Park")
    nominations.add_nomination(db, s["cal"], year_id, nominated_on="2025-09-10",
                               status="declined")
    nominations.add_nomination(db, s["gus"], year_id, nominated_on="2025-09-05",
                               status="accepted")
    nominations.add_nomination(db, s["hal"], year_id, nominated_on="2025-11-01",
                               status="accepted")
    # Dee's nomination came on a sheet without dates, imported on 10 Nov.
    clock.freeze(dt.datetime(2025, 11, 10, 10, 0))
    sheet = imports.start_batch(db, "students", file_name="nominations.xlsx", year_id=year_id)
    clock.freeze(dt.datetime(2026, 11, 24, 8, 0))
    nominations.add_nomination(db, s["dee"], year_id, batch_id=sheet)

    r = {
        "ada": referrals.add_referral(db, s["ada"], year_id, "counselor", "2025-11-01",
                                      "Worried about friends", raised_by_mentor_id=m["ana"],
                                      follow_up_on="2025-11-19"),
        "bea": referrals.add_referral(db, s["bea"], year_id, "nurse", "2025-10-15",
                                      "Headaches in the morning", raised_by="Mr. Diaz",
                                      follow_up_on="2025-11-10"),
        "cal": referrals.add_referral(db, s["cal"], year_id, "administrator", "2025-11-01",
                                      "Bus pass", follow_up_on="2025-11-20"),
        "fay": referrals.add_referral(db, s["fay"], year_id, "social_worker", "2025-10-20",
                                      "Housing", follow_up_on="2025-11-05"),
    }
    referrals.set_status(db, r["bea"], "in_progress", "2025-10-20")
    referrals.set_status(db, r["fay"], "resolved", "2025-11-01")

    t = {
        "basics": trainings.add_training(db, year_id, "2025-09-03", "Mentor basics",
                                         kind="start_of_year", required=True),
        "basics_again": trainings.add_training(db, year_id, "2025-09-17",
                                               "Mentor basics (make-up)", kind="start_of_year"),
        "mid": trainings.add_training(db, year_id, "2025-11-12", "Mid-year check-in",
                                      kind="mid_year", required=True),
        "mid_again": trainings.add_training(db, year_id, "2025-11-25", "Mid-year make-up",
                                            kind="mid_year", required=True),
    }
    trainings.set_attendees(db, t["basics"], [m["ana"], m["cara"]])
    trainings.set_attendees(db, t["basics_again"], [m["ben"]])
    trainings.set_attendees(db, t["mid"], [m["ben"]])
    trainings.set_attendees(db, t["mid_again"], [m["ana"]])  # after the day: no make-up yet

    batch = imports.start_batch(db, "attendance", file_name="absences.csv", year_id=year_id,
                                attendance_mode="exceptions", covers_from=COVERS[0],
                                covers_through=COVERS[1])
    attendance_inputs.record_coverage(db, batch, list(s.values()))
    rows = [
        # Ada: absent Monday, tardy Tuesday (present), half a day Wednesday.
        (s["ada"], "2025-11-17", "absent_unexcused"),
        (s["ada"], "2025-11-18", "tardy"),
        (s["ada"], "2025-11-19", "half_day"),
        # Bea: four Thursdays in October (days 23, 28, 33 and 38 of her year).
        *[(s["bea"], day, "absent_excused")
          for day in ("2025-10-02", "2025-10-09", "2025-10-16", "2025-10-23")],
        # Cal: 2 absences by 12 Nov (2 of 52), 5 by 19 Nov (5 of 57).
        (s["cal"], "2025-10-06", "absent_unexcused"),
        (s["cal"], "2025-10-07", "absent_unexcused"),
        (s["cal"], "2025-11-13", "absent_unexcused"),
        (s["cal"], "2025-11-14", "absent_unexcused"),
        (s["cal"], "2025-11-17", "absent_unexcused"),
        # Dee (from 10 Nov): 1 absence in her first 3 days, 2 in her first 8.
        (s["dee"], "2025-11-11", "absent_unexcused"),
        (s["dee"], "2025-11-18", "absent_excused"),
        # Fay: out-of-school suspension Tuesday (absent); in school on the 13th (present).
        (s["fay"], "2025-11-13", "suspension_in"),
        (s["fay"], "2025-11-18", "suspension_out"),
        # Gus is absent Monday, but has no open match: not in the mentees' list.
        (s["gus"], "2025-11-17", "absent_unexcused"),
    ]
    attendance.insert_days(db, [(sid, day, status, "X") for sid, day, status in rows], batch)
    return WeekSchool(year_id, s, m, x, r, t)
