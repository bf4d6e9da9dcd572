"""Numbered schema migrations (sqlite-utils Migrations) and the ``user_version`` stamp.

Each migration runs in one transaction. Never edit a released migration: add the next one,
and a test that upgrades a file of the version before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from storage.schema_v1 import SCHEMA_V1

# "MDSK": marks a SQLite file as MentorDesk's (PRAGMA application_id).
APPLICATION_ID = 0x4D44534B



@dataclass
class Migration:
    """One numbered change of the file's layout."""

    name: str
    fn: Callable[[sqlite_utils.Database], None]
    transactional: bool = True


class Migrations:
    """sqlite-utils' Migrations, declared without loading sqlite-utils.

    The decorator and :meth:`pending` (what every opening asks) work here; applying them is
    sqlite_utils.migrations.Migrations' own, so the window opens an up-to-date file before
    sqlite-utils is loaded (storage/__init__.py).
    """

    table = "_sqlite_migrations"

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True):
        def register(fn):
            migration_name = name or fn.__name__
            if any(m.name == migration_name for m in self._migrations):
                raise ValueError(f"migration {migration_name} is declared twice")
            self._migrations.append(Migration(migration_name, fn, transactional))
            return fn

        return register

    def applied_names(self, db: sqlite_utils.Database) -> list[str]:
        """The migrations this file has, in the order they ran."""
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          [self.table]).fetchone():
            return []
        return [row[0] for row in db.execute(
            f"SELECT name FROM {self.table} WHERE migration_set = ? ORDER BY rowid",
            [self.name])]

    def pending(self, db: sqlite_utils.Database) -> list[Migration]:
        """The migrations this file does not have yet (reads only)."""
        applied = set(self.applied_names(db))
        return [m for m in self._migrations if m.name not in applied]

    def applied(self, db: sqlite_utils.Database) -> list:
        return self._sqlite_utils().applied(db)

    def apply(self, db: sqlite_utils.Database, *, stop_before: str | None = None) -> None:
        """Run the pending migrations, each in one transaction (sqlite-utils does it)."""
        self._sqlite_utils().apply(db, stop_before=stop_before)

    def _sqlite_utils(self):
        from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

        real = SqliteUtilsMigrations(self.name)
        real._migrations = [real._Migration(m.name, m.fn, m.transactional)
                            for m in self._migrations]
        return real


migrations = Migrations("mentordesk")

DEFAULT_MENTOR_ROLES = [
    "Teacher",
    "Paraprofessional",
    "Administrator",
    "Counselor",
    "Resource officer",
    "Other staff",
]

DEFAULT_TOPICS = ["School", "Attendance", "Friends", "Family", "Interests", "Goals", "Other"]

# code -> (status, label). The list, plus unambiguous long forms seen in SIS exports.
DEFAULT_ATTENDANCE_CODES: dict[str, tuple[str, str]] = {
    "": ("present", "Blank: present"),
    "P": ("present", "Present"),
    "PRESENT": ("present", "Present"),
    "T": ("tardy", "Tardy"),
    "L": ("tardy", "Late (excused tardy)"),
    "TARDY": ("tardy", "Tardy"),
    "A": ("absent_unexcused", "Absent"),
    "U": ("absent_unexcused", "Unexcused absence"),
    "UEX": ("absent_unexcused", "Unexcused absence"),
    "UNX": ("absent_unexcused", "Unexcused absence"),
    "ABSENT": ("absent_unexcused", "Absent"),
    "UNEXCUSED": ("absent_unexcused", "Unexcused absence"),
    "E": ("absent_excused", "Excused absence"),
    "EX": ("absent_excused", "Excused absence"),
    "EXCUSED": ("absent_excused", "Excused absence"),
    "S": ("suspension_out", "Out-of-school suspension"),
    "OSS": ("suspension_out", "Out-of-school suspension"),
    "ISS": ("suspension_in", "In-school suspension"),
    "I": ("suspension_in", "In-school suspension"),
    "H": ("half_day", "Half day absent"),
}


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction half-way; run statements one by one.
    statement = ""
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        statement += line + "\n"
        if line.rstrip().endswith(";"):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    _run_script(db, SCHEMA_V1)
    for order, name in enumerate(DEFAULT_MENTOR_ROLES):
        db.execute("INSERT INTO mentor_roles (name, sort_order) VALUES (?, ?)", [name, order])
    for order, name in enumerate(DEFAULT_TOPICS):
        db.execute("INSERT INTO topics (name, sort_order) VALUES (?, ?)", [name, order])
    for code, (status, label) in DEFAULT_ATTENDANCE_CODES.items():
        db.execute(
            "INSERT INTO attendance_codes (code, status, label) VALUES (?, ?, ?)",
            [code, status, label],
        )


