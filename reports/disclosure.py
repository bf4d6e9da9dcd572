"""What the report may show administrators: every count of students in it, in every table and
sheet and on the front page, as cells of one :class:`reports.suppression.Disclosure`, tied by
the facts a reader knows; the engine decides which to hide, and every output prints from the
resulting :class:`Shown`.

The program team's report shows everything (it names each mentee anyway). A program with
fewer than 5 mentees shows administrators no program count at all, and says why.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from program.success_mentors import DOSE_BANDS
from reports import survey_section
from reports.breakdowns import COUNT, ROW_BOUNDS, ROW_SUMS, Breakdown
from reports.suppression import (
    COST_CELL,
    COST_HEADLINE,
    COST_TOTAL,
    Disclosure,
    Protection,
    nothing_hidden,
    protect,
)

TIER_KEYS = ("satisfactory", "at-risk", "moderate", "severe", None)
# A breakdown's Total row is these program-wide cells.
TOTAL_OF = {"mentees": ("matched",), "judged": ("judged",), "improved": ("improved",),
            "same": ("same",), "worse": ("worse",), "too_early": ("too_early",),
            "chronic_at_start": ("chronic_start",), "left_chronic": ("left_chronic",)}
BELOW_THRESHOLD = ("This program had fewer than 5 mentees in this period, so the report for "
                   "administrators shows no count of its students: with so few, any figure "
                   "could point to one of them. The program team's report has the figures.")


@dataclass(frozen=True)
class Shown:
    """The figures as printed: a count's value, or "fewer than 5" / "not shown"."""

    protection: Protection
    below_threshold: bool = False

    def count(self, key: Hashable, value: Any = None) -> Any:
        """A count as printed (``value``: for a count outside the model, the program team's
        figures by mentor)."""
        if key not in self.protection.values:
            return value
        return self.protection.show(key)

    def figure(self, key: Hashable, value: Any) -> Any:
        """A derived figure as printed: ``value``, or "not shown"."""
        return self.protection.show(key, value)

    def hidden(self, key: Hashable) -> bool:
        return self.protection.is_hidden(key)

    def any_hidden(self, keys: Iterable[Hashable]) -> bool:
        return any(self.protection.is_hidden(key) for key in keys)

    @property
    def anything_hidden(self) -> bool:
        return self.protection.any_hidden


def breakdown_key(table: Breakdown, group: Any, column: str) -> Hashable:
    """The cell of one group's figure (the Total row's are program-wide cells)."""
    if group is TOTAL and column in TOTAL_OF:
        return TOTAL_OF[column]
    return (table.name, "total" if group is TOTAL else repr(group), column)


class _Total:
    """The Total row of a breakdown (a marker)."""

    def __repr__(self) -> str:
        return "TOTAL"


TOTAL = _Total()


