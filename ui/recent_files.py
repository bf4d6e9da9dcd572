"""The data files opened lately (File > Open recent) and which one is the school's own, kept in
the window's settings file beside the data."""

from __future__ import annotations

from pathlib import Path

from ui import window_state

MOST_REMEMBERED = 8
_KEY = "files/recent"


def _same(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first == second


def is_demo(path: Path) -> bool:
    """True for the demo school's file."""
    from ui.app import demo_file_path

    return _same(path, demo_file_path())


def recent() -> list[Path]:
    """Files opened lately, newest first (files since moved or deleted are left out)."""
    stored = window_state.store().value(_KEY, [])
    if isinstance(stored, str):
        stored = [stored]
    return [Path(text) for text in stored or [] if text and Path(text).exists()]


def remember(path: Path) -> None:
    """Put ``path`` first in the list of files opened lately."""
    settings = window_state.store()
    kept = [p for p in recent() if not _same(p, path)]
    settings.setValue(_KEY, [str(p) for p in [path, *kept][:MOST_REMEMBERED]])
    settings.sync()


def own_school() -> Path:
    """The school's own file to go back to from the demo: the latest one opened that is not the
    demo, else the usual data file (made at the start page when it does not exist yet)."""
    from storage.paths import default_data_file

    for path in recent():
        if not is_demo(path):
            return path
    return default_data_file()
