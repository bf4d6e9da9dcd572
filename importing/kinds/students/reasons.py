"""Why a teacher nominated a student, from the words they wrote.

Teachers write "attendance", "attendence", "attendance + behavior", "grades/friends". Each
part is read on its own: a word MentorDesk knows, a longer phrase holding one ("poor
attendance"), or a near miss ("attendence"); what is still not understood becomes the reason
Other with the words kept in the notes, and is named in the preview, never silently.
"""

from __future__ import annotations

import difflib
import re

# Words a teacher writes for a reason -> the reason.
REASON_WORDS = {
    "attendance": "attendance", "absent": "attendance", "absences": "attendance",
    "absence": "attendance", "absent a lot": "attendance", "tardy": "attendance",
    "tardies": "attendance", "late": "attendance", "chronic absence": "attendance",
    "truancy": "attendance", "truant": "attendance", "missing school": "attendance",
    "behavior": "behavior", "behaviour": "behavior", "discipline": "behavior",
    "conduct": "behavior", "referrals": "behavior", "fighting": "behavior",
    "academics": "academics", "academic": "academics", "grades": "academics",
    "failing": "academics", "school work": "academics", "schoolwork": "academics",
    "homework": "academics", "reading": "academics", "math": "academics",
    "social emotional": "social_emotional", "social-emotional": "social_emotional",
    "social/emotional": "social_emotional", "social": "social_emotional",
    "emotional": "social_emotional", "sel": "social_emotional", "friends": "social_emotional",
    "isolated": "social_emotional", "anxiety": "social_emotional",
    "self esteem": "social_emotional", "self-esteem": "social_emotional",
    "lonely": "social_emotional", "other": "other",
}
REASON_NAMES = {"attendance": "attendance", "behavior": "behavior", "academics": "academics",
                "social_emotional": "social-emotional", "other": "other"}
_SPLIT = re.compile(r"[,;/\n+&|]|\band\b|\bplus\b")
# Words too short or too common to stand for a reason inside a longer phrase.
_PHRASE_WORDS = sorted((word for word in REASON_WORDS
                        if len(word) >= 4 and word not in ("other", "late")),
                       key=len, reverse=True)


def read_reasons(text: str) -> tuple[set[str], list[tuple[str, str]], list[str]]:
    """(the reasons, the parts read as near misses (part, reason), the parts not understood)."""
    whole = _normal(text)
    if whole in REASON_WORDS:
        return {REASON_WORDS[whole]}, [], []
    reasons: set[str] = set()
    guessed: list[tuple[str, str]] = []
    unknown: list[str] = []
    for part in (piece.strip() for piece in _SPLIT.split(text)):
        if not part:
            continue
        word = _normal(part)
        if not word:
            continue
        if word in REASON_WORDS:
            reasons.add(REASON_WORDS[word])
            continue
        inside = {REASON_WORDS[known] for known in _PHRASE_WORDS
                  if re.search(rf"\b{re.escape(known)}\b", word)}
        if inside:
            reasons |= inside
            continue
        close = difflib.get_close_matches(word, REASON_WORDS, n=1, cutoff=0.8)
        if close and REASON_WORDS[close[0]] != "other":
            reasons.add(REASON_WORDS[close[0]])
            guessed.append((part, REASON_WORDS[close[0]]))
            continue
        unknown.append(part)
    return reasons, guessed, unknown


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").strip(" .!?:-").split())
