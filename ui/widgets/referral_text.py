"""A referral as rich text: to whom, the need, who raised it, its follow-up and every dated note
(the Referrals screen, the student's Referrals tab and the Update dialog show the same)."""

from __future__ import annotations

from program.vocabulary import REFERRAL_KINDS, REFERRAL_STATUSES, label
from storage import clock
from ui.words import day_words
from ui.words import escaped as _e


def follow_up_words(row: dict) -> str:
    """"follow up 3 Dec 2026 (due)", "resolved 2 Dec 2026", or "no follow-up planned"."""
    if row["status"] == "resolved":
        return f"resolved {day_words(row['resolved_on'])}".strip()
    if not row["follow_up_on"]:
        return "no follow-up planned"
    due = row["follow_up_on"] <= clock.today().isoformat()
    return f"follow up {day_words(row['follow_up_on'])}" + (" (due)" if due else "")


def note_lines(row: dict) -> list[str]:
    """Each dated note, oldest first: "3 Nov 2026 · In progress: Counselor met her"."""
    lines = []
    for note in row.get("notes", []):
        # The notes MentorDesk writes itself already say the status.
        said = note["note"].startswith(("Marked ", "Referral opened"))
        status = f"{label(REFERRAL_STATUSES, note['status'])}: " if note["status"] and \
            not said else ""
        lines.append(f"{day_words(note['noted_on'])} · {status}{note['note']}")
    return lines


def referral_html(row: dict, *, heading: bool = True, update_link: bool = False) -> str:
    """The referral as a paragraph and its notes (``update_link``: an "Update…" link,
    ``referral:ID``, for the pane that shows it to handle)."""
    kind = label(REFERRAL_KINDS, row["kind"])
    status = label(REFERRAL_STATUSES, row["status"])
    by = f" by {row['raised_by']}" if row.get("raised_by") else ""
    parts = []
    if heading:
        colour = "#7a3300" if "(due)" in follow_up_words(row) else "#1f2933"
        parts.append(f"<p><b>To: {_e(kind)}</b> · {_e(status)} · "
                     f"<span style='color:{colour}'>{_e(follow_up_words(row))}</span>"
                     + (f" · <a href='referral:{row['id']}'>Update…</a>" if update_link else "")
                     + "</p>")
    parts.append(f"<p>{_e(row['need'])}<br><span style='color:#52606d'>Raised "
                 f"{_e(day_words(row['opened_on']))}{_e(by)}"
                 + (" at a meeting" if row.get("meeting_id") else "") + "</span></p>")
    notes = note_lines(row)
    if notes:
        parts.append("<ul style='margin-top:0'>" + "".join(f"<li>{_e(line)}</li>"
                                                          for line in notes) + "</ul>")
    return "".join(parts)
