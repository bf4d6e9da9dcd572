"""What is checked before any parser opens a file to import, and the refusals that name why.

A file is what its first bytes say, not its name: its size is checked, a device or a pipe is
named for what it is, and for a zip-based workbook the real uncompressed size and compression
ratio of every part and each sheet's reach (importing.sheet_extent), so a zip bomb, a huge file
or a sheet python-calamine would hold as an enormous rectangle is refused without being read
into memory. importing.sheets opens what passes. Every refusal is an :class:`ImportRefused`
naming the file and what to do.
"""

from __future__ import annotations

import codecs
import os
import stat
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from importing.problems import ImportRefused
from importing.sheet_extent import MAX_SHEET_CELLS, ExtentWatch, sheet_cells
from importing.sheet_parts import is_worksheet, worth_parting
from importing.zip_parts import ERRORS as ZIP_PART_ERRORS
from importing.zip_parts import PartTooBig, unpacked_chunks

# A year of daily attendance for 2,000 students is about 8 MB as .xlsx and 20 MB as .csv.
MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
# Real workbooks compress 5-30 times; zip bombs thousands of times. Small parts may squeeze
# more (a sheet of empty styled cells), so the ratio is only checked on parts over 1 MB.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
CHUNK_BYTES = 4 * 1024 * 1024  # how much of a zip part is unpacked at a time while checking it

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
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


def check_file(path: Path) -> bytes:
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


def sniff(path: Path, head: bytes) -> str:
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
    if utf16_without_bom(head):
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


def utf16_without_bom(head: bytes) -> str | None:
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


def damaged(path: Path, error: BaseException | None = None) -> ImportRefused:
    if isinstance(error, _STOPS):
        raise error
    return ImportRefused(
        f"{path.name} is damaged or incomplete (perhaps it did not finish copying or "
        "downloading), so MentorDesk cannot read it. Open it in Excel or LibreOffice and save "
        "it again, or ask for a fresh copy, then import that."
    )


def huge_cell(path: Path, text: str, line: int) -> ImportRefused:
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


def password_protected(path: Path) -> ImportRefused:
    if path.suffix.lower() == ".ods":
        how = ("Open it in LibreOffice, choose File > Save As, untick \"Save with password\", "
               "and import the copy")
    else:
        how = ("Open it in Excel, clear the password (File > Info > Protect Workbook > "
               "Encrypt with Password), save it, and import it again")
    return ImportRefused(
        f"{path.name} is protected with a password, so MentorDesk cannot read it. {how}."
    )


def check_zip(path: Path, kept: dict[str, bytearray] | None = None) -> str:
    """Check a zip-based file's parts before parsing; returns "xlsx" or "ods".

    With ``kept``, an .xlsx whose one worksheet is big enough to parse in runs
    (importing.sheet_parts) has every part's bytes, as checked, put there (name -> bytes).
    That worksheet's reach is the one thing not checked here: the runs are each searched just
    before they are parsed, so that parsing starts before the whole sheet has been searched
    (importing.sheet_parts.parse_in_parts, which checks it all before anything reads it whole).
    """
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
                    raise password_protected(path)
                if entry.compress_size > size:
                    raise damaged(path)
                declared += entry.file_size
                if declared > MAX_UNCOMPRESSED_BYTES or _ratio_too_high(
                    entry.file_size, entry.compress_size
                ):
                    raise _bomb(path)
            # The sizes above are what the file claims; a zip bomb lies. Count the real bytes,
            # stopping as soon as a part goes over what it claimed or over the limits.
            real_total = 0
            keep = kept is not None and fmt == "xlsx" and worth_parting(entries)
            with open(path, "rb") as raw:
                for entry in entries:
                    sheet = fmt == "xlsx" and is_worksheet(entry.filename)
                    # The one worksheet of a workbook parsed in runs is searched run by run.
                    watch = ExtentWatch(entry.file_size) if sheet and not keep else None
                    # Kept parts are unpacked straight into one buffer, which grows with the
                    # bytes really unpacked (not what the part claims): a year of attendance
                    # is never held twice, and a part that lies about its size costs nothing.
                    copy = bytearray() if keep else None
                    size = _inflated_size(archive, raw, entry,
                                          MAX_UNCOMPRESSED_BYTES - real_total, path, watch, copy)
                    real_total += size
                    if watch is not None:
                        _reach(path, watch, lambda entry=entry: unpacked_chunks(
                            archive, raw, entry, CHUNK_BYTES, entry.file_size))
                    if copy is not None:
                        kept[entry.filename] = copy
            return fmt
    except zipfile.BadZipFile:
        raise damaged(path) from None
    except ZIP_PART_ERRORS:
        # UnicodeDecodeError among them: a part's name in its own header is not the UTF-8 it
        # claims.
        raise damaged(path) from None


