"""import meetings reads the check-in form's exports (Microsoft Forms and Google Forms) with no
column mapping: the mentor who sent it, their own mentee, a referral when help is asked for;
once each, and never a guess."""

from __future__ import annotations

import datetime as dt

from program import checkin
from storage import referrals
from tests.forms_exports import google_forms_csv, microsoft_forms
from tests.import_helpers import RECORD_TABLES, messages, run, table_checksum
from tests.survey_school import small_school

Q = checkin.QUESTION_TEXTS
QUESTIONS = [question.text for question in checkin.QUESTIONS]
AT = dt.datetime(2025, 10, 7, 15, 30)
TABLES = (*RECORD_TABLES, "referrals", "referral_notes")


def _checkins() -> list[dict]:
    return [
        {"at": AT, "email": "rlopez@school.example", "name": "Rosa Lopez",
         Q["met_on"]: "10/6/2025", Q["mentee"]: "10001", Q["minutes"]: 25,
         Q["place"]: "the library", Q["topics"]: ["School", "Friends"],
         Q["notes"]: "Worried about a friend who moved.", Q["needs_help"]: "Yes"},
        # Her other mentee, by first name only (one of her mentees has it).
        {"at": AT + dt.timedelta(minutes=5), "email": "rlopez@school.example",
         "name": "Rosa Lopez", Q["met_on"]: "10/7/2025", Q["mentee"]: "Ben",
         Q["minutes"]: 20, Q["needs_help"]: "No"},
        # Tom Kim writes about Ana, who is Rosa's mentee, not his.
        {"at": AT + dt.timedelta(minutes=9), "email": "tkim@school.example", "name": "Tom Kim",
         Q["met_on"]: "10/7/2025", Q["mentee"]: "10001", Q["needs_help"]: "Yes"},
        # A name that is none of Tom's mentees.
        {"at": AT + dt.timedelta(minutes=11), "email": "tkim@school.example", "name": "Tom Kim",
         Q["met_on"]: "10/7/2025", Q["mentee"]: "Fay Lund", Q["needs_help"]: "No"},
        {"at": AT + dt.timedelta(minutes=12), "email": "tkim@school.example", "name": "Tom Kim",
         Q["met_on"]: "10/8/2025", Q["mentee"]: "Cleo Ng", Q["minutes"]: 30,
         Q["topics"]: ["Goals"], Q["needs_help"]: "No"},
    ]


def _meetings(db) -> list[tuple]:
    return [tuple(row) for row in db.execute(
        "SELECT s.local_id, m.email, g.met_on, g.minutes, g.notes FROM meetings g "
        "JOIN meeting_matches mm ON mm.meeting_id = g.id JOIN matches x ON x.id = mm.match_id "
        "JOIN students s ON s.id = x.student_id JOIN mentors m ON m.id = g.mentor_id "
        "ORDER BY g.met_on, s.local_id")]


def test_a_microsoft_forms_check_in_export_imports_with_no_mapping(data_file, tmp_path):
    school = small_school(data_file.db)
    path = microsoft_forms(tmp_path / "Mentoring check-in(1-5).xlsx", QUESTIONS, _checkins())
    plan, _ = run(data_file, path, "meetings")
    assert (plan.kind_plan.added, plan.kind_plan.skipped) == (3, 2)
    columns = plan.document()["details"]["columns"]["Sheet1"]
    assert columns["Email"] == "mentor_email" and columns["Name"] == "mentor"
    assert "ID" not in columns
    text = messages(plan)
    assert "Ana Peña is not Tom Kim's mentee this year" in text
    assert "\u201cFay Lund\u201d is not one of Tom Kim's mentees" in text
    assert _meetings(data_file.db) == [
        ("10001", "rlopez@school.example", "2025-10-06", 25,
         "Where: the library. Worried about a friend who moved."),
        ("10002", "rlopez@school.example", "2025-10-07", 20, ""),
        ("10003", "tkim@school.example", "2025-10-08", 30, ""),
    ]
    raised = referrals.referrals_in_year(data_file.db, school.year_id)
    assert len(raised) == 1
    (referral,) = raised
    assert referral["student_id"] == school.student["10001"]
    assert referral["raised_by_mentor_id"] == school.mentor["rlopez@school.example"]
    assert (referral["kind"], referral["status"]) == ("counselor", "open")
    assert referral["need"] == "From the check-in form: Worried about a friend who moved."
    assert referral["opened_on"] == "2025-10-07"  # the day the check-in was sent
    assert referral["meeting_id"] is not None
    assert "noted \u201cfrom the check-in form\u201d" in " ".join(plan.notes)
    topics = [row[0] for row in data_file.db.execute(
        "SELECT t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id "
        "ORDER BY t.name")]
    assert topics == ["Friends", "Goals", "School"]


