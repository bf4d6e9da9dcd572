"""A big worksheet parsed in runs on several cores reads exactly as one parse of it would."""

from __future__ import annotations

import datetime as dt

import pytest

from importing import sheet_parts
from importing.problems import ImportRefused
from importing.sheets import open_workbook
from tests.spreadsheets import hand_written_xlsx, xlsx


@pytest.fixture
def parted(monkeypatch):
    """Small sheets are parsed in three runs (as big ones are on a computer with 3 cores)."""
    monkeypatch.setattr(sheet_parts, "PARTED_FROM_BYTES", 1)
    monkeypatch.setattr(sheet_parts, "part_count", lambda: 3)
    calls = []
    real = sheet_parts.parse_in_parts

    def watched(parts):
        found = real(parts)
        calls.append(found)
        return found

    monkeypatch.setattr("importing.sheets.parse_in_parts", watched)
    return calls


def _read(path):
    workbook = open_workbook(path)
    sheet = workbook.sheets[0]
    return sheet.name, list(sheet.rows.cells_from(0)), len(sheet.rows), sheet.merged


def _whole(path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(sheet_parts, "part_count", lambda: 1)
        patch.setattr("importing.sheets.parse_in_parts", lambda parts: None)
        return _read(path)


def _cell(reference: str, value: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'


def test_a_year_of_attendance_in_three_runs_reads_as_one(tmp_path, parted, monkeypatch):
    header = ["Student ID", "Last Name", "Date", "Code"]
    rows = [header] + [[str(100000 + n // 20), f"Student{n // 20}",
                        dt.date(2025, 9, 2) + dt.timedelta(days=n % 20), "P" if n % 7 else "A"]
                       for n in range(3000)]
    path = xlsx(tmp_path / "year.xlsx", {"Attendance": rows})
    read = _read(path)
    assert isinstance(parted[0], sheet_parts.PartedSheet)
    assert read == _whole(path, monkeypatch)
    assert read[1][1] == ["100000", "Student0", dt.date(2025, 9, 2), "A"]
    assert read[2] == 3001


def test_runs_that_start_at_other_columns_and_rows_are_lined_up(tmp_path, parted,
                                                                monkeypatch):
    # The first rows use columns B-D; later ones only C-E, and row numbers jump: each run
    # must land at the columns and rows one parse gives.
    data = "".join(f'<row r="{row}">{_cell(f"B{row}", "x")}{_cell(f"D{row}", row)}</row>'
                   for row in range(3, 400))
    data += "".join(f'<row r="{row}">{_cell(f"C{row}", "y")}{_cell(f"E{row}", row)}</row>'
                    for row in range(410, 900, 2))
    path = hand_written_xlsx(tmp_path / "shifted.xlsx", data)
    read = _read(path)
    assert isinstance(parted[0], sheet_parts.PartedSheet)
    assert read == _whole(path, monkeypatch)
    assert read[1][2] == ["x", "", "3", ""]
    assert read[1][409] == ["", "y", "", "410"]
    assert read[1][410] == ["", "", "", ""]


def test_cells_without_references_land_where_one_parse_puts_them(tmp_path, parted,
                                                                  monkeypatch):
    # Rows that say their number, cells that do not: each cell follows the one before it.
    data = "".join(f'<row r="{row}"><c t="inlineStr"><is><t>a{row}</t></is></c>'
                   f'<c t="inlineStr"><is><t>b{row}</t></is></c></row>'
                   for row in range(1, 600))
    path = hand_written_xlsx(tmp_path / "plain.xlsx", data)
    read = _read(path)
    assert isinstance(parted[0], sheet_parts.PartedSheet)
    assert read == _whole(path, monkeypatch)
    assert read[1][598] == ["a599", "b599"]


def test_rows_that_do_not_say_their_number_are_parsed_whole(tmp_path, parted, monkeypatch):
    # A run starting with such a row would put its cells at the sheet's top.
    data = "".join(f'<row><c t="inlineStr"><is><t>r{row}</t></is></c></row>'
                   for row in range(1, 600))
    path = hand_written_xlsx(tmp_path / "numberless.xlsx", data)
    read = _read(path)
    assert parted == [None]
    assert read == _whole(path, monkeypatch)
    assert read[1][598] == ["r599"]


def test_rows_written_out_of_order_are_parsed_whole(tmp_path, parted, monkeypatch):
    data = "".join(f'<row r="{row}">{_cell(f"A{row}", row)}</row>'
                   for row in range(600, 0, -1))
    path = hand_written_xlsx(tmp_path / "backwards.xlsx", data)
    read = _read(path)
    assert parted == [None]
    assert read == _whole(path, monkeypatch)
    assert read[1][0] == ["1"] and read[1][599] == ["600"]


def test_a_cut_that_would_fall_inside_a_comment_gives_the_whole_parse(tmp_path, parted,
                                                                     monkeypatch):
    rows = [f'<row r="{row}">{_cell(f"A{row}", row)}</row>' for row in range(1, 601)]
    commented = "".join(rows[:150]) + "<!--" + "".join(rows[150:450]) + "-->" + "".join(
        rows[450:])
    path = hand_written_xlsx(tmp_path / "commented.xlsx", commented)
    read = _read(path)
    assert parted == [None]
    assert read == _whole(path, monkeypatch)
    assert read[1][148] == ["149"] and read[1][450] == ["451"]


def test_a_damaged_sheet_is_refused_as_damaged_as_before(tmp_path, parted):
    rows = "".join(f'<row r="{row}">{_cell(f"A{row}", row)}</row>' for row in range(1, 601))
    broken = rows[:len(rows) * 2 // 3] + '<c r="A9999"><v>not closed' + rows[len(rows) * 2 // 3:]
    path = hand_written_xlsx(tmp_path / "broken.xlsx", broken)
    with pytest.raises(ImportRefused, match="damaged"):
        open_workbook(path)


def test_a_small_sheet_and_a_workbook_of_several_sheets_are_parsed_whole(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(sheet_parts, "part_count", lambda: 4)
    calls = []
    monkeypatch.setattr("importing.sheets.parse_in_parts",
                        lambda parts: calls.append(parts) or None)
    open_workbook(xlsx(tmp_path / "small.xlsx", {"Roster": [["Student ID"], ["1"]]}))
    monkeypatch.setattr(sheet_parts, "PARTED_FROM_BYTES", 1)
    open_workbook(xlsx(tmp_path / "two.xlsx", {"A": [["x"]] * 50, "B": [["y"]] * 50}))
    assert calls == []


def test_the_runs_are_cut_into_even_shares_at_rows_that_say_their_number():
    rows = "".join(f'<row r="{row}"><c r="A{row}"><v>{row}</v></c></row>'
                   for row in range(1, 1001)).encode()
    xml = b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"
    cuts = sheet_parts._cut_points(xml, 4)
    assert len(cuts) == 3
    for cut in cuts:
        assert xml[cut - 6:cut] == b"</row>" and xml[cut:cut + 8] == b'<row r="'
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, len(xml)], strict=True)]
    assert max(sizes) - min(sizes) < len(xml) // 10


def test_a_sheet_is_parsed_in_runs_only_when_every_run_together_stays_in_bounds(
        tmp_path, parted, monkeypatch):
    # Each run is a rectangle of its own: rows written out of order could make every run as
    # big as the whole sheet, so the runs together must fit where one sheet may.
    from importing import file_checks

    data = "".join(f'<row r="{row}">{_cell(f"A{row}", row)}</row>' for row in range(1, 601))
    path = hand_written_xlsx(tmp_path / "tall.xlsx", data, dimension="A1:A600")
    monkeypatch.setattr(file_checks, "MAX_SHEET_CELLS", 1000)  # A1:A699 vouched for: 699
    read = _read(path)
    assert parted == []  # the checks kept nothing to part
    assert read == _whole(path, monkeypatch)
    monkeypatch.setattr(file_checks, "MAX_SHEET_CELLS", 3 * 699)
    assert _read(path) == read
    assert isinstance(parted[0], sheet_parts.PartedSheet)


def test_the_quick_search_vouches_for_the_sheet_up_to_the_next_first_letter_and_digit():
    from importing.sheet_extent import ExtentWatch

    def watch(dimension: str, reference: str) -> ExtentWatch:
        xml = (f'<worksheet><dimension ref="{dimension}"/><sheetData><row r="1">'
               f'<c r="{reference}"><v>1</v></c></row></sheetData></worksheet>').encode()
        found = ExtentWatch(len(xml))
        found.feed(xml)
        found.finish()
        return found

    assert watch("A1:E360001", "E399999").bound == 5 * 399_999
    assert not watch("A1:E360001", "E399999").suspicious
    for beyond in ("F2", "e400000", "AA2", "E1000000"):
        assert watch("A1:E360001", beyond).suspicious, beyond
    assert watch("A1:AD2", "AZ2").bound == 52 * 2
    assert watch("A1:AD2", "BA2").suspicious


def test_a_sheet_that_claims_to_be_huge_costs_only_what_it_really_unpacks(tmp_path,
                                                                         monkeypatch):
    # A part's own claim of its size is not trusted for memory: the checks keep only the bytes
    # really unpacked. 2 MB of rows, stored, claiming 300 MB (within the 200:1 ratio allowed).
    import contextlib
    import struct
    import tracemalloc
    import zipfile

    from importing import file_checks

    monkeypatch.setattr(sheet_parts, "part_count", lambda: 2)
    monkeypatch.setattr(sheet_parts, "PARTED_FROM_BYTES", 1)
    rows = "".join(f'<row r="{row}">{_cell(f"A{row}", row)}</row>' for row in range(1, 30000))
    path = hand_written_xlsx(tmp_path / "liar.xlsx", rows, compression=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as archive:
        entry = archive.getinfo("xl/worksheets/sheet1.xml")
    assert entry.compress_size > 1_600_000
    claimed = 300 * 1024 * 1024
    raw = bytearray(path.read_bytes())
    struct.pack_into("<I", raw, entry.header_offset + 22, claimed)  # the part's own header
    name = entry.filename.encode()
    at = raw.index(b"PK\x01\x02")
    while raw[at + 46:at + 46 + len(name)] != name:  # its entry in the directory
        at = raw.index(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", raw, at + 24, claimed)
    path.write_bytes(bytes(raw))
    tracemalloc.start()
    try:
        with contextlib.suppress(ImportRefused):
            file_checks.check_zip(path, {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * 1024 * 1024