@migrations(name="0002_remembered_column_mappings")
def _remembered_column_mappings(db: sqlite_utils.Database) -> None:
    # The import wizard remembers how a sheet's headers were mapped, keyed by the headers.
    _run_script(
        db,
        """
        CREATE TABLE column_mappings (
            kind TEXT NOT NULL,
            header_signature TEXT NOT NULL,
            mapping TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (kind, header_signature)
        );
        """,
    )


@migrations(name="0006_school_year_life_cycle")
def _school_year_life_cycle(db: sqlite_utils.Database) -> None:
    # A new school year carries students up a grade: provisional until the new year's roster
    # confirms it. A match continued into the new year points at last year's. A past year's
    # student-level records can be let go once its report is saved: the report's figures (and
    # the saved files) stay, so that year's aggregate report can still be opened.
    _run_script(
        db,
        """
        ALTER TABLE enrollments ADD COLUMN grade_provisional INTEGER NOT NULL DEFAULT 0
            CHECK (grade_provisional IN (0, 1));
        ALTER TABLE matches ADD COLUMN continues_match_id INTEGER
            REFERENCES matches(id) ON DELETE SET NULL;
        ALTER TABLE school_years ADD COLUMN purged_on TEXT;
        CREATE TABLE saved_reports (
            year_id INTEGER PRIMARY KEY REFERENCES school_years(id) ON DELETE CASCADE,
            saved_at TEXT NOT NULL,
            figures TEXT NOT NULL,
            workbook BLOB,
            pdf BLOB
        );
        """,
    )


@migrations(name="0005_mentor_and_student_history")
def _mentor_and_student_history(db: sqlite_utils.Database) -> None:
    # A closed year's report takes who was active, their role and screening, and who was
    # archived, as the file said then (storage/history.py). Each mentor and student starts with
    # their state now, from the day they were added: nothing earlier was kept.
    _run_script(
        db,
        """
        CREATE TABLE mentor_history (
            id INTEGER PRIMARY KEY,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id) ON DELETE CASCADE,
            changed_on TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            active INTEGER NOT NULL,
            role_id INTEGER,
            background_check_on TEXT,
            background_check_expires TEXT,
            agreement_signed INTEGER NOT NULL,
            agreement_signed_on TEXT
        );
        CREATE INDEX mentor_history_by_mentor ON mentor_history(mentor_id, changed_on);
        CREATE TABLE student_history (
            id INTEGER PRIMARY KEY,
            student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
            changed_on TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            archived INTEGER NOT NULL
        );
        CREATE INDEX student_history_by_student ON student_history(student_id, changed_on);
        INSERT INTO mentor_history (mentor_id, changed_on, changed_at, active, role_id,
            background_check_on, background_check_expires, agreement_signed, agreement_signed_on)
            SELECT id, substr(created_at, 1, 10), created_at, active, role_id,
            background_check_on, background_check_expires, agreement_signed, agreement_signed_on
            FROM mentors;
        INSERT INTO student_history (student_id, changed_on, changed_at, archived)
            SELECT id, substr(created_at, 1, 10), created_at, archived FROM students;
        """,
    )


