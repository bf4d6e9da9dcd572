"""Cell values as people type them: names, grades, IDs, dates, yes/no, numbers, availability.

Each reader takes what a spreadsheet cell holds (text, a number, a date, a boolean, or nothing)
and returns a plain Python value, or raises :class:`Unreadable` with a sentence saying what was
expected. Nothing here is evaluated: text stays text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Excel's day 0 (the 1900 system, with its leap-year bug already folded in for dates after
# 1 March 1900, which is all a school cares about).
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials a school date can have: 1982 to 2119. Outside that a number is not a date.
_SERIAL_RANGE = (30000, 80000)


class Unreadable(ValueError):
    """A cell that cannot be read as what its column means; the message says what was expected."""


def is_blank(value: Any) -> bool:
    """True for an empty cell (nothing, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: Any) -> str:
    """A cell as text, stripped; whole numbers lose their ``.0``; dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# Names ---------------------------------------------------------------------------------------

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
_PARTICLES = {"de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "der", "den",
              "st", "st.", "bin", "ibn", "al", "el", "dos", "das"}


def split_name(value: Any) -> tuple[str, str]:
    """A whole name in one cell -> (first, last): "Last, First", "First Last", with suffixes.

    A suffix (Jr., III) stays with the last name; particles ("de la Cruz") too.
    """
    text = " ".join(text_of(value).split())
    if not text:
        raise Unreadable("The name is empty.")
    if "," in text:
        last, _, first = text.partition(",")
        last, first = last.strip(), first.strip()
        words = first.split()
        # "Smith, John Jr." -> the suffix belongs with the last name.
        if len(words) > 1 and words[-1].lower() in _SUFFIXES:
            last = f"{last} {words[-1]}"
            first = " ".join(words[:-1])
        if first.lower() in _SUFFIXES:  # "Smith, Jr., John" was split at the first comma
            rest = first
            first = ""
            last = f"{last} {rest}"
        if "," in first:  # "Smith, Jr., John"
            suffix, _, given = first.partition(",")
            last, first = f"{last} {suffix.strip()}", given.strip()
        return first, last
    words = text.split()
    if len(words) == 1:
        return "", words[0]
    suffix = ""
    if words[-1].lower() in _SUFFIXES and len(words) > 2:
        suffix = words.pop()
    # The last name starts at the first particle after the first given name, else the last word.
    start = len(words) - 1
    for index in range(1, len(words) - 1):
        if words[index].lower() in _PARTICLES:
            start = index
            break
    first = " ".join(words[:start])
    last = " ".join(words[start:] + ([suffix] if suffix else []))
    return first, last


def name_key(first: str, last: str) -> tuple[str, str]:
    """A key for matching people by name: case, accents, spacing and middle names ignored."""
    first_words = _folded(first).split()
    return (first_words[0] if first_words else "", _folded(last))


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", plain.casefold()).split())


# Grades --------------------------------------------------------------------------------------

_GRADE_WORDS = {
    "k": 0, "kg": 0, "kinder": 0, "kindergarten": 0, "kindergarden": 0, "0k": 0,
    "pk": -1, "prek": -1, "pre k": -1, "pre kindergarten": -1, "prekindergarten": -1,
    "tk": -1, "p": -1, "ps": -1, "preschool": -1, "it": -1, "pr": -1,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "freshman": 9, "sophomore": 10, "junior": 11, "senior": 12,
}
_GRADE_PREFIX = re.compile(r"^(?:(?:grade|grd|gr|year|yr)\.?\s*|g(?=\d))(?=[\dkp-])",
                           re.IGNORECASE)
_GRADE_SUFFIX = re.compile(r"(?:st|nd|rd|th)?\s*(?:grade|grd|gr)?\.?$", re.IGNORECASE)


def parse_grade(value: Any) -> int:
    """"6", 6.0, "6th", "Gr. 6", "Grade 6", "06", "K", "PK" -> a grade (K is 0, pre-K -1)."""
    if isinstance(value, bool):
        raise Unreadable(f'"{text_of(value)}" is not a grade.')
    if isinstance(value, (int, float)):
        if float(value).is_integer() and -3 <= value <= 13:
            return max(-1, int(value))  # PowerSchool gives pre-K as a negative number
        raise Unreadable(f'"{text_of(value)}" is not a grade. Use 6, 6th, Grade 6, K or PK.')
    text = " ".join(re.sub(r"[-_/]", " ", text_of(value)).split()).lower()
    if not text:
        raise Unreadable("The grade is empty.")
    stripped = _GRADE_PREFIX.sub("", text).strip()
    if stripped in _GRADE_WORDS:
        return _GRADE_WORDS[stripped]
    if text in _GRADE_WORDS:
        return _GRADE_WORDS[text]
    number = _GRADE_SUFFIX.sub("", stripped).strip()
    if re.fullmatch(r"-?\d{1,2}", number):
        grade = int(number)
        if -3 <= grade <= 13:
            return max(-1, grade)
    words = stripped.replace(" grade", "").strip()
    if words in _GRADE_WORDS:
        return _GRADE_WORDS[words]
    raise Unreadable(f'"{text_of(value)}" is not a grade. Use 6, 6th, Grade 6, K or PK.')


_SHEET_GRADE = re.compile(
    r"(?:^|\b)(?:grade|grd|gr)\.?\s*(k|pk|\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th)\s*(?:grade|gr)?\b"
    r"|^\s*(k|pk|\d{1,2})\s*$",
    re.IGNORECASE,
)


def grade_from_sheet_name(name: str) -> int | None:
    """"Gr 7", "Grade 6", "7th grade", "8th", "K" -> the grade a sheet holds, or None."""
    match = _SHEET_GRADE.search(name or "")
    if not match:
        return None
    token = next(group for group in match.groups() if group)
    try:
        return parse_grade(token)
    except Unreadable:
        return None


def grade_words(grade: int | None) -> str:
    """A grade as people say it: K, PK, 6."""
    return {None: "", 0: "K", -1: "PK"}.get(grade, str(grade))


# Student IDs ---------------------------------------------------------------------------------


def parse_id(value: Any) -> str:
    """A student ID as text: 123456.0 -> "123456"; "1.23456E+5" -> "123456"; text kept as typed."""
    if isinstance(value, bool):
        raise Unreadable(f'"{text_of(value)}" is not a student ID.')
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        raise Unreadable(f'"{value}" is not a student ID (it has a decimal part).')
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, dt.time)):
        raise Unreadable(f'"{text_of(value)}" is a date, not a student ID.')
    text = text_of(value)
    if not text:
        raise Unreadable("The student ID is empty.")
    if re.fullmatch(r"\d+\.0+", text):
        return text.split(".")[0]
    if re.fullmatch(r"\d(?:\.\d+)?[eE]\+?\d+", text):
        number = float(text)
        if number.is_integer():
            return str(int(number))
    return text


class KnownIds:
    """Matches IDs from a file against the IDs MentorDesk knows, noticing lost leading zeros."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = set(known)
        self._without_zeros: dict[str, str | None] = {}
        for local_id in self.known:
            trimmed = local_id.lstrip("0")
            if trimmed != local_id and trimmed:
                # Two known IDs that differ only by zeros make the short form ambiguous.
                self._without_zeros[trimmed] = (
                    None if trimmed in self._without_zeros else local_id
                )

    def resolve(self, local_id: str) -> tuple[str, bool]:
        """(the ID to use, whether leading zeros were put back)."""
        if local_id in self.known:
            return local_id, False
        padded = self._without_zeros.get(local_id.lstrip("0") or local_id)
        if padded:
            return padded, True
        return local_id, False


