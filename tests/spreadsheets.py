"""Making real spreadsheet files for the import tests: .xlsx with openpyxl, .csv in any
encoding, a formula with Excel's saved result, a password-protected (encrypted) workbook's
container, zip bombs."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]], *,
         hidden: Iterable[str] = (), merged: dict[str, list[str]] | None = None) -> Path:
    """Write a workbook: sheet name -> rows. ``hidden`` sheets are hidden as Excel hides them."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
        for cells in (merged or {}).get(name, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8",
             delimiter: str = ",", bom: bool = False) -> Path:
    """Write rows as delimited text in ``encoding`` (with a byte-order mark if ``bom``)."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    text = buffer.getvalue()
    if bom and encoding.lower().replace("-", "") == "utf8":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        data = text.encode(encoding)  # "utf-16" writes its own byte-order mark
    path.write_bytes(data)
    return path


def with_cached_formula(path: Path, formula: str, value: Any) -> Path:
    """Give an openpyxl-written formula the result Excel saves beside it (openpyxl saves none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        f"<f>{formula}</f><v />".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def zip_bomb(path: Path, uncompressed_mb: int = 300) -> Path:
    """An "xlsx" whose sheet inflates to ``uncompressed_mb`` MB of nothing (about 1000:1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b" " * (1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            for _ in range(uncompressed_mb):
                stream.write(chunk)
    return path


def lying_zip(path: Path, source: Path) -> Path:
    """A copy of ``source`` whose biggest part claims to be tiny when it is not."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        biggest = max(archive.infolist(), key=lambda info: info.file_size)
    name = biggest.filename.encode()
    # Central directory entry: signature, then the uncompressed size at offset 24.
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + name_length]) == name:
            struct.pack_into("<I", data, at + 24, 1000)
        at += 4
    at = data.find(b"PK\x03\x04" , 0)
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 26)[0]
        if bytes(data[at + 30: at + 30 + name_length]) == name:
            struct.pack_into("<I", data, at + 22, 1000)
        at = data.find(b"PK\x03\x04", at + 4)
    path.write_bytes(bytes(data))
    return path


def encrypted_workbook(path: Path) -> Path:
    """The container Excel saves a password-protected workbook in: an OLE2 compound file with
    EncryptionInfo and EncryptedPackage streams (their contents here are random, as encrypted
    bytes look)."""
    import os

    sector = 512
    end_of_chain, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD

    def entry(name: str, kind: int, start: int, size: int, child: int = free,
              left: int = free, right: int = free) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", left, right, child) + b"\x00" * 16 + b"\x00" * 4
                + b"\x00" * 16 + struct.pack("<IQ", start, size))

    info = os.urandom(4096)  # big streams live in normal sectors (>= 4096 bytes)
    package = os.urandom(8192)
    # Sectors: 0 FAT, 1 directory, 2.. EncryptionInfo (8 sectors), then EncryptedPackage (16).
    info_start, package_start = 2, 2 + len(info) // sector
    fat = [fat_sector, end_of_chain]
    for start, length in ((info_start, len(info)), (package_start, len(package))):
        count = length // sector
        fat += [start + i + 1 for i in range(count - 1)] + [end_of_chain]
    fat += [free] * (sector // 4 - len(fat))
    directory = (entry("Root Entry", 5, end_of_chain, 0, child=1)
                 + entry("EncryptionInfo", 2, info_start, len(info), right=2)
                 + entry("EncryptedPackage", 2, package_start, len(package))
                 + b"\x00" * 128)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9) + struct.pack("<H", 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *([free] * 108)))
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + info + package
    path.write_bytes(header + body)
    return path


def hand_written_xlsx(path: Path, sheet_data: str, *, dimension: str | None = None,
                      compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """An .xlsx with one sheet whose ``<sheetData>`` is exactly ``sheet_data`` (rows written
    by hand: any order, any attributes, with or without cell references)."""
    dimension_tag = f'<dimension ref="{dimension}"/>' if dimension else ""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<?xml version="1.0"?><Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{relationships}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0"?><Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        archive.writestr("xl/worksheets/sheet1.xml", (
            f'<?xml version="1.0"?><worksheet xmlns="{main}">{dimension_tag}<sheetData>'
            f'{sheet_data}</sheetData></worksheet>'))
    return path


# A far cell (or row) written each way python-calamine reads a cell's place; the sheet-reach
# tests fill in {far} (e.g. XFD1048576), {far_lower}, {far_row} and {many_cells}.
FAR_WRITINGS = {
    "lower-case letters": '<row r="1"><c r="A1"><v>1</v></c><c r="{far_lower}"><v>1</v></c></row>',
    "single quotes": "<row r='1'><c r='A1'><v>1</v></c><c r='{far}'><v>1</v></c></row>",
    "a tab before r": '<row r="1"><c\tr="A1"><v>1</v></c><c\tr="{far}"><v>1</v></c></row>',
    "spaces around =": '<row r="1"><c r = "A1"><v>1</v></c><c r = "{far}"><v>1</v></c></row>',
    "r after another attribute":
        '<row r="1"><c r="A1"><v>1</v></c><c t="n" r="{far}"><v>1</v></c></row>',
    "two r attributes (the last counts)":
        '<row r="1"><c r="A1"><v>1</v></c><c r="A2" r="{far}"><v>1</v></c></row>',
    "a namespace prefix":
        '<row r="1"><c r="A1"><v>1</v></c><x:c xmlns:x="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" r="{far}"><x:v>1</x:v></x:c></row>',
    "a far row, then cells without references":
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="{far_row}">{many_cells}</row>',
    "an empty far row, then a row without a number":
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="{far_row}"/><row>{many_cells}</row>',
    "a long run of spaces":
        '<row r="1"><c r="A1"><v>1</v></c><c r' + " " * 100_000 + '="{far}"><v>1</v></c></row>',
}
