"""Open any spreadsheet safely and hand back its sheets as rows of cell values.

Workbooks (.xlsx/.xlsm, .xls, .ods) are read with python-calamine; .csv/.txt with the encoding
(UTF-8 with or without BOM, UTF-16, Windows-1252) and delimiter (comma, semicolon, tab) sniffed.
What a file really is comes from its first bytes, not its name. Before any parser opens a file
its size is checked, and for a zip-based workbook the real uncompressed size and compression
ratio of every part, so a zip bomb or a huge file is refused without being unpacked into memory.
Every refusal is an :class:`ImportRefused` naming the file and what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import threading
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from importing.problems import ImportRefused
from importing.sheet_extent import MAX_SHEET_CELLS, ExtentWatch, sheet_cells

# A year of daily attendance for 2,000 students is about 8 MB as .xlsx and 20 MB as .csv.
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
# Real workbooks compress 5-30 times; zip bombs thousands of times. Small parts may squeeze
# more (a sheet of empty styled cells), so the ratio is only checked on parts over 1 MB.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
CHUNK_BYTES = 4 * 1024 * 1024  # how much of a zip part is unpacked at a time while checking it
HEADER_PEEK_ROWS = 50

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER_FORMATS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a picture",
    b"\xff\xd8\xff": "a picture",
    b"GIF8": "a picture",
    b"SQLite format 3": "a database (perhaps a MentorDesk data file)",
    b"MZ": "a program",
    b"\x7fELF": "a program",
    b"{\\rtf": "a word-processor document",
    b"Rar!": "a compressed archive",
    b"\x1f\x8b": "a compressed archive",
    b"7z\xbc\xaf": "a compressed archive",
}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".tab"}
SUPPORTED_SUFFIXES = WORKBOOK_SUFFIXES | TEXT_SUFFIXES


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


def open_workbook(path: Path | str, *, sheet_names: list[str] | None = None) -> Workbook:
    """Read every visible, non-empty sheet of ``path`` (or only ``sheet_names``)."""
    path = Path(path)
    head = _check_file(path)
    kind = _sniff(path, head)
    if kind == "zip":
        fmt = _check_zip(path)
        workbook = _read_with_calamine(path, fmt, sheet_names)
    elif kind == "cfb":
        _check_cfb(path)
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
        self._thread = threading.Thread(target=self._read, name="read-spreadsheet",
                                        daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._workbook = open_workbook(self.path, sheet_names=self.sheet_names)
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error

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
    head = _check_file(path)
    kind = _sniff(path, head)
    if kind == "text":
        return [path.stem]
    if kind == "zip":
        _check_zip(path)
    else:
        _check_cfb(path)
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
    except BaseException as error:  # noqa: BLE001 - any parser error means the file is unusable
        raise _damaged(path, error) from None
    try:
        return [meta.name for meta in book.sheets_metadata
                if meta.visible == SheetVisibleEnum.Visible]
    finally:
        book.close()


# Checks before any parser ---------------------------------------------------------------------


def _check_file(path: Path) -> bytes:
    if not path.exists():
        raise ImportRefused(f"There is no file at {path}. Check the name and the folder.")
    if path.is_dir():
        raise ImportRefused(f"{path.name} is a folder. Choose a spreadsheet file inside it.")
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise ImportRefused(
            f"MentorDesk could not read {path.name} ({error.strerror}). Check that you may open "
            "it, and try again.") from None
    if not stat.S_ISREG(mode):
        # A device (/dev/zero) or a pipe: its size says nothing, and reading may never end.
        link = f"a link to {os.path.realpath(path)}, " if path.is_symlink() else ""
        raise ImportRefused(
            f"{path.name} is not a file with data in it but {link}a special file of the "
            f"computer ({_special_kind(mode)}), so MentorDesk cannot import it. Choose the "
            "spreadsheet itself: an Excel (.xlsx, .xls), LibreOffice (.ods) or .csv file.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise ImportRefused(
            f"MentorDesk could not read {path.name} ({error.strerror}). Close it in any other "
            "program (such as Excel), check that you may open it, and try again."
        ) from None
    if size == 0:
        raise ImportRefused(
            f"{path.name} is empty (0 bytes). It may not have finished saving or copying: "
            "save it again from the program that made it, then import it."
        )
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"{path.name} is too large to import ({size / 1024 / 1024:.0f} MB; MentorDesk takes "
            f"files up to {MAX_FILE_BYTES // 1024 // 1024} MB). Export only the school and "
            "dates you need, or split it into smaller files."
        )
    return head


def _special_kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _sniff(path: Path, head: bytes) -> str:
    """"zip", "cfb" or "text", from the first bytes; refuses anything else."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(CFB_MAGIC):
        return "cfb"
    for magic, what in _OTHER_FORMATS.items():
        if head.startswith(magic):
            raise _not_a_spreadsheet(path, what)
    if _looks_binary(head):
        zeros = _stray_zero_bytes(head)
        if zeros:
            line = head[:head.index(b"\x00")].count(b"\n") + 1
            raise ImportRefused(
                f"{path.name} is a text file, but it holds {zeros} zero "
                f"{'byte' if zeros == 1 else 'bytes'} (an invisible character a spreadsheet's "
                f"text never has), the first on line {line}: it was probably damaged while "
                "being copied or saved. Ask for a fresh export, or open it in Excel or "
                "LibreOffice, save it again as .csv, and import that.")
        raise _not_a_spreadsheet(path, None)
    # A "workbook" that is plain text: an old HTML or CSV export renamed .xls, say.
    if path.suffix.lower() in WORKBOOK_SUFFIXES and head.lstrip().lower().startswith(
            (b"<html", b"<!doctype", b"<?xml", b"<table")):
        raise ImportRefused(
            f"{path.name} is a web page saved with a spreadsheet's name, not a real "
            "workbook. Open it in Excel or LibreOffice, save it as .xlsx, and import that."
        )
    return "text"


