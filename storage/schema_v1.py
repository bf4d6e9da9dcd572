"""Schema version 1, as first released: frozen (never edit it; add a migration)."""

SCHEMA_V1 = """
-- MentorDesk data file, schema version 1. Dates are ISO-8601 text (YYYY-MM-DD),
-- times ISO-8601 with seconds. Codes are lower_snake_case; their words live in program/vocabulary.

CREATE TABLE school_years (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    CHECK (first_day <= last_day)
);

CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL DEFAULT '',
    file_path TEXT NOT NULL DEFAULT '',
    sheets TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    year_id INTEGER REFERENCES school_years(id) ON DELETE SET NULL,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    attendance_mode TEXT CHECK (attendance_mode IN ('daily', 'exceptions')),
    covers_from TEXT,
    covers_through TEXT,
    details TEXT NOT NULL DEFAULT '{}',
    undone_at TEXT
);

-- Every change an import makes, so that the whole batch can be undone:
-- 'insert' rows are removed, 'update' and 'delete' rows get old_values back.
CREATE TABLE import_changes (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old_values TEXT
);
CREATE INDEX import_changes_by_batch ON import_changes(batch_id);

CREATE TABLE non_school_days (
    year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    PRIMARY KEY (year_id, day)
);

CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    local_id TEXT UNIQUE,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    preferred_name TEXT NOT NULL DEFAULT '',
    guardian_name TEXT NOT NULL DEFAULT '',
    guardian_phone TEXT NOT NULL DEFAULT '',
    guardian_email TEXT NOT NULL DEFAULT '',
    consent_status TEXT NOT NULL DEFAULT 'unknown'
        CHECK (consent_status IN ('unknown', 'requested', 'given', 'declined')),
    consent_date TEXT,
    interests TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT NOT NULL,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
);
CREATE INDEX students_by_name ON students(last_name COLLATE NOCASE, first_name COLLATE NOCASE);

-- A student's place in one school year, so last year's report stays true after they move up.
CREATE TABLE enrollments (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    grade INTEGER CHECK (grade BETWEEN -1 AND 13),
    homeroom TEXT NOT NULL DEFAULT '',
    entry_date TEXT,
    exit_date TEXT,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    UNIQUE (student_id, year_id)
);
CREATE INDEX enrollments_by_year ON enrollments(year_id, grade);

CREATE TABLE student_availability (
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 4),
    slot TEXT NOT NULL CHECK (slot IN ('before_school', 'planning', 'lunch', 'after_school')),
    PRIMARY KEY (student_id, weekday, slot)
) WITHOUT ROWID;

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    set_on TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'working' CHECK (status IN ('working', 'met', 'set_aside')),
    status_changed_on TEXT
);
CREATE INDEX goals_by_student ON goals(student_id);

CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    nominated_by TEXT NOT NULL DEFAULT '',
    nominated_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'accepted', 'waitlisted', 'declined')),
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
);
CREATE INDEX nominations_by_student ON nominations(student_id, year_id);
CREATE INDEX nominations_by_year ON nominations(year_id, status);

CREATE TABLE nomination_reasons (
    nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
    reason TEXT NOT NULL
        CHECK (reason IN ('attendance', 'behavior', 'academics', 'social_emotional', 'other')),
    PRIMARY KEY (nomination_id, reason)
) WITHOUT ROWID;

-- Editable lists, seeded with the usual words.
CREATE TABLE mentor_roles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE mentors (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    role_id INTEGER REFERENCES mentor_roles(id) ON DELETE SET NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    interests TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL DEFAULT 2 CHECK (capacity >= 0),
    background_check_on TEXT,
    background_check_expires TEXT,
    agreement_signed INTEGER NOT NULL DEFAULT 0 CHECK (agreement_signed IN (0, 1)),
    agreement_signed_on TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
);
CREATE INDEX mentors_by_email ON mentors(email COLLATE NOCASE);
CREATE INDEX mentors_by_name ON mentors(last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE mentor_availability (
    mentor_id INTEGER NOT NULL REFERENCES mentors(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 4),
    slot TEXT NOT NULL CHECK (slot IN ('before_school', 'planning', 'lunch', 'after_school')),
    PRIMARY KEY (mentor_id, weekday, slot)
) WITHOUT ROWID;

CREATE TABLE trainings (
    id INTEGER PRIMARY KEY,
    year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('start_of_year', 'mid_year', 'end_of_year', 'other')),
    required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE training_attendance (
    training_id INTEGER NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
    mentor_id INTEGER NOT NULL REFERENCES mentors(id) ON DELETE CASCADE,
    PRIMARY KEY (training_id, mentor_id)
) WITHOUT ROWID;
CREATE INDEX training_attendance_by_mentor ON training_attendance(mentor_id);

CREATE TABLE matches (
    id INTEGER PRIMARY KEY,
    mentor_id INTEGER NOT NULL REFERENCES mentors(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    year_id INTEGER NOT NULL REFERENCES school_years(id),
    started_on TEXT NOT NULL,
    ended_on TEXT,
    closure_reason TEXT CHECK (closure_reason IN
        ('planned_end', 'student_moved', 'mentor_left', 'mismatch', 'other')),
    closure_note TEXT NOT NULL DEFAULT '',
    usual_weekday INTEGER CHECK (usual_weekday BETWEEN 0 AND 4),
    usual_slot TEXT CHECK (usual_slot IN ('before_school', 'planning', 'lunch', 'after_school')),
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX matches_by_student ON matches(student_id, year_id);
CREATE INDEX matches_by_mentor ON matches(mentor_id, year_id);
CREATE INDEX matches_by_year ON matches(year_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    mentor_id INTEGER NOT NULL REFERENCES mentors(id),
    met_on TEXT NOT NULL,
    slot TEXT CHECK (slot IN ('before_school', 'planning', 'lunch', 'after_school')),
    minutes INTEGER CHECK (minutes >= 0),
    kind TEXT NOT NULL DEFAULT 'one_to_one' CHECK (kind IN
        ('one_to_one', 'group', 'activity', 'family_contact', 'absent_day_checkin')),
    outcome TEXT NOT NULL DEFAULT 'held'
        CHECK (outcome IN ('held', 'student_absent', 'cancelled')),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL
);
CREATE INDEX meetings_by_date ON meetings(met_on);
CREATE INDEX meetings_by_mentor ON meetings(mentor_id, met_on);

-- One meeting can belong to several matches of the same mentor (a lunch group).
CREATE TABLE meeting_matches (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    match_id INTEGER NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, match_id)
) WITHOUT ROWID;
CREATE INDEX meeting_matches_by_match ON meeting_matches(match_id);

CREATE TABLE meeting_topics (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    topic_id INTEGER NOT NULL REFERENCES topics(id),
    PRIMARY KEY (meeting_id, topic_id)
) WITHOUT ROWID;

CREATE TABLE goal_notes (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    noted_on TEXT NOT NULL,
    note TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
);
CREATE INDEX goal_notes_by_goal ON goal_notes(goal_id);

CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    year_id INTEGER NOT NULL REFERENCES school_years(id),
    raised_by TEXT NOT NULL DEFAULT '',
    raised_by_mentor_id INTEGER REFERENCES mentors(id) ON DELETE SET NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('counselor', 'administrator', 'nurse', 'social_worker', 'other')),
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    opened_on TEXT NOT NULL,
    need TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved')),
    follow_up_on TEXT,
    resolved_on TEXT
);
CREATE INDEX referrals_by_student ON referrals(student_id);
CREATE INDEX referrals_by_year ON referrals(year_id, status);

CREATE TABLE referral_notes (
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    noted_on TEXT NOT NULL,
    status TEXT CHECK (status IN ('open', 'in_progress', 'resolved')),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referral_notes_by_referral ON referral_notes(referral_id);

-- The school's own attendance codes mapped onto MentorDesk's statuses.
CREATE TABLE attendance_codes (
    code TEXT PRIMARY KEY COLLATE NOCASE,
    status TEXT NOT NULL CHECK (status IN ('present', 'tardy', 'absent_excused',
        'absent_unexcused', 'suspension_in', 'suspension_out', 'half_day')),
    label TEXT NOT NULL DEFAULT ''
);

-- One row per student per date; an exceptions-only import stores only the exceptions.
CREATE TABLE attendance (
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('present', 'tardy', 'absent_excused',
        'absent_unexcused', 'suspension_in', 'suspension_out', 'half_day')),
    code TEXT NOT NULL DEFAULT '',
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    PRIMARY KEY (student_id, day)
) WITHOUT ROWID;
CREATE INDEX attendance_by_day ON attendance(day);
CREATE INDEX attendance_by_batch ON attendance(batch_id);

-- Which students an exceptions-only import speaks for: within its covered dates,
-- a day these students have no row for was a present day.
CREATE TABLE attendance_coverage (
    batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    PRIMARY KEY (batch_id, student_id)
) WITHOUT ROWID;
CREATE INDEX attendance_coverage_by_student ON attendance_coverage(student_id);

-- For schools that only have totals: "days enrolled / days absent as of DATE".
CREATE TABLE attendance_summaries (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    year_id INTEGER NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    as_of TEXT NOT NULL,
    days_enrolled REAL NOT NULL CHECK (days_enrolled >= 0),
    days_absent REAL NOT NULL CHECK (days_absent >= 0),
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
    UNIQUE (student_id, as_of)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX activity_by_time ON activity(at);
"""
