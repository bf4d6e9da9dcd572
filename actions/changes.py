"""The kinds of record an action can change: what a window refreshes after it."""

from __future__ import annotations

STUDENTS = "students"
MENTORS = "mentors"
MATCHES = "matches"
MEETINGS = "meetings"
ATTENDANCE = "attendance"
GOALS = "goals"
NOMINATIONS = "nominations"
REFERRALS = "referrals"
TRAININGS = "trainings"
SETTINGS = "settings"
YEARS = "years"
SURVEYS = "surveys"

EVERYTHING = frozenset({STUDENTS, MENTORS, MATCHES, MEETINGS, ATTENDANCE, GOALS, NOMINATIONS,
                        REFERRALS, TRAININGS, SETTINGS, YEARS, SURVEYS})
