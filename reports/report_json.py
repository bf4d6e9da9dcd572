"""``report --json``: the figures the report shows, as one JSON object (at the administrators'
level, hidden figures are the words the report prints instead)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reports.disclosure import TOTAL, Shown, breakdown_key, shown
from reports.figures import COMPARISON_LABEL, TIERS, ReportFigures
from reports.report_tables import MENTEE_KEYS
from reports.survey_section import survey_items


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _breakdown(table, view: Shown, key: str) -> list[dict[str, Any]]:
    rows = []
    for row in (() if view.below_threshold and table.name != "mentor" else table.rows):
        item: dict[str, Any] = {key: row.label}
        for column in table.columns:
            value = row.figures.get(column.key)
            if column.kind == "count":
                item[column.key] = view.count(breakdown_key(table, row.group, column.key),
                                              value)
            elif column.kind == "staff":
                item[column.key] = value
            else:
                item[column.key] = _plain(view.figure(
                    breakdown_key(table, row.group, column.key), value))
        rows.append(item)
    return rows


def _group(group, view: Shown, count_key: tuple, figures_key: tuple,
           keys: dict[str, tuple] | None = None) -> dict[str, Any]:
    keys = keys or {}

    def figure(value: Any, which: str = "") -> Any:
        return _plain(view.figure(keys.get(which, figures_key), value))

    return {"name": group.label, "students": view.count(count_key),
            "absence_rate_before": figure(group.before_rate),
            "absence_rate_after": figure(group.after_rate),
            "absences_per_100_before": figure(None if group.before_rate is None
                                              else 100 * group.before_rate),
            "absences_per_100_after": figure(None if group.after_rate is None
                                             else 100 * group.after_rate),
            "change_per_100": figure(group.change_per_100),
            "share_improved": figure(group.share_improved, "share"),
            "days_gained_per_100": figure(group.gained_per_100, "gained"),
            "left_chronic_share": figure(group.left_chronic_share, "left"),
            "missing_tiers": list(group.missing_tiers)}


def to_json(figures: ReportFigures, view: Shown | None = None) -> dict[str, Any]:
    """The figures the report shows, as one JSON object (``report --json``)."""
    view = view or shown(figures)
    count = view.count
    period = figures.period
    net = figures.comparison.net
    spread = figures.meetings_per_mentee

    def figure(key: tuple, value: Any) -> Any:
        return _plain(view.figure(key, value))

    document: dict[str, Any] = {
        "school": figures.school_name,
        "year": period.year_name,
        "as_of": period.as_of.isoformat(),
        "period_start": period.start.isoformat(),
        "period": period.label,
        "level": figures.level,
        "below_threshold": view.below_threshold,
        "students_enrolled": figures.students_enrolled,
        "students_nominated": count(("nominated",)),
        "nominations_by_reason": {reason: count(("reason", reason))
                                  for reason in figures.nominations_by_reason},
        "students_matched": count(("matched",)),
        "still_matched_at_end": count(("still_matched",)),
        "students_served": count(("served",)),
        "never_matched": count(("never_matched",)),
        "waitlisted": count(("waitlisted",)),
        "matched_with_mentor_not_cleared": count(("uncleared",)),
        "mentors_active": figures.mentors_on_roster,
        "mentors_on_roster": figures.mentors_on_roster,
        "mentors_with_mentees": figures.mentors_with_mentees,
        "mentees_per_mentor": figure(("mentees_per_mentor",), figures.mentees_per_mentor),
        "screening_complete": figures.screening_complete,
        "trainings": [{"held_on": line.held_on.isoformat(), "kind": line.kind,
                       "required": line.required, "attended": line.attended,
                       "mentors_active": line.mentors_active} for line in figures.trainings],
        "matches": count(("matches",)),
        "meetings_held": figure(("meetings",), figures.meetings_held),
        "mentee_meetings_held": figure(("meetings",), figures.mentee_meetings_held),
        "family_contacts": figure(("meetings",), figures.family_contacts),
        "absent_day_checkins": figure(("meetings",), figures.absent_day_checkins),
        "meetings_attempted": figure(("meetings",), figures.meetings_attempted),
        "meetings_per_mentee": {name: figure(("meetings",), getattr(spread, attribute))
                                for name, attribute in (("median", "median"),
                                                        ("lower_quartile", "lower_quartile"),
                                                        ("upper_quartile", "upper_quartile"),
                                                        ("lowest", "lowest"),
                                                        ("highest", "highest"))},
        "meetings_per_match_month_median": figure(("meetings",),
                                                  figures.meetings_per_match_month_median),
        "share_matches_on_target": figure(("meetings",), figures.share_matches_on_target),
        "match_length_median_days": figure(("match_length",), figures.match_length_median_days),
        "closed_early": {reason: count(("closed", reason)) for reason in figures.closed_early},
        "mentees_judged": count(("judged",)),
        "mentees_with_baseline": count(("judged",)),
        "too_early_to_tell": count(("too_early",)),
        "minimum_days_before": figures.days_before,
        "minimum_days_after": figures.days_after,
        "absence_rate_before": figure(("rates",), figures.absence_rate_before),
        "absence_rate_after": figure(("rates",), figures.absence_rate_after),
        "absences_per_100_before": figure(("rates",), figures.absences_per_100_before),
        "absences_per_100_after": figure(("rates",), figures.absences_per_100_after),
        "improved": count(("improved",)),
        "same": count(("same",)),
        "worse": count(("worse",)),
        "share_improved": figure(("share_improved",), figures.share_improved),
        "days_gained": figure(("days_gained",), figures.days_gained),
        "days_gained_per_100": figure(("days_gained",), figures.days_gained_per_100),
        "chronic_at_start": count(("chronic_start",)),
        "chronic_now": count(("chronic_now",)),
        "left_chronic": count(("left_chronic",)),
        "tiers_at_start": {tier: count(("tier_start", tier)) for tier in TIERS},
        "tiers_now": {tier: count(("tier_now", tier)) for tier in TIERS},
        "too_few_days_at_start": count(("tier_start", None)),
        "too_few_days_now": count(("tier_now", None)),
        "comparison": {
            "label": COMPARISON_LABEL,
            "mentees": _group(figures.comparison.mentees, view, ("judged",), ("rates",),
                              MENTEE_KEYS),
            "groups": [_group(figures.comparison.never_matched, view, ("compared_never",),
                              ("compared_never_figures",)),
                       _group(figures.comparison.waitlisted, view, ("compared_waitlisted",),
                              ("compared_waitlisted_figures",))],
            "days_gained_net": None if net is None else {
                "days": figure(("net",), net.net), "low": figure(("net",), net.low),
                "high": figure(("net",), net.high), "resamples": net.resamples,
                "seed": net.seed, "can_tell": None if view.hidden(("net",)) else net.clear},
        },
        "previously_chronic": {
            "mentees": _group(figures.previously_chronic.mentees, view,
                              ("chronic_last_year",), ("chronic_last_year_figures",)),
            "similar": _group(figures.previously_chronic.similar, view,
                              ("chronic_last_year_similar",),
                              ("chronic_last_year_similar_figures",)),
        },
        "dose": [{"meetings": band.label, "mentees": count(("dose", band.low)),
                  "change_per_100": figure(("dose_figures", band.low), band.change_per_100),
                  "share_improved": figure(("dose_figures", band.low), band.share_improved)}
                 for band in figures.dose],
        "chronic_share_by_month": [{"month": month.month, "this_year": _plain(month.this_year),
                                    "last_year": _plain(month.last_year)}
                                   for month in figures.chronic_by_month],
        "last_years_mentees": {
            "mentees": count(("ly_mentees",)), "still_enrolled": count(("ly_enrolled",)),
            "matched_again": count(("ly_again",)),
            "chronic_last_year": count(("ly_chronic_then",)),
            "chronic_now": count(("ly_chronic_now",)),
            "absence_rate_last_year": figure(("ly_figures",),
                                             figures.last_year_mentees.rate_last_year),
            "absence_rate_now": figure(("ly_figures",), figures.last_year_mentees.rate_now)},
        "school_absence_rate": _plain(figures.school_absence_rate),
        "attendance_through": _plain(figures.attendance_through),
        "monthly": [{"month": f"{point.year}-{point.month:02d}",
                     "mentees_rate": figure(("monthly_mentees",), point.mentees_rate),
                     "school_rate": _plain(point.school_rate)} for point in figures.monthly],
        "by_grade": _breakdown(figures.by_grade, view, "grade"),
        "by_role": _breakdown(figures.by_role, view, "role"),
        "referrals": [{"kind": line.kind, "opened": count(("referral", line.kind, "opened")),
                       "resolved": count(("referral", line.kind, "resolved")),
                       "still_open": count(("referral", line.kind, "still_open"))}
                      for line in figures.referrals],
        "imports": [{"kind": line.kind, "imported_on": line.imported_on.isoformat(),
                     "mode": line.mode, "covers_from": _plain(line.covers_from),
                     "covers_through": _plain(line.covers_through)}
                    for line in figures.imports],
    }
    for table in (figures.by_grade, figures.by_role):
        document[f"{table.name}_total"] = {
            column.key: view.count(breakdown_key(table, TOTAL, column.key))
            for column in table.columns if column.kind == "count"}
    if figures.for_team and figures.by_mentor is not None:
        document["by_mentor"] = _breakdown(figures.by_mentor, view, "mentor")
    document["survey_change"] = survey_items(figures, view)
    return document
