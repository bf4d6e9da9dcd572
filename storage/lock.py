"""The writer's lock: one MentorDesk writes to a data file at a time.

The lock is the operating system's (flock on POSIX, a locked byte on Windows) on a small file
beside the data file, so it dies with its process however that process ends: a killed import
never leaves a stale lock behind. Readers never take it.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.errors import FileInUse
from storage.paths import make_private_file


def lock_path_for(data_file: Path) -> Path:
    """The lock file that guards ``data_file``."""
    return data_file.with_name(data_file.name + ".lock")


class WriterLock:
    """Exclusive right to write to one data file, held until released or the process ends."""

    def __init__(self, data_file: Path) -> None:
        self.data_file = data_file
        self.path = lock_path_for(data_file)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise :class:`FileInUse`; never waits."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_without_waiting(fd)
        except OSError:
            os.close(fd)
            raise FileInUse(
                f"The data file {self.data_file.name} is open in another MentorDesk window "
                "(or another import is running). Close that window, or wait for the import "
                "to finish, then try again. Nothing was changed."
            ) from None
        make_private_file(self.path)
        self._fd = fd

    def release(self) -> None:
        """Give the lock back (the file stays; a lock file without a lock means nothing)."""
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if os.name == "nt":
    import msvcrt

    def _lock_without_waiting(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_without_waiting(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