@migrations(name="0004_student_identifiers")
def _student_identifiers(db: sqlite_utils.Database) -> None:
    # A student is known by several IDs (the school's number, the SIS key, the state ID,
    # OneRoster's sourcedId): local_id stays the one shown, id_kind says which it is, and
    # every other ID a file gave is kept so that a later file can find them by it.
    _run_script(
        db,
        """
        ALTER TABLE students ADD COLUMN id_kind TEXT NOT NULL DEFAULT 'student_number'
            CHECK (id_kind IN ('student_number', 'sis_id', 'state_id', 'sourced_id', 'other'));
        CREATE TABLE student_identifiers (
            kind TEXT NOT NULL
                CHECK (kind IN ('student_number', 'sis_id', 'state_id', 'sourced_id', 'other')),
            value TEXT NOT NULL,
            student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
            batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
            PRIMARY KEY (kind, value)
        ) WITHOUT ROWID;
        CREATE INDEX student_identifiers_by_student ON student_identifiers(student_id);
        """,
    )


# Ed-Fi's attendance event categories and CEDS's statuses: a file gives them as descriptor
# URIs ("uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence"), known by the part
# after "#"; kept as codes so that a school can change what one means.
STANDARD_ATTENDANCE_CODES: dict[str, tuple[str, str]] = {
    "In Attendance": ("present", "In attendance (Ed-Fi)"),
    "Excused Absence": ("absent_excused", "Excused absence (Ed-Fi)"),
    "Unexcused Absence": ("absent_unexcused", "Unexcused absence (Ed-Fi)"),
    "Partial": ("half_day", "Partial day (Ed-Fi)"),
    "Early departure": ("present", "Early departure (Ed-Fi)"),
    "ExcusedAbsence": ("absent_excused", "Excused absence (CEDS)"),
    "UnexcusedAbsence": ("absent_unexcused", "Unexcused absence (CEDS)"),
    "EarlyDeparture": ("present", "Early departure (CEDS)"),
}

_STATUSES_WITH_PARTIAL = ("'present', 'tardy', 'absent_excused', 'absent_unexcused', "
                          "'suspension_in', 'suspension_out', 'half_day', 'partial'")


@migrations(name="0004b_partial_status")
def _partial_status(db: sqlite_utils.Database) -> None:
    # "partial": present, but missed some class periods (fewer than the share that makes an
    # absent day). SQLite cannot change a CHECK constraint, so both tables are rebuilt.
    _run_script(
        db,
        f"""
        CREATE TABLE attendance_codes_new (
            code TEXT PRIMARY KEY COLLATE NOCASE,
            status TEXT NOT NULL CHECK (status IN ({_STATUSES_WITH_PARTIAL})),
            label TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO attendance_codes_new (code, status, label)
            SELECT code, status, label FROM attendance_codes;
        DROP TABLE attendance_codes;
        ALTER TABLE attendance_codes_new RENAME TO attendance_codes;
        CREATE TABLE attendance_new (
            student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ({_STATUSES_WITH_PARTIAL})),
            code TEXT NOT NULL DEFAULT '',
            batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
            PRIMARY KEY (student_id, day)
        ) WITHOUT ROWID;
        INSERT INTO attendance_new (student_id, day, status, code, batch_id)
            SELECT student_id, day, status, code, batch_id FROM attendance;
        DROP TABLE attendance;
        ALTER TABLE attendance_new RENAME TO attendance;
        CREATE INDEX attendance_by_day ON attendance(day);
        CREATE INDEX attendance_by_batch ON attendance(batch_id);
        """,
    )
    for code, (status, label) in STANDARD_ATTENDANCE_CODES.items():
        db.execute("INSERT OR IGNORE INTO attendance_codes (code, status, label) VALUES (?, ?, ?)",
                   [code, status, label])


# The kinds of day a calendar file names, and whether students are in school on them.
DEFAULT_DAY_TYPES: dict[str, bool] = {
    "instructional day": True, "instructional": True, "school day": True,
    "make-up day": True, "makeup day": True, "make up day": True, "late arrival": True,
    "late start": True, "early release": True, "early dismissal": True,
    "early release/dismissal": True, "minimum day": True, "half day": True,
    "first day": True, "last day": True, "student day": True,
    "holiday": False, "teacher only day": False, "teacher-only day": False,
    "teacher workday": False, "teacher work day": False, "staff development": False,
    "professional development": False, "in-service": False, "inservice": False,
    "non-instructional day": False, "non instructional day": False, "emergency day": False,
    "strike": False, "weather day": False, "snow day": False, "other": False,
    "no school": False, "break": False, "vacation": False, "closed": False,
    "winter break": False, "spring break": False, "recess": False,
}


