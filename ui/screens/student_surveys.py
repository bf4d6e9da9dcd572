"""A student's survey answers on their page (the Mentors tab): at the start and the end of
mentoring, question by question, each school year (the program team's view: names allowed)."""

from __future__ import annotations

from collections.abc import Sequence

from program.surveys import agreement_words
from ui.words import day_words
from ui.words import escaped as _e

MUTED = "#52606d"


def survey_answers_html(responses: Sequence[dict], questions: Sequence[dict]) -> str:
    """The student's answers as a table per year: each question, at the start, at the end."""
    if not responses:
        return ("<p>No survey answers yet.</p><p style='color:#52606d'>Give the students' "
                "survey at the start and at the end of mentoring (Mentoring &gt; Surveys); "
                "the answers come in with File &gt; Import.</p>")
    texts = {question["id"]: question["text"] for question in questions}
    order = {question["id"]: number for number, question in enumerate(questions)}
    years: dict[str, dict[str, dict]] = {}
    for response in responses:
        years.setdefault(response["year_name"], {})[response["phase"]] = response
    parts = []
    for year_name, by_phase in years.items():
        start, end = by_phase.get("pre"), by_phase.get("post")
        when = []
        if start:
            when.append(f"start: {day_words(start['answered_on'])}")
        if end:
            when.append(f"end: {day_words(end['answered_on'])}")
        parts.append(f"<p><b>{_e(year_name)}</b> <span style='color:{MUTED}'>"
                     f"({_e(', '.join(when))})</span></p>")
        asked = sorted({question for response in (start, end) if response
                        for question in response["answers"]},
                       key=lambda question: order.get(question, 10_000))
        rows = ["<tr><th align='left'>Question</th><th align='left'>Start</th>"
                "<th align='left'>End</th></tr>"]
        for question in asked:
            cells = [_answer(response, question) for response in (start, end)]
            rows.append(f"<tr><td style='padding-right:10px'>{_e(texts.get(question, ''))}</td>"
                        + "".join(f"<td style='padding-right:8px'>{_e(cell)}</td>"
                                  for cell in cells) + "</tr>")
        parts.append("<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>")
    return "".join(parts)


def _answer(response: dict | None, question: int) -> str:
    if response is None or question not in response["answers"]:
        return "—"
    value, text = response["answers"][question]
    return agreement_words(value) if value is not None else text
