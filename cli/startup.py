"""Starting a headless command quickly.

The spreadsheet of an ``import`` command starts being read before the rest of MentorDesk has
loaded (:func:`start`); sqlite-utils loads when first used, without numpy (the storage package
sees to it).

Parsing a big workbook (a year of attendance) takes seconds and lets go of Python's lock, so
the program's own modules load meanwhile instead of before it, and what the import needs next
is made ready (:func:`workbook`). The checks before parsing hold the lock much of the time:
they run first, alone (:func:`wait_until_checked`), so that parsing starts as early as it can.
Only the reading starts early: the data file is not touched until the file has been checked and
read, so a refused file still leaves no trace.
"""

from __future__ import annotations

from pathlib import Path

_pending: dict = {}


def start(argv: list[str]) -> bool:
    """Start reading the file an ``import KIND PATH [--sheet NAME]...`` command names;
    whether the command is such an import."""
    _pending.clear()
    positional: list[str] = []
    sheets: list[str] = []
    words = iter(argv)
    for word in words:
        if word == "--sheet":
            sheets.append(next(words, ""))
        elif word in ("--through", "--from", "--year", "--map", "--db"):
            next(words, None)
        elif word in ("--help", "-h"):
            return False
        elif not word.startswith("-"):
            positional.append(word)
    if len(positional) < 3 or positional[0] != "import":
        return False
    from importing.sheets import start_reading

    path = Path(positional[2]).expanduser()
    _pending[(str(path), tuple(sheets))] = start_reading(path, sheet_names=sheets or None)
    return True


def wait_until_checked() -> None:
    """Wait until an early-read file has passed its checks (or been refused)."""
    for pending in _pending.values():
        pending.wait_until_checked()


def workbook(path: Path, sheets: list[str] | None):
    """The file's workbook: the early reading's, else read now."""
    pending = _pending.pop((str(path), tuple(sheets or ())), None)
    if pending is not None:
        _prepare_while_parsing()
        return pending.result()
    from importing.plan import read_file

    return read_file(path, sheets)


def _prepare_while_parsing() -> None:
    """What opening the data file needs, made while the workbook is parsed rather than after:
    sqlite-utils loaded, and the layout a data file is checked against (made once)."""
    from storage.schema_check import expected_layout

    expected_layout()