def model(figures) -> Disclosure:
    """Every count of students the administrators' report prints, and the facts between
    them."""
    d = Disclosure()
    d.count(("enrolled",), figures.students_enrolled, public=True)
    head = COST_HEADLINE
    for key, value in (("nominated", figures.students_nominated),
                       ("matched", figures.students_matched),
                       ("left_chronic", figures.left_chronic),
                       ("chronic_start", figures.chronic_at_start)):
        d.count((key,), value, cost=head)
    d.count(("served",), figures.students_served, cost=1.5 * head)  # the first tile
    # The share who improved is the front page's first claim: rather than lose it, hide
    # another headline figure when a small count must be hidden beside it.
    for key, value in (("judged", figures.judged), ("improved", figures.improved)):
        d.count((key,), value, cost=2.5 * head)
    for key, value in (("still_matched", figures.still_matched_at_end),
                       ("never_matched", figures.never_matched),
                       ("waitlisted", figures.waitlisted),
                       ("uncleared", figures.uncleared_mentees),
                       ("matches", figures.matches), ("same", figures.same),
                       ("worse", figures.worse), ("too_early", figures.too_early),
                       ("chronic_now", figures.chronic_now),
                       ("closed_total", figures.closed_early_total),
                       ("not_enrolled", figures.not_enrolled)):
        d.count((key,), value, cost=COST_TOTAL)
    d.at_most(("matched",), ("enrolled",))
    for small in ("served", "still_matched", "uncleared", "chronic_start", "not_enrolled"):
        d.at_most((small,), ("matched",))
    d.at_most(("matched",), ("matches",))
    for small in ("never_matched", "waitlisted"):
        d.at_most((small,), ("nominated",))
    d.total(("judged",), [("improved",), ("same",), ("worse",)])
    d.total(("matched",), [("judged",), ("too_early",)])
    d.at_most(("left_chronic",), ("chronic_start",))
    for reason, count in figures.nominations_by_reason.items():
        d.count(("reason", reason), count)
        d.at_most(("reason", reason), ("nominated",))
    for reason, count in figures.closed_early.items():
        d.count(("closed", reason), count)
    d.total(("closed_total",), [("closed", reason) for reason in figures.closed_early])
    d.at_most(("closed_total",), ("matches",))
    for when, tiers, chronic in (("start", figures.tiers_at_start, "chronic_start"),
                                 ("now", figures.tiers_now, "chronic_now")):
        for tier in TIER_KEYS:
            d.count(("tier_" + when, tier), tiers.get(tier, 0), cost=COST_TOTAL)
        d.total(("matched",), [("tier_" + when, tier) for tier in TIER_KEYS])
        d.total((chronic,), [("tier_" + when, "moderate"), ("tier_" + when, "severe")])
    comparison = figures.comparison
    d.count(("compared_never",), comparison.never_matched.students, cost=COST_TOTAL)
    d.count(("compared_waitlisted",), comparison.waitlisted.students, cost=COST_TOTAL)
    d.at_most(("compared_never",), ("enrolled",))
    previously = figures.previously_chronic
    d.count(("chronic_last_year",), previously.mentees.students, cost=COST_TOTAL)
    d.count(("chronic_last_year_similar",), previously.similar.students, cost=COST_TOTAL)
    d.at_most(("chronic_last_year",), ("judged",))
    d.at_most(("chronic_last_year_similar",), ("compared_never",))
    for band in figures.dose:
        d.count(("dose", band.low), band.mentees)
    d.total(("judged",), [("dose", band.low) for band in figures.dose])
    last = figures.last_year_mentees
    for key, value in (("ly_mentees", last.mentees), ("ly_enrolled", last.still_enrolled),
                       ("ly_again", last.matched_again), ("ly_chronic_then",
                                                          last.chronic_last_year),
                       ("ly_chronic_now", last.chronic_now)):
        d.count((key,), value, cost=COST_TOTAL)
    d.at_most(("ly_enrolled",), ("ly_mentees",))
    for small in ("ly_again", "ly_chronic_then", "ly_chronic_now"):
        d.at_most((small,), ("ly_enrolled",))
    d.at_most(("ly_again",), ("matched",))
    _referrals(d, figures)
    for table in (figures.by_grade, figures.by_role):
        _breakdown(d, table, listed=table.name == "grade", below=figures.below_threshold)
    _derived(d, figures)
    survey_section.declare(d, figures)
    if figures.below_threshold:
        d.must_hide(*(key for key in d.values if key not in d.public))
        d.must_hide(*(set(d.dependencies) | set(d.about)))
    return d


def _referrals(d: Disclosure, figures) -> None:
    columns = ("opened", "resolved", "still_open")
    for line in figures.referrals:
        for column in columns:
            d.count(("referral", line.kind, column), getattr(line, column))
        d.total(("referral", line.kind, "opened"),
                [("referral", line.kind, "resolved"), ("referral", line.kind, "still_open")])
    if figures.referrals:
        for column in columns:
            total = sum(getattr(line, column) for line in figures.referrals)
            d.count(("referral", "total", column), total, cost=COST_TOTAL)
            d.total(("referral", "total", column),
                    [("referral", line.kind, column) for line in figures.referrals])


