"""A small school built through storage functions, with attendance, matches and meetings
chosen so that every figure of the report can be worked out by hand (see test_report_figures).

Year 2025-2026 (the data_file fixture). The report runs to 27 October 2025. Every match but
one begins on Tuesday 30 September, so each of those mentees has 20 school days before (2-29
September) and 20 after (30 September - 27 October).

Issue 12 added, each for one of its rules:
- the year before, 2024-2025, with 40 school days of attendance (3 September - 28 October 2024)
  for m9, s9, s11 and s12, and a match of s12 that year (last year's mentees this year);
- m9, matched early (Tuesday 9 September, the 6th school day): too few days before, so the same
  part of last year (its 6th to 40th school days) is "before"; chronically absent last year;
- a family contact (m1) and a check-in on an absent day (m6): counted apart from meetings;
- mentors recorded from 1 August 2025 (their history), so a change made today leaves the
  2025-2026 report as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage import (
    attendance,
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

AS_OF = dt.date(2025, 10, 27)
MATCH_START = dt.date(2025, 9, 30)
# A month later (the last school day before Thanksgiving), when the matches have run long
# enough to be judged against the monthly target; Evadne (m5) meets three more times by then.
LATER_AS_OF = dt.date(2025, 11, 26)
LATER_MEETINGS = ("2025-11-10", "2025-11-17", "2025-11-24")


def school_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


BEFORE = school_days(dt.date(2025, 9, 2), dt.date(2025, 9, 29))  # 20 days
AFTER = school_days(MATCH_START, AS_OF)  # 20 days
assert len(BEFORE) == len(AFTER) == 20
# The year before: its first 40 school days were imported (no day off in them).
PREVIOUS_YEAR = ("2024-2025", dt.date(2024, 9, 3), dt.date(2025, 6, 13))
PREVIOUS_DAYS = school_days(dt.date(2024, 9, 3), dt.date(2024, 10, 28))
assert len(PREVIOUS_DAYS) == 40
# m9 is matched on the 6th school day (index 5 of BEFORE).
EARLY_START = dt.date(2025, 9, 9)
assert BEFORE[5] == EARLY_START
MENTORS_KNOWN_FROM = "2025-08-01"

# key: (first name, last name, ID, grade, absent before (index: status), absent after)
FULL, HALF = "absent_unexcused", "half_day"
STUDENTS = {
    "m1": ('=HYPERLINK("http://evil.example","click")', "Adeyemi-Fairweather", "000101", 6,
           {1: FULL, 5: FULL, 9: "absent_excused", 13: "suspension_out"}, {2: FULL}),
    "m2": ("+1 Beatrix", "Brightwater", "000102", 6, {0: FULL, 6: FULL, 12: FULL}, {}),
    "m3": ("-2 Cosimo", "Cresswell", "000103", 6, {3: FULL, 8: FULL}, {4: FULL, 11: FULL}),
    "m4": ("@SUM(A1:A9)", "Delacourt", "000104", 6, {2: FULL}, {1: FULL, 7: FULL, 15: FULL}),
    "m5": ("Evadne", "Oakhurst", "000105", 7, {6: "tardy"}, {5: "suspension_in"}),
    "m6": ("Finnegan", "Prideaux", "000106", 7, {4: HALF, 10: HALF}, {}),
    "m7": ("Gisela", "Quarrington", "000107", 7, {7: FULL, 14: FULL}, {9: FULL}),
    "m8": ("Hollis", "Rutherbeck", "000108", 7, {}, {3: FULL, 12: FULL}),
    "s9": ("Ignatia", "Selwood", "000109", 8, {5: FULL, 15: FULL}, {6: FULL, 13: FULL}),
    "s10": ("Jory", "Tamblyn", "000110", 8, {}, {}),
    "s11": ("Kestrel", "Ullathorne", "000111", 8, {0: FULL, 4: FULL, 8: FULL, 12: FULL},
            {0: FULL, 10: FULL}),
    "s12": ("Lowena", "Vosper", "000112", 8, {11: FULL}, {18: FULL}),
    # Absent 4 September (before the match), 16 September and 7 October (after it).
    "m9": ("Mireille", "Ashcombe", "000113", 8, {2: FULL, 10: FULL}, {5: FULL}),
}
# Last year's 40 days: the indexes of PREVIOUS_DAYS absent (all others present).
LAST_YEAR = {
    "m9": {1, 7, 12, 20, 25, 30, 35},  # 7 of 40: 17.5%, moderate chronic
    "s9": {8, 16, 24, 32},  # 4 of 40: 10%, moderate chronic
    "s11": {0, 5, 10, 15, 20},  # 5 of 40: 12.5%, moderate chronic
    "s12": {3},  # 1 of 40: 2.5%
}
# Hollis enters on 24 September: 4 school days before the match, too few for a baseline.
LATE_ENTRY = {"m8": dt.date(2025, 9, 24)}
MENTORS = {  # key: (first, last, role, mentees, background check on, expires, agreement)
    "a": ("Marisol", "Wetherby", "Teacher", ["m1", "m2"], "2025-08-01", "2026-08-01", True),
    "b": ("Thaddeus", "Yelverton", "Teacher", ["m3", "m4"], "2024-09-01", "2025-10-01", True),
    "c": ("Rosalind", "Zabriskie", "Counselor", ["m5", "m6"], "2025-08-01", "2026-08-01",
          False),
    "d": ("Santino", "Abernethy", "Paraprofessional", ["m7", "m8", "m9"], "2025-08-01",
          "2026-08-01", True),
}
NOMINATORS = ("Ms. Carrow", "Mr. Dunmore")
NOTES = "Odalys Penhaligon says =1+1 and +44 555 0100"


@dataclass
class SmallSchool:
    year_id: int
    student_ids: dict[str, int]
    mentor_ids: dict[str, int]
    match_ids: dict[str, int]

    def texts_that_identify(self) -> list[str]:
        """Every name, ID and free text the file holds (none may reach an administrator)."""
        found = []
        for first, last, local_id, *_ in STUDENTS.values():
            found += [first, last, f"{first} {last}", local_id]
        for first, last, *_ in MENTORS.values():
            found += [first, last, f"{first} {last}"]
        found += ["Odessa", "Blackwood", *NOMINATORS, NOTES, "Kick-off for mentors",
                  "Needs glasses", "Penhaligon"]
        return found


def build_small_school(db) -> SmallSchool:
    year_id = years.year_by_name(db, "2025-2026")["id"]
    previous_id = years.save_year(db, PREVIOUS_YEAR[0], PREVIOUS_YEAR[1], PREVIOUS_YEAR[2], [])
    settings.set_value(db, "school_name", "Small Test School")
    ids = {}
    for key, (first, last, local_id, grade, _, _) in STUDENTS.items():
        entry = LATE_ENTRY.get(key)
        ids[key] = students.add_student(db, year_id=year_id, grade=grade, local_id=local_id,
                                        first_name=first, last_name=last, notes=NOTES,
                                        entry_date=entry.isoformat() if entry else None)
    batch = imports.start_batch(db, "attendance", file_name="Penhaligon attendance.xlsx",
                                year_id=year_id, attendance_mode="daily",
                                covers_from=BEFORE[0].isoformat(),
                                covers_through=AS_OF.isoformat())
    rows = []
    for key, (_, _, _, _, before, after) in STUDENTS.items():
        for index, day in enumerate(BEFORE):
            if key in LATE_ENTRY and day < LATE_ENTRY[key]:
                continue
            rows.append((ids[key], day.isoformat(), before.get(index, "present"), ""))
        for index, day in enumerate(AFTER):
            rows.append((ids[key], day.isoformat(), after.get(index, "present"), ""))
    attendance.insert_days(db, rows, batch)
    imports.finish_batch(db, batch, added=len(rows), updated=0, unchanged=0, skipped=0)
    last_rows = []
    for key, absent in LAST_YEAR.items():
        students.set_enrollment(db, ids[key], previous_id, grade=STUDENTS[key][3] - 1)
        last_rows += [(ids[key], day.isoformat(), FULL if index in absent else "present", "")
                      for index, day in enumerate(PREVIOUS_DAYS)]
    batch = imports.start_batch(db, "attendance", file_name="Penhaligon last year.xlsx",
                                year_id=previous_id, attendance_mode="daily",
                                covers_from=PREVIOUS_DAYS[0].isoformat(),
                                covers_through=PREVIOUS_DAYS[-1].isoformat())
    attendance.insert_days(db, last_rows, batch)
    imports.finish_batch(db, batch, added=len(last_rows), updated=0, unchanged=0, skipped=0)

    mentor_ids, match_ids = {}, {}
    for key, (first, last, role, mentees, checked, expires, signed) in MENTORS.items():
        role_id = lookups.id_by_name(db, "roles", role)
        mentor_ids[key] = mentors.add_mentor(
            db, first_name=first, last_name=last, role_id=role_id, capacity=2,
            email=f"{first.lower()}@example.org", background_check_on=checked,
            background_check_expires=expires, agreement_signed=signed, notes=NOTES,
            known_from=MENTORS_KNOWN_FROM)
        for mentee in mentees:
            start = EARLY_START if mentee == "m9" else MATCH_START
            match_ids[mentee] = matches.add_match(db, mentor_ids[key], ids[mentee], year_id,
                                                  start.isoformat(), usual_weekday=1,
                                                  usual_slot="lunch")
    mentor_ids["e"] = mentors.add_mentor(db, first_name="Odessa", last_name="Blackwood",
                                         role_id=lookups.id_by_name(db, "roles", "Teacher"),
                                         active=False, known_from=MENTORS_KNOWN_FROM)
    # s12 was Marisol's mentee last year, to its planned end.
    last_match = matches.add_match(db, mentor_ids["a"], ids["s12"], previous_id, "2024-10-01")
    matches.close_match(db, last_match, PREVIOUS_YEAR[2].isoformat(), "planned_end")
    matches.close_match(db, match_ids["m4"], AS_OF.isoformat(), "mismatch", NOTES)

    # Marisol meets Adeyemi and Beatrix together, as a lunch group: 2 meetings, 4 for mentees.
    for day in ("2025-10-06", "2025-10-20"):
        meetings.add_meeting(db, mentor_ids["a"], [match_ids["m1"], match_ids["m2"]], day,
                             slot="lunch", minutes=25, kind="group", notes=NOTES)
    for key, mentee_keys in (("b", ["m3", "m4"]), ("c", ["m5", "m6"]), ("d", ["m8", "m9"])):
        for mentee in mentee_keys:
            for day in ("2025-10-06", "2025-10-20"):
                meetings.add_meeting(db, mentor_ids[key], [match_ids[mentee]], day,
                                     slot="lunch", minutes=25, notes=NOTES)
    # After the report's last day: counted only by a later report (LATER_AS_OF).
    for day in LATER_MEETINGS:
        meetings.add_meeting(db, mentor_ids["c"], [match_ids["m5"]], day, slot="lunch",
                             minutes=25, notes=NOTES)
    meetings.add_meeting(db, mentor_ids["d"], [match_ids["m7"]], "2025-10-08",
                         outcome="student_absent", notes=NOTES)
    # Held, but not meetings with the student: counted apart (the rhythm counts them).
    meetings.add_meeting(db, mentor_ids["a"], [match_ids["m1"]], "2025-10-15",
                         kind="family_contact", notes=NOTES)
    meetings.add_meeting(db, mentor_ids["c"], [match_ids["m6"]], "2025-10-09",
                         kind="absent_day_checkin", notes=NOTES)

    reasons = {"m1": ["attendance"], "m2": ["attendance"], "m3": ["attendance"],
               "m4": ["attendance"], "m5": ["social_emotional"], "m6": ["social_emotional"],
               "m7": ["attendance", "behavior"], "m8": ["academics"], "s9": ["attendance"],
               "s10": ["other"]}
    for key, why in reasons.items():
        status = {"s9": "waitlisted", "s10": "new"}.get(key, "accepted")
        by = NOMINATORS[0] if key in ("m1", "m2", "m3", "m4") else NOMINATORS[1]
        if key == "s10":
            by = NOMINATORS[0].upper()  # the same teacher, typed differently
        nominations.add_nomination(db, ids[key], year_id, nominated_by=by,
                                   nominated_on="2025-09-10", reasons=why, status=status,
                                   notes=NOTES)

    training = trainings.add_training(db, year_id, "2025-09-15", "Kick-off for mentors",
                                      kind="start_of_year", required=True)
    trainings.set_attendees(db, training, [mentor_ids[k] for k in ("a", "b", "c", "e")])

    resolved = referrals.add_referral(db, ids["m1"], year_id, "counselor", "2025-10-10",
                                      "Needs glasses", raised_by_mentor_id=mentor_ids["a"])
    referrals.set_status(db, resolved, "resolved", "2025-10-20", NOTES)
    referrals.add_referral(db, ids["m2"], year_id, "nurse", "2025-10-14", "Needs glasses")
    return SmallSchool(year_id, ids, mentor_ids, match_ids)