@migrations(name="0004c_calendar_day_types")
def _calendar_day_types(db: sqlite_utils.Database) -> None:
    # A calendar file says what each date is ("Holiday", "Make-up day"): whether students are
    # in school on such a day is kept here, so words a school uses are asked about once.
    # A sessions file may state how many school days the year has: kept on the year.
    _run_script(
        db,
        """
        CREATE TABLE calendar_day_types (
            word TEXT PRIMARY KEY COLLATE NOCASE,
            school INTEGER NOT NULL CHECK (school IN (0, 1))
        );
        ALTER TABLE school_years ADD COLUMN stated_school_days INTEGER
            CHECK (stated_school_days IS NULL OR stated_school_days >= 0);
        ALTER TABLE school_years ADD COLUMN stated_by TEXT NOT NULL DEFAULT '';
        """,
    )
    for word, school in DEFAULT_DAY_TYPES.items():
        db.execute("INSERT INTO calendar_day_types (word, school) VALUES (?, ?)",
                   [word, int(school)])


# The surveys' questions as MentorDesk first writes them (editable afterwards): students on
# how connected they feel to school, mentors on their experience and the support they get.
DEFAULT_SURVEY_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("mentee", "agreement", "There is an adult at this school who cares about me."),
    ("mentee", "agreement", "I feel like I belong at this school."),
    ("mentee", "agreement", "I feel safe at this school."),
    ("mentee", "agreement", "When I have a problem, there is an adult at school I can talk to."),
    ("mentee", "agreement", "I want to come to school most days."),
    ("mentee", "agreement", "Adults at this school notice when I am not here."),
    ("mentee", "agreement", "I believe I can do well in school this year."),
    ("mentor", "agreement", "I feel ready to be a mentor."),
    ("mentor", "agreement", "I know what to do when my mentee needs more help than I can give."),
    ("mentor", "agreement", "I get the support I need from the program's facilitator."),
    ("mentor", "agreement", "The training helped me as a mentor."),
    ("mentor", "agreement", "I have enough time in my week to meet my mentee."),
    ("mentor", "agreement", "I would be a mentor again next year."),
    ("mentor", "text", "What would make mentoring easier for you?"),
)


def seed_survey_questions(db: sqlite_utils.Database) -> None:
    """The default survey questions, when the file has none."""
    if db.execute("SELECT count(*) FROM survey_questions").fetchone()[0]:
        return
    for order, (audience, kind, text) in enumerate(DEFAULT_SURVEY_QUESTIONS):
        db.execute("INSERT INTO survey_questions (audience, kind, text, sort_order) "
                   "VALUES (?, ?, ?, ?)", [audience, kind, text, order])


@migrations(name="0009_surveys")
def _surveys(db: sqlite_utils.Database) -> None:
    # Pre/post surveys: questions (editable; retired rather than removed once answered),
    # one response per person, school year and time (start or end), its answers.
    _run_script(
        db,
        """
        CREATE TABLE survey_questions (
            id INTEGER PRIMARY KEY,
            audience TEXT NOT NULL CHECK (audience IN ('mentee', 'mentor')),
            kind TEXT NOT NULL DEFAULT 'agreement' CHECK (kind IN ('agreement', 'text')),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            sort_order INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        );
        CREATE TABLE survey_responses (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
            audience TEXT NOT NULL CHECK (audience IN ('mentee', 'mentor')),
            phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
            student_id INTEGER REFERENCES students(id) ON DELETE CASCADE,
            mentor_id INTEGER REFERENCES mentors(id) ON DELETE CASCADE,
            answered_on TEXT NOT NULL,
            submitted_at TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'paper')),
            batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
            CHECK ((audience = 'mentee' AND student_id IS NOT NULL AND mentor_id IS NULL)
                OR (audience = 'mentor' AND mentor_id IS NOT NULL AND student_id IS NULL))
        );
        CREATE UNIQUE INDEX survey_responses_of_student
            ON survey_responses(year_id, phase, student_id) WHERE student_id IS NOT NULL;
        CREATE UNIQUE INDEX survey_responses_of_mentor
            ON survey_responses(year_id, phase, mentor_id) WHERE mentor_id IS NOT NULL;
        CREATE INDEX survey_responses_by_student ON survey_responses(student_id);
        CREATE INDEX survey_responses_by_mentor ON survey_responses(mentor_id);
        CREATE TABLE survey_answers (
            response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
            question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
            value INTEGER CHECK (value BETWEEN 1 AND 4),
            text TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (response_id, question_id)
        ) WITHOUT ROWID;
        CREATE INDEX survey_answers_by_question ON survey_answers(question_id);
        """,
    )
    seed_survey_questions(db)


