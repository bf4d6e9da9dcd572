"""Parsing one big worksheet on several cores at once.

python-calamine parses a sheet on one core: a year of daily attendance (100 MB of sheet XML)
took it 2.5-3 s while the rest of the computer waited. The checks before parsing
(importing.file_checks) unpack every part of the workbook anyway; for a workbook whose one
worksheet is big, they keep the bytes they unpacked. The sheet's rows are then cut into runs of
whole rows, six for each core (at most :data:`MOST_PARTS` cores), each run made a small
workbook of its own (the same workbook, styles and shared strings, stored unpacked), opened,
and parsed on a thread of its own: python-calamine lets go of Python's lock while it parses.
:class:`PartedSheet` reads the runs' rows as one sheet.

No run is parsed before the search for cells out past the sheet's reach
(importing.sheet_extent) has vouched for it. That search holds Python's lock, so it goes run
by run: the first run parses while the second is searched, and so on. The searching thread
opens each run's workbook too (python-calamine copies it in reads that each need the lock, so a
parsing thread opening it would wait on the search). The first and last runs
are half the size of the others, so that parsing starts soon and the runs finish together
(a year of attendance imports about 0.6 s sooner than when the whole sheet was searched
before any run parsed).

Each cut is made right after a row closes and before a row that says which row it is
(``<row r="...">``), so every cell lands where one parse of the whole sheet puts it (a cell
without a reference of its own takes its row from the row before it). Anything unexpected (no
such place to cut, a run that does not parse, runs whose rows overlap) gives None, and the
sheet is parsed whole as before: a file reads the same either way, only slower.
"""

from __future__ import annotations

import io
import os
import queue
import re
import struct
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

from importing.sheet_extent import MAX_SHEET_CELLS, ExtentWatch
from importing.zip_parts import fast_zlib

# A worksheet part this big (about 55,000 rows of five columns) is parsed in runs.
PARTED_FROM_BYTES = 16 * 1024 * 1024
MOST_PARTS = 4
RUNS_PER_WORKER = 6
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
    """How many threads parse a big sheet's runs: one per core this program may use (at most
    :data:`MOST_PARTS`); the sheet is cut into :data:`RUNS_PER_WORKER` runs for each."""
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


def parse_in_parts(parts: dict[str, bytearray], reach_of_whole: Callable[[bytearray], int],
                   checked: Callable[[], None] | None = None) -> PartedSheet | None:
    """The workbook's one worksheet, parsed in runs at the same time; None when it cannot be
    (the caller then parses it whole, which reports any damage as before).

    The sheet's reach has not been checked yet (importing.file_checks leaves a kept sheet to
    this): each run is searched just before it is handed to a parsing thread, so the first
    runs parse while the later ones are searched (the search holds Python's lock, parsing does
    not). A run the quick search cannot vouch for has the whole sheet counted by
    ``reach_of_whole`` (which refuses a sheet that reaches too far). Either way the sheet has
    been checked, and ``checked`` called, before this returns None or any run is read.

    ``parts`` (every part's unpacked bytes) is emptied once the runs' workbooks are made, so
    that a year of attendance is not held three times over while it is parsed.
    """
    names = [name for name in parts if is_worksheet(name)]
    if len(names) != 1:  # never kept so (see worth_parting), but never left unchecked either
        for name in names:
            reach_of_whole(parts[name])
        _call(checked)
        return None
    sheet_name = names[0]
    xml = parts[sheet_name]
    watch = ExtentWatch(len(xml))
    watch.aim(xml)
    reach = None
    if watch.bound * 2 > MAX_SHEET_CELLS:  # too wide to vouch for even two runs quickly
        reach = reach_of_whole(xml)
    workers = part_count()
    runs = _runs(xml, _run_count(reach or watch.bound, workers))
    if len(runs) < 2:
        if reach is None:
            reach_of_whole(xml)
        _call(checked)
        return None
    # Each run's workbook holds the sheet's start (before its rows) and end (after them).
    head_end, tail_start = runs[0][0], runs[-1][1]
    if reach is None and not (watch.vouches_for(xml, 0, head_end) and
                              watch.vouches_for(xml, tail_start, len(xml))):
        reach = reach_of_whole(xml)
    if reach is not None and len(runs) * reach > MAX_SHEET_CELLS:
        _call(checked)
        return None
    others = [(name, data) for name, data in parts.items() if name != sheet_name]
    books: list[Any] = [None] * len(runs)
    failed: list[BaseException] = []
    waiting: queue.SimpleQueue[tuple[int, Any] | None] = queue.SimpleQueue()

    def parse() -> None:
        # Runs are parsed in order as they are handed over, opened: parsing needs no lock.
        while (item := waiting.get()) is not None:
            index, book = item
            try:
                books[index] = (book, book.get_sheet_by_index(0))
            except BaseException as error:  # noqa: BLE001 - any failure: parse the sheet whole
                book.close()
                failed.append(error)

    threads = [threading.Thread(target=parse, name=f"parse-part-{number}", daemon=True)
               for number in range(min(workers, len(runs)))]
    for thread in threads:
        thread.start()
    handed = 0
    try:
        for index, (start, end) in enumerate(runs):
            if reach is None and not watch.vouches_for(xml, start, end):
                # Counted whole; parsed in runs still if they fit, else whole.
                reach = reach_of_whole(xml)
                if len(runs) * reach > MAX_SHEET_CELLS:
                    break
            if failed:
                continue  # parsed whole then: the runs left are still searched first
            # Opened here rather than on the parsing thread: python-calamine copies the run's
            # workbook in a score of reads that each need Python's lock, which the search
            # holds; waiting for it kept the parsing threads idle for much of the search.
            try:
                book = _open_run(others, sheet_name, memoryview(xml), head_end, (start, end),
                                 tail_start)
            except BaseException as error:  # noqa: BLE001 - parse the sheet whole
                failed.append(error)
                continue
            waiting.put((index, book))
            handed += 1
        _call(checked)
    finally:
        del xml, others  # the unpacked parts, let go before the last runs finish parsing
        parts.clear()
        for _ in threads:
            waiting.put(None)
        for thread in threads:
            thread.join()
    opened = [book for book in books if book is not None]
    if failed or handed < len(runs):
        for book, _ in opened:
            book.close()
        return None
    return PartedSheet.of([book for book, _ in opened], [sheet for _, sheet in opened])


