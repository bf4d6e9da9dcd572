"""MentorDesk's version (written once, in pyproject.toml), and comparing two versions."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def mentordesk_version() -> str:
    """The installed MentorDesk's version, such as "0.1.0"."""
    from importlib import metadata

    try:
        return metadata.version("mentordesk")
    except metadata.PackageNotFoundError:  # run from a folder, or a bundle without metadata
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            found = re.search(r'^version = "([^"]+)"', pyproject.read_text(encoding="utf-8"),
                              re.MULTILINE)
        except OSError:
            found = None
        return found.group(1) if found else "0.0.0"


def version_key(text: str) -> tuple[int, ...]:
    """"0.10.2" -> (0, 10, 2), for comparing; words after the numbers are left aside."""
    numbers = []
    for part in str(text).split("."):
        digits = re.match(r"\d+", part.strip())
        if digits is None:
            break
        numbers.append(int(digits.group()))
    return tuple(numbers)


def is_newer(text: str, than: str | None = None) -> bool:
    """True when version ``text`` is newer than ``than`` (default: this MentorDesk)."""
    return version_key(text) > version_key(than or mentordesk_version())
