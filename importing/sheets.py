"""Open any spreadsheet safely and hand back its sheets as rows of cell values.

Workbooks (.xlsx/.xlsm, .xls, .ods) are read with python-calamine; .csv/.txt with the encoding
(UTF-8 with or without BOM, UTF-16, Windows-1252) and delimiter (comma, semicolon, tab) sniffed.
What a file really is comes from its first bytes, not its name, and nothing is parsed before
importing.file_checks has looked at it (sizes, zip parts, a sheet's reach). Every refusal is an
:class:`ImportRefused` naming the file and what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from importing.file_checks import (
    check_cfb,
    check_file,
    check_zip,
    damaged,
    huge_cell,
    kept_sheet_reach,
    password_protected,
    sniff,
    utf16_without_bom,
)
from importing.problems import ImportRefused
from importing.sheet_parts import PartedSheet, parse_in_parts

HEADER_PEEK_ROWS = 50


@dataclass
class Sheet:
    """One sheet: its name, its rows of cell values, and where the rows start."""

    name: str
    rows: Sequence[list[Any]]
    first_row: int = 1  # the spreadsheet row number of rows[0]
    # (row, column) 0-based within ``rows`` of every merged range's top-left cell -> its width.
    merged: dict[tuple[int, int], int] = field(default_factory=dict)

    def row_number(self, index: int) -> int:
        """The 1-based row number a spreadsheet shows for ``rows[index]``."""
        return self.first_row + index


@dataclass
class Workbook:
    """The usable sheets of one file, and the sheets left out (with why)."""

    path: Path
    format: str  # "xlsx", "xls", "ods", "csv"
    sheets: list[Sheet]
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (sheet name, reason)

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    @property
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]

    def read_all(self) -> None:
        """Convert every row now (so the rows can move between threads as plain lists)."""
        for sheet in self.sheets:
            if isinstance(sheet.rows, SheetRows):
                sheet.rows = list(sheet.rows.cells_from(0))


def open_workbook(path: Path | str, *, sheet_names: list[str] | None = None,
                  when_checked: Callable[[], None] | None = None) -> Workbook:
    """Read every visible, non-empty sheet of ``path`` (or only ``sheet_names``);
    ``when_checked`` is called once the checks before parsing have passed."""
    path = Path(path)
    head = check_file(path)
    kind = sniff(path, head)
    if kind == "zip":
        kept: dict[str, bytearray] = {}
        fmt = check_zip(path, kept)
        parted = None
        if kept:  # one big sheet, whose reach is searched run by run as they are parsed
            parted = parse_in_parts(kept, lambda xml: kept_sheet_reach(path, xml), when_checked)
            kept.clear()
        elif when_checked is not None:
            when_checked()
        workbook = _read_with_calamine(path, fmt, sheet_names, parted)
    elif kind == "cfb":
        check_cfb(path)
        if when_checked is not None:
            when_checked()
        workbook = _read_with_calamine(path, "xls", sheet_names)
    else:
        workbook = _read_text(path)
        if sheet_names:
            _check_sheet_names(workbook, sheet_names, path)
    if not workbook.sheets:
        raise ImportRefused(
            f"{path.name} has nothing in it to import: every sheet is empty"
            + (" or hidden" if any(why == "hidden" for _, why in workbook.left_out) else "")
            + ". Check that you chose the right file, and that the rows are on a visible sheet."
        )
    return workbook


class PendingRead:
    """A file being checked and read on its own thread (:func:`start_reading`)."""

    def __init__(self, path: Path, sheet_names: list[str] | None) -> None:
        self.path, self.sheet_names = path, sheet_names
        self._workbook: Workbook | None = None
        self._error: BaseException | None = None
        # Set once the file has passed its checks and is being parsed (or has been refused).
        self.checked = threading.Event()
        self._thread = threading.Thread(target=self._read, name="read-spreadsheet",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._workbook = open_workbook(self.path, sheet_names=self.sheet_names,
                                           when_checked=self.checked.set)
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error
        finally:
            self.checked.set()

    def wait_until_checked(self) -> None:
        """Wait until the file has passed its checks (or been refused): the checks hold
        Python's lock much of the time, and parsing hardly at all."""
        self.checked.wait()

    def result(self) -> Workbook:
        """The workbook, once read (the file's refusal, if it was refused)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._workbook


def start_reading(path: Path | str, *, sheet_names: list[str] | None = None) -> PendingRead:
    """Check and read a file on another thread: parsing a big workbook lets go of Python's
    lock, so the rest of the program can load meanwhile. :meth:`PendingRead.result` waits."""
    return PendingRead(Path(path), sheet_names)


def sheet_list(path: Path | str) -> list[str]:
    """The names of the visible sheets, without reading their cells (checks the file first)."""
    path = Path(path)
    head = check_file(path)
    kind = sniff(path, head)
    if kind == "text":
        return [path.stem]
    if kind == "zip":
        check_zip(path)
    else:
        check_cfb(path)
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
    except BaseException as error:  # noqa: BLE001 - any parser error means the file is unusable
        raise damaged(path, error) from None
    try:
        return [meta.name for meta in book.sheets_metadata
                if meta.visible == SheetVisibleEnum.Visible]
    finally:
        book.close()


# Checks before any parser ---------------------------------------------------------------------


# Reading workbooks ----------------------------------------------------------------------------


def _read_with_calamine(path: Path, fmt: str, sheet_names: list[str] | None,
                        parted: PartedSheet | None = None) -> Workbook:
    """The workbook's sheets; ``parted``: its one worksheet, already parsed in runs
    (importing.sheet_parts), read from the bytes the checks unpacked."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        book = parted.book if parted is not None else CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise password_protected(path) from None
    except BaseException as error:  # noqa: BLE001 - any parser error means the file is unusable
        raise damaged(path, error) from None
    workbook = Workbook(path=path, format=fmt, sheets=[])
    keep_open = False
    try:
        metas = list(book.sheets_metadata)
        visible = [meta.name for meta in metas if meta.visible == SheetVisibleEnum.Visible
                   and meta.typ in (SheetTypeEnum.WorkSheet, SheetTypeEnum.DialogSheet)]
        for meta in metas:
            if meta.name not in visible:
                workbook.left_out.append((meta.name, "hidden" if meta.visible !=
                                          SheetVisibleEnum.Visible else "chart"))
        wanted = visible
        if sheet_names:
            _check_sheet_names(Workbook(path, fmt, [Sheet(name, []) for name in visible]),
                               sheet_names, path)
            wanted = [name for name in visible if name in sheet_names]
        for name in wanted:
            try:
                calamine_sheet = (parted if parted is not None and name == parted.name
                                  else book.get_sheet_by_name(name))
            except PasswordError:
                raise password_protected(path) from None
            except BaseException as error:  # noqa: BLE001
                raise damaged(path, error) from None
            if calamine_sheet.end is None or calamine_sheet.height == 0:
                workbook.left_out.append((name, "empty"))
                continue
            rows = SheetRows(calamine_sheet, parted or book, path)
            if not any(any(cell != "" for cell in row) for row in rows[:HEADER_PEEK_ROWS]) \
                    and rows.all_blank():
                workbook.left_out.append((name, "empty"))
                continue
            # Rows come from the sheet's first row; columns from its first used column.
            first_column = calamine_sheet.start[1]
            merged = {}
            for (top, left), (_bottom, right) in calamine_sheet.merged_cell_ranges or []:
                merged[(top, left - first_column)] = right - left + 1
            workbook.sheets.append(Sheet(name, rows, 1, merged))
        keep_open = bool(workbook.sheets)
    finally:
        if not keep_open:
            (parted or book).close()
    return workbook


