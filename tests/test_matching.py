"""Matching suggestions and "Suggest all": hand-computed scores and reasons, optimality against
brute force, and the loaders over a real file."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import matching as analysis_matching
from program.matching import (
    MenteeNeeds,
    MentorOption,
    screening,
    suggest_all,
    suggestion,
    suggestions_for,
    tags,
)
from storage import availability, matches, mentors, nominations, students, years

D = dt.date
TUE_LUNCH, WED_LUNCH, THU_LUNCH = (1, "lunch"), (2, "lunch"), (3, "lunch")
ANA = MenteeNeeds(10, "Ana", tags("Soccer, art"), frozenset({TUE_LUNCH, THU_LUNCH}),
                  last_year_mentor_ids=frozenset({2}))


def mentor(mentor_id, name="M", interests="", times=(), capacity=2, load=0, **kwargs):
    return MentorOption(mentor_id, name, tags(interests), frozenset(times), capacity, load,
                        **kwargs)


def test_interests_are_case_folded_tags():
    assert tags(" Soccer, ART ,video  games,,") == {"soccer", "art", "video games"}
    assert tags("") == frozenset()


def test_screening_needs_a_current_background_check_and_a_signed_agreement():
    on = D(2026, 3, 4)
    assert screening(D(2023, 3, 3), D(2026, 3, 4), True, on) == (True, "")
    assert screening(D(2023, 3, 3), D(2026, 3, 3), True, on) == (
        False, "background check expired 3 Mar 2026")
    assert screening(None, None, False, on) == (
        False, "no background check on file and agreement not signed")
    assert screening(D(2025, 1, 1), None, True, on) == (True, "")


def test_a_suggestion_scores_times_interests_and_load_and_says_why():
    s = suggestion(ANA, mentor(1, "Ben Ruiz", "soccer, chess", {TUE_LUNCH, WED_LUNCH},
                               capacity=2, load=1))
    # One time in common: 4; one interest: 5; half the places free: 2 x 1/2 = 1.
    assert s.score == 10
    assert s.shared_times == (TUE_LUNCH,) and s.shared_interests == ("soccer",)
    assert s.reasons == ("both free Tuesday lunch", "both like soccer",
                         "has 1 mentee, room for 1 more")
    assert s.reason_text == (
        "both free Tuesday lunch; both like soccer; has 1 mentee, room for 1 more")


def test_last_years_mentor_counts_strongly_and_comes_first():
    again = mentor(2, "Cleo Diaz", "", {THU_LUNCH}, capacity=3)
    other = mentor(1, "Ben Ruiz", "soccer, art", {TUE_LUNCH, THU_LUNCH}, capacity=3)
    ranked = suggestions_for(ANA, [other, again])
    assert [s.mentor_id for s in ranked] == [2, 1]
    # 30 (last year) + 4 (Thursday lunch) + 2 (no mentees) = 36.
    assert ranked[0].score == 36
    assert ranked[0].reason_text == (
        "mentored Ana last year; both free Thursday lunch; no mentees yet")
    # 4 + 1 (a second time) + 10 (two interests) + 2 = 17.
    assert ranked[1].score == 17
    assert ranked[1].reasons[0] == "both free Tuesday and Thursday lunch"


def test_a_mentor_with_no_spare_capacity_inactive_or_never_free_together_is_not_suggested():
    full = mentor(1, times={TUE_LUNCH}, capacity=2, load=2)
    none = mentor(2, times={TUE_LUNCH}, capacity=0)
    away = mentor(3, times={TUE_LUNCH}, active=False)
    elsewhere = mentor(4, times={WED_LUNCH})
    assert suggestions_for(ANA, [full, none, away, elsewhere]) == []


def test_when_the_students_times_are_unknown_the_mentors_own_count_half():
    unknown = MenteeNeeds(11, "Bo", tags("art"))
    s = suggestion(unknown, mentor(1, "Ben", "art", {TUE_LUNCH, WED_LUNCH}))
    assert s.score == 0.5 * (4 + 1) + 5 + 2
    assert not s.times_known
    assert s.reasons[0] == ("free Tuesday and Wednesday lunch "
                            "(the student's free times are not known yet)")


def test_a_mentor_not_cleared_still_appears_marked_after_an_equal_cleared_one():
    expired = mentor(1, "Ann Ames", times={TUE_LUNCH}, cleared=False,
                     not_cleared_because="background check expired 3 Mar 2026")
    fine = mentor(2, "Zoe Zane", times={THU_LUNCH})
    plain = MenteeNeeds(12, "Cy", availability=frozenset({TUE_LUNCH, THU_LUNCH}))
    ranked = suggestions_for(plain, [expired, fine])
    assert [s.mentor_id for s in ranked] == [2, 1]
    assert not ranked[1].cleared
    assert ranked[1].reasons[-1] == "not cleared: background check expired 3 Mar 2026"


def test_many_free_times_are_summed_up():
    times = {(0, "before_school"), (0, "lunch"), (1, "lunch"), (2, "after_school"),
             (4, "after_school")}
    everyone = MenteeNeeds(13, "Di", availability=frozenset(times))
    s = suggestion(everyone, mentor(1, times=times))
    assert s.reasons[0] == ("both free Monday before school, Monday and Tuesday lunch, "
                            "2 more times")


# suggest all -------------------------------------------------------------------------------------

def test_suggest_all_is_not_first_come_first_served():
    # Ana's best mentor is Ben, but Ben is the only one Bo can meet: both get a mentor only if
    # Ana takes Cleo.
    ben = mentor(1, "Ben", "soccer, art", {TUE_LUNCH, WED_LUNCH}, capacity=1)
    cleo = mentor(3, "Cleo", "", {THU_LUNCH}, capacity=1)
    bo = MenteeNeeds(11, "Bo", availability=frozenset({WED_LUNCH}))
    plain_ana = MenteeNeeds(10, "Ana", tags("soccer, art"), frozenset({TUE_LUNCH, THU_LUNCH}))
    assert suggestions_for(plain_ana, [ben, cleo])[0].mentor_id == 1
    result = suggest_all([plain_ana, bo], [ben, cleo])
    assert {(p.student_id, p.mentor_id) for p in result.pairs} == {(10, 3), (11, 1)}
    assert result.unmatched == ()
    # Ana with Cleo: 4 + 2 = 6; Bo with Ben: 4 + 2 = 6.
    assert result.total_score == 12


def test_suggest_all_puts_more_students_before_a_higher_score():
    # Cleo mentored Ana last year (36 points) but is Bo's only possible mentor.
    cleo = mentor(2, "Cleo", "", {TUE_LUNCH, WED_LUNCH}, capacity=1)
    dan = mentor(4, "Dan", "", {TUE_LUNCH}, capacity=1)
    ana = MenteeNeeds(10, "Ana", availability=frozenset({TUE_LUNCH}),
                      last_year_mentor_ids=frozenset({2}))
    bo = MenteeNeeds(11, "Bo", availability=frozenset({WED_LUNCH}))
    result = suggest_all([ana, bo], [cleo, dan])
    assert {(p.student_id, p.mentor_id) for p in result.pairs} == {(10, 4), (11, 2)}


def test_suggest_all_keeps_within_spare_capacity_and_reports_who_is_left():
    busy = mentor(1, "Ben", times={TUE_LUNCH}, capacity=3, load=1)
    full = mentor(2, "Cleo", times={TUE_LUNCH}, capacity=2, load=2)
    waiting = [MenteeNeeds(n, f"S{n}", availability=frozenset({TUE_LUNCH})) for n in range(4)]
    result = suggest_all(waiting, [busy, full])
    assert [p.mentor_id for p in result.pairs] == [1, 1]
    assert len(result.unmatched) == 2
    assert suggest_all([], [busy]).pairs == ()
    assert suggest_all(waiting, [full]).unmatched == (0, 1, 2, 3)


SLOTS = [(d, s) for d in range(2) for s in ("lunch", "after_school")]


@st.composite
def small_programs(draw):
    mentors_ = [
        MentorOption(m, f"M{m}", frozenset(draw(st.sets(st.sampled_from(["a", "b", "c"])))),
                     frozenset(draw(st.sets(st.sampled_from(SLOTS), min_size=1))),
                     capacity=draw(st.integers(0, 2)), load=0,
                     cleared=draw(st.booleans()))
        for m in range(draw(st.integers(1, 3)))
    ]
    for index, option in enumerate(mentors_):
        load = draw(st.integers(0, option.capacity))
        mentors_[index] = MentorOption(option.mentor_id, option.name, option.interests,
                                       option.availability, option.capacity, load,
                                       cleared=option.cleared)
    mentees = [
        MenteeNeeds(100 + n, f"S{n}", frozenset(draw(st.sets(st.sampled_from(["a", "b", "c"])))),
                    frozenset(draw(st.sets(st.sampled_from(SLOTS)))),
                    frozenset(draw(st.sets(st.integers(0, 2), max_size=1))))
        for n in range(draw(st.integers(0, 5)))
    ]
    return mentees, mentors_


def _brute_force(mentees, mentors_):
    """The best (count, total score) over every way to give each student a mentor or none."""
    best = (0, 0.0)
    choices = [[None] + [m for m in mentors_ if suggestion(s, m)] for s in mentees]
    for combo in itertools.product(*choices):
        used = {}
        for chosen in combo:
            if chosen is not None:
                used[chosen.mentor_id] = used.get(chosen.mentor_id, 0) + 1
        if any(used[m.mentor_id] > m.spare for m in mentors_ if m.mentor_id in used):
            continue
        pairs = [suggestion(s, m) for s, m in zip(mentees, combo, strict=True) if m is not None]
        best = max(best, (len(pairs), round(sum(p.score for p in pairs), 6)))
    return best


@settings(max_examples=120, deadline=None)
@given(small_programs())
def test_suggest_all_matches_as_many_as_possible_then_the_best_total(program):
    mentees, mentors_ = program
    result = suggest_all(mentees, mentors_)
    count, total = _brute_force(mentees, mentors_)
    assert len(result.pairs) == count
    assert abs(result.total_score - total) < 1e-6
    per_mentor = {}
    for pair in result.pairs:
        per_mentor[pair.mentor_id] = per_mentor.get(pair.mentor_id, 0) + 1
    assert all(per_mentor.get(m.mentor_id, 0) <= m.spare for m in mentors_)
    assert sorted([p.student_id for p in result.pairs] + list(result.unmatched)) == sorted(
        m.student_id for m in mentees)


# over a real file --------------------------------------------------------------------------------

def test_suggestions_and_suggest_all_over_the_file(data_file):
    db = data_file.db
    last_year = years.save_year(db, "2024-2025", D(2024, 9, 3), D(2025, 6, 13))
    year_id = years.year_by_name(db, "2025-2026")["id"]
    ana = students.add_student(db, local_id="1", first_name="Ana", preferred_name="Annie",
                               interests="Soccer, Art", year_id=year_id)
    bo = students.add_student(db, local_id="2", first_name="Bo", year_id=year_id)
    matched = students.add_student(db, local_id="3", first_name="Cy", year_id=year_id)
    declined = students.add_student(db, local_id="4", first_name="Di", year_id=year_id)
    left = students.add_student(db, local_id="5", first_name="Ed", year_id=year_id,
                                exit_date="2025-10-01")
    for student in (ana, bo, matched, declined, left):
        nominations.add_nomination(db, student, year_id, nominated_on="2025-09-10",
                                   status="declined" if student == declined else "new")
        availability.replace(db, "student", student, {TUE_LUNCH})
    ben = mentors.add_mentor(db, first_name="Ben", last_name="Ruiz", interests="soccer",
                             capacity=2, background_check_on="2024-08-01",
                             background_check_expires="2025-08-01", agreement_signed=True)
    cleo = mentors.add_mentor(db, first_name="Cleo", last_name="Diaz", capacity=1,
                              background_check_on="2025-08-01", agreement_signed=True)
    for mentor_id in (ben, cleo):
        availability.replace(db, "mentor", mentor_id, {TUE_LUNCH})
    earlier = matches.add_match(db, cleo, ana, last_year, "2024-09-20")
    matches.close_match(db, earlier, "2025-06-13", "planned_end")
    matches.add_match(db, ben, matched, year_id, "2025-09-20")

    on = D(2025, 11, 3)
    assert analysis_matching.waiting_students(db, year_id, on) == [ana, bo]
    ranked = analysis_matching.suggestions_for(db, ana, year_id, on)
    assert [s.mentor_name for s in ranked] == ["Cleo Diaz", "Ben Ruiz"]
    assert ranked[0].reason_text == (
        "mentored Annie last year; both free Tuesday lunch; no mentees yet")
    assert ranked[1].reason_text == (
        "both free Tuesday lunch; both like soccer; has 1 mentee, room for 1 more; "
        "not cleared: background check expired 1 Aug 2025")
    # Ben's background check has expired: Suggest all leaves him out unless asked.
    result = analysis_matching.suggest_all(db, year_id, on)
    assert {(p.student_id, p.mentor_id) for p in result.pairs} == {(ana, cleo)}
    assert result.unmatched == (bo,)
    assert [m.name for m in analysis_matching.not_cleared_with_room(db, year_id, on)] == [
        "Ben Ruiz"]
    result = analysis_matching.suggest_all(db, year_id, on, include_not_cleared=True)
    assert {(p.student_id, p.mentor_id) for p in result.pairs} == {(ana, cleo), (bo, ben)}
    assert result.unmatched == ()
