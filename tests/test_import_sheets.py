"""Opening any file safely: workbooks, text in any encoding, and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from importing import sheets
from importing.problems import ImportRefused
from importing.sheets import open_workbook, sheet_list
from tests.spreadsheets import (
    DATA,
    FAR_WRITINGS,
    csv_file,
    encrypted_workbook,
    hand_written_xlsx,
    lying_zip,
    with_cached_formula,
    xlsx,
    zip_bomb,
)

ROWS = [["Student ID", "Last name", "First name"], [123456, "Rivera", "Ana"],
        ["000777", "Okafor", "José"]]


def test_an_xlsx_gives_its_visible_sheets_and_leaves_out_hidden_and_empty_ones(tmp_path):
    path = xlsx(tmp_path / "roster.xlsx",
                {"Roster": ROWS, "Lookups": [["Grade", "Teacher"], [6, "Cole"]], "Blank": []},
                hidden=["Lookups"])
    book = open_workbook(path)
    assert book.sheet_names == ["Roster"]
    assert ("Lookups", "hidden") in book.left_out and ("Blank", "empty") in book.left_out
    assert book.sheets[0].rows[1] == [123456.0, "Rivera", "Ana"]
    assert book.sheets[0].rows[2][0] == "000777"  # text stays text, zeros and all


def test_a_formula_cell_gives_the_value_excel_saved(tmp_path):
    path = xlsx(tmp_path / "formula.xlsx", {"Sheet1": [["Days", "Double"], [21, "=A2*2"]]})
    with_cached_formula(path, "A2*2", 42)
    assert open_workbook(path).sheets[0].rows[1] == [21.0, 42.0]


def test_dates_in_a_workbook_come_back_as_dates(tmp_path):
    path = xlsx(tmp_path / "dates.xlsx", {"A": [["Date"], [dt.date(2025, 9, 3)]]})
    assert open_workbook(path).sheets[0].rows[1][0] in (dt.date(2025, 9, 3),
                                                        dt.datetime(2025, 9, 3))


def test_rows_keep_the_row_numbers_a_spreadsheet_shows(tmp_path):
    path = xlsx(tmp_path / "low.xlsx", {"A": [[], [], ["Student ID", "Name"], [1, "Ana Rivera"]]})
    sheet = open_workbook(path).sheets[0]
    assert sheet.row_number(sheet.rows.index([1.0, "Ana Rivera"])) == 4


def test_reading_through_a_big_sheet_gives_every_row_once_and_indexing_still_works(tmp_path):
    rows = [["Student ID", "Date"]] + [[str(100000 + n), f"9/{n % 28 + 1}/2025"]
                                       for n in range(3000)]
    path = xlsx(tmp_path / "big.xlsx", {"Days": rows})
    sheet_rows = open_workbook(path).sheets[0].rows
    assert sheet_rows[5] == rows[5]  # some rows already held from looking at the top
    assert list(sheets.iterate_cells(sheet_rows, 3)) == rows[3:]
    assert list(sheets.iterate_cells(sheet_rows, 2500)) == rows[2500:]
    assert sheet_rows[2999] == rows[2999] and len(sheet_rows) == 3001


@pytest.mark.parametrize("encoding, bom, delimiter", [
    ("utf-8", False, ","), ("utf-8", True, ","), ("cp1252", False, ";"), ("utf-16", False, "\t"),
    ("utf-16-le", False, ","),
])
def test_text_files_in_any_usual_encoding_and_delimiter(tmp_path, encoding, bom, delimiter):
    path = csv_file(tmp_path / "roster.csv", ROWS, encoding=encoding, bom=bom,
                    delimiter=delimiter)
    book = open_workbook(path)
    assert book.format == "csv"
    assert book.sheets[0].rows == [["Student ID", "Last name", "First name"],
                                   ["123456", "Rivera", "Ana"], ["000777", "Okafor", "José"]]


def test_a_quoted_comma_in_a_csv_stays_in_its_cell(tmp_path):
    path = csv_file(tmp_path / "ps.csv", [["Student_Number", "LastFirst"],
                                          ["1001", "Rivera, Ana"]])
    assert open_workbook(path).sheets[0].rows[1] == ["1001", "Rivera, Ana"]


def test_formula_like_text_in_a_csv_stays_text(tmp_path):
    path = csv_file(tmp_path / "x.csv", [["Name", "Notes"], ["Ana", "=HYPERLINK(\"x\")"]])
    assert open_workbook(path).sheets[0].rows[1][1] == '=HYPERLINK("x")'


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is(tmp_path):
    real = xlsx(tmp_path / "real.xlsx", {"Roster": ROWS})
    renamed = tmp_path / "roster.csv"
    renamed.write_bytes(real.read_bytes())
    assert open_workbook(renamed).sheets[0].rows[1][1] == "Rivera"


def test_the_sheet_names_without_reading_cells(tmp_path):
    path = xlsx(tmp_path / "two.xlsx", {"Gr 6": ROWS, "Gr 7": ROWS, "Help": [["x"]]},
                hidden=["Help"])
    assert sheet_list(path) == ["Gr 6", "Gr 7"]


def test_legacy_xls_and_ods_files_are_read(tmp_path):
    for name in ("roster.xls", "roster.ods"):
        book = open_workbook(DATA / name)
        rows = book.sheets[0].rows
        assert any("Student ID" in [str(cell) for cell in row] for row in rows), name


# Refusals -------------------------------------------------------------------------------------


def refused(path, *words):
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(path)
    message = refusal.value.message
    assert path.name in message
    for word in words:
        assert word in message, message
    return message


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    refused(path, "empty")


def test_a_workbook_of_empty_sheets_is_refused(tmp_path):
    refused(xlsx(tmp_path / "blank.xlsx", {"Sheet1": [], "Sheet2": []}), "nothing in it")


def test_a_csv_of_blank_lines_is_refused(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n  \n", encoding="utf-8")
    refused(path, "no rows")


def test_a_pdf_named_xlsx_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    refused(path, "not a spreadsheet", "PDF")


def test_a_binary_file_named_csv_is_refused(tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_bytes(bytes(range(256)) * 40)
    refused(path, "not a spreadsheet")


def test_a_word_document_is_not_a_spreadsheet(tmp_path):
    import zipfile

    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(path, "Word document")


def test_a_truncated_workbook_is_refused_as_damaged(tmp_path):
    whole = xlsx(tmp_path / "whole.xlsx", {"Roster": ROWS * 200})
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    refused(cut, "damaged")


def test_a_corrupted_sheet_inside_a_workbook_is_refused_as_damaged(tmp_path):
    import zipfile

    whole = xlsx(tmp_path / "whole.xlsx", {"Roster": ROWS})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    refused(broken, "damaged")


def test_a_password_protected_workbook_is_refused(tmp_path):
    refused(encrypted_workbook(tmp_path / "secret.xlsx"), "password", "Excel")


@pytest.mark.parametrize("name, program", [("password.xls", "Excel"),
                                           ("password.ods", "LibreOffice")])
def test_libreoffice_workbooks_saved_with_a_password_are_refused(tmp_path, name, program):
    copy = tmp_path / name
    copy.write_bytes((DATA / name).read_bytes())
    refused(copy, "password", program)


def test_a_formula_in_a_libreoffice_workbook_gives_its_computed_value():
    for name in ("mentors.xls", "mentors.ods"):
        rows = open_workbook(DATA / name).sheets[0].rows
        assert rows[2][3] == 1, name  # =D2-1


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.xlsx", uncompressed_mb=300)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    refused(bomb, "unpacks to far more")


def test_a_zip_that_lies_about_its_size_is_refused(tmp_path, monkeypatch):
    honest = xlsx(tmp_path / "honest.xlsx", {"Roster": ROWS * 3000})
    liar = lying_zip(tmp_path / "liar.xlsx", honest)
    message = refused(liar)
    assert "damaged" in message or "unpacks" in message


def test_a_file_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    from importing import file_checks

    monkeypatch.setattr(file_checks, "MAX_FILE_BYTES", 1000)
    path = csv_file(tmp_path / "big.csv", [["Student ID", "Date", "Code"]] +
                    [[str(n), "9/3/2025", "A"] for n in range(200)])
    refused(path, "too large")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(tmp_path / "nowhere.xlsx")
    assert "no file" in refusal.value.message


def test_a_sheet_that_is_not_there_is_refused_naming_the_sheets(tmp_path):
    path = xlsx(tmp_path / "two.xlsx", {"Gr 6": ROWS, "Gr 7": ROWS})
    with pytest.raises(ImportRefused) as refusal:
        open_workbook(path, sheet_names=["Gr 9"])
    assert '"Gr 6", "Gr 7"' in refusal.value.message


def test_an_xls_that_makes_the_reader_panic_is_refused_as_damaged(tmp_path):
    # One byte of the header zeroed makes python-calamine's Rust code panic (found by
    # tests/test_import_fuzz.py); PyO3 raises that as a BaseException, not an Exception.
    raw = bytearray((DATA / "roster.xls").read_bytes())
    raw[64] = 0
    broken = tmp_path / "roster.xls"
    broken.write_bytes(bytes(raw))
    refused(broken, "damaged")
    with pytest.raises(ImportRefused, match="damaged"):
        sheet_list(broken)


def test_a_workbook_whose_part_names_are_not_the_utf8_they_claim_is_refused_as_damaged(
        tmp_path):
    # Found by tests/test_import_fuzz.py: zipfile raised UnicodeDecodeError, a crash.
    import zipfile

    path = xlsx(tmp_path / "roster.xlsx", {"Roster": [["Student ID"], ["1001"]]})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/caf\u00e9.xml", "<x/>")  # a UTF-8 name: flagged as such
    raw = path.read_bytes()
    first = raw.index("xl/caf\u00e9.xml".encode())  # the part's own header comes first
    path.write_bytes(raw[:first + 6] + b"\xc3\x28" + raw[first + 8:])
    refused(path, "damaged")


# A sheet that reaches too far ---------------------------------------------------------------

def far_reaching_xlsx(path, cells, dimension: str | None = None):
    """A hand-written .xlsx whose one sheet holds ``cells`` ({"A1": "text", ...})."""
    rows: dict[int, list[str]] = {}
    for reference, value in cells.items():
        row = int("".join(ch for ch in reference if ch.isdigit()))
        rows.setdefault(row, []).append(
            f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>')
    sheet_data = "".join(f'<row r="{row}">{"".join(found)}</row>'
                         for row, found in sorted(rows.items()))
    return hand_written_xlsx(path, sheet_data, dimension=dimension)


def import_in_a_small_process(path, data_path):
    """The headless import, in a process allowed 2 GB (so a runaway read fails alone)."""
    import resource
    import subprocess
    import sys

    from tests.conftest import PROJECT

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))

    return subprocess.run(
        [sys.executable, str(PROJECT / "main.py"), "--db", str(data_path),
         "import", "students", str(path)],
        capture_output=True, text=True, timeout=120, preexec_fn=limit, cwd=PROJECT)


@pytest.mark.parametrize("dimension", [None, "A1:B2"])
def test_a_small_file_with_a_cell_at_the_sheet_s_far_corner_is_refused(tmp_path, dimension,
                                                                        data_file):
    # Reading it whole would need 16,384 x 1,048,576 cells: half a terabyte.
    path = far_reaching_xlsx(tmp_path / "roster.xlsx", {
        "A1": "Student ID", "B1": "Last Name", "A2": "100001", "B2": "Garcia",
        "XFD1048576": "x"}, dimension)
    assert path.stat().st_size < 5000
    from tests.conftest import data_checksum

    data_file.close()
    before = data_checksum(data_file.path)
    # First in a process of its own: were the check gone, this one would die, not the tests.
    done = import_in_a_small_process(path, data_file.path)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "reach far past its real rows" in done.stdout + done.stderr
    assert data_checksum(data_file.path) == before  # the data file is exactly as it was
    with pytest.raises(ImportRefused, match="reach far past its real rows"):
        open_workbook(path)


def test_a_wide_sheet_with_many_rows_is_counted_and_opens(tmp_path):
    # 30 columns (AD) and a row 120,000: more than the quick look vouches for, so the sheet is
    # counted reference by reference: 3.6 million cells, which is fine.
    from openpyxl.utils import get_column_letter

    cells = {f"{get_column_letter(column)}1": f"Day {column}" for column in range(1, 31)}
    cells["A120000"] = "100001"
    path = far_reaching_xlsx(tmp_path / "wide.xlsx", cells, dimension="A1:AD2")
    import zipfile

    from importing.sheet_extent import ExtentWatch

    with zipfile.ZipFile(path) as archive:
        part = archive.getinfo("xl/worksheets/sheet1.xml")
        watch = ExtentWatch(part.file_size)
        watch.feed(archive.read(part))
        watch.finish()
    assert watch.needs_counting()
    workbook = open_workbook(path)
    assert workbook.sheet(workbook.sheet_names[0]).rows[0][:2] == ["Day 1", "Day 2"]



@pytest.mark.parametrize("letters", [1, 2, 3])
def test_the_quick_search_finds_exactly_the_references_past_the_sheets_reach(letters):
    from importing.sheet_extent import _beyond

    for digits in range(1, 8):
        pattern = _beyond(letters, digits)
        for width in range(1, 5):
            for length in range(1, 10):
                reference = "XFD"[:width] if width <= 3 else "ABCD"
                number = "1" + "0" * (length - 1)
                text = f'<c r="{reference}{number}" t="n"><v>1</v></c>'.encode()
                beyond = len(reference) > letters or len(number) > digits
                assert bool(pattern.search(text)) == beyond, (letters, digits, reference, number)


# Each way python-calamine still finds a far cell: a hand-written 5 KB file reaching
# XFD1048576 (half a terabyte as a rectangle) by each of them, and the same sheet reaching only
# a little further, which must open as python-calamine places its cells.
def _far_sheet(path, writing: str, *, column: str, row: int, cells: int):
    return hand_written_xlsx(path, FAR_WRITINGS[writing].format(
        far=f"{column}{row}", far_lower=f"{column.lower()}{row}", far_row=row,
        many_cells="<c><v>1</v></c>" * cells))


@pytest.mark.parametrize("writing", sorted(FAR_WRITINGS))
def test_a_far_cell_written_any_way_python_calamine_reads_is_refused(tmp_path, writing):
    from importing.file_checks import check_zip

    path = _far_sheet(tmp_path / "far.xlsx", writing, column="XFD", row=1048576, cells=16384)
    assert path.stat().st_size < 100_000
    # check_zip alone: were the check to pass, nothing is parsed here.
    with pytest.raises(ImportRefused, match="reach far past its real rows"):
        check_zip(path)


@pytest.mark.parametrize("writing", sorted(FAR_WRITINGS))
def test_a_sheet_written_that_way_within_reach_opens_as_python_calamine_places_it(tmp_path,
                                                                                 writing):
    import zipfile

    from python_calamine import CalamineWorkbook

    from importing.sheet_extent import sheet_cells

    path = _far_sheet(tmp_path / "near.xlsx", writing, column="AD", row=500, cells=30)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    with zipfile.ZipFile(path) as archive:
        counted = sheet_cells([archive.read("xl/worksheets/sheet1.xml")])
    # The slow count places each cell where python-calamine does (it may count more, never
    # less: it keeps empty cells too).
    assert counted >= sheet.height * sheet.width
    assert counted <= 500 * 31
    workbook = open_workbook(path)
    assert len(workbook.sheets[0].rows) == sheet.end[0] + 1


@pytest.mark.parametrize("size", [1, 5, 7, 64, 1000])
def test_the_quick_search_sees_a_tag_cut_between_chunks_and_nothing_more(size):
    from importing.sheet_extent import ExtentWatch

    rows = "".join(f'<row r="{row}"><c r="A{row}" t="n"><v>{row}</v></c>'
                   f'<c r="B{row}" s="1" t="n" /></row>' for row in range(1, 300))
    for sheet, expected in ((rows, False), (rows + '<row r="300"><c r="XFD300"/></row>', True),
                            (rows + '<row r="300"><c><v>1</v></c></row>', True),
                            (rows + '<row r="300"><x:c r="A300"><x:v>1</x:v></x:c></row>', True)):
        xml = ('<worksheet><dimension ref="A1:B300"/><sheetData>' + sheet
               + "</sheetData></worksheet>").encode()
        watch = ExtentWatch(len(xml))
        for start in range(0, len(xml), size):
            watch.feed(xml[start:start + size])
        watch.finish()
        assert watch.needs_counting() == expected, (size, expected)


@pytest.mark.parametrize("letters, top_letter", [(1, 5), (1, 26), (2, 1), (2, 3), (3, 1)])
@pytest.mark.parametrize("digits, top_digit", [(1, 3), (4, 9), (6, 4), (6, 9)])
def test_the_quick_search_finds_exactly_the_references_past_its_first_letter_and_digit(
        letters, top_letter, digits, top_digit):
    from importing.sheet_extent import _beyond, column_number

    pattern = _beyond(letters, digits, top_letter, top_digit)
    most_columns = column_number(bytes([64 + top_letter]) + b"Z" * (letters - 1))
    most_rows = (top_digit + 1) * 10 ** (digits - 1) - 1
    for column in ("A", "E", "F", "Z", "AA", "AZ", "BA", "CZ", "DA", "ZZ", "AAA", "AZZ", "BAA",
                   "XFD"):
        for row in (1, 9, 10, 99, 300, 399, 400, 999, 4999, 5000, 399999, 400000, 999999,
                    1000000, 1048576):
            for written in (f'<c r="{column}{row}">', f"<c r='{column.lower()}{row}'>",
                            f'<c t="n" r = "{column}{row}">'):
                beyond = column_number(column.encode()) > most_columns or row > most_rows
                assert bool(pattern.search(written.encode())) == beyond, (written, letters,
                                                                          top_letter)
        for row in (9, 10, 400, 999999, 1000000):  # a row's own r: no letters
            beyond = row > most_rows
            assert bool(pattern.search(f'<row r="{row}">'.encode())) == beyond, row
