"""Opening the data file for a command: which file, and whether the command writes."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from storage.database import DataFile, open_data_file
from storage.errors import InvalidInput
from storage.paths import default_data_file


def data_file_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_data_file()


def open_for_reading(args: argparse.Namespace) -> DataFile:
    """Reading commands work while the app has the file open: no writer's lock."""
    return open_data_file(data_file_path(args), write=False)


def open_for_writing(args: argparse.Namespace, *, create: bool = False) -> DataFile:
    """Writing commands take the writer's lock first and are refused while another writes."""
    return open_data_file(data_file_path(args), write=True, create=create)


def parse_day(text: str, what: str) -> dt.date:
    """A date typed on the command line (YYYY-MM-DD), or a plain refusal naming ``what``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f'"{text}" is not a date MentorDesk can read for {what}. Write it as YYYY-MM-DD, '
            "for example 2025-09-02."
        ) from None
