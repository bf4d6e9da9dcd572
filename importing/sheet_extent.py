"""How far an .xlsx sheet reaches, found from its cell references before python-calamine reads it.

python-calamine holds a sheet as one rectangle from its first cell to its last: a 5 KB file with
one cell in A1 and one in XFD1048576 asks for hundreds of gigabytes and takes the computer down
with it. A sheet is scanned as it is unpacked (ui and headless import alike, in
importing.file_checks' zip check), and one whose rectangle is far larger than a school's list is
refused with a sentence.

The scan must not slow a real import much: it looks only for cell references with more column
letters or row digits than the sheet's own ``<dimension>`` tag (or failing that its first rows
and its size) leads to expect, one regular-expression search per chunk. Only a sheet with such a
reference is read again reference by reference.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable

# 30 million cells is about 1 GB in python-calamine (32 bytes a cell): a year of daily
# attendance for 2,000 students in one row per day (360,000 rows of five columns) is 1.8 million.
MAX_SHEET_CELLS = 30_000_000
# The smallest a cell with a reference can be written (<c r="A1"/>): a bound on how many rows
# a sheet of this size can really fill.
SMALLEST_CELL_BYTES = 12
OVERLAP = 32  # bytes kept between chunks, so a reference cut in two is still seen

_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')
_REFERENCE = re.compile(rb' r="([A-Z]+)([0-9]+)"')


def column_number(letters: bytes) -> int:
    """A1-style column letters as a 1-based number (A=1, Z=26, AA=27)."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _beyond(letters: int, digits: int) -> re.Pattern[bytes]:
    """A pattern for a cell reference with more column letters or more row digits than these.

    Written with the first letter taken out of the two choices (more letters; or as many or
    fewer, then more digits): every cell's reference starts that way, and trying it once
    rather than in each choice made the search about a third quicker.
    """
    fewer = "" if letters == 1 else f"[A-Z]{{0,{letters - 1}}}"
    return re.compile(
        f' r="[A-Z](?:[A-Z]{{{letters}}}|{fewer}[0-9]{{{digits + 1}}})'.encode())


def _letter_count(column: int) -> int:
    """How many letters column number ``column`` is written with (Z: 1, AA: 2, AAA: 3)."""
    return 1 if column <= 26 else 2 if column <= 26 + 26 ** 2 else 3


class ExtentWatch:
    """Fed an .xlsx worksheet part chunk by chunk; says whether its rectangle is too large."""

    def __init__(self, declared_size: int) -> None:
        self.declared_size = declared_size
        self._pattern: re.Pattern[bytes] | None = None
        self._bound = 0
        self._tail = b""
        self.suspicious = False  # a reference past what the sheet says of itself

    def feed(self, chunk: bytes) -> None:
        if self.suspicious:
            return
        text = self._tail + chunk
        if self._pattern is None:
            self._aim(text)
        if self._pattern.search(text):
            self.suspicious = True
        self._tail = text[-OVERLAP:]

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
            head = text[:65536]
            references = _REFERENCE.findall(head)
            columns = max((column_number(letters) for letters, _ in references), default=1)
            rows_seen = head.count(b"<row ")
            rows = (self.declared_size // SMALLEST_CELL_BYTES if rows_seen < 2
                    else self.declared_size * rows_seen * 5 // (len(head) * 4))
            rows = max(1, rows)
        # Whole letters and digits keep the search quick: a sheet of up to 26 columns may reach
        # row 999,999 unread (26 million cells at most); wider sheets are allowed fewer rows.
        letters = _letter_count(columns)
        digits = len(str(rows))
        while digits > 1 and 26 ** letters * 10 ** digits > MAX_SHEET_CELLS:
            digits -= 1
        self._pattern = _beyond(letters, digits)
        self._bound = 26 ** letters * 10 ** digits

    def needs_counting(self) -> bool:
        """True when the quick search cannot vouch for the sheet: count it reference by
        reference (:func:`sheet_cells`)."""
        return self.suspicious or self._bound > MAX_SHEET_CELLS


def sheet_cells(open_part: Callable[[], zipfile.ZipExtFile], chunk_size: int) -> int:
    """How many cells python-calamine's rectangle for this worksheet part would hold."""
    first_row = first_column = None
    last_row = last_column = 0
    tail = b""
    with open_part() as stream:
        while True:
            chunk = stream.read(chunk_size)
            if not chunk:
                break
            text = tail + chunk
            # References sit inside tags: cut after the last tag's end, so that a reference cut
            # in two at the chunk's end is read whole with the next chunk.
            cut = text.rfind(b">") + 1
            whole, tail = text[:cut], text[cut:]
            for letters, digits in _REFERENCE.findall(whole):
                column, row = column_number(letters), int(digits)
                first_column = column if first_column is None else min(first_column, column)
                first_row = row if first_row is None else min(first_row, row)
                last_column, last_row = max(last_column, column), max(last_row, row)
    if first_row is None:
        return 0
    return (last_row - first_row + 1) * (last_column - first_column + 1)
