"""Write an exported file atomically: a temporary file in the same folder, then a rename.

A crash or a full disk half way through never leaves a broken report where a good one was, and
a file open in Excel is reported in plain words instead of a stack trace.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from storage.errors import KnownProblem
from storage.safe_targets import refuse_overwriting_data


class CannotSave(KnownProblem):
    """The export could not be written where the user asked."""


def write_atomically(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary_path)`` then move the finished file onto ``path``; returns it."""
    path = Path(path).expanduser()
    refuse_overwriting_data(path)
    folder = path.parent if str(path.parent) else Path.cwd()
    if not folder.is_dir():
        raise CannotSave(
            f'The folder "{folder}" does not exist. Choose a folder that exists, such as your '
            "Documents folder."
        )
    try:
        handle, temporary_name = tempfile.mkstemp(
            prefix=f".{path.stem}-", suffix=f"{path.suffix}.part", dir=folder
        )
    except OSError as error:
        raise CannotSave(
            f'MentorDesk may not write in the folder "{folder}" ({error.strerror}). '
            "Choose another folder, such as your Documents folder."
        ) from None
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except PermissionError:
        raise CannotSave(
            f'"{path.name}" is open in another program (Excel or a PDF viewer?) or is '
            "read-only. Close it there and save again, or save under another name."
        ) from None
    except OSError as error:
        raise CannotSave(
            f'MentorDesk could not finish writing "{path.name}" ({error.strerror or error}). '
            "Check that the disk is not full and try again. The old file, if any, is unchanged."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return path