def kept_sheet_reach(path: Path, xml: bytes | bytearray) -> int:
    """The most cells the worksheet ``xml`` (a part :func:`check_zip` kept) can reach, searched
    whole as the check searches any other sheet; refused when that is too far."""
    view = memoryview(xml)

    def chunks() -> Iterable[memoryview]:
        return (view[start:start + CHUNK_BYTES] for start in range(0, len(view), CHUNK_BYTES))

    watch = ExtentWatch(len(view))
    for chunk in chunks():
        watch.feed(chunk)
    watch.finish()
    return _reach(path, watch, chunks)


def _reach(path: Path, watch: ExtentWatch, chunks: Callable[[], Iterable[bytes]]) -> int:
    """The most cells a searched sheet can hold: what the quick search vouches for, or else
    its cells counted one by one from ``chunks()``; refused when that is too far."""
    if not watch.needs_counting():
        return watch.bound
    reach = sheet_cells(chunks())
    if reach > MAX_SHEET_CELLS:
        raise _too_far(path)
    return reach


def _ratio_too_high(uncompressed: int, compressed: int) -> bool:
    return (uncompressed > RATIO_CHECKED_FROM_BYTES
            and uncompressed > MAX_COMPRESSION_RATIO * max(compressed, 1))


def _inflated_size(archive: zipfile.ZipFile, raw: BinaryIO, entry: zipfile.ZipInfo,
                   budget: int, path: Path, watch: ExtentWatch | None = None,
                   copy: bytearray | None = None) -> int:
    """The real uncompressed size of one part, refusing once it passes the budget or ratio;
    a worksheet's chunks go to ``watch`` on the way, and every chunk onto ``copy``."""
    limit = min(budget, entry.file_size)
    if entry.file_size > RATIO_CHECKED_FROM_BYTES:
        limit = min(limit, MAX_COMPRESSION_RATIO * max(entry.compress_size, 1))
    total = 0
    try:
        for chunk in unpacked_chunks(archive, raw, entry, CHUNK_BYTES, limit):
            total += len(chunk)
            if watch is not None:
                watch.feed(chunk)
            if copy is not None:
                copy += chunk
    except PartTooBig:
        raise _bomb(path) from None
    if watch is not None:
        watch.finish()
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


def check_cfb(path: Path) -> None:
    """An OLE2 compound file: an old .xls, or an encrypted (password-protected) .xlsx."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(min(path.stat().st_size, 8 * 1024 * 1024))
    except OSError:
        raise damaged(path) from None
    # Directory entries hold their names in UTF-16; Office puts an encrypted workbook in a
    # stream called EncryptedPackage next to an EncryptionInfo stream.
    if "EncryptedPackage".encode("utf-16-le") in data or \
            "EncryptionInfo".encode("utf-16-le") in data:
        raise password_protected(path)
    if len(data) < 1024:
        raise damaged(path)
    if "Workbook".encode("utf-16-le") not in data and "Book".encode("utf-16-le") not in data:
        if "WordDocument".encode("utf-16-le") in data:
            raise _not_a_spreadsheet(path, "a Word document")
        raise _not_a_spreadsheet(path, "an old Office file that is not a workbook")
