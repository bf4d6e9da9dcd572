"""Errors that come from the world (a locked file, a newer file, a damaged file), not from bugs.

Each carries a sentence a facilitator can act on; the UI shows it as it is and the headless
commands print it and exit 1.
"""

from __future__ import annotations


class KnownProblem(Exception):
    """A problem with the user's files or input, explained in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FileInUse(KnownProblem):
    """Another MentorDesk is writing to this data file."""


class NotAMentorDeskFile(KnownProblem):
    """The file is missing, empty where it should not be, or not a MentorDesk data file."""


class FileFromNewerVersion(KnownProblem):
    """The file was written by a newer MentorDesk than this one."""


class DamagedFile(KnownProblem):
    """SQLite's quick check found damage."""


class InvalidInput(KnownProblem):
    """A value typed or passed by the user cannot be used."""