def test_re_importing_the_same_check_ins_adds_nothing_twice(data_file, tmp_path):
    small_school(data_file.db)
    path = microsoft_forms(tmp_path / "Mentoring check-in.xlsx", QUESTIONS, _checkins())
    run(data_file, path, "meetings")
    before = table_checksum(data_file.path, *TABLES)
    plan, _ = run(data_file, path, "meetings")
    assert (plan.kind_plan.added, plan.kind_plan.updated, plan.kind_plan.unchanged) == (0, 0, 3)
    assert plan.kind_plan.details["referrals_raised"] == 0
    assert table_checksum(data_file.path, *TABLES) == before


def test_a_google_forms_check_in_csv_imports_the_same(data_file, tmp_path):
    school = small_school(data_file.db)
    path = google_forms_csv(tmp_path / "Mentoring check-in (Responses) - Form Responses 1.csv",
                            QUESTIONS, _checkins())
    plan, _ = run(data_file, path, "meetings")
    assert (plan.kind_plan.added, plan.kind_plan.skipped) == (3, 2)
    assert len(referrals.referrals_in_year(data_file.db, school.year_id)) == 1


def test_a_check_in_for_a_meeting_already_logged_keeps_the_facilitators_note_and_refers_once(
        data_file, tmp_path):
    from storage import meetings

    school = small_school(data_file.db)
    match = school.match[("rlopez@school.example", "10001")]
    meetings.add_meeting(data_file.db, school.mentor["rlopez@school.example"], [match],
                         "2025-10-06", notes="Logged at the office.")
    path = microsoft_forms(tmp_path / "Mentoring check-in.xlsx", QUESTIONS, _checkins()[:1])
    plan, _ = run(data_file, path, "meetings")
    assert (plan.kind_plan.added, plan.kind_plan.updated) == (0, 1)  # the minutes were blank
    row = data_file.db.execute("SELECT notes, minutes FROM meetings").fetchone()
    assert tuple(row) == ("Logged at the office.", 25)
    assert len(referrals.referrals_in_year(data_file.db, school.year_id)) == 1
    run(data_file, path, "meetings")
    assert len(referrals.referrals_in_year(data_file.db, school.year_id)) == 1


def test_a_check_in_that_does_not_say_who_sent_it_is_a_problem(data_file, tmp_path):
    small_school(data_file.db)
    path = google_forms_csv(tmp_path / "Mentoring check-in.csv", QUESTIONS, _checkins()[:2],
                            emails=False)
    plan, _ = run(data_file, path, "meetings")
    assert (plan.kind_plan.added, plan.kind_plan.skipped) == (0, 2)
    assert "2 check-ins do not say which mentor sent them" in messages(plan)


def test_undoing_the_check_in_import_removes_its_referrals(data_file, tmp_path):
    from importing.apply import undo

    school = small_school(data_file.db)
    before = table_checksum(data_file.path, *TABLES)
    path = microsoft_forms(tmp_path / "Mentoring check-in.xlsx", QUESTIONS, _checkins())
    _, batch = run(data_file, path, "meetings")
    assert referrals.referrals_in_year(data_file.db, school.year_id)
    undo(data_file.db, batch)
    assert table_checksum(data_file.path, *TABLES) == before


def test_the_import_window_guesses_a_check_in_export_is_meetings(tmp_path):
    from importing.plan import guess_kind, read_file
    from program.surveys import STUDENT_ID_QUESTION

    checkins = microsoft_forms(tmp_path / "Mentoring check-in.xlsx", QUESTIONS, _checkins())
    assert guess_kind(read_file(checkins))[0] == "meetings"
    google = google_forms_csv(tmp_path / "check-in.csv", QUESTIONS, _checkins())
    assert guess_kind(read_file(google))[0] == "meetings"
    survey = microsoft_forms(tmp_path / "survey (start).xlsx",
                             [STUDENT_ID_QUESTION, "I feel safe at this school."],
                             [{"at": AT, STUDENT_ID_QUESTION: "1",
                               "I feel safe at this school.": "Agree"}])
    assert guess_kind(read_file(survey))[0] == "surveys"