# Dates ---------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_WORDS_DATE = re.compile(r"^(\d{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{2,4})$")
_MONTH_FIRST_WORDS = re.compile(
    r"^([a-z]+)\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]*(\d{2,4})$")
_WEEKDAY_PREFIX = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE
)


def parse_date(value: Any, *, day_first: bool = False) -> dt.date:
    """Real dates, Excel serials, "9/3/2025", "2025-09-03", "3 Sep 2025", "Sep 3, 2025".

    Numeric dates are month first (US) unless ``day_first``, or unless the first number is over
    12, which only a day can be.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise Unreadable(f'"{text_of(value)}" is not a date.')
    if isinstance(value, (int, float)):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        if isinstance(value, int) or float(value).is_integer():
            digits = str(int(value))
            if len(digits) == 8:  # 20250903
                return _from_parts(int(digits[:4]), int(digits[4:6]), int(digits[6:]), value)
        raise Unreadable(f'"{text_of(value)}" is not a date. Write it like 9/3/2025.')
    text = " ".join(text_of(value).split())
    if not text:
        raise Unreadable("The date is empty.")
    text = _WEEKDAY_PREFIX.sub("", text)
    # "2025-09-03 00:00:00" or "2025-09-03T08:00"
    text = re.sub(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?$", "", text,
                  flags=re.IGNORECASE)
    match = _NUMERIC_DATE.match(text)
    if match:
        first, second, third = (int(part) for part in match.groups())
        if len(match.group(1)) == 4:  # 2025-09-03
            return _from_parts(first, second, third, value)
        year = third + (2000 if third < 100 else 0) if len(match.group(3)) <= 2 else third
        if day_first or first > 12:
            return _from_parts(year, second, first, value)
        return _from_parts(year, first, second, value)
    if re.fullmatch(r"\d{8}", text):
        return _from_parts(int(text[:4]), int(text[4:6]), int(text[6:]), value)
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return parse_date(float(text))
    lowered = text.lower()
    match = _WORDS_DATE.match(lowered)
    if match and match.group(2) in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
        return _from_parts(year + (2000 if year < 100 else 0), month, day, value)
    match = _MONTH_FIRST_WORDS.match(lowered)
    if match and match.group(1) in _MONTHS:
        month, day, year = _MONTHS[match.group(1)], int(match.group(2)), int(match.group(3))
        return _from_parts(year + (2000 if year < 100 else 0), month, day, value)
    raise Unreadable(f'"{text_of(value)}" is not a date MentorDesk can read. '
                     "Write it like 9/3/2025 or 2025-09-03.")


def _from_parts(year: int, month: int, day: int, original: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unreadable(f'"{text_of(original)}" is not a real date.') from None


def dates_look_day_first(values: Iterable[Any]) -> bool:
    """True when a column's typed dates can only be day-first (some first number is over 12)."""
    for value in values:
        if isinstance(value, str):
            match = _NUMERIC_DATE.match(value.strip())
            if match and len(match.group(1)) <= 2:
                if int(match.group(1)) > 12:
                    return True
                if int(match.group(2)) > 12:
                    return False
    return False


