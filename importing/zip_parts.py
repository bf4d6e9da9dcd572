"""Unpacking one part of a zip-based workbook, quickly, to check it before any parser opens it.

The checks unpack every part of a workbook to count its real size and scan its sheets
(importing.file_checks): for a year of attendance that is 100 MB of XML, and Python's own
zlib took 0.2-0.3 s to unpack it. zlib-ng (a drop-in, vectorised zlib; python-zlib-ng) does the
same in about a sixth of the time, so a deflated part is read raw from the file and unpacked
with it; anything else (a stored part, another method, zlib-ng missing) goes through
:mod:`zipfile`. Either way the part's own header must agree with the zip's directory, the
unpacked bytes must be as many as the directory says and match its checksum (CRC-32), and no
call unpacks more than one chunk at a time, so a zip bomb is never held in memory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

try:
    from zlib_ng import zlib_ng as fast_zlib
except ImportError:  # pragma: no cover - a platform without its wheel: the standard zlib
    fast_zlib = zlib

# What an unreadable part raises here: refused as damaged by the caller.
ERRORS = (zlib.error, fast_zlib.error, zipfile.BadZipFile, EOFError, OSError,
          UnicodeDecodeError, NotImplementedError)
RAW_READ_BYTES = 1024 * 1024  # compressed bytes read from the file at a time
_UTF8_NAME = 0x800  # general purpose flag: the part's name is UTF-8 (else code page 437)


class PartTooBig(Exception):
    """The part unpacks to more than it may (its own size as declared, or the caller's limit)."""


def unpacked_chunks(archive: zipfile.ZipFile, file: BinaryIO, entry: zipfile.ZipInfo,
                    chunk_bytes: int, limit: int) -> Iterator[bytes]:
    """The unpacked bytes of ``entry``, at most ``chunk_bytes`` at a time; raises
    :class:`PartTooBig` once they pass ``limit``, and one of :data:`ERRORS` for damage."""
    if entry.compress_type != zipfile.ZIP_DEFLATED or fast_zlib is zlib:
        yield from _through_zipfile(archive, entry, chunk_bytes, limit)
        return
    file.seek(_data_offset(file, entry))
    inflater = fast_zlib.decompressobj(-15)
    left, total, crc = entry.compress_size, 0, 0
    pending = b""
    while not inflater.eof:
        if not pending and left:
            pending = file.read(min(RAW_READ_BYTES, left))
            if not pending:
                raise EOFError("the part ends before its data does")
            left -= len(pending)
        chunk = inflater.decompress(pending, chunk_bytes)
        moved_on = bool(chunk) or len(inflater.unconsumed_tail) != len(pending)
        pending = inflater.unconsumed_tail
        if not moved_on:  # no bytes left to read and nothing more comes out: cut short
            raise zipfile.BadZipFile(f"{entry.filename} ends too soon")
        if chunk:
            total += len(chunk)
            if total > limit:
                raise PartTooBig
            crc = fast_zlib.crc32(chunk, crc)
            yield chunk
    if total != entry.file_size or crc != entry.CRC:
        raise zipfile.BadZipFile(f"{entry.filename} does not unpack to what the zip says")


def _through_zipfile(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, chunk_bytes: int,
                     limit: int) -> Iterator[bytes]:
    # zipfile checks the CRC at the end and refuses a part longer than it declared.
    total = 0
    with archive.open(entry) as stream:
        while True:
            chunk = stream.read(chunk_bytes)
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise PartTooBig
            yield chunk


def _data_offset(file: BinaryIO, entry: zipfile.ZipInfo) -> int:
    """Where the part's compressed bytes start, after its own header, which is checked as
    :mod:`zipfile` checks it (a header that disagrees with the directory is damage)."""
    file.seek(entry.header_offset)
    header = file.read(zipfile.sizeFileHeader)
    if len(header) != zipfile.sizeFileHeader:
        raise zipfile.BadZipFile("truncated part header")
    fields = struct.unpack(zipfile.structFileHeader, header)
    if fields[0] != zipfile.stringFileHeader:
        raise zipfile.BadZipFile("bad part header")
    flags, name_length, extra_length = fields[3], fields[10], fields[11]
    if entry.flag_bits & 0x60:  # patched data or strong encryption
        raise NotImplementedError("an unsupported kind of zip part")
    name = file.read(name_length)
    name = name.decode("utf-8") if flags & _UTF8_NAME else name.decode("cp437")
    if name != entry.orig_filename:
        raise zipfile.BadZipFile("the part's name differs from the directory's")
    return entry.header_offset + zipfile.sizeFileHeader + name_length + extra_length
