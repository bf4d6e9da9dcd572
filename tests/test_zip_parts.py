"""Unpacking a workbook's parts for the checks: quickly, whole, and never more than allowed."""

from __future__ import annotations

import random
import struct
import zipfile
import zlib

import pytest

from importing import zip_parts
from importing.zip_parts import PartTooBig, unpacked_chunks


def _text(size: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    words = [b"<row>", b"<c r=\"A1\">", b"Student", b"absent", b"</c>", b"1001", b"2025-09-02"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words)
    return bytes(out[:size])


def _zip(path, parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _unpack(path, name, chunk=64 * 1024, limit=None):
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        entry = archive.getinfo(name)
        limit = entry.file_size if limit is None else limit
        return list(unpacked_chunks(archive, raw, entry, chunk, limit))


def test_the_fast_unpacker_is_used_for_deflated_parts():
    # Without zlib-ng the standard zlib does the same work, only slower.
    assert zip_parts.fast_zlib is not zlib


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_part_unpacks_to_exactly_its_bytes_in_chunks_no_larger_than_asked(tmp_path, method):
    data = _text(1_000_003)
    path = _zip(tmp_path / "book.xlsx", {"xl/worksheets/sheet1.xml": data, "a.xml": b""},
                method)
    chunks = _unpack(path, "xl/worksheets/sheet1.xml", chunk=50_000)
    assert b"".join(chunks) == data
    assert max(map(len, chunks)) <= 50_000
    assert _unpack(path, "a.xml") == []


def test_unpacking_stops_at_the_limit_after_one_chunk_past_it(tmp_path):
    path = _zip(tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": b" " * 20_000_000})
    seen = []
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        entry = archive.getinfo("xl/worksheets/sheet1.xml")
        with pytest.raises(PartTooBig):
            for chunk in unpacked_chunks(archive, raw, entry, 100_000, 1_000_000):
                seen.append(len(chunk))
    assert sum(seen) <= 1_000_000


def _corrupt(path, find: bytes, replace: bytes, start: int = 0) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(find, start)
    data[at:at + len(find)] = replace
    path.write_bytes(bytes(data))


def test_a_part_whose_checksum_does_not_match_is_damage(tmp_path):
    data = _text(200_000)
    path = _zip(tmp_path / "book.xlsx", {"xl/worksheets/sheet1.xml": data})
    crc = struct.pack("<I", zlib.crc32(data))
    wrong = struct.pack("<I", zlib.crc32(data) ^ 1)
    raw = path.read_bytes()
    path.write_bytes(raw.replace(crc, wrong))  # in the part's header and the directory
    with pytest.raises(zipfile.BadZipFile):
        _unpack(path, "xl/worksheets/sheet1.xml")


def test_a_part_cut_short_is_damage(tmp_path):
    data = _text(300_000)
    whole = _zip(tmp_path / "whole.xlsx", {"xl/worksheets/sheet1.xml": data})
    with zipfile.ZipFile(whole) as archive:
        entry = archive.getinfo("xl/worksheets/sheet1.xml")
    # Keep the directory as it is but zero the second half of the compressed bytes.
    raw = bytearray(whole.read_bytes())
    start = entry.header_offset + 30 + len(entry.filename)
    middle = start + entry.compress_size // 2
    raw[middle:start + entry.compress_size] = bytes(start + entry.compress_size - middle)
    whole.write_bytes(bytes(raw))
    with pytest.raises(zip_parts.ERRORS):
        _unpack(whole, "xl/worksheets/sheet1.xml")


def test_a_part_whose_own_header_names_another_part_is_damage(tmp_path):
    path = _zip(tmp_path / "book.xlsx", {"xl/worksheets/sheet1.xml": _text(10_000)})
    _corrupt(path, b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheet9.xml")  # the first
    with pytest.raises(zipfile.BadZipFile):
        _unpack(path, "xl/worksheets/sheet1.xml")
