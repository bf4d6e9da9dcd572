"""How far an .xlsx sheet reaches, found from its cell references before python-calamine reads it.

python-calamine holds a sheet as one rectangle from its first cell to its last: a 5 KB file with
one cell in A1 and one in XFD1048576 asks for hundreds of gigabytes and takes the computer down
with it. A sheet is scanned as it is unpacked (ui and headless import alike, in
importing.file_checks' zip check), and one whose rectangle is far larger than a school's list is
refused with a sentence.

A cell's place is its ``r`` attribute, read the way python-calamine reads it: either quotes,
spaces around ``=``, letters in either case, the last of two ``r`` attributes; a cell without
one follows the cell before it in its row, in the row its ``<row r="...">`` names or the one
after the row before. The scan must not slow a real import much, so it does three quick
searches per chunk (:class:`ExtentWatch`): an ``r`` attribute (of a cell, a row, anything)
with more column letters or row digits than the sheet's own ``<dimension>`` tag (or failing
that its first rows and its size) leads to expect, and a cell written any other way than the
usual ``<c r=`` (no reference first, or a namespace prefix). A sheet with any of those is then
read tag by tag, as python-calamine would place its cells (:func:`sheet_cells`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# 30 million cells is about 1 GB in python-calamine (32 bytes a cell): a year of daily
# attendance for 2,000 students in one row per day (360,000 rows of five columns) is 1.8 million.
MAX_SHEET_CELLS = 30_000_000
# The smallest a cell with a reference can be written (<c r="A1"/>): a bound on how many rows
# a sheet of this size can really fill.
SMALLEST_CELL_BYTES = 12
AIM_BYTES = 64 * 1024  # how much of a sheet's start is read to aim the quick search
LONGEST_TAG = 64 * 1024  # a row or cell tag longer than this is read the slow way
SEARCH_SLICE_BYTES = 1024 * 1024  # searched at a time in a part held whole (vouches_for)

_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')
_REFERENCE = re.compile(rb' r="([A-Z]+)([0-9]+)"')
# A cell whose first attribute is not its reference (perhaps it has none), and a cell element
# with a namespace prefix: their places need the slow reading.
_UNPLACED = re.compile(rb"<c(?! r=)[\s/>]")
_PREFIXED = re.compile(rb":c[\s/>]")
# For the slow reading: every row and cell tag (attribute values may hold ">"), and an ``r``
# attribute within one.
_TAG = re.compile(
    rb"<(/?)(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_R_ATTRIBUTE = re.compile(rb"(?:^|\s)r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_PLACE = re.compile(rb"([A-Za-z]{0,3})([0-9]{1,7})")


def column_number(letters: bytes) -> int:
    """A1-style column letters as a 1-based number (A=1, Z=26, AA=27)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _beyond(letters: int, digits: int, top_letter: int = 26,
            top_digit: int = 9) -> re.Pattern[bytes]:
    """A pattern for an ``r`` attribute past ``letters`` column letters (the first no later than
    letter number ``top_letter``) or past ``digits`` row digits (the first no more than
    ``top_digit``): any quotes, spaces around ``=``, letters in either case, as python-calamine
    reads them all. A row's ``r`` is a reference without letters, so a far row is found too.

    Written so that each choice is tried once per reference, without going back over the
    letters (about a third quicker than the plain alternatives over a year of attendance).
    """
    far_row = f"[0-9]{{{digits + 1}}}"
    if top_digit < 9:
        far_row += f"|[{top_digit + 1}-9][0-9]{{{digits - 1}}}"
    fewer = f"[A-Za-z]{{0,{letters - 1}}}" if letters > 1 else ""
    choices = [f"[A-Za-z](?:[A-Za-z]{{{letters}}}|{fewer}(?:{far_row}))", f"(?:{far_row})"]
    if top_letter < 26:
        later = chr(65 + top_letter)
        choices.insert(0, f"[{later}-Z{later.lower()}-z][A-Za-z]{{{letters - 1}}}")
    return re.compile(f"r\\s*=\\s*[\"'](?:{'|'.join(choices)})".encode())


def _reach(letters: int, digits: int, top_letter: int, top_digit: int) -> int:
    """The most cells a sheet whose every reference :func:`_beyond` lets by can hold."""
    columns = column_number(bytes([64 + top_letter]) + b"Z" * (letters - 1))
    rows = (top_digit + 1) * 10 ** (digits - 1) - 1
    return columns * rows