_DATE_IN_TEXT = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
)


def date_in_text(text: str) -> dt.date | None:
    """The first date written inside a sentence ("Attendance as of 3/14/2026"), or None."""
    for match in _DATE_IN_TEXT.finditer(text or ""):
        try:
            return parse_date(match.group(1))
        except Unreadable:
            continue
    return None


# Yes / no ------------------------------------------------------------------------------------

_YES = {"y", "yes", "x", "true", "t", "1", "✓", "✔", "☑", "√", "ok", "done", "signed", "on",
        "active", "checked", "si", "sí", "v", "xx", "1.0"}
_NO = {"n", "no", "false", "f", "0", "✗", "✘", "☐", "-", "off", "inactive", "none", "0.0"}


def parse_yes_no(value: Any) -> bool | None:
    """Y/N, x, TRUE/FALSE, 1/0, checkmarks -> True/False; a blank cell -> None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    text = text_of(value).lower().rstrip(".")
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise Unreadable(f'"{text_of(value)}" is not yes or no. Use Y or N (or x for yes).')


# Numbers -------------------------------------------------------------------------------------


def parse_number(value: Any, *, what: str = "number") -> float:
    """30, 30.0, "30", "30 min", "2.5 days" -> a number."""
    if isinstance(value, bool):
        raise Unreadable(f'"{text_of(value)}" is not a {what}.')
    if isinstance(value, (int, float)):
        return float(value)
    match = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*[A-Za-z.]*\s*", text_of(value))
    if not match:
        raise Unreadable(f'"{text_of(value)}" is not a {what}.')
    return float(match.group(1).replace(",", "."))


def parse_whole_number(value: Any, *, what: str = "whole number") -> int:
    number = parse_number(value, what=what)
    if not number.is_integer() or number < 0:
        raise Unreadable(f'"{text_of(value)}" is not a {what}.')
    return int(number)


# Attendance codes ----------------------------------------------------------------------------


def descriptor_word(value: Any) -> str:
    """The meaning of an Ed-Fi descriptor: "uri://ed-fi.org/XDescriptor#Excused Absence" ->
    "Excused Absence"; anything else as text."""
    text = text_of(value)
    if "#" in text and ("://" in text or "descriptor" in text.lower()):
        return text.rsplit("#", 1)[1].strip()
    return text


def attendance_code(value: Any) -> str:
    """A code as the school typed it, upper-cased for lookup: " a " -> "A", 1.0 -> "1"."""
    return text_of(value).upper()


# Availability --------------------------------------------------------------------------------

WEEKDAYS = (0, 1, 2, 3, 4)
SLOTS = ("before_school", "planning", "lunch", "after_school")
_WEEKDAY_WORDS = {
    "m": 0, "mo": 0, "mon": 0, "monday": 0, "mondays": 0,
    "t": 1, "tu": 1, "tue": 1, "tues": 1, "tuesday": 1, "tuesdays": 1,
    "w": 2, "we": 2, "wed": 2, "weds": 2, "wednesday": 2, "wednesdays": 2,
    "r": 3, "th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "thursdays": 3,
    "f": 4, "fr": 4, "fri": 4, "friday": 4, "fridays": 4,
}
_SLOT_PATTERNS = (
    ("before_school", re.compile(r"before\s*school|before|morning|mornings|\bam\b|early")),
    ("planning", re.compile(r"planning|plan\b|prep|advisory|homeroom|study hall|period")),
    ("lunch", re.compile(r"lunch|recess|midday|noon")),
    ("after_school", re.compile(r"after\s*school|after|afternoons?|\bpm\b|dismissal")),
)
_EVERY_WORDS = {"any", "anytime", "any time", "all", "always", "flexible", "whenever", "open"}


def parse_availability(value: Any) -> tuple[set[tuple[int, str]], bool]:
    """Free text -> ({(weekday, slot)}, True when no weekday was named so every weekday is meant).

    "Mon lunch, Wed after school"; "M/W/F before school"; "Lunch, after school" (every weekday);
    "Tuesdays" (every time of day that Tuesday); "any time".
    """
    text = text_of(value).lower()
    if not text:
        return set(), False
    if text.strip(" .!") in _EVERY_WORDS:
        return {(day, slot) for day in WEEKDAYS for slot in SLOTS}, False
    grid: set[tuple[int, str]] = set()
    every_weekday = False
    pending_days: list[int] = []
    understood = False
    for segment in re.split(r"[,;\n]|\band\b|&|\+", text):
        slots = [slot for slot, pattern in _SLOT_PATTERNS if pattern.search(segment)]
        remainder = segment
        for _, pattern in _SLOT_PATTERNS:
            remainder = pattern.sub(" ", remainder)
        days = _weekdays_in(remainder)
        if "weekday" in segment or "every day" in segment or "daily" in segment:
            days = list(WEEKDAYS)
        if days and not slots:
            pending_days.extend(days)
            understood = True
            continue
        if slots:
            understood = True
            # "Tuesdays and Thursdays after school": the days before the time count too.
            use_days = sorted(set(days) | set(pending_days))
            if not use_days:
                use_days = list(WEEKDAYS)
                every_weekday = True
            grid.update((day, slot) for day in use_days for slot in slots)
            pending_days = []
    if pending_days:  # "Mon, Wed": named days with no time of day -> any time those days
        grid.update((day, slot) for day in pending_days for slot in SLOTS)
    if not understood:
        raise Unreadable(
            f'"{text_of(value)}" does not say when. Write days and times such as '
            '"Mon lunch, Wed after school".'
        )
    return grid, every_weekday


def _weekdays_in(text: str) -> list[int]:
    days: list[int] = []
    for token in re.split(r"[\s/\-.]+", text):
        token = token.strip("()")
        if token in _WEEKDAY_WORDS:
            days.append(_WEEKDAY_WORDS[token])
        elif token and re.fullmatch(r"[mtwrf]{2,5}", token):  # "MWF", "TR"
            days.extend(_WEEKDAY_WORDS[letter] for letter in token)
    if re.search(r"\b(?:mon|monday)\s*(?:-|to|through|thru)\s*(?:fri|friday)\b", text):
        days = list(WEEKDAYS)
    return sorted(set(days))
