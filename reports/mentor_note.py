"""A mentor's weekly note in words: as plain text (to copy, to put in an email draft, for the
``mentor-note`` command) and as a printed page (QtGui only, like the other reports)."""

from __future__ import annotations

from pathlib import Path

from analysis.mentor_note import MentorNote, NoteMentee
from program.vocabulary import (
    REFERRAL_KINDS,
    REFERRAL_STATUSES,
    day_words,
    grade_words,
    join_words,
    label,
    plural,
)


def note_title(note: MentorNote) -> str:
    """"Weekly mentoring note for Linda Edwards"."""
    return f"Weekly mentoring note for {note.mentor_name}"


def note_subject(note: MentorNote) -> str:
    """The email's subject: "Mentoring note for the week of 23 Nov 2026"."""
    return f"Mentoring note for the week of {day_words(note.week_from)}"


def note_file_name(note: MentorNote, suffix: str) -> str:
    """"Mentor note - Edwards, Linda - 2026-11-24.pdf" (no characters a folder refuses)."""
    import re

    last = note.mentor_name.split(" ")[-1] if note.mentor_name else ""
    first = " ".join(note.mentor_name.split(" ")[:-1])
    name = f"{last}, {first}".strip(", ") or f"mentor {note.mentor_id}"
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name)
    return f"Mentor note - {' '.join(cleaned.split())} - {note.day.isoformat()}{suffix}"


def _when(note: MentorNote) -> str:
    school = f"{note.school_name} · " if note.school_name else ""
    return (f"{school}school year {note.year_name} · week of "
            f"{day_words(note.week_from, with_weekday=True)}, as of "
            f"{day_words(note.day, with_weekday=True)}")


def _absences(mentee: NoteMentee) -> str:
    if not mentee.absent_dates:
        return "Absences this week: none."
    days = join_words([day_words(day, with_weekday=True) for day in mentee.absent_dates])
    return (f"Absent this week: {days}. A quick check-in when {mentee.first_name or 'they'} "
            "is back helps.")


def _last_meeting(mentee: NoteMentee, note: MentorNote) -> str:
    if mentee.last_held is None:
        text = (f"No meeting held yet: {plural(mentee.school_days_since, 'school day')} since "
                "the match began.")
    else:
        text = (f"Last meeting held: {day_words(mentee.last_held)}, "
                f"{plural(mentee.school_days_since, 'school day')} ago.")
    if mentee.overdue:
        text += (f" That is more than {note.overdue_after} school days: please meet this "
                 "week.")
    return text


def _goal_lines(mentee: NoteMentee) -> list[str]:
    lines = []
    for goal in mentee.goals:
        line = f'"{goal.text}" (set {day_words(goal.set_on)})'
        if goal.latest_note:
            line += f"; latest: {goal.latest_note}"
        lines.append(line)
    return lines


def _referral_lines(mentee: NoteMentee) -> list[str]:
    lines = []
    for referral in mentee.referrals:
        line = (f"{label(REFERRAL_KINDS, referral.kind)}, raised {day_words(referral.opened_on)}"
                f" ({label(REFERRAL_STATUSES, referral.status).lower()}")
        if referral.follow_up:
            line += f", follow-up {day_words(referral.follow_up)}"
        line += ")"
        if referral.need:
            line += f": {referral.need}"
        lines.append(line)
    return lines


def _heading(mentee: NoteMentee) -> str:
    parts = [mentee.name]
    if mentee.grade is not None:
        parts.append(f"grade {grade_words(mentee.grade)}")
    if mentee.usual_time:
        parts.append(f"usually {mentee.usual_time}")
    return ", ".join(parts)


def _advice(mentee: NoteMentee) -> str:
    if mentee.advice is None:
        return ""
    return f"Suggested meeting day: {mentee.advice.sentence(mentee.first_name or 'the student')}"


def note_text(note: MentorNote) -> str:
    """The note as plain text (lines end with a newline)."""
    lines = [note_title(note), _when(note), ""]
    if not note.mentees:
        lines.append(f"No student is matched with you on {day_words(note.day)}.")
    else:
        lines.append(f"Hello {note.mentor_first_name or note.mentor_name}, here is this week "
                     f"for your {plural(len(note.mentees), 'mentee')}.")
    for mentee in note.mentees:
        lines += ["", _heading(mentee), f"- {_absences(mentee)}",
                  f"- {_last_meeting(mentee, note)}"]
        goals = _goal_lines(mentee)
        lines.append("- Goals to follow up:" + (" none being worked on." if not goals else ""))
        lines += [f"    * {line}" for line in goals]
        referrals = _referral_lines(mentee)
        if referrals:
            lines.append("- Referrals you raised that are still open:")
            lines += [f"    * {line}" for line in referrals]
        advice = _advice(mentee)
        if advice:
            lines.append(f"- {advice}")
    lines += ["", "Thank you for mentoring. Log each meeting with the program facilitator."]
    return "\n".join(lines) + "\n"


def note_html(note: MentorNote) -> str:
    """The note as a printed page's content (the header and footer come from reports.pdf)."""
    from reports.html import MUTED, bullet_list, esc

    parts = [f'<h1 style="margin-bottom: 0">{esc(note_title(note))}</h1>',
             f'<p style="color:{MUTED}">{esc(_when(note))}</p>']
    if not note.mentees:
        parts.append(f"<p>No student is matched with you on {esc(day_words(note.day))}.</p>")
    for mentee in note.mentees:
        parts.append(f"<h3>{esc(_heading(mentee))}</h3>")
        items = [_absences(mentee), _last_meeting(mentee, note)]
        advice = _advice(mentee)
        if advice:
            items.append(advice)
        parts.append(bullet_list(items))
        goals = _goal_lines(mentee)
        parts.append("<p><b>Goals to follow up</b></p>")
        parts.append(bullet_list(goals) if goals else
                     f'<p style="color:{MUTED}">None being worked on.</p>')
        referrals = _referral_lines(mentee)
        if referrals:
            parts.append("<p><b>Referrals you raised that are still open</b></p>")
            parts.append(bullet_list(referrals))
    parts.append(f'<p style="color:{MUTED}">Thank you for mentoring. Log each meeting with the '
                 "program facilitator.</p>")
    return "".join(parts)


def note_document(note: MentorNote):
    """The note as a printable QTextDocument."""
    from reports.document import new_document

    return new_document(note_html(note), title=note_title(note))


def note_decor(note: MentorNote, logo_path: str = ""):
    """The page's header and footer: the school's name and logo, the note's title."""
    from reports.pdf import PageDecor, load_logo

    return PageDecor(title="Weekly mentoring note", school_name=note.school_name,
                     logo=load_logo(logo_path), printed_on=note.day)


def save_note(note: MentorNote, path: Path | str, *, logo_path: str = "",
              paper: str | None = None) -> Path:
    """Write the note as a PDF (``.pdf``) or plain text (``.txt``), atomically."""
    from reports.saving import write_atomically

    path = Path(path)
    if path.suffix.lower() == ".txt":
        text = note_text(note)
        return write_atomically(path, lambda temporary: temporary.write_text(
            text, encoding="utf-8"))
    from reports.pdf import save_pdf

    return save_pdf(note_document(note), path, note_decor(note, logo_path), paper=paper)