def _column_letters(column: int) -> bytes:
    """Column number ``column`` (1-based) in letters (1: A, 27: AA)."""
    letters = b""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = bytes([65 + remainder]) + letters
    return letters


def _letter_count(column: int) -> int:
    """How many letters column number ``column`` is written with (Z: 1, AA: 2, AAA: 3)."""
    return 1 if column <= 26 else 2 if column <= 26 + 26 ** 2 else 3


class ExtentWatch:
    """Fed an .xlsx worksheet part chunk by chunk; says whether its rectangle is too large."""

    def __init__(self, declared_size: int) -> None:
        self.declared_size = declared_size
        self._pattern: re.Pattern[bytes] | None = None
        self.bound = 0  # the most cells the quick search vouches for
        self._tail = b""
        # A reference past what the sheet says of itself, or a cell placed some other way.
        self.suspicious = False

    def feed(self, chunk: bytes) -> None:
        if self.suspicious:
            return
        text = self._tail + chunk
        if self._pattern is None:
            if len(text) < AIM_BYTES:  # the first rows are needed to aim (see _aim)
                self._tail = text
                return
            self._aim(text)
        # The last tag may be cut in two ("<c r" now, "=..." next): it is searched again
        # whole with the next chunk (a tag never holds "<"), and :meth:`finish` looks at the
        # very end. A tag longer than LONGEST_TAG is no usual sheet's: counted slowly.
        cut = text.rfind(b"<", max(0, len(text) - LONGEST_TAG))
        if cut < 0:
            self.suspicious = True
            return
        # A prefixed cell needs a colon: a chunk without one (most of a sheet, for many
        # writers) is not searched for it (looking for one byte is many times quicker).
        patterns = (self._pattern, _UNPLACED, _PREFIXED) if b":" in text else (
            self._pattern, _UNPLACED)
        for pattern in patterns:
            found = pattern.search(text)
            if found is not None and found.start() < cut:
                self.suspicious = True
                return
        self._tail = text[cut:]

    def finish(self) -> None:
        """The part has been fed whole: look at its last bytes."""
        if self.suspicious:
            return
        if self._pattern is None:
            self._aim(self._tail)
        self.suspicious = any(pattern.search(self._tail) for pattern in
                              (self._pattern, _UNPLACED, _PREFIXED))

    def aim(self, part: bytes | bytearray | memoryview) -> None:
        """Aim the quick search from a whole part's first bytes (for :meth:`vouches_for`)."""
        self._aim(bytes(part[:AIM_BYTES]))

    def vouches_for(self, part: bytes | bytearray, start: int, end: int) -> bool:
        """The quick search over ``part[start:end]``, a stretch of whole tags of a part held
        whole (aimed first with :meth:`aim`): True when nothing there needs the slow count.

        Searched in place, in stretches that can each be parsed as soon as they are vouched
        for (importing.sheet_parts); a stretch vouched for holds nothing past :attr:`bound`.
        A search holds Python's lock until it ends, so it goes a slice at a time, letting the
        threads that start parsing the stretches before run in between.
        """
        if self._pattern is None:
            self.aim(part)
        while start < end:
            # Each slice ends before a "<": nothing searched for holds one but at its start.
            stop = part.find(b"<", min(start + SEARCH_SLICE_BYTES, end), end)
            stop = end if stop < 0 else stop
            patterns = (self._pattern, _UNPLACED, _PREFIXED) \
                if part.find(b":", start, stop) >= 0 else (self._pattern, _UNPLACED)
            if any(pattern.search(part, start, stop) for pattern in patterns):
                return False
            start = stop
        return True

    def _aim(self, text: bytes) -> None:
        """Decide what counts as "beyond" from the sheet's own <dimension> or first rows."""
        dimension = _DIMENSION.search(text[:4096])
        if dimension is not None:
            columns = column_number(dimension.group(3) or dimension.group(1))
            rows = int(dimension.group(4) or dimension.group(2))
        else:
            # No <dimension> (python-calamine's own writer and some SIS exports leave it out):
            # the first rows' width, and as many rows as the part's size holds of rows like
            # them, with room to spare. A guess too small only costs the count.
            head = text[:AIM_BYTES]
            references = _REFERENCE.findall(head)
            columns = max((column_number(letters) for letters, _ in references), default=1)
            rows_seen = head.count(b"<row ")
            rows = (self.declared_size // SMALLEST_CELL_BYTES if rows_seen < 2
                    else self.declared_size * rows_seen * 5 // (len(head) * 4))
            rows = max(1, rows)
        # A column's letters and a row's digits, each up to the next first letter or digit,
        # keep the search quick: a sheet that says it has 360,001 rows of 5 columns (E) may
        # reach E399999 unread, two million cells; wider sheets are allowed fewer rows.
        letters = _letter_count(columns)
        top_letter = column_number(_column_letters(columns)[:1])
        digits = len(str(rows))
        top_digit = int(str(rows)[0])
        while digits > 1 and _reach(letters, digits, top_letter, top_digit) > MAX_SHEET_CELLS:
            digits, top_digit = digits - 1, 9
        self._pattern = _beyond(letters, digits, top_letter, top_digit)
        self.bound = _reach(letters, digits, top_letter, top_digit)

    def needs_counting(self) -> bool:
        """True when the quick search cannot vouch for the sheet: count it reference by
        reference (:func:`sheet_cells`)."""
        return self.suspicious or self.bound > MAX_SHEET_CELLS


def sheet_cells(chunks: Iterable[bytes]) -> int:
    """How many cells python-calamine's rectangle for this worksheet part would hold (or
    more: a reference past Excel's own last row or column counts as too many).

    Every row and cell tag is read as python-calamine reads it: a row's ``r`` sets the row,
    its end moves to the next row and back to the first column; a cell's ``r`` (the last, if
    two) is its place, and a cell without one takes the next column of the current row. An
    empty tag (``<c .../>``) is counted both as python-calamine reads it now (a start and an
    end) and as a tag it skips, the widest of the two kept; so are empty cells, which it
    leaves out. Values it cannot read make it refuse the file, so they place nothing here.
    """
    rows: list[int] = []
    columns: list[int] = []
    # Two readings: empty tags as a start and an end, or skipped.
    row_index = [0, 0]
    column_index = [0, 0]
    tail = b""
    for chunk in chunks:
        text = tail + chunk
        # A tag never holds "<" (not even in its attribute values): cut before the last one.
        cut = text.rfind(b"<")
        if cut < 0:
            tail = text
            continue
        whole, tail = text[:cut], text[cut:]
        for closing, name, attributes in _TAG.findall(whole):
            empty = attributes.endswith(b"/")
            if closing:
                if name == b"row":
                    row_index, column_index = [index + 1 for index in row_index], [0, 0]
                continue
            place = _place_of(attributes)
            if place is _TOO_FAR:
                return MAX_SHEET_CELLS + 1
            readings = (0,) if empty else (0, 1)
            if name == b"row":
                for reading in readings:
                    if place is not None:
                        row_index[reading] = place[0]
                    if empty:
                        row_index[reading] += 1
                        column_index[reading] = 0
                continue
            for reading in readings:
                if place is not None:
                    row, column = place if place[1] is not None else (place[0],
                                                                      column_index[reading])
                    column_index[reading] = column
                else:
                    row, column = row_index[reading], column_index[reading]
                rows.append(row)
                columns.append(column)
                column_index[reading] += 1
            if len(rows) > 65536:  # keep only the extremes
                rows[:] = [min(rows), max(rows)]
                columns[:] = [min(columns), max(columns)]
    if not rows:
        return 0
    return (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)


_TOO_FAR = (-1, -1)


def _place_of(attributes: bytes) -> tuple[int, int | None] | None:
    """(row, column), 0-based, of a tag's last ``r`` attribute (column None: a row's); None
    without one (or one python-calamine cannot read); :data:`_TOO_FAR` past Excel's sheet."""
    found = _R_ATTRIBUTE.findall(attributes)
    if not found:
        return None
    value = b"".join(found[-1])
    place = _PLACE.fullmatch(value)
    if place is None:
        letters = value.rstrip(b"0123456789")
        digits = value[len(letters):]
        if letters.isalpha() and digits.isdigit() and (len(letters) > 3 or len(digits) > 7):
            return _TOO_FAR
        return None
    letters, digits = place.groups()
    row = int(digits) - 1
    if not letters:
        return (row, None)
    return (row, column_number(letters.upper()) - 1)
