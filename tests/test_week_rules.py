"""The pure rules under This week and the mentor note: the meeting-day advice, required
training make-ups, the week's bounds, and the mailto: link for an email draft."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

from program.meeting_advice import default_meeting_day, meeting_advice
from program.trainings import Session, missed_required
from program.week import newly_flagged, referral_due, week_start
from reports.mailto import CUT_NOTE, mailto_link

D = dt.date
MON, TUE, WED, THU, FRI = range(5)


def test_advice_is_the_school_day_before_the_day_missed_most():
    advice = meeting_advice([THU], [0.0, 0.0, 0.0, 0.36, 0.0])
    assert (advice.weekday, advice.missed_most) == (WED, THU)
    assert advice.words("Ana") == "meet on Wednesday: Ana misses Thursdays most"
    assert advice.sentence("Ana") == "Meet on Wednesday: Ana misses Thursdays most."


def test_advice_skips_back_over_pattern_days_and_wraps_to_friday():
    # Thursday and Friday: the day before Friday is Thursday, itself missed: Wednesday.
    assert meeting_advice([THU, FRI], [0, 0, 0, 0.2, 0.4]).weekday == WED
    # A Monday pattern: the school day before is the Friday before.
    assert meeting_advice([MON], [0.3, 0, 0, 0, 0]).weekday == FRI
    # Two separate days: the one missed most decides (Friday here, so Thursday).
    assert meeting_advice([MON, FRI], [0.2, 0, 0, 0, 0.5]).weekday == THU
    assert meeting_advice([], []) is None
    assert meeting_advice([MON, TUE, WED, THU, FRI], [0.5] * 5) is None


def test_log_a_meeting_offers_this_weeks_advised_day_once_it_has_come():
    wednesday = meeting_advice([THU], [0, 0, 0, 0.4, 0])
    # Friday 21 Nov 2025: Wednesday the 19th; Tuesday the 18th: not yet, so today.
    assert default_meeting_day(wednesday, D(2025, 11, 21)) == D(2025, 11, 19)
    assert default_meeting_day(wednesday, D(2025, 11, 19)) == D(2025, 11, 19)
    assert default_meeting_day(wednesday, D(2025, 11, 18)) == D(2025, 11, 18)
    assert default_meeting_day(None, D(2025, 11, 21)) == D(2025, 11, 21)


def session(training_id, day, kind, required, *attendees):
    return Session(training_id, day, kind, required, frozenset(attendees), f"T{training_id}")


def test_a_later_session_of_the_same_kind_is_the_make_up():
    sessions = [session(1, D(2025, 9, 3), "start_of_year", True, 10),
                session(2, D(2025, 9, 17), "start_of_year", False, 20),
                session(3, D(2025, 9, 24), "mid_year", False, 30)]
    # 20 made it up on the 17th; 30 came to another kind; 40 came to nothing.
    missed = missed_required(sessions, [10, 20, 30, 40], D(2025, 10, 1))
    assert [(m.mentor_id, m.session.training_id) for m in missed] == [(30, 1), (40, 1)]
    # Before the make-up was held, 20 had missed it too.
    before = missed_required(sessions, [20], D(2025, 9, 10))
    assert [(m.mentor_id, m.session.training_id) for m in before] == [(20, 1)]
    # A session not held yet is missed by nobody.
    assert missed_required(sessions, [10, 20], D(2025, 9, 1)) == []


def test_week_bounds_flags_and_due_referrals():
    assert week_start(D(2025, 11, 19)) == D(2025, 11, 17)
    assert week_start(D(2025, 11, 17)) == D(2025, 11, 17)
    assert week_start(D(2025, 11, 23)) == D(2025, 11, 17)  # a Sunday belongs to its week
    assert newly_flagged(True, "at-risk", False, "at-risk")
    assert not newly_flagged(True, "at-risk", True, "at-risk")
    assert newly_flagged(False, "moderate", False, "at-risk")
    assert not newly_flagged(False, "at-risk", False, "moderate")  # a falling tier is no flag
    assert not newly_flagged(False, "satisfactory", False, None)
    assert referral_due("in_progress", D(2025, 11, 10), D(2025, 11, 19))
    assert referral_due("open", D(2025, 11, 19), D(2025, 11, 19))
    assert not referral_due("open", D(2025, 11, 20), D(2025, 11, 19))
    assert not referral_due("resolved", D(2025, 11, 1), D(2025, 11, 19))
    assert not referral_due("open", None, D(2025, 11, 19))


def test_mailto_link_encodes_every_field_so_mail_programs_read_it_back():
    body = "Hello Ana & Ben,\nJosé missed Mon 17 Nov.\n100% = ok? #1"
    link = mailto_link("areyes@hillview.example.org", "Note: week of 17 Nov", body)
    assert link.startswith("mailto:areyes@hillview.example.org?subject=")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "areyes@hillview.example.org"
    fields = parse_qs(parts.query, keep_blank_values=True)
    assert fields["subject"] == ["Note: week of 17 Nov"]
    # Line breaks travel as CRLF; "&", "#", "%" and accents survive as themselves.
    assert fields["body"] == [body.replace("\n", "\r\n")]
    assert " " not in link and "\n" not in link and "#" not in link
    assert "%C3%A9" in link  # é in UTF-8


def test_a_very_long_note_is_cut_at_a_line_end_with_a_note_saying_so():
    body = "\n".join(f"Line {n}: " + "x" * 40 for n in range(500))
    link = mailto_link("a@b.org", "Subject", body, longest=2000)
    assert len(link) <= 2000
    text = unquote(link.split("&body=", 1)[1]).replace("\r\n", "\n")
    assert text.endswith(CUT_NOTE)
    assert text.startswith("Line 0: ")
    kept = text[: -len(CUT_NOTE)].splitlines()
    assert all(line == f"Line {n}: " + "x" * 40 for n, line in enumerate(kept))


def test_match_suggestions_offer_the_advised_day_first_with_the_same_words():
    from program.matching import MenteeNeeds, MentorOption, suggestion

    mon_lunch, wed_lunch, wed_after = (MON, "lunch"), (WED, "lunch"), (WED, "after_school")
    advice = meeting_advice([THU], [0, 0, 0, 0.4, 0])
    bea = MenteeNeeds(1, "Bea", availability=frozenset({mon_lunch, wed_lunch, wed_after}),
                      advice=advice)
    mentor = MentorOption(5, "Ben Ortiz", availability=frozenset({mon_lunch, wed_lunch,
                                                                  wed_after}))
    offered = suggestion(bea, mentor)
    # Wednesday first (lunch before after school), then Monday; the reason is the advice.
    assert offered.shared_times == (wed_lunch, wed_after, mon_lunch)
    assert "meet on Wednesday: Bea misses Thursdays most" in offered.reasons
    assert offered.reasons[0] == "both free Wednesday and Monday lunch, Wednesday after school"
    plain = suggestion(MenteeNeeds(1, "Bea", availability=bea.availability), mentor)
    assert plain.shared_times[0] == mon_lunch and plain.score == offered.score
    # No free time on the advised day: nothing said about it.
    only_monday = MenteeNeeds(1, "Bea", availability=frozenset({mon_lunch}), advice=advice)
    assert not any("Wednesday" in reason for reason in suggestion(only_monday, mentor).reasons)