def _looks_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    # Control characters other than tab, newlines and form feed do not belong in text.
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 26))
    return controls > max(2, len(head) // 100)


def _stray_zero_bytes(head: bytes) -> int:
    """How many zero bytes a text file holds, when they are all that makes it look binary
    (0 when it is not text: a program, a picture, a format of its own)."""
    zeros = head.count(b"\x00")
    if not zeros or zeros > max(2, len(head) // 100):
        return 0
    rest = head.replace(b"\x00", b"")
    controls = sum(1 for byte in rest if byte < 32 and byte not in (9, 10, 12, 13, 26))
    return zeros if controls <= max(2, len(rest) // 100) else 0


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 8:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > half * 0.6 and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > half * 0.6 and odd_zeros == 0:
        return "utf-16-be"
    return None


def _not_a_spreadsheet(path: Path, what: str | None) -> ImportRefused:
    named = f" (it is {what})" if what else ""
    return ImportRefused(
        f"{path.name} is not a spreadsheet{named}, so MentorDesk cannot import it. Choose the "
        "spreadsheet itself: an Excel (.xlsx, .xls), LibreOffice (.ods) or .csv file."
    )


# Some damage makes python-calamine's Rust code panic, which PyO3 raises as its PanicException:
# a BaseException, not an Exception. So the readers catch BaseException and let these go on.
_STOPS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def _damaged(path: Path, error: BaseException | None = None) -> ImportRefused:
    if isinstance(error, _STOPS):
        raise error
    return ImportRefused(
        f"{path.name} is damaged or incomplete (perhaps it did not finish copying or "
        "downloading), so MentorDesk cannot read it. Open it in Excel or LibreOffice and save "
        "it again, or ask for a fresh copy, then import that."
    )


def _huge_cell(path: Path, text: str, line: int) -> ImportRefused:
    """A "cell" far bigger than any spreadsheet holds: usually a quote mark left open, so the
    rest of the file runs into one cell."""
    start = _line_of_open_quote(text)
    where = f"from line {start}" if start else f"near line {line}"
    return ImportRefused(
        f"{path.name} has a cell {where} that holds more text than any spreadsheet cell can "
        "(Excel keeps at most 32,767 characters in one). Usually a quote mark (\") was left "
        "open there, so everything after it runs into that one cell. Open the file in a text "
        "editor or Excel, check that line, save it, and import it again.")


def _line_of_open_quote(text: str) -> int | None:
    """The line of a quote mark that is never closed (quotes counted: an odd count leaves the
    last one open), or None."""
    quotes = text.count('"')
    if quotes % 2 == 0:
        return None
    return text.count("\n", 0, text.rindex('"')) + 1


def _password_protected(path: Path) -> ImportRefused:
    if path.suffix.lower() == ".ods":
        how = ("Open it in LibreOffice, choose File > Save As, untick \"Save with password\", "
               "and import the copy")
    else:
        how = ("Open it in Excel, clear the password (File > Info > Protect Workbook > "
               "Encrypt with Password), save it, and import it again")
    return ImportRefused(
        f"{path.name} is protected with a password, so MentorDesk cannot read it. {how}."
    )


def _check_zip(path: Path) -> str:
    """Check a zip-based file's parts before parsing; returns "xlsx" or "ods"."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if len(entries) > MAX_ZIP_ENTRIES:
                raise _bomb(path)
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                fmt = "xlsx"
            elif "content.xml" in names and "mimetype" in names:
                fmt = "ods"
            elif "word/document.xml" in names:
                raise _not_a_spreadsheet(path, "a Word document")
            elif "ppt/presentation.xml" in names:
                raise _not_a_spreadsheet(path, "a PowerPoint presentation")
            else:
                raise _not_a_spreadsheet(path, "a zip archive")
            size = path.stat().st_size
            declared = 0
            for entry in entries:
                if entry.flag_bits & 0x1:
                    raise _password_protected(path)
                if entry.compress_size > size:
                    raise _damaged(path)
                declared += entry.file_size
                if declared > MAX_UNCOMPRESSED_BYTES or _ratio_too_high(
                    entry.file_size, entry.compress_size
                ):
                    raise _bomb(path)
            # The sizes above are what the file claims; a zip bomb lies. Count the real bytes,
            # stopping as soon as a part goes over what it claimed or over the limits.
            real_total = 0
            for entry in entries:
                watch = (ExtentWatch(entry.file_size)
                         if fmt == "xlsx" and _is_worksheet(entry.filename) else None)
                real_total += _inflated_size(archive, entry, MAX_UNCOMPRESSED_BYTES - real_total,
                                             path, watch)
                if watch is not None and watch.needs_counting() and sheet_cells(
                        lambda entry=entry: archive.open(entry), CHUNK_BYTES) > MAX_SHEET_CELLS:
                    raise _too_far(path)
            return fmt
    except zipfile.BadZipFile:
        raise _damaged(path) from None
    except (OSError, EOFError, zlib.error, NotImplementedError, UnicodeDecodeError):
        # UnicodeDecodeError: a part's name in its own header is not the UTF-8 it claims.
        raise _damaged(path) from None


def _ratio_too_high(uncompressed: int, compressed: int) -> bool:
    return (uncompressed > RATIO_CHECKED_FROM_BYTES
            and uncompressed > MAX_COMPRESSION_RATIO * max(compressed, 1))


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _inflated_size(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int,
                   path: Path, watch: ExtentWatch | None = None) -> int:
    """The real uncompressed size of one part, refusing once it passes the budget or ratio;
    a worksheet's chunks go to ``watch`` on the way."""
    limit = min(budget, entry.file_size)
    if entry.file_size > RATIO_CHECKED_FROM_BYTES:
        limit = min(limit, MAX_COMPRESSION_RATIO * max(entry.compress_size, 1))
    total = 0
    # zipfile checks the CRC at the end and refuses a part longer than it declared.
    with archive.open(entry) as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise _bomb(path)
            if watch is not None:
                watch.feed(chunk)
    return total


def _too_far(path: Path) -> ImportRefused:
    return ImportRefused(
        f"{path.name} has a sheet that claims to reach far past its real rows (a cell out at "
        "the edge of the sheet, perhaps from damage or from the program that made it), so "
        "MentorDesk did not open it: reading it would need more memory than the computer has. "
        "Open it in Excel, copy the rows you need into a new workbook, save that, and import it."
    )


def _bomb(path: Path) -> ImportRefused:
    return ImportRefused(
        f"{path.name} unpacks to far more data than a spreadsheet holds (it may be damaged, "
        "or made to harm the computer), so MentorDesk did not open it. If you trust it, open "
        "it in Excel, save a copy with only the rows you need, and import that."
    )


def _check_cfb(path: Path) -> None:
    """An OLE2 compound file: an old .xls, or an encrypted (password-protected) .xlsx."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(min(path.stat().st_size, 8 * 1024 * 1024))
    except OSError:
        raise _damaged(path) from None
    # Directory entries hold their names in UTF-16; Office puts an encrypted workbook in a
    # stream called EncryptedPackage next to an EncryptionInfo stream.
    if "EncryptedPackage".encode("utf-16-le") in data or \
            "EncryptionInfo".encode("utf-16-le") in data:
        raise _password_protected(path)
    if len(data) < 1024:
        raise _damaged(path)
    if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
        if "WordDocument".encode("utf-16-le") in data:
            raise _not_a_spreadsheet(path, "a Word document")
        raise _not_a_spreadsheet(path, "an old Office file that is not a workbook")


# Reading workbooks ----------------------------------------------------------------------------


def _read_with_calamine(path: Path, fmt: str, sheet_names: list[str] | None) -> Workbook:
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise _password_protected(path) from None
    except BaseException as error:  # noqa: BLE001 - any parser error means the file is unusable
        raise _damaged(path, error) from None
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
                calamine_sheet = book.get_sheet_by_name(name)
            except PasswordError:
                raise _password_protected(path) from None
            except BaseException as error:  # noqa: BLE001
                raise _damaged(path, error) from None
            if calamine_sheet.end is None or calamine_sheet.height == 0:
                workbook.left_out.append((name, "empty"))
                continue
            rows = SheetRows(calamine_sheet, book, path)
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
            book.close()
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
            raise _damaged(self._path, error) from None

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
            raise _damaged(self._path, error) from None
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
            raise _damaged(self._path, error) from None

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
            raise _huge_cell(path, text, reader.line_num) from None
        raise _damaged(path) from None
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
    guess = _utf16_without_bom(raw[:4096])
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
        raise _damaged(path) from None


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
