"""Parsing one big worksheet on several cores at once.

python-calamine parses a sheet on one core: a year of daily attendance (100 MB of sheet XML)
took it 2.5-3 s while the rest of the computer waited. The checks before parsing
(importing.file_checks) unpack every part of the workbook anyway; for a workbook whose one
worksheet is big, they keep the bytes they checked. The sheet's rows are then cut into as many
runs of whole rows as the computer has cores (at most :data:`MOST_PARTS`), each run is made a
small workbook of its own (the same workbook, styles and shared strings, stored unpacked) and
all are parsed at the same time on threads of their own: python-calamine lets go of Python's
lock while it parses. :class:`PartedSheet` reads the runs' rows as one sheet.

Each cut is made right after a row closes and before a row that says which row it is
(``<row r="...">``), so every cell lands where one parse of the whole sheet puts it (a cell
without a reference of its own takes its row from the row before it). Anything unexpected (no
such place to cut, a run that does not parse, runs whose rows overlap) gives None, and the
sheet is parsed whole as before: a file reads the same either way, only slower.
"""

from __future__ import annotations

import io
import os
import re
import struct
import threading
import zipfile
from collections.abc import Iterator
from itertools import islice
from typing import Any

from importing.zip_parts import fast_zlib

# A worksheet part this big (about 55,000 rows of five columns) is parsed in runs.
PARTED_FROM_BYTES = 16 * 1024 * 1024
MOST_PARTS = 4
_SHEET_DATA = b"<sheetData>"
_SHEET_DATA_END = b"</sheetData>"
_ROW_BOUNDARY = b"</row><row"
_ROW_TAG = re.compile(rb"<row\b[^>]*?\sr\s*=\s*[\"'][0-9]+[\"']")
_DOS_DATE = (1 << 5) | 1  # 1 January 1980, the zip format's first day
_LOOK_AHEAD = 1 << 20  # how far past an even share a cut may move to find a row that says its row


def is_worksheet(name: str) -> bool:
    """Whether a part of an .xlsx is a worksheet's XML (the one definition the checks use too)."""
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def part_count() -> int:
    """How many runs a big sheet is cut into: one per core this program may use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # Windows and macOS
        cores = os.cpu_count() or 1
    return max(1, min(MOST_PARTS, cores))


def worth_parting(entries: list[zipfile.ZipInfo]) -> bool:
    """True for an .xlsx with one worksheet, big enough to parse in runs on a computer with
    more than one core (the checks then keep the parts' bytes for :func:`parse_in_parts`)."""
    sheets = [entry for entry in entries if is_worksheet(entry.filename)]
    return (len(sheets) == 1 and sheets[0].file_size >= PARTED_FROM_BYTES
            and part_count() > 1)


def parse_in_parts(parts: dict[str, bytearray]) -> PartedSheet | None:
    """The workbook's one worksheet, parsed in runs at the same time; None when it cannot be
    (the caller then parses it whole, which reports any damage as before).

    ``parts`` (every part's unpacked bytes) is emptied once the runs' workbooks are made, so
    that a year of attendance is not held three times over while it is parsed.
    """
    names = [name for name in parts if is_worksheet(name)]
    if len(names) != 1:
        return None
    sheet_name = names[0]
    xml = parts[sheet_name]
    cuts = _cut_points(xml, part_count())
    if not cuts:
        return None
    others = [(name, data) for name, data in parts.items() if name != sheet_name]
    head_end = xml.index(_SHEET_DATA) + len(_SHEET_DATA)
    tail_start = xml.rindex(_SHEET_DATA_END)
    bounds = [head_end, *cuts, tail_start]
    runs = list(zip(bounds, bounds[1:], strict=False))
    # The unpacked parts, let go once every run's workbook is made.
    source: dict[str, Any] = {"sheet": memoryview(xml), "others": others}
    del xml, others
    sheets: list[Any] = [None] * len(runs)
    failed: list[BaseException] = []
    made = [threading.Event() for _ in runs]
    # Set once every run's workbook is made and the unpacked parts are let go: only then does a
    # run hand its workbook to python-calamine, which copies it, so that a year of attendance is
    # never held three times over.
    let_go = threading.Event()

    def parse(index: int) -> None:
        # Each run's workbook is made on its own thread, all at once.
        from python_calamine import CalamineWorkbook

        try:
            start, end = runs[index]
            try:
                sheet = source["sheet"]
                book_bytes = _stored_zip(source["others"], sheet_name, [
                    sheet[:head_end], sheet[start:end], sheet[tail_start:]])
                del sheet
            finally:
                made[index].set()
            let_go.wait()
            book = CalamineWorkbook.from_filelike(io.BytesIO(book_bytes))
            del book_bytes  # python-calamine holds its own copy
            sheets[index] = (book, book.get_sheet_by_index(0))
        except BaseException as error:  # noqa: BLE001 - any failure: parse the sheet whole
            failed.append(error)

    threads = [threading.Thread(target=parse, args=(index,), name=f"parse-part-{index}",
                                daemon=True) for index in range(len(runs))]
    for thread in threads:
        thread.start()
    try:
        for event in made:
            event.wait()
        source.clear()
        parts.clear()
    finally:
        let_go.set()
    for thread in threads:
        thread.join()
    if failed:
        return None
    return PartedSheet.of([book for book, _ in sheets], [sheet for _, sheet in sheets])


def _cut_points(xml: bytes | bytearray, count: int) -> list[int]:
    """Where to cut the sheet's rows into ``count`` runs of about the same size: each just
    before a row that says which row it is, right after the row before it closed."""
    start = xml.find(_SHEET_DATA)
    end = xml.rfind(_SHEET_DATA_END)
    if start < 0 or end < start:
        return []
    start += len(_SHEET_DATA)
    cuts: list[int] = []
    for share in range(1, count):
        at = xml.find(_ROW_BOUNDARY, start + (end - start) * share // count, end)
        while at >= 0:
            cut = at + len(b"</row>")
            if _ROW_TAG.match(xml, cut, min(end, cut + 4096)):
                break
            if at - (start + (end - start) * share // count) > _LOOK_AHEAD:
                return []
            at = xml.find(_ROW_BOUNDARY, cut, end)
        if at < 0 or (cuts and cut <= cuts[-1]):
            return []
        cuts.append(cut)
    return cuts


def _stored_zip(others: list[tuple[str, bytearray]], sheet_name: str, sheet_pieces: list) -> bytes:
    """A zip of the parts as they are (stored, unpacked), the sheet made of ``sheet_pieces``.

    Written by hand rather than with :mod:`zipfile`, which copies every part into its buffer
    and checksums it with Python's zlib: made that way, a year of attendance's runs took
    0.4-0.5 s before parsing could start, against 0.07 s joined once here.
    """
    out: list = []
    directory: list[bytes] = []
    offset = 0
    members = [*[(name, [data]) for name, data in others], (sheet_name, sheet_pieces)]
    for name, pieces in members:
        encoded = name.encode("utf-8")
        crc, size = 0, 0
        for piece in pieces:
            crc = fast_zlib.crc32(piece, crc)
            size += len(piece)
        if size >= 0xFFFFFFFF or offset >= 0xFFFFFFFF:
            raise ValueError("too big for a plain zip")  # never for the sheets parted here
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0x800, 0, 0, _DOS_DATE,
                             crc, size, size, len(encoded), 0)
        directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0x800,
                                     0, 0, _DOS_DATE, crc, size, size, len(encoded), 0, 0, 0,
                                     0, 0, offset) + encoded)
        out += [header, encoded, *pieces]
        offset += len(header) + len(encoded) + size
    central = b"".join(directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), offset, 0)
    return b"".join([*out, central, end])