_ATTENDANCE_STATUSES = ("present", "tardy", "absent_excused", "absent_unexcused",
                        "suspension_in", "suspension_out", "half_day", "partial")


@migrations(name="0010_quick_attendance_status_check")
def _quick_attendance_status_check(db: sqlite_utils.Database) -> None:
    # The same statuses, checked the quick way. SQLite checks ``status IN (eight words)`` by
    # looking each row up in a little table it builds, which made storing a year of
    # attendance (360,000 rows) about three times slower than with no check at all; ``CASE``
    # compares in turn, and most rows are "present", the first word. Nothing else changes.
    allowed = " ".join(f"WHEN '{status}' THEN 1" for status in _ATTENDANCE_STATUSES)
    _run_script(
        db,
        f"""
        CREATE TABLE attendance_new (
            student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            status TEXT NOT NULL CHECK (CASE status {allowed} ELSE 0 END),
            code TEXT NOT NULL DEFAULT '',
            batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
            PRIMARY KEY (student_id, day)
        ) WITHOUT ROWID;
        INSERT INTO attendance_new (student_id, day, status, code, batch_id)
            SELECT student_id, day, status, code, batch_id FROM attendance;
        DROP TABLE attendance;
        ALTER TABLE attendance_new RENAME TO attendance;
        CREATE INDEX attendance_by_day ON attendance(day);
        CREATE INDEX attendance_by_batch ON attendance(batch_id);
        """,
    )


MIGRATION_NAMES = [m.name for m in migrations._migrations]
LATEST_VERSION = len(MIGRATION_NAMES)


def schema_version(db: sqlite_utils.Database) -> int:
    """The file's ``PRAGMA user_version``: how many migrations it has."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def pending_count(db: sqlite_utils.Database) -> int:
    """How many migrations this file still needs."""
    return len(migrations.pending(db))


def apply_pending(db: sqlite_utils.Database, *, stop_before: str | None = None) -> None:
    """Bring the file's schema up to date, then stamp ``user_version`` and ``application_id``."""
    migrations.apply(db, stop_before=stop_before)
    applied = len(migrations.applied(db))
    db.execute(f"PRAGMA user_version = {int(applied)}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def seed_lists(db: sqlite_utils.Database) -> None:
    """Put back the default roles, topics and attendance codes (after emptying a file)."""
    for order, name in enumerate(DEFAULT_MENTOR_ROLES):
        db.execute("INSERT OR IGNORE INTO mentor_roles (name, sort_order) VALUES (?, ?)",
                   [name, order])
    for order, name in enumerate(DEFAULT_TOPICS):
        db.execute("INSERT OR IGNORE INTO topics (name, sort_order) VALUES (?, ?)", [name, order])
    for code, (status, label) in DEFAULT_ATTENDANCE_CODES.items():
        db.execute("INSERT OR IGNORE INTO attendance_codes (code, status, label) VALUES (?, ?, ?)",
                   [code, status, label])
    for code, (status, label) in STANDARD_ATTENDANCE_CODES.items():
        db.execute("INSERT OR IGNORE INTO attendance_codes (code, status, label) VALUES (?, ?, ?)",
                   [code, status, label])
    for word, school in DEFAULT_DAY_TYPES.items():
        db.execute("INSERT OR IGNORE INTO calendar_day_types (word, school) VALUES (?, ?)",
                   [word, int(school)])
    seed_survey_questions(db)
