"""Cell values as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from importing.values import (
    KnownIds,
    Unreadable,
    date_in_text,
    grade_from_sheet_name,
    name_key,
    parse_availability,
    parse_date,
    parse_grade,
    parse_id,
    parse_number,
    parse_yes_no,
    split_name,
    text_of,
)


@pytest.mark.parametrize("typed, expected", [
    ("Rivera, Ana", ("Ana", "Rivera")),
    ("Rivera, Ana Maria", ("Ana Maria", "Rivera")),
    ("Ana Rivera", ("Ana", "Rivera")),
    ("  Ana   Rivera ", ("Ana", "Rivera")),
    ("Ben Okafor Jr.", ("Ben", "Okafor Jr.")),
    ("Okafor, Ben Jr.", ("Ben", "Okafor Jr.")),
    ("Okafor Jr., Ben", ("Ben", "Okafor Jr.")),
    ("Maria de la Cruz", ("Maria", "de la Cruz")),
    ("Kim Lee III", ("Kim", "Lee III")),
    ("Prince", ("", "Prince")),
])
def test_names_are_split_whichever_way_they_are_typed(typed, expected):
    assert split_name(typed) == expected


def test_name_matching_ignores_case_accents_and_middle_names():
    assert name_key("José Luis", "García") == name_key("jose", "GARCIA")


@pytest.mark.parametrize("typed, grade", [
    ("6", 6), (6, 6), (6.0, 6), ("6th", 6), ("Gr. 6", 6), ("Grade 6", 6), ("gr6", 6),
    ("06", 6), ("07", 7), ("K", 0), ("KG", 0), ("Kindergarten", 0), ("PK", -1), ("Pre-K", -1),
    ("1st", 1), ("2nd", 2), ("3rd grade", 3), ("Sixth", 6), (-2, -1), (0, 0), ("12th", 12),
])
def test_grades_are_read_as_people_write_them(typed, grade):
    assert parse_grade(typed) == grade


@pytest.mark.parametrize("typed", ["Sixth-ish", "99", "", "grade", True])
def test_a_grade_that_is_not_one_is_refused_with_a_sentence(typed):
    with pytest.raises(Unreadable) as refused:
        parse_grade(typed)
    assert str(refused.value)


@pytest.mark.parametrize("sheet, grade", [
    ("Gr 7", 7), ("Grade 6", 6), ("7th grade", 7), ("8th", 8), ("Gr. K", 0), ("Sheet1", None),
    ("Nominations", None), ("2025", None),
])
def test_the_grade_in_a_sheet_name(sheet, grade):
    assert grade_from_sheet_name(sheet) == grade


@pytest.mark.parametrize("cell, text", [
    (123456.0, "123456"), (123456, "123456"), ("123456", "123456"), ("00123", "00123"),
    (" 42 ", "42"), ("1.23456E+5", "123456"), ("123456.0", "123456"), ("S-1029", "S-1029"),
])
def test_student_ids_are_text_without_a_decimal_point(cell, text):
    assert parse_id(cell) == text


def test_an_id_that_lost_its_leading_zeros_is_noticed_against_known_ids():
    known = KnownIds(["001234", "005678", "777777"])
    assert known.resolve("1234") == ("001234", True)
    assert known.resolve("777777") == ("777777", False)
    assert known.resolve("999") == ("999", False)


def test_an_id_whose_zeros_could_belong_to_two_students_is_not_guessed():
    known = KnownIds(["01234", "001234"])
    assert known.resolve("1234") == ("1234", False)


@pytest.mark.parametrize("cell, day", [
    (dt.date(2025, 9, 3), dt.date(2025, 9, 3)),
    (dt.datetime(2025, 9, 3, 8, 30), dt.date(2025, 9, 3)),
    (45903, dt.date(2025, 9, 3)),
    (45903.0, dt.date(2025, 9, 3)),
    ("9/3/2025", dt.date(2025, 9, 3)),
    ("09/03/2025", dt.date(2025, 9, 3)),
    ("9/3/25", dt.date(2025, 9, 3)),
    ("2025-09-03", dt.date(2025, 9, 3)),
    ("2025-09-03 00:00:00", dt.date(2025, 9, 3)),
    ("3 Sep 2025", dt.date(2025, 9, 3)),
    ("3-Sep-2025", dt.date(2025, 9, 3)),
    ("Sep 3, 2025", dt.date(2025, 9, 3)),
    ("September 3, 2025", dt.date(2025, 9, 3)),
    ("Wed 9/3/2025", dt.date(2025, 9, 3)),
    ("25/9/2025", dt.date(2025, 9, 25)),
    ("20250903", dt.date(2025, 9, 3)),
])
def test_dates_as_people_and_programs_write_them(cell, day):
    assert parse_date(cell) == day


def test_day_first_dates_when_the_column_says_so():
    assert parse_date("3/9/2025", day_first=True) == dt.date(2025, 9, 3)


@pytest.mark.parametrize("cell", ["soon", "13/13/2025", "2/30/2026", 12, "", True])
def test_a_date_that_is_not_one_is_refused(cell):
    with pytest.raises(Unreadable):
        parse_date(cell)


def test_a_date_written_in_a_title():
    assert date_in_text("Attendance as of 3/14/2026") == dt.date(2026, 3, 14)
    assert date_in_text("Nominations") is None


@pytest.mark.parametrize("cell, answer", [
    ("Y", True), ("yes", True), ("x", True), ("X", True), ("TRUE", True), (True, True),
    ("✓", True), ("✔", True), (1, True), ("N", False), ("no", False), (False, False),
    (0, False), ("", None), (None, None),
])
def test_yes_and_no_as_ticks_letters_and_booleans(cell, answer):
    assert parse_yes_no(cell) is answer


def test_a_word_that_is_not_yes_or_no_is_refused():
    with pytest.raises(Unreadable):
        parse_yes_no("maybe")


def test_numbers_with_words_after_them():
    assert parse_number("30 min") == 30
    assert parse_number(2.5) == 2.5
    assert parse_number("2,5 days") == 2.5


def test_times_without_weekdays_mean_every_weekday():
    grid, every = parse_availability("Lunch, after school")
    assert every is True
    assert grid == {(day, slot) for day in range(5) for slot in ("lunch", "after_school")}


def test_times_with_weekdays():
    grid, every = parse_availability("Mon lunch, Wed after school")
    assert every is False
    assert grid == {(0, "lunch"), (2, "after_school")}
    grid, _ = parse_availability("M/W/F before school")
    assert grid == {(0, "before_school"), (2, "before_school"), (4, "before_school")}
    grid, _ = parse_availability("Tuesdays and Thursdays after school")
    assert grid == {(1, "after_school"), (3, "after_school")}


def test_unreadable_availability_is_refused():
    with pytest.raises(Unreadable):
        parse_availability("ask me")


def test_text_of_keeps_text_exactly_and_drops_the_decimal_of_whole_numbers():
    assert text_of("=1+2") == "=1+2"
    assert text_of(7.0) == "7"
    assert text_of(dt.date(2025, 9, 3)) == "2025-09-03"
