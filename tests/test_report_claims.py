"""What the front page may claim (reports.claims): each effect figure beside similar students',
in words that say which way it points; a verdict saying so when similar students did as well
or better; and, for a program of fewer than 5 mentees, no figure at all (not a crash)."""

from __future__ import annotations

import dataclasses
import re

from reports import claims as report_claims
from reports.disclosure import BELOW_THRESHOLD, shown
from reports.figures import TEAM, compute_figures
from reports.suppression import COMPLEMENT_TEXT
from tests.report_samples import sample_figures
from tests.small_schools import AS_OF, make_school


def _claims(figures):
    return report_claims.claims(figures, shown(figures))


def test_mentees_ahead_on_every_measure_say_so_beside_similar_students():
    found = _claims(sample_figures(TEAM))
    improved, gained, left = found
    assert improved.similar == 0.41 and gained.similar == 1.2 and left.similar == 0.30
    assert "more than similar students without a mentor (41%)" in improved.sentence
    assert "similar students gained fewer (1.2) over the same days" in gained.sentence
    assert "45% of the judged mentees" in left.sentence
    assert "fewer similar students left it (30%)" in left.sentence
    assert not any(claim.as_well_or_better for claim in found)
    assert report_claims.verdict(found).startswith("A comparison shows what happened")


def test_similar_students_doing_better_is_said_on_each_line_and_in_the_verdict():
    figures = sample_figures(TEAM)
    better = dataclasses.replace(figures.comparison.never_matched, share_improved=0.9,
                                 gained_per_100=9.0, left_chronic_share=0.8)
    figures.comparison = dataclasses.replace(figures.comparison, never_matched=better)
    found = _claims(figures)
    assert all("did better" in claim.sentence for claim in found)
    assert all(claim.as_well_or_better for claim in found)
    assert "did as well or better on every measure" in report_claims.verdict(found)


def test_a_difference_under_two_points_reads_as_about_the_same():
    figures = sample_figures(TEAM)
    close = dataclasses.replace(figures.comparison.never_matched,
                                share_improved=figures.share_improved - 0.01)
    figures.comparison = dataclasses.replace(figures.comparison, never_matched=close)
    improved = _claims(figures)[0]
    assert "did as well" in improved.sentence and improved.as_well_or_better
    assert "did as well or better on some measures" in report_claims.verdict(_claims(figures))


def test_a_program_of_fewer_than_5_mentees_claims_nothing_and_says_why(data_file, qapp):
    from reports.end_of_year import build_document

    year_id = make_school(data_file.db, 5, grades={6: 2, 7: 1})
    figures = compute_figures(data_file.db, year_id, as_of=AS_OF)
    assert figures.below_threshold and figures.students_matched == 3
    found = _claims(figures)
    assert [claim.mentees for claim in found] == [COMPLEMENT_TEXT] * 3
    for claim in found:
        assert "is not shown" in claim.sentence
        assert not re.search(r"\d", claim.sentence), claim.sentence  # no figure in words
    assert not any(claim.as_well_or_better for claim in found)
    text = build_document(figures).toPlainText()
    assert BELOW_THRESHOLD in text
    # The program team's report of the same program says each figure in words.
    team = compute_figures(data_file.db, year_id, as_of=AS_OF, level=TEAM)
    assert all(claim.mentees != COMPLEMENT_TEXT for claim in _claims(team))
