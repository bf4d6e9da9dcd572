"""The report's pre/post survey figures: for each question of the students' survey, the
mentees who answered it at the start and at the end of mentoring, their average answer each
time and how many agreed more, the same or less. Counts of students like every other, so
they are cells of the report's disclosure model and hidden as the engine decides."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from reports.suppression import Disclosure

HEADERS = ["Question", "Mentees", "Average at the start",
           "Average at the end", "Change", "Agreed more", "The same", "Agreed less"]
FORMATS = ["wrap", "integer", "decimal", "decimal", "decimal", "integer", "integer", "integer"]
SCALE_NOTE = ("Answers from 1 (strongly disagree) to 4 (strongly agree); only mentees who "
              "answered a question both at the start and at the end of mentoring count.")
PARTS = ("higher", "same", "lower")
# The program team's sheet of each mentee's answers.
ANSWER_HEADERS = ["Student", "Student ID", "Question", "At the start", "At the end"]
ANSWER_FORMATS = ["text", "text", "wrap", "text", "text"]


def cell(question_id: int, key: str) -> Hashable:
    """A survey figure's cell in the report's disclosure model."""
    return ("survey", question_id, key)


def declare(d: Disclosure, figures) -> None:
    """The survey's counts and the facts between them (more + same + less = the mentees who
    answered both times <= the mentees matched)."""
    for change in _answered(figures):
        whole = d.count(cell(change.question_id, "mentees"), change.mentees)
        for part in PARTS:
            d.count(cell(change.question_id, part), getattr(change, part))
        d.total(whole, [cell(change.question_id, part) for part in PARTS])
        if ("matched",) in d.values and change.mentees <= d.values[("matched",)]:
            d.at_most(whole, ("matched",))
        # Averages of the answers: hidden with the mentees' count too (an average of whole
        # answers 1 to 4 narrows down how many gave it).
        d.derived(cell(change.question_id, "averages"), ratio_of=[whole], about=[whole])
        if change.mentees < d.threshold:
            d.small_group(whole, [cell(change.question_id, part) for part in PARTS]
                          + [cell(change.question_id, "averages")])


def _answered(figures) -> list:
    """The questions some mentee answered both times (the others say nothing)."""
    return [change for change in getattr(figures, "survey_change", ()) if change.mentees]


def _average(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0  # never "-0.0"


def survey_items(figures, view) -> list[dict[str, Any]]:
    """Each question as printed (hidden figures as the words the report prints)."""
    items = []
    for change in _answered(figures):
        averages = cell(change.question_id, "averages")
        items.append({
            "question": change.text,
            "mentees": view.count(cell(change.question_id, "mentees")),
            "average_start": view.figure(averages, _average(change.average_start)),
            "average_end": view.figure(averages, _average(change.average_end)),
            "change": view.figure(averages, _average(change.change)),
            "higher": view.count(cell(change.question_id, "higher")),
            "same": view.count(cell(change.question_id, "same")),
            "lower": view.count(cell(change.question_id, "lower")),
        })
    return items


def survey_rows(figures, view) -> list[list[Any]]:
    """The table's rows (HEADERS' order)."""
    return [[item["question"], item["mentees"], shown_figure(item["average_start"]),
             shown_figure(item["average_end"]), shown_figure(item["change"]), item["higher"],
             item["same"], item["lower"]]
            for item in survey_items(figures, view)]


def shown_figure(value: Any) -> Any:
    """A figure as the tables print it (one decimal place: "-0.0" never appears)."""
    return round(value, 1) + 0.0 if isinstance(value, float) else value


def survey_html(figures, view, number: int) -> str:
    """The PDF's section: the table, or a sentence when no mentee answered both times."""
    from reports import html

    rows = survey_rows(figures, view)
    return "".join([
        html.heading(f"{number}. How mentees' survey answers changed"),
        html.paragraph(SCALE_NOTE, muted=True),
        '<div style="font-size: 9pt">',
        html.table(HEADERS, rows, FORMATS, widths=[32, 14, 9, 9, 9, 9, 9, 9], padding=3,
                   empty_text="No mentee answered the survey both at the start and at the end "
                   "of mentoring in this year."),
        "</div>",
    ])
