"""A big worksheet parsed in runs on several cores reads exactly as one parse of it would."""

from __future__ import annotations

import datetime as dt

import pytest

from importing import sheet_parts
from importing.problems import ImportRefused
from importing.sheets import open_workbook
from tests.spreadsheets import FAR_WRITINGS, hand_written_xlsx, xlsx


@pytest.fixture
def parted(monkeypatch):
    """Small sheets are parsed in runs as big ones are on a computer with 3 cores."""
    monkeypatch.setattr(sheet_parts, "PARTED_FROM_BYTES", 1)
    monkeypatch.setattr(sheet_parts, "part_count", lambda: 3)
    calls = []
    real = sheet_parts.parse_in_parts

    def watched(parts, *rest):
        found = real(parts, *rest)
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
        patch.setattr("importing.sheets.parse_in_parts", _unparted)
        return _read(path)


def _unparted(parts, reach_of_whole, checked):
    """parse_in_parts turned down: the sheet checked whole, as it must be."""
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            reach_of_whole(data)
    checked()


def _cell(reference: str, value: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'


def test_a_year_of_attendance_in_runs_reads_as_one(tmp_path, parted, monkeypatch):
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


@pytest.mark.parametrize("row", [5, 300, 597])
def test_a_cell_far_out_in_any_run_is_refused_though_the_runs_before_it_are_parsing(
        tmp_path, parted, row):
    # Runs are searched one by one as the ones before them parse: a far cell in the last run
    # must still stop the file before anything reads it (XFD1048576: a rectangle of 17
    # billion cells, which python-calamine would try to hold).
    rows = [f'<row r="{number}">{_cell(f"A{number}", number)}</row>'
            for number in range(1, 601)]
    rows[row - 1] = f'<row r="{row}">{_cell(f"A{row}", row)}{_cell("XFD1048576", "x")}</row>'
    path = hand_written_xlsx(tmp_path / "far.xlsx", "".join(rows))
    with pytest.raises(ImportRefused, match="far past its real rows"):
        open_workbook(path)


@pytest.mark.parametrize("writing", sorted(FAR_WRITINGS))
def test_a_far_cell_written_any_way_in_the_last_run_is_refused(tmp_path, parted, writing):
    # The run-by-run search finds what the whole-sheet search finds, however the cell is
    # written (tests/test_import_sheets.py's forms), in the last run as in the first.
    rows = "".join(f'<row r="{number}">{_cell(f"A{number}", number)}</row>'
                   for number in range(1, 601))
    far = FAR_WRITINGS[writing].format(far="XFD1048576", far_lower="xfd1048576",
                                       far_row=1048576, many_cells="<c><v>1</v></c>" * 16384)
    path = hand_written_xlsx(tmp_path / "far.xlsx", rows + far)
    with pytest.raises(ImportRefused, match="far past its real rows"):
        open_workbook(path)


def test_the_headless_import_of_such_a_file_says_why_and_leaves_the_data_as_it_was(
        tmp_path, parted, cli, data_file):
    from tests.conftest import data_checksum

    school = data_file.path
    data_file.close()
    rows = [["Student ID", "Date", "Code"]] + [["1001", "9/3/2025", "P"]] * 600
    body = "".join(f'<row r="{number}">' + "".join(
        _cell(f"{column}{number}", value) for column, value in zip("ABC", row, strict=True))
        + "</row>" for number, row in enumerate(rows, 1))
    far = f'<row r="602">{_cell("XFD1048576", "x")}</row>'
    path = hand_written_xlsx(tmp_path / "attendance.xlsx", body + far)
    before = data_checksum(school)
    result = cli("--db", school, "import", "attendance", path, "--json")
    assert result.code == 1
    assert "attendance.xlsx" in result.json["error"]
    assert "far past its real rows" in result.json["error"]
    assert "Traceback" not in result.stderr
    assert data_checksum(school) == before


def test_a_run_the_quick_search_cannot_vouch_for_has_the_whole_sheet_counted(
        tmp_path, parted, monkeypatch):
    # A cell without a reference near the end: the whole sheet is counted, found to fit, and
    # still read in runs, exactly as one parse reads it.
    rows = [f'<row r="{number}">{_cell(f"A{number}", number)}</row>'
            for number in range(1, 601)]
    rows[590] = '<row r="591"><c t="inlineStr"><is><t>unplaced</t></is></c></row>'
    path = hand_written_xlsx(tmp_path / "unplaced.xlsx", "".join(rows))
    counted = []
    real = sheet_parts.parse_in_parts

    def counting(parts, reach_of_whole, checked):
        return real(parts, lambda xml: counted.append(len(xml)) or reach_of_whole(xml),
                    checked)

    monkeypatch.setattr("importing.sheets.parse_in_parts", counting)
    read = _read(path)
    assert len(counted) == 1
    assert read == _whole(path, monkeypatch)
    assert read[1][590] == ["unplaced"]


def test_the_first_runs_parse_while_the_last_one_is_still_being_searched(tmp_path, parted,
                                                                         monkeypatch):
    # The search holds Python's lock and parsing does not: the first run must be handed to
    # its thread as soon as it is vouched for, not once the whole sheet has been searched.
    import threading

    from importing.sheet_extent import ExtentWatch

    rows = "".join(f'<row r="{row}">{_cell(f"A{row}", row)}</row>' for row in range(1, 601))
    path = hand_written_xlsx(tmp_path / "year.xlsx", rows)
    first_parsing = threading.Event()
    real_open, real_vouch = sheet_parts._open_run, ExtentWatch.vouches_for
    searched: list[tuple[int, int]] = []

    class Watched:
        """A run's workbook that says when its parsing starts."""

        def __init__(self, book):
            self.book = book

        def get_sheet_by_index(self, index):
            first_parsing.set()
            return self.book.get_sheet_by_index(index)

        def __getattr__(self, name):
            return getattr(self.book, name)

    def vouches_for(self, part, start, end):
        searched.append((start, end))
        if end == part.rindex(b"</sheetData>"):  # the last run waits for the first to parse
            assert first_parsing.wait(10), "no run was parsed before the whole sheet was searched"
        return real_vouch(self, part, start, end)

    monkeypatch.setattr(sheet_parts, "_open_run", lambda *args: Watched(real_open(*args)))
    monkeypatch.setattr(ExtentWatch, "vouches_for", vouches_for)
    read = _read(path)
    assert isinstance(parted[0], sheet_parts.PartedSheet)
    runs = 3 * sheet_parts.RUNS_PER_WORKER  # for each of three cores
    assert len(parted[0]._sheets) == runs
    assert len(searched) == 2 + runs  # the sheet's start and end, then each run
    monkeypatch.setattr(ExtentWatch, "vouches_for", real_vouch)
    assert read == _whole(path, monkeypatch)


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
                        lambda parts, *rest: calls.append(parts) or None)
    open_workbook(xlsx(tmp_path / "small.xlsx", {"Roster": [["Student ID"], ["1"]]}))
    monkeypatch.setattr(sheet_parts, "PARTED_FROM_BYTES", 1)
    open_workbook(xlsx(tmp_path / "two.xlsx", {"A": [["x"]] * 50, "B": [["y"]] * 50}))
    assert calls == []