def _breakdown(d: Disclosure, table: Breakdown, *, listed: bool, below: bool) -> None:
    counts = [column.key for column in table.columns if column.kind == COUNT]
    rows = [] if below else table.rows
    for row in rows:
        for column in counts:
            d.count(breakdown_key(table, row.group, column), row.figures[column],
                    cost=COST_CELL, at_least=1 if listed and column == "mentees" else 0)
        for whole, parts in ROW_SUMS:
            d.total(breakdown_key(table, row.group, whole),
                    [breakdown_key(table, row.group, part) for part in parts])
        for small, big in ROW_BOUNDS:
            d.at_most(breakdown_key(table, row.group, small),
                      breakdown_key(table, row.group, big))
        for column in table.columns:
            if column.kind != COUNT and column.kind != "staff":
                d.derived(breakdown_key(table, row.group, column.key),
                          ratio_of=[breakdown_key(table, row.group, part)
                                    for part in column.ratio_of],
                          about=[breakdown_key(table, row.group, part)
                                 for part in column.about]
                          + [breakdown_key(table, row.group, "mentees")])
        size = row.figures["mentees"]
        if 0 < size < d.threshold:
            d.small_group(breakdown_key(table, row.group, "mentees"),
                          [breakdown_key(table, row.group, column.key)
                           for column in table.columns if column.kind != "staff"])
    for column in counts:
        if rows:
            d.total(breakdown_key(table, TOTAL, column),
                    [breakdown_key(table, row.group, column) for row in rows])
    for column in table.columns:
        if column.kind != COUNT and column.kind != "staff":
            d.derived(breakdown_key(table, TOTAL, column.key),
                      ratio_of=[breakdown_key(table, TOTAL, part) for part in column.ratio_of],
                      about=[breakdown_key(table, TOTAL, part) for part in column.about])


def _derived(d: Disclosure, figures) -> None:
    """Figures that are not counts: the counts each divides (hidden with either), and the
    groups each describes (hidden when a group is small)."""
    d.derived(("share_improved",), ratio_of=[("improved",), ("judged",)])
    d.derived(("left_share",), ratio_of=[("left_chronic",), ("chronic_start",)])
    d.derived(("mentees_per_mentor",), ratio_of=[("matched",)])
    for key in ("rates", "days_gained"):
        d.derived((key,), about=[("judged",)])
    judged_chronic = figures.comparison.mentees.by_tier
    # The judged mentees who left chronic absence are some of those counted in
    # ("left_chronic",): their share k/n tells a reader that at least k left (and exactly how
    # many when every chronically absent mentee was judged), so it goes with that count.
    d.derived(("mentees_left_share",), ratio_of=[("left_chronic",)], about=[("judged",)],
              size=sum(row.students for row in judged_chronic
                       if row.tier in ("moderate", "severe")))
    d.derived(("net",), about=[("judged",), ("compared_never",)])
    d.derived(("compared_never_figures",), about=[("compared_never",)])
    d.derived(("compared_waitlisted_figures",), about=[("compared_waitlisted",)])
    d.derived(("chronic_last_year_figures",), about=[("chronic_last_year",)])
    d.derived(("chronic_last_year_similar_figures",), about=[("chronic_last_year_similar",)])
    d.derived(("chronic_last_year_net",), about=[("chronic_last_year",),
                                                  ("chronic_last_year_similar",)])
    for band in DOSE_BANDS:
        d.derived(("dose_figures", band[0]), about=[("dose", band[0])])
    d.derived(("ly_figures",), about=[("ly_enrolled",)])
    for key in ("meetings", "monthly_mentees"):
        d.derived((key,), about=[("matched",)])
    d.derived(("match_length",), about=[("matches",)])


def shown(figures) -> Shown:
    """The report's figures as the level allows: administrators' hidden as the engine decides,
    the program team's all shown. Worked out once per figures (the PDF, the workbook and the
    JSON of one report print the same)."""
    cached = getattr(figures, "_shown", None)
    if cached is not None:
        return cached
    disclosure = model(figures)
    if figures.for_team:
        view = Shown(nothing_hidden(disclosure))
    else:
        view = Shown(protect(disclosure), figures.below_threshold)
    figures._shown = view
    return view