class PartedSheet:
    """The runs of one sheet, read as python-calamine's sheet of the whole would be:
    ``start``, ``end``, ``height``, ``width``, ``merged_cell_ranges`` and ``iter_rows()``
    (rows from the sheet's first row, columns from its first used column)."""

    def __init__(self, books: list[Any], sheets: list[Any]) -> None:
        self._books = books  # the rows are read from the open workbooks
        self._sheets = sheets
        first = min(sheet.start[1] for sheet in sheets)
        last = max(sheet.end[1] for sheet in sheets)
        self.start = (sheets[0].start[0], first)
        self.end = (sheets[-1].end[0], last)
        self.width = last - first + 1
        self.height = self.end[0] - self.start[0] + 1
        self.merged_cell_ranges = sheets[0].merged_cell_ranges
        self.name = sheets[0].name
        self.book = books[0]  # the workbook as a whole (its sheets' names and kinds)

    @classmethod
    def of(cls, books: list[Any], sheets: list[Any]) -> PartedSheet | None:
        """The runs that hold cells, if their rows follow one another (else None)."""
        kept = [(book, sheet) for book, sheet in zip(books, sheets, strict=True)
                if sheet.end is not None and sheet.height > 0]
        if not kept:
            return None
        for (_, before), (_, after) in zip(kept, kept[1:], strict=False):
            if after.start[0] <= before.end[0]:
                return None
        return cls([book for book, _ in kept], [sheet for _, sheet in kept])

    def iter_rows(self) -> Iterator[list[Any]]:
        width, first = self.width, self.start[1]
        next_row = 0
        for sheet in self._sheets:
            # Each run's rows start at the sheet's first row, empty up to its own first cell.
            rows = islice(sheet.iter_rows(), next_row, None)
            left = sheet.start[1] - first
            right = width - left - sheet.width
            if left == 0 and right == 0:
                yield from rows
            else:
                before, after = [""] * left, [""] * right
                for cells in rows:
                    yield before + cells + after
            next_row = sheet.end[0] + 1

    def close(self) -> None:
        for book in self._books:
            book.close()
