"""The words a facilitator reads for the codes the rules use."""

from __future__ import annotations

from program.vocabulary import (
    CLOSURE_REASONS,
    MEETING_KINDS,
    NOMINATION_REASONS,
    REFERRAL_KINDS,
    early_warning_words,
    join_words,
    label,
    pattern_advice,
    percent,
    plural,
    slot_words,
    tier_words,
    time_words,
)
from storage import matches, meetings, nominations, referrals


def test_tiers_slots_and_times_in_words():
    assert [tier_words(t) for t in ("satisfactory", "at-risk", "moderate", "severe", None)] == [
        "Satisfactory", "At risk", "Moderate chronic", "Severe chronic", "Too few days"]
    assert slot_words("planning") == "Planning period"
    assert time_words(1, "lunch") == "Tuesday lunch"
    assert time_words(4, "before_school") == "Friday before school"


def test_every_stored_code_has_words():
    for table, codes in ((MEETING_KINDS, meetings.KINDS),
                         (CLOSURE_REASONS, matches.CLOSURE_REASONS),
                         (REFERRAL_KINDS, referrals.KINDS),
                         (NOMINATION_REASONS, nominations.REASONS)):
        assert set(codes) <= set(table)
    assert label(NOMINATION_REASONS, "social_emotional") == "Social-emotional"
    assert label(NOMINATION_REASONS, "new_code") == "New code"


def test_sentences():
    assert join_words(["a", "b", "c"]) == "a, b and c"
    assert join_words(["a"]) == "a" and join_words([]) == ""
    assert plural(1, "day") == "1 day" and plural(2.5, "day") == "2.5 days"
    assert percent(0.1278) == "12.8%" and percent(None) == "–"
    assert pattern_advice([3, 4], [2]) == (
        "Absences cluster on Thursdays and Fridays: meet on Wednesday.")
    assert pattern_advice([], []) == ""
    assert early_warning_words(20, 2.0) == "Missed 2 days of the first 20 school days of the year."