def _open_run(others: list[tuple[str, bytearray]], sheet_name: str, sheet: memoryview,
              head_end: int, run: tuple[int, int], tail_start: int) -> Any:
    """One run made a workbook of its own and opened by python-calamine (not parsed yet)."""
    from python_calamine import CalamineWorkbook

    start, end = run
    book_bytes = _stored_zip(others, sheet_name, [sheet[:head_end], sheet[start:end],
                                                  sheet[tail_start:]])
    return CalamineWorkbook.from_filelike(io.BytesIO(book_bytes))


def _call(callback: Callable[[], None] | None) -> None:
    if callback is not None:
        callback()


def _run_count(reach: int, workers: int) -> int:
    """How many runs to cut a sheet into: :data:`RUNS_PER_WORKER` per parsing thread, so that
    the first (and smallest) can start soon while the rest are searched, and the runs finish
    close together; but never more than fit together where one sheet may (each run is a
    rectangle of its own, as large as the whole at most). Six runs a thread imported a year of
    attendance 0.15 s sooner than three on two cores (medians of 5-7, three times)."""
    return min(RUNS_PER_WORKER * workers, MAX_SHEET_CELLS // max(reach, 1))


def _runs(xml: bytes | bytearray, count: int) -> list[tuple[int, int]]:
    """The sheet's rows cut into ``count`` runs (fewer for a short sheet, none when it cannot
    be cut): (start, end) of each in ``xml``, from just after ``<sheetData>`` to just before
    ``</sheetData>``. The first and last runs are half the size of the others: the first is
    parsing sooner, the last ones finish together."""
    start = xml.find(_SHEET_DATA)
    end = xml.rfind(_SHEET_DATA_END)
    if count < 2 or start < 0 or end < start:
        return []
    start += len(_SHEET_DATA)
    weights = [1] + [2] * (count - 2) + [1]
    shares = [sum(weights[:number]) / sum(weights) for number in range(1, count)]
    cuts = _cut_points(xml, start, end, shares)
    if not cuts:
        return []
    bounds = [start, *cuts, end]
    return list(zip(bounds, bounds[1:], strict=False))


def _cut_points(xml: bytes | bytearray, start: int, end: int, shares: list[float]) -> list[int]:
    """Where to cut the rows between ``start`` and ``end`` at each share of their size (0.5:
    half-way): each just before a row that says which row it is, right after the row before
    it closed. Shares that fall on the same row give one cut; rows that cannot be cut so give
    none."""
    cuts: list[int] = []
    for share in shares:
        aim = max(start + int((end - start) * share), cuts[-1] if cuts else start)
        at = xml.find(_ROW_BOUNDARY, aim, end)
        while at >= 0:
            cut = at + len(b"</row>")
            if _ROW_TAG.match(xml, cut, min(end, cut + 4096)):
                break
            if at - aim > _LOOK_AHEAD:
                return []
            at = xml.find(_ROW_BOUNDARY, cut, end)
        if at < 0:
            break  # no row starts past here: the runs so far cover the rest
        if not cuts or cut > cuts[-1]:
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
        for number, sheet in enumerate(self._sheets):
            rows: Iterable[list[Any]]
            if number == 0:
                # From the sheet's first row, empty up to the run's first cell as one parse of
                # the whole is; converted as read (a preview reads only the first rows).
                rows = sheet.iter_rows()
            else:
                # The rows between the runs, then the run's own rows, converted at once:
                # python-calamine's rows of a run start at the sheet's first row, so reading
                # them one by one would first make (and drop) every row before it.
                gap = sheet.start[0] - next_row
                rows = chain((["" for _ in range(sheet.width)] for _ in range(gap)),
                             sheet.to_python(skip_empty_area=True))
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