def iterate_rows(rows: Sequence[list[Any]], start: int) -> Iterator[tuple[int, list[Any]]]:
    """(index, cells) of every row from ``start``, for any sheet's rows."""
    if isinstance(rows, SheetRows):
        return rows.iterate_from(start)
    return enumerate(rows[start:], start)


def iterate_cells(rows: Sequence[list[Any]], start: int) -> Iterator[list[Any]]:
    """The cells of every row from ``start`` (the quickest way through a big sheet)."""
    if isinstance(rows, SheetRows):
        return rows.cells_from(start)
    return iter(rows[start:])


class SheetRows(Sequence):
    """A sheet's rows, converted to Python values as they are first reached.

    Converting a sheet's cells is much of the reading time: done row by row, it overlaps with
    the import's own work on the rows before. Indexing and slicing read ahead as far as
    needed and keep what they read; :meth:`cells_from` reads through without keeping.
    """

    def __init__(self, calamine_sheet: Any, book: Any, path: Path) -> None:
        self._calamine_sheet = calamine_sheet
        self._source = calamine_sheet.iter_rows()
        self._rows: list[list[Any]] = []
        self._length = calamine_sheet.end[0] + 1
        self._book = book  # the rows are read from the open workbook
        self._path = path

    def __len__(self) -> int:
        return self._length

    def _read_to(self, index: int) -> None:
        rows, source = self._rows, self._source
        try:
            while len(rows) <= index:
                rows.append(next(source))
        except StopIteration:
            self._length = len(rows)
        except BaseException as error:  # noqa: BLE001 - a part that fails to convert is damage
            raise damaged(self._path, error) from None

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if stop > start:
                self._read_to(stop - 1)
            return self._rows[index]
        if index < 0:
            index += self._length
        if index >= len(self._rows):
            self._read_to(index)
        if index >= len(self._rows):
            raise IndexError(index)
        return self._rows[index]

    def iterate_from(self, start: int) -> Iterator[tuple[int, list[Any]]]:
        """(index, cells) from row ``start`` to the end, reading as it goes."""
        rows = self._rows
        index = start
        while index < len(rows):
            yield index, rows[index]
            index += 1
        append = rows.append
        try:
            for cells in self._source:
                append(cells)
                yield index, cells
                index += 1
        except BaseException as error:  # noqa: BLE001
            raise damaged(self._path, error) from None
        self._length = len(rows)

    def cells_from(self, start: int) -> Iterator[list[Any]]:
        """The cells of every row from ``start``, converted as they come and not kept.

        A big sheet is read through once: rows not already held are handed out and let go,
        so a year of attendance never sits in memory as Python lists (and the garbage
        collector has nothing to walk afterwards). Indexing still works after, reading on.
        """
        held = self._rows
        yield from held[start:]
        rest = islice(self._calamine_sheet.iter_rows(), max(start, len(held)), None)
        try:
            yield from rest
        except BaseException as error:  # noqa: BLE001 - a part that fails to convert is damage
            raise damaged(self._path, error) from None

    def all_blank(self) -> bool:
        return all(all(cell == "" for cell in row) for _, row in self.iterate_from(0))


