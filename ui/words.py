"""How the screens write names, dates, rates and usual times (the words for stored codes are
program.vocabulary's)."""

from __future__ import annotations

import html

from program import vocabulary

# The word for every stored code (tiers, slots, outcomes, reasons, ...) is program.vocabulary's,
# shared with the reports; here are only the ways the screens write names, dates and blanks.
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri")


def escaped(text: object) -> str:
    """Any value as text safe inside rich text (None: nothing)."""
    return html.escape("" if text is None else str(text))


grade_words = vocabulary.grade_words
day_words = vocabulary.day_words


def percent(rate: float | None, digits: int = 1) -> str:
    """0.1278 -> "12.8%"; nothing for no rate (a blank cell, which sorts last)."""
    return "" if rate is None else vocabulary.percent(rate, digits)


usual_time = vocabulary.usual_time_words


student_name = vocabulary.list_name
person_name = vocabulary.person_name

