"""What a column can mean: each field MentorDesk reads, with the names schools give it.

Aliases are compared after :func:`importing.headers.normalize_header` (lower case, words only,
camelCase split, PowerSchool's ``[1]`` prefixes dropped). Earlier aliases win over later ones
when two columns could mean the same thing: PowerSchool's ``Student_Number`` is the school's ID,
its ``ID`` an internal number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One meaning a column can have."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    # A field that takes a name only when a likelier field has it already (the SIS key's
    # "Student ID" beside a "Student Number"): its matches score this much lower.
    behind: int = 0


def field(key: str, label: str, *aliases: str, behind: int = 0) -> Field:
    """A field with its aliases, likeliest first."""
    return Field(key, label, aliases, behind)


STUDENT_ID = field(
    "student_id", "Student ID",
    "student number", "student no", "student num", "student id", "student id number",
    "stu id", "stu number", "stu no", "local id", "local student id", "perm id",
    "permanent id", "perm number", "student perm id", "sn", "id number", "id no", "identifier",
    "student identifier", "student unique id", "pupil id", "pupil number", "student code",
    "student nbr", "student", "id",
)
# Other IDs a student is known by: kept, and any later file may find the student by them.
SIS_ID = field("sis_id", "SIS ID (the student system's own key)",
               "sis id", "student sis id", "sis student id", "sis key", "student key",
               "internal id", "student id", "id", "dcid", behind=100)
STATE_ID = field("state_id", "State ID", "state id", "state student number", "state student id",
                 "state number", "state identifier", "ssid", "sasid", "suid")
SOURCED_ID = field("sourced_id", "OneRoster sourced ID", "sourced id", "user sourced id")
OTHER_ID = field("other_id", "Another ID", "user master identifier", "master identifier",
                 "person id", "district id")
# OneRoster: the sourcedIds of a student's guardians (rows of the same file).
AGENTS = field("agents", "Guardians (OneRoster)", "agent sourced ids", "agents",
               "guardian sourced ids")
LAST_NAME = field(
    "last_name", "Last name",
    "last name", "lastname", "last", "surname", "family name", "last surname", "ln", "lname",
    "last nm", "student last name", "legal last name", "student last",
)
FIRST_NAME = field(
    "first_name", "First name",
    "first name", "firstname", "first", "given name", "fn", "fname", "first nm",
    "student first name", "legal first name", "student first",
)
FULL_NAME = field(
    "full_name", "Full name (first and last together)",
    "student name", "name", "full name", "last first", "lastfirst", "last first name",
    "student full name", "pupil name", "name last first", "last name first name",
    "student name last first", "students name",
)
MIDDLE_NAME = field("middle_name", "Middle name", "middle name", "middle", "mn", "middle initial",
                    "mi")
PREFERRED_NAME = field("preferred_name", "Preferred name", "preferred name", "nickname",
                       "goes by", "preferred first name", "preferred given name", "known as",
                       "nick name")
GRADE = field("grade", "Grade", "grade", "grade level", "gr", "grd", "grades", "current grade",
              "gradelevel", "year level", "student grade")
HOMEROOM = field("homeroom", "Homeroom", "homeroom", "home room", "hr", "homeroom teacher",
                 "advisory", "room", "home room teacher")
ENTRY_DATE = field("entry_date", "Entry date", "entry date", "enroll date", "enrollment date",
                   "date enrolled", "admission date", "entrydate", "enter date")
EXIT_DATE = field("exit_date", "Exit date", "exit date", "withdrawal date", "withdraw date",
                  "leave date", "date left", "exitdate", "withdrawn on", "left on")
ENROLL_STATUS = field("enroll_status", "Enrollment status", "enroll status", "enrollment status",
                      "status", "tg", "enrollment", "withdrawn")
ROLE_OF_PERSON = field("person_role", "Role (student or staff)", "role", "user role")
GUARDIAN_NAME = field("guardian_name", "Guardian name", "guardian name", "guardian", "parent",
                      "parent name", "parent guardian", "parent guardian name", "contact name",
                      "emergency contact")
GUARDIAN_PHONE = field("guardian_phone", "Guardian phone", "guardian phone", "parent phone",
                       "home phone", "contact phone", "parent guardian phone", "phone",
                       "phone number")
GUARDIAN_EMAIL = field("guardian_email", "Guardian email", "guardian email", "parent email",
                       "contact email", "parent guardian email")
INTERESTS = field("interests", "Interests", "interests", "hobbies", "likes", "interest")
NOTES = field("notes", "Notes", "notes", "note", "comments", "comment", "additional comments",
              "anything else")
AVAILABILITY = field("availability", "When free", "availability", "available", "free times",
                     "when available", "best time", "best times", "times available",
                     "availability days times", "free time", "when free")
NOMINATED_BY = field("nominated_by", "Nominated by", "nominated by", "teacher", "referred by",
                     "nominating teacher", "submitted by", "referring teacher", "teacher name",
                     "your name", "nominator", "staff member", "referring staff")
NOMINATED_ON = field("nominated_on", "Nomination date", "nomination date", "date nominated",
                     "date submitted", "date", "timestamp", "submitted", "referral date")
REASONS = field("reasons", "Reasons for the nomination", "reason", "reasons",
                "reason for nomination",
                "reasons for nomination", "concern", "concerns", "area of concern",
                "areas of concern", "why", "reason s", "primary reason")
REASON_ATTENDANCE = field("reason_attendance", "Reason: attendance (yes/no)", "attendance",
                          "attendance concern")
REASON_BEHAVIOR = field("reason_behavior", "Reason: behavior (yes/no)", "behavior", "behaviour",
                        "behavior concern", "conduct")
REASON_ACADEMICS = field("reason_academics", "Reason: academics (yes/no)", "academics",
                         "academic", "academic concern", "academic concerns")
REASON_SOCIAL = field("reason_social_emotional", "Reason: social-emotional (yes/no)",
                      "social emotional", "social", "sel", "social emotional concern",
                      "emotional", "social and emotional")
REASON_OTHER = field("reason_other", "Reason: other (yes/no)", "other", "other concern")
IGNORED_PERSON = field("ignore_person", "A column MentorDesk does not keep", "dob",
                       "birthdate", "birth date", "date of birth", "gender", "sex", "gn",
                       "ethnicity", "race", "sc", "school", "school id", "schoolid",
                       "school sis id", "date last modified", "enabled user", "org sourced ids",
                       "primary org sourced id", "username", "user ids", "sms", "counselor",
                       "cu", "email", "e mail", "student email", "secondary email", "password",
                       "pronouns", "resource sourced ids", "preferred middle name",
                       "preferred family name", "hispanic latino", "ell status", "frl status",
                       "iep status", "contact type")

MENTOR_FIRST = field("first_name", "First name", *FIRST_NAME.aliases, "mentor first name",
                     "staff first name")
MENTOR_LAST = field("last_name", "Last name", *LAST_NAME.aliases, "mentor last name",
                    "staff last name")
MENTOR_FULL = field("full_name", "Full name (first and last together)", "name", "full name",
                    "staff name", "mentor name", "mentor", "employee name", "staff", "staff member",
                    "teacher name", "last first", "lastfirst", "employee")
MENTOR_EMAIL = field("email", "Email", "email", "e mail", "email address", "work email",
                     "staff email", "school email", "mentor email", "teacher email",
                     "electronic mail address", "electronic mail", "secondary email")
MENTOR_PHONE = field("phone", "Phone", "phone", "cell", "cell phone", "mobile", "phone number",
                     "extension", "ext", "work phone")
MENTOR_ROLE = field("role", "Role", "role", "position", "title", "job title", "job",
                    "staff role", "staff type", "staff classification descriptor",
                    "staff classification")
CAPACITY = field("capacity", "How many students", "capacity", "max mentees", "mentees",
                 "how many students", "number of students", "max students", "students",
                 "mentee capacity", "number of mentees")
BACKGROUND_ON = field("background_check_on", "Background check date", "background check",
                      "background check date", "bg check", "fingerprint date",
                      "clearance date", "background", "fingerprinted", "background checked")
BACKGROUND_EXPIRES = field("background_check_expires", "Background check expires",
                           "background check expires", "expires", "expiration",
                           "expiration date", "clearance expires", "bg check expires",
                           "background expires")
AGREEMENT_SIGNED = field("agreement_signed", "Agreement signed (yes/no)", "agreement signed",
                         "agreement", "signed agreement", "mentor agreement",
                         "commitment signed", "signed")
AGREEMENT_ON = field("agreement_signed_on", "Agreement date", "agreement date", "date signed",
                     "signed on", "agreement signed on", "agreement signed date")
ACTIVE = field("active", "Active (yes/no)", "active", "status", "current")

MATCH_MENTOR = field("mentor", "Mentor's name", "mentor", "mentor name", "mentor full name",
                     "staff", "staff name", "adult", "adult mentor", "staff member",
                     "mentor s name")
MATCH_MENTOR_EMAIL = field("mentor_email", "Mentor email", "mentor email", "mentor e mail",
                           "staff email", "email")
MATCH_MENTOR_FIRST = field("mentor_first_name", "Mentor first name", "mentor first name",
                           "mentor first")
MATCH_MENTOR_LAST = field("mentor_last_name", "Mentor last name", "mentor last name",
                          "mentor last")
STARTED_ON = field("started_on", "Start date", "start date", "match date", "matched on",
                   "date matched", "started", "start", "begin date", "started on", "date")
ENDED_ON = field("ended_on", "End date", "end date", "ended", "closed", "close date",
                 "date closed", "ended on", "closed on", "end")
CLOSURE_REASON = field("closure_reason", "Why it ended", "closure reason", "reason closed",
                       "end reason", "why ended", "reason ended", "closing reason", "reason")
USUAL_TIME = field("usual_time", "Usual day and time", "meeting day", "usual day",
                   "usual time", "meeting time", "day time", "when", "time", "day",
                   "meets", "schedule")

MET_ON = field("met_on", "Meeting date", "date", "meeting date", "met on", "date met",
               "session date", "date of meeting", "meeting")
MINUTES = field("minutes", "Minutes", "minutes", "duration", "length", "mins", "time spent",
                "duration minutes", "length minutes", "min")
MEETING_KIND = field("meeting_kind", "Type of meeting", "type", "meeting type", "kind",
                     "activity", "format", "contact type")
OUTCOME = field("outcome", "Held or not", "outcome", "status", "held", "attended",
                "did meeting happen", "result")
TOPICS = field("topics", "Topics", "topics", "topic", "discussed", "subjects", "topics discussed",
               "focus")
MEETING_SLOT = field("slot", "Time of day", "time", "when", "period", "slot", "time of day")

ATT_DATE = field("date", "Date", "date", "att date", "attendance date", "absence date", "day",
                 "dt", "calendar date", "date value", "att dt", "date of absence", "event date")
ATT_CODE = field("code", "Attendance code", "code", "att code", "attendance code",
                 "absence code", "al", "all day", "attendance", "status", "reason code",
                 "daily code", "attendance status", "presence code", "mark", "att mark",
                 "attendance event category descriptor", "attendance event category",
                 "attendance category")
ATT_DESCRIPTION = field("code_description", "Code description", "description",
                        "code description", "att description", "attendance description",
                        "reason", "comment", "att comment", "attendance event reason")
# Class periods (numbers, names) or half days (AM/PM): the values say which.
ATT_PERIOD = field("period", "Class period (or AM/PM)", "period", "period id", "period number",
                   "class period", "periodid", "att period", "period name", "am pm", "ampm",
                   "half", "half day", "portion", "am or pm", "meeting")
ATT_SECTION = field("section", "Class section", "section id", "section", "class section",
                    "section number", "sectionid", "course section", "course section id",
                    "section code", "class id", "class", "course")
ATT_TYPE = field("attendance_type", "Daily or class attendance", "attendance type",
                 "att mode code", "attendance mode", "att mode", "mode")
DAYS_ENROLLED = field("days_enrolled", "Days enrolled", "days enrolled", "enrolled days",
                      "days in membership", "membership days", "days membership",
                      "possible days", "days possible", "membership", "enrolled",
                      "total days", "days in session")
DAYS_ABSENT = field("days_absent", "Days absent", "days absent", "absences", "absent days",
                    "total absences", "days missed", "absent", "abs", "number of absences",
                    "total days absent")
DAYS_PRESENT = field("days_present", "Days present", "days present", "present days",
                     "present", "days attended", "attended")
AS_OF = field("as_of", "As of date", "as of", "as of date", "through", "through date",
              "date", "report date")
IGNORED_ATTENDANCE = field("ignore_attendance", "(a column MentorDesk does not keep)",
                           "att mode code", "attendance code id", "school id", "schoolid",
                           "dcid", "ada", "adm", "sc", "school", "dy", "day number",
                           "school day", "session name", "event duration", "presence flag",
                           "school year")

CAL_DATE = field("date", "Date", "date", "day", "calendar date", "date value",
                 "non school day", "no school", "closed", "closure date", "holiday date")
CAL_START = field("start_date", "First day (of a break or term)", "start date", "from",
                  "first day", "begin", "begins", "start", "from date", "begin date")
CAL_END = field("end_date", "Last day (of a break or term)", "end date", "to", "through",
                "last day", "ends", "end", "to date", "through date")
CAL_LABEL = field("label", "What it is called", "holiday", "description", "reason", "name",
                  "label", "note", "notes", "occasion", "comment", "event name")
# What kind of day a date is ("Holiday", "Instructional day", Ed-Fi's descriptors).
CAL_DAY_TYPE = field("day_type", "Kind of day (holiday, instructional day…)",
                     "calendar event descriptor", "calendar event", "calendar event type",
                     "event", "event type", "day type", "type", "kind of day", "day kind")
CAL_IN_SESSION = field("in_session", "School in session (yes/no)", "in session", "insession",
                       "school day", "instructional", "instructional day", "student day",
                       "students attend")
# Sessions (terms) files: each row a term, with its first and last day.
CAL_SESSION = field("session", "Term (session)", "session name", "term", "term descriptor",
                    "term name", "semester", "session", "marking period", "grading period",
                    "quarter", "trimester")
CAL_SCHOOL_DAYS = field("school_days", "School days in the term", "total instructional days",
                        "instructional days", "school days", "number of days",
                        "number of school days", "days", "total days")

# Answers exported from a forms tool (Microsoft Forms, Google Forms): the columns the tool adds
# before the questions. Microsoft's "ID" is the response's number, never a student's.
SUBMITTED_AT = field("submitted_at", "When it was answered", "timestamp", "completion time",
                     "submitted at", "submitted", "submission time", "end time",
                     "date submitted", "date answered", "date")
RESPONDENT_EMAIL = field("email", "Email of the person who answered", "email",
                         "email address", "e mail", "e mail address", "username",
                         "respondent email", "responder")
RESPONSE_NUMBER = field("response_number", "Response number (from the forms tool)", "id",
                        "response id", "response number", "response")
IGNORED_FORM = field("ignore_form", "(a column MentorDesk does not keep)", "start time",
                     "last modified time", "score", "total points", "quiz feedback", "points",
                     "feedback", "language")
# The meeting check-in form's own questions (program/checkin.py words them).
MENTEE = field("mentee", "Your mentee (ID or name, among the mentor's mentees)",
               "your mentee s student id", "mentee s student id", "mentee", "your mentee",
               "mentee id", "mentee s id")
PLACE = field("place", "Where they met", "where did you meet", "where", "place", "location",
              "meeting place", "where met")
NEEDS_HELP = field("needs_help", "Needs help from the counselor (yes/no)",
                   "does your mentee need help from the counselor", "needs help",
                   "needs help from the counselor", "counselor referral",
                   "refer to counselor", "help from the counselor")