def test_the_runs_are_cut_at_rows_that_say_their_number_the_first_and_last_half_size():
    rows = "".join(f'<row r="{row}"><c r="A{row}"><v>{row}</v></c></row>'
                   for row in range(1, 1001)).encode()
    xml = b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"
    runs = sheet_parts._runs(xml, 6)
    assert len(runs) == 6
    assert runs[0][0] == xml.index(b"<row") and runs[-1][1] == xml.index(b"</sheetData>")
    for (_, end), (start, _) in zip(runs, runs[1:], strict=False):
        assert end == start
        assert xml[start - 6:start] == b"</row>" and xml[start:start + 8] == b'<row r="'
    sizes = [end - start for start, end in runs]
    share = len(rows) / 10
    for size, weight in zip(sizes, [1, 2, 2, 2, 2, 1], strict=True):
        assert abs(size - weight * share) < share / 5
    # A short sheet gets as many runs as it has rows; none where no row says its number.
    for count in (2, 4):
        few = "".join(f'<row r="{row}"><c r="A{row}"><v>{row}</v></c></row>'
                      for row in range(1, count + 1))
        assert len(sheet_parts._runs(f"<sheetData>{few}</sheetData>".encode(), 6)) == count
    numberless = rows.replace(b'<row r="', b'<row x="')
    assert sheet_parts._runs(b"<sheetData>" + numberless + b"</sheetData>", 6) == []


def test_a_sheet_is_parsed_in_runs_only_when_every_run_together_stays_in_bounds(
        tmp_path, parted, monkeypatch):
    # Each run is a rectangle of its own: rows written out of order could make every run as
    # big as the whole sheet, so the runs together must fit where one sheet may.
    from importing import file_checks

    data = "".join(f'<row r="{row}">{_cell(f"A{row}", row)}</row>' for row in range(1, 601))
    path = hand_written_xlsx(tmp_path / "tall.xlsx", data, dimension="A1:A600")
    for module in (file_checks, sheet_parts):
        monkeypatch.setattr(module, "MAX_SHEET_CELLS", 1000)  # A1:A699 vouched for: 699
    read = _read(path)
    assert parted == [None]  # no two runs fit
    assert read == _whole(path, monkeypatch)
    monkeypatch.setattr(sheet_parts, "MAX_SHEET_CELLS", 3 * 699)
    assert _read(path) == read
    assert isinstance(parted[1], sheet_parts.PartedSheet)
    assert len(parted[1]._sheets) == 3  # as many runs as fit, not all three cores would get


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
