"""The one guard every export uses so that no text a person typed becomes a spreadsheet formula.

Excel and LibreOffice treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a
paste, a tab or carriage return) as a formula; openpyxl itself writes any string starting with
``=`` as a formula. A student's name or a meeting note must never run as one (OWASP "CSV
injection"), so such text gets a leading apostrophe and stays plain text.
"""

from __future__ import annotations

import re
from typing import Any

# The full-width forms too: some Asian-locale spreadsheets accept them as formula signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ESCAPE = "'"
# Excel refuses a cell longer than this and asks to repair the file.
LONGEST_CELL_TEXT = 32_767
# Characters XML 1.0 cannot hold (openpyxl raises on them); text imported from other programs
# sometimes carries them.
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell_value(value: Any) -> Any:
    """``value`` made safe to put in a spreadsheet cell: text can never start a formula.

    Numbers, dates and None pass through unchanged; text loses characters XML cannot hold, is
    cut to Excel's limit, and gets a leading apostrophe when it starts like a formula.
    """
    if not isinstance(value, str):
        return value
    text = _ILLEGAL_CHARACTERS.sub("", value)
    if text.startswith(FORMULA_STARTS):
        text = ESCAPE + text
    if len(text) > LONGEST_CELL_TEXT:
        text = text[: LONGEST_CELL_TEXT - 1] + "…"
    return text


def starts_like_formula(text: str) -> bool:
    """True when ``text`` would be read as a formula (what :func:`safe_cell_value` prevents)."""
    return text.startswith(FORMULA_STARTS)