def _trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows."""
    end = len(rows)
    while end and all(cell == "" or cell is None for cell in rows[end - 1]):
        end -= 1
    return rows[:end] if end != len(rows) else rows


def _check_sheet_names(workbook: Workbook, wanted: list[str], path: Path) -> None:
    missing = [name for name in wanted if name not in workbook.sheet_names]
    if missing:
        raise ImportRefused(
            f'{path.name} has no sheet called "{missing[0]}". Its sheets are: '
            + ", ".join(f'"{name}"' for name in workbook.sheet_names) + "."
        )


# Reading text files ---------------------------------------------------------------------------


def _read_text(path: Path) -> Workbook:
    raw = path.read_bytes()
    text = decode_text(raw, path)
    if not text.strip():
        raise ImportRefused(
            f"{path.name} has no rows in it (only blank lines). Check that you chose the right "
            "file, or export it again."
        )
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [row for row in reader]
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise huge_cell(path, text, reader.line_num) from None
        raise damaged(path) from None
    rows = _trimmed([[cell for cell in row] for row in rows])
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return Workbook(path=path, format="csv", sheets=[Sheet(path.stem, rows, 1)])


def decode_text(raw: bytes, path: Path) -> str:
    """Text from bytes: BOMs first, then UTF-16 without BOM, UTF-8, then Windows-1252."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decoded(raw[len(codecs.BOM_UTF8):], "utf-8", path)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(raw, "utf-16", path)
    guess = utf16_without_bom(raw[:4096])
    if guess:
        return _decoded(raw, guess, path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; Latin-1 reads anything, and those five are
    # control characters a spreadsheet never holds.
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _decoded(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise damaged(path) from None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:50] if line.strip()][:25]
    best, best_score = ",", -1.0
    for delimiter in (",", ";", "\t", "|"):
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        # Many columns on most lines wins; title lines above the table count a little less.
        score = counts.count(common) * (common ** 0.5) if common > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best
