"""week: every "This week" list as of a day; mentor-note: a mentor's weekly note."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from analysis.week import LIST_NAMES, LIST_WORDS, MentorRef, StudentRef, Week, this_week
from cli import add_json_flag
from cli.files import open_for_reading, parse_day
from cli.output import Output
from program.vocabulary import (
    CONSENT_STATUSES,
    REFERRAL_KINDS,
    REFERRAL_STATUSES,
    TRAINING_KINDS,
    WEEKDAYS,
    day_words,
    join_words,
    label,
    plural,
    tier_words,
)
from storage import clock
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    week = subparsers.add_parser(
        "week", help="who needs attention this week: every list of the This week screen")
    week.add_argument("--as-of", metavar="DATE",
                      help="work the lists out for this day (default: today)")
    add_json_flag(week)
    week.set_defaults(handler=week_command)

    note = subparsers.add_parser(
        "mentor-note", help="a mentor's weekly note: their mentees' week, goals, referrals")
    note.add_argument("email", nargs="?", metavar="EMAIL", help="the mentor's email")
    note.add_argument("--all", action="store_true",
                      help="a note for every mentor with a mentee (needs --out FOLDER)")
    note.add_argument("--as-of", metavar="DATE", help="the note's day (default: today)")
    note.add_argument("--out", metavar="FILE.pdf|FILE.txt|FOLDER",
                      help="write the note to a PDF or text file (with --all: a folder, one "
                      "PDF per mentor); without it the note is printed here")
    note.add_argument("--text", action="store_true",
                      help="with --all: write .txt files instead of PDFs")
    add_json_flag(note)
    note.set_defaults(handler=mentor_note_command)


# week ------------------------------------------------------------------------------------------


def _student(ref: StudentRef) -> dict[str, Any]:
    return {"student_id": ref.local_id, "student_name": ref.name}


def _mentor(ref: MentorRef | None) -> dict[str, Any]:
    if ref is None:
        return {"mentor_id": None, "mentor_email": None, "mentor_name": None}
    return {"mentor_id": ref.id, "mentor_email": ref.email, "mentor_name": ref.name}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def week_json(week: Week) -> dict[str, Any]:
    """The lists as the ``week --json`` contract names them."""
    return {
        "year": week.year_name,
        "as_of": week.day.isoformat(),
        "week_from": week.week_from.isoformat(),
        "overdue_matches": [
            {"match_id": i.match_id, **_student(i.student), **_mentor(i.mentor),
             "school_days_since": i.school_days_since, "last_held": _iso(i.last_held)}
            for i in week.overdue_matches],
        "absent_this_week": [
            {**_student(i.student), "absent_dates": [d.isoformat() for d in i.absent_dates],
             "match_id": i.match_id, **_mentor(i.mentor)}
            for i in week.absent_this_week],
        "early_warnings": [
            {**_student(i.student), "tier": i.tier, "tier_before": i.tier_before,
             "early_warning": i.early_warning is not None,
             "early_warning_before": i.warned_before, **_mentor(i.mentor)}
            for i in week.early_warnings],
        "waiting_for_mentor": [
            {**_student(i.student), "days_waiting": i.days_waiting,
             "waiting_since": _iso(i.since)}
            for i in week.waiting_for_mentor],
        "referrals_due": [
            {"referral_id": i.referral_id, **_student(i.student), "follow_up": _iso(i.follow_up),
             "kind": i.kind, "status": i.status, "opened_on": _iso(i.opened_on),
             "need": i.need, "raised_by": i.raised_by}
            for i in week.referrals_due],
        "missed_required_training": [
            {**_mentor(i.mentor), "training_id": i.training_id, "title": i.title,
             "held_on": _iso(i.held_on), "kind": i.kind}
            for i in week.missed_required_training],
        "over_capacity": [
            {**_mentor(i.mentor), "open_matches": i.open_matches, "capacity": i.capacity}
            for i in week.over_capacity],
        "not_cleared": [{**_mentor(i.mentor), "why": i.why} for i in week.not_cleared],
        "consent_missing": [
            {**_student(i.student), "consent": i.consent, "match_id": i.match_id,
             **_mentor(i.mentor)}
            for i in week.consent_missing],
        "left_school_still_matched": [
            {**_student(i.student), "exit_date": _iso(i.exit_date), "match_id": i.match_id,
             **_mentor(i.mentor)}
            for i in week.left_school_still_matched],
        "meeting_days": [
            {**_student(i.student), "meet_on": WEEKDAYS[i.advice.weekday],
             "misses_most": WEEKDAYS[i.advice.missed_most],
             "pattern": [WEEKDAYS[d] for d in i.advice.pattern], "advice": i.words,
             "match_id": i.match_id, **_mentor(i.mentor)}
            for i in week.meeting_days],
    }


def _who(ref: StudentRef) -> str:
    return f"{ref.name} ({ref.local_id})" if ref.local_id else ref.name


def item_sentence(name: str, item: Any, week: Week) -> str:
    """One list item in plain words."""
    if name == "overdue_matches":
        last = f"last {day_words(item.last_held)}" if item.last_held else "none held yet"
        return (f"{_who(item.student)} with {item.mentor.name}: no meeting held for "
                f"{plural(item.school_days_since, 'school day')} ({last}).")
    if name == "absent_this_week":
        days = join_words([day_words(d, with_weekday=True) for d in item.absent_dates])
        return f"{_who(item.student)}: absent {days}; mentor {item.mentor.name}."
    if name == "early_warnings":
        parts = []
        if item.early_warning is not None and not item.warned_before:
            parts.append(f"early warning (missed {plural(item.early_warning.missed, 'day')} of "
                         f"the first {item.early_warning.window} school days)")
        if item.tier != item.tier_before:
            parts.append(f"{tier_words(item.tier_before).lower()} → "
                         f"{tier_words(item.tier).lower()}")
        mentor = f"; mentor {item.mentor.name}" if item.mentor else "; no mentor"
        return f"{_who(item.student)}: {', '.join(parts)}{mentor}."
    if name == "waiting_for_mentor":
        since = f" (since {day_words(item.since)})" if item.since else ""
        return (f"{_who(item.student)}: waiting {plural(item.days_waiting or 0, 'day')}"
                f"{since}.")
    if name == "referrals_due":
        return (f"Referral {item.referral_id}, {_who(item.student)} to the "
                f"{label(REFERRAL_KINDS, item.kind).lower()} "
                f"({label(REFERRAL_STATUSES, item.status).lower()}): follow-up "
                f"{day_words(item.follow_up)}. {item.need}".strip())
    if name == "missed_required_training":
        return (f"{item.mentor.name} <{item.mentor.email}>: missed \"{item.title}\" "
                f"({label(TRAINING_KINDS, item.kind).lower()}, {day_words(item.held_on)}), "
                "no make-up yet.")
    if name == "over_capacity":
        return (f"{item.mentor.name}: {item.open_matches} mentees, agreed to "
                f"{item.capacity}.")
    if name == "not_cleared":
        return f"{item.mentor.name} <{item.mentor.email}>: {item.why}."
    if name == "consent_missing":
        return (f"{_who(item.student)}: consent {label(CONSENT_STATUSES, item.consent).lower()}"
                f"; mentor {item.mentor.name}.")
    if name == "left_school_still_matched":
        return (f"{_who(item.student)}: left on {day_words(item.exit_date)}, still matched "
                f"with {item.mentor.name} (match {item.match_id}).")
    if name == "meeting_days":
        return f"{_who(item.student)} with {item.mentor.name}: {item.words}."
    raise ValueError(name)


def week_sentences(week: Week) -> list[str]:
    lines = [f"This week in {week.year_name}: from {day_words(week.week_from, with_weekday=True)}"
             f" to {day_words(week.day, with_weekday=True)}."]
    for name in LIST_NAMES:
        items = getattr(week, name)
        heading, calm = LIST_WORDS[name]
        lines.append("")
        if not items:
            lines.append(f"{heading} (0): all is well, {calm}.")
            continue
        lines.append(f"{heading} ({len(items)}):")
        lines += [f"  - {item_sentence(name, item, week)}" for item in items]
    return lines


def week_command(args: argparse.Namespace, out: Output) -> int:
    day = parse_day(args.as_of, "--as-of") if args.as_of else clock.today()
    with open_for_reading(args) as data:
        week = this_week(data.db, day)
    return out.result(week_json(week), week_sentences(week))


# mentor-note -----------------------------------------------------------------------------------


def mentor_note_command(args: argparse.Namespace, out: Output) -> int:
    from analysis.mentor_note import mentor_by_email, mentor_note, mentors_with_mentees
    from analysis.week import year_of_day
    from reports.mentor_note import note_file_name, note_text, save_note
    from storage import settings

    day = parse_day(args.as_of, "--as-of") if args.as_of else clock.today()
    if args.all == bool(args.email):
        raise InvalidInput("Name one mentor by email (mentor-note EMAIL), or use --all with "
                           "--out FOLDER for every mentor.")
    if args.all and not args.out:
        raise InvalidInput("With --all, say which folder the notes go in: --out FOLDER.")
    out_path = Path(args.out).expanduser() if args.out else None
    if out_path is not None and not args.all and out_path.suffix.lower() not in (".pdf", ".txt"):
        raise InvalidInput(f'MentorDesk writes the note as a PDF (.pdf) or a text file (.txt), '
                           f'so "{out_path.name}" needs one of those endings, for example '
                           "note.pdf.")
    if args.all and out_path is not None and not out_path.is_dir():
        raise InvalidInput(f'The folder "{out_path}" does not exist. Make it first, or choose '
                           "a folder that exists.")
    with open_for_reading(args) as data:
        mentor = None if args.all else mentor_by_email(data.db, args.email)
        year = year_of_day(data.db, day)
        logo = settings.get(data.db, "school_logo")
        if mentor is None:
            notes = [mentor_note(data.db, row["id"], day, year["id"])
                     for row in mentors_with_mentees(data.db, year["id"], day)]
        else:
            notes = [mentor_note(data.db, mentor["id"], day, year["id"])]
    if out_path is None:
        note = notes[0]
        text = note_text(note)
        return out.result({"mentor_id": note.mentor_id, "mentor_email": note.mentor_email,
                           "as_of": day.isoformat(), "text": text}, text.rstrip("\n"))
    needs_qt = args.all and not args.text or out_path.suffix.lower() == ".pdf"
    if needs_qt:
        from reports.qt_app import ensure_gui_application

        ensure_gui_application()
    written = []
    for note in notes:
        target = (out_path / note_file_name(note, ".txt" if args.text else ".pdf")
                  if args.all else out_path)
        written.append({"mentor_id": note.mentor_id, "mentor_email": note.mentor_email,
                        "file": str(save_note(note, target, logo_path=logo))})
    if args.all:
        return out.result({"as_of": day.isoformat(), "notes": written},
                          f"Saved {plural(len(written), 'mentor note')} for "
                          f"{day_words(day)} in {out_path}.")
    return out.result({**written[0], "as_of": day.isoformat()},
                      f"Saved the note for {notes[0].mentor_name} to {written[0]['file']}.")
