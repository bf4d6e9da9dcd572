"""Bad input is handled: random and mutated spreadsheets and CSVs fed to every importer.

Each file goes through the headless command (``import KIND FILE --json``), the way a school's
file reaches MentorDesk. Every one ends in an import (perhaps with problems listed) or a plain
refusal, never a crash; after a refusal the data file is exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import data_checksum
from tests.spreadsheets import DATA, csv_file, xlsx

# A handful of examples for each importer and kind of damage keeps the whole file under half a
# minute; every run draws new ones. For a long hunt: MENTORDESK_FUZZ_EXAMPLES=500.
FUZZ = settings(max_examples=int(os.environ.get("MENTORDESK_FUZZ_EXAMPLES", "12")),
                deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

YEAR = "2025-2026"
STUDENT_IDS = [str(100000 + number) for number in range(12)]
MENTORS = [("Mo", "Rivera"), ("Ana", "Okafor"), ("Lee", "Chen")]
MATCHED = 6  # the first six students have a mentor: MENTORS[number % 3]

# A header row each importer takes without a question, and a sound row for it.
SOUND = {
    "students": (["Student ID", "Last Name", "First Name", "Grade", "Homeroom"],
                 lambda n: [str(200000 + n), f"Fuzz{n}", "Sam", 6 + n % 3, "B12"]),
    "mentors": (["First Name", "Last Name", "Email", "Phone"],
                lambda n: ["Kim", f"Staff{n}", f"kim{n}@school.example.org", "555-0100"]),
    "matches": (["Student ID", "Mentor", "Start Date"],
                lambda n: [STUDENT_IDS[n % 12], " ".join(MENTORS[n % 3]), "2025-10-01"]),
    "meetings": (["Student ID", "Mentor", "Date", "Minutes"],
                 lambda n: [STUDENT_IDS[n % MATCHED], " ".join(MENTORS[n % MATCHED % 3]),
                            (dt.date(2025, 10, 6) + dt.timedelta(days=n % 30)).isoformat(),
                            30]),
    "attendance": (["Student ID", "Date", "Attendance Code"],
                   lambda n: [STUDENT_IDS[n % 12],
                              dt.date(2025, 9, 8) + dt.timedelta(days=n // 12 % 5), "A"]),
    "calendar": (["Date", "Description"],
                 lambda n: [dt.date(2025, 11, 10) + dt.timedelta(days=n % 20), "No school"]),
}
KINDS = list(SOUND)
JUNK_HEADERS = ["", "Notes", "ID", "Name", "Date", "Code", "Student", "x" * 40, "Élève", "学生",
                "=A1", "Total", "Grade", "Student ID"]

cell_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)
cells = st.one_of(
    st.none(), cell_texts,
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.booleans(),
    st.sampled_from(["P", "A", "E", "T", "ISS", "", "  ", "N/A", "#REF!", "=1/0", "2025-13-45",
                     "31/02/2025", "9/8/2025", "1e308", "-0", "100000", "Rivera, Mo",
                     STUDENT_IDS[0], "0" + STUDENT_IDS[1], "\u00a0", "Okafor Ana"]),
)


@pytest.fixture(scope="module")
def master(tmp_path_factory) -> Path:
    """A small school: the year, a dozen students, three mentors, six matches."""
    from storage import matches, mentors, settings, students, years
    from storage.database import open_data_file

    path = tmp_path_factory.mktemp("fuzz") / "school.sqlite"
    with open_data_file(path, create=True) as data:
        db = data.db
        year_id = years.save_year(db, YEAR, dt.date(2025, 9, 2), dt.date(2026, 6, 12), [])
        settings.set_value(db, "current_year", YEAR)
        student_ids = [students.add_student(db, year_id=year_id, grade=7, local_id=local_id,
                                            first_name="Test", last_name=f"Student{number}")
                       for number, local_id in enumerate(STUDENT_IDS)]
        mentor_ids = [mentors.add_mentor(db, first_name=first, last_name=last)
                      for first, last in MENTORS]
        for number in range(MATCHED):  # meetings are logged for matches
            matches.add_match(db, mentor_ids[number % 3], student_ids[number], year_id,
                              dt.date(2025, 9, 15))
    return path


def copy_of(master: Path, folder: Path) -> Path:
    target = folder / "school.sqlite"
    source, destination = sqlite3.connect(master), sqlite3.connect(target)
    source.backup(destination)
    source.close()
    destination.close()
    return target


class Crashed(AssertionError):
    """The command met an error it did not expect (it would have written a crash report)."""


def _crash(error: BaseException) -> Path:
    raise Crashed(f"{type(error).__name__}: {error}") from error


def import_ends_plainly(master: Path, kind: str, source: Path) -> None:
    """Run ``import KIND SOURCE --json``: an import, or a refusal that changed nothing."""
    from cli import run

    with tempfile.TemporaryDirectory(prefix="mentordesk-fuzz-") as folder:
        data = copy_of(master, Path(folder))
        before = data_checksum(data)
        out = io.StringIO()
        with mock.patch("cli.write_crash_report", _crash), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(io.StringIO()):
            code = run(["--db", str(data), "import", kind, str(source), "--json"])
        document = json.loads(out.getvalue())
        if code == 0:
            assert isinstance(document["problems"], list)
            assert all(problem["message"] for problem in document["problems"])
        else:
            assert code == 1, (code, document)
            assert document["error"] and "Traceback" not in document["error"]
            assert data_checksum(data) == before, "a refused import changed the data file"


@st.composite
def tables(draw, kind: str) -> list[list]:
    """A header (the importer's own words, shuffled, thinned or padded with junk) and rows
    mixing sound values with anything at all."""
    header, sound_row = SOUND[kind]
    header = list(header)
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.booleans()):
        header = header[:draw(st.integers(0, len(header)))]
    header += draw(st.lists(st.sampled_from(JUNK_HEADERS), max_size=3))
    rows = [header]
    if draw(st.booleans()):  # a title and a blank line above the table, as exports have
        rows = [[draw(cell_texts)], [], header]
    for number in range(draw(st.integers(0, 12))):
        if draw(st.booleans()):
            row = sound_row(number)
        else:
            row = draw(st.lists(cells, max_size=len(header) + 2))
        rows.append(row)
    return rows


def text_of(cell) -> str:
    return "" if cell is None else str(cell)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "mac-roman"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_random_csv_files_import_or_are_refused_plainly(master, kind, data):
    rows = data.draw(tables(kind))
    encoding = data.draw(st.sampled_from(ENCODINGS))
    delimiter = data.draw(st.sampled_from([",", ";", "\t", "|"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        text_rows = [[text_of(cell) for cell in row] for row in rows]
        try:
            csv_file(path, text_rows, encoding=encoding.replace("-sig", ""), delimiter=delimiter,
                     bom=encoding.endswith("-sig"))
        except UnicodeEncodeError:
            data_bytes = "\n".join(delimiter.join(row) for row in text_rows).encode(
                encoding, errors="replace")
            path.write_bytes(data_bytes)
        import_ends_plainly(master, kind, path)


def _safe_for_xlsx(cell):
    # openpyxl refuses control characters in a cell, as Excel does: a file cannot hold them.
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch >= " " or ch in "\t\n")
    return cell


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_random_workbooks_import_or_are_refused_plainly(master, kind, data):
    sheets = {}
    for number in range(data.draw(st.integers(1, 3))):
        name = data.draw(st.sampled_from(["Sheet1", "Export", "Data", "Notes", "Totals",
                                          f"Sheet {number + 2}", "Roster (2)"]))
        rows = data.draw(tables(kind)) if number == 0 or data.draw(st.booleans()) else \
            data.draw(st.lists(st.lists(cells, max_size=4), max_size=4))
        sheets[name] = [[_safe_for_xlsx(cell) for cell in row] for row in rows]
    hidden = data.draw(st.sets(st.sampled_from(list(sheets)))) if len(sheets) > 1 else set()
    with tempfile.TemporaryDirectory() as folder:
        path = xlsx(Path(folder) / "export.xlsx", sheets, hidden=hidden - {next(iter(sheets))})
        import_ends_plainly(master, kind, path)


@functools.cache
def sound_bytes(kind: str, suffix: str) -> bytes:
    """A sound file's bytes, made once: a workbook saved twice differs (it holds the time it
    was saved), and damage must fall on the same bytes when hypothesis replays an example."""
    with tempfile.TemporaryDirectory() as folder:
        return sound_file(Path(folder), kind, suffix).read_bytes()


def sound_file(folder: Path, kind: str, suffix: str) -> Path:
    header, sound_row = SOUND[kind]
    rows = [header] + [sound_row(number) for number in range(10)]
    if suffix == ".csv":
        return csv_file(folder / "sound.csv", [[text_of(cell) for cell in row] for row in rows])
    return xlsx(folder / "sound.xlsx", {"Sheet1": rows})


@st.composite
def byte_damage(draw, data: bytes) -> bytes:
    """A few bites out of a file: flipped bytes, a cut, junk put in, the end gone."""
    damaged = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not damaged:
            break
        where = draw(st.integers(0, len(damaged) - 1))
        how = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if how == "flip":
            damaged[where] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del damaged[where:where + draw(st.integers(1, 64))]
        elif how == "insert":
            damaged[where:where] = draw(st.binary(min_size=1, max_size=32))
        else:
            del damaged[where:]
    return bytes(damaged)


@st.composite
def zip_damage(draw, data: bytes) -> bytes:
    """A workbook whose parts are damaged: one gone, one replaced, one's XML bitten."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    names = sorted(parts)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(names))
        how = draw(st.sampled_from(["drop", "junk", "bite", "empty", "add", "rename"]))
        if how == "drop":
            parts.pop(name, None)
        elif how == "junk":
            parts[name] = draw(st.binary(max_size=200))
        elif how == "bite" and name in parts:
            parts[name] = draw(byte_damage(parts[name]))
        elif how == "empty":
            parts[name] = b""
        elif how == "add":
            parts[f"xl/worksheets/sheet{draw(st.integers(2, 9))}.xml"] = draw(
                st.sampled_from([b"<worksheet/>", b"<?xml version='1.0'?><x>", b"\x00" * 8]))
        elif how == "rename" and name in parts:
            parts[name + draw(st.sampled_from(["x", ".bak", "/"]))] = parts.pop(name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_damaged_files_import_or_are_refused_plainly(master, kind, data):
    suffix = data.draw(st.sampled_from([".csv", ".xlsx", ".xlsx"]))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        sound = sound_bytes(kind, suffix)
        if suffix == ".xlsx" and data.draw(st.booleans()):
            damaged = data.draw(zip_damage(sound))
        else:
            damaged = data.draw(byte_damage(sound))
        # Sometimes under another name: a workbook called .csv, a CSV called .xls or .ods.
        name = "damaged" + data.draw(st.sampled_from([suffix, suffix, ".xls", ".ods", ".csv"]))
        path = folder / name
        path.write_bytes(damaged)
        import_ends_plainly(master, kind, path)


# LibreOffice-made files (scripts/ remakes them): the formats this machine's Python cannot write.
MADE_ELSEWHERE = [("students", "roster.ods"), ("students", "roster.xls"),
                  ("mentors", "mentors.ods"), ("mentors", "mentors.xls"),
                  ("attendance", "attendance.ods"), ("attendance", "attendance.xls")]


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "name"), MADE_ELSEWHERE)
@FUZZ
@given(data=st.data())
def test_damaged_ods_and_xls_files_import_or_are_refused_plainly(master, kind, name, data):
    sound = (DATA / name).read_bytes()
    if name.endswith(".ods") and data.draw(st.booleans()):
        damaged = data.draw(zip_damage(sound))
    else:
        damaged = data.draw(byte_damage(sound))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(damaged)
        import_ends_plainly(master, kind, path)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(content=st.binary(max_size=600),
       suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv", ".txt"]))
def test_any_bytes_at_all_import_or_are_refused_plainly(master, kind, content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(content)
        import_ends_plainly(master, kind, path)


def test_a_sound_file_of_every_kind_imports(master, tmp_path):
    """The fuzzing starts from files that import: check they do (else it proves little)."""
    from cli import run

    for kind in KINDS:
        for suffix in (".csv", ".xlsx"):
            folder = tmp_path / f"{kind}{suffix}"
            folder.mkdir()
            data = copy_of(master, folder)
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                code = run(["--db", str(data), "import", kind,
                            str(sound_file(folder, kind, suffix)), "--json"])
            document = json.loads(out.getvalue())
            assert code == 0, (kind, suffix, document)
            assert document["added"] + document["updated"] > 0, (kind, suffix, document)

