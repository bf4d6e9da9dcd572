"""The writer's lock: one MentorDesk writes to a data file at a time.

The lock is the operating system's (flock on POSIX, a locked byte on Windows) on a small file
beside the data file, so it dies with its process however that process ends: a killed import
never leaves a stale lock behind. Readers never take it.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.errors import FileInUse, NotAllowed


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
        fd = self._open()
        try:
            _lock_without_waiting(fd)
        except OSError:
            os.close(fd)
            raise FileInUse(
                f"The data file {self.data_file.name} is open in another MentorDesk window "
                "(or another import is running). Close that window, or wait for the import "
                "to finish, then try again. Nothing was changed."
            ) from None
        if os.name == "posix":
            # On the file just opened, never through its name: a link put in its place later
            # cannot redirect the change.
            try:
                mode = os.fstat(fd).st_mode & 0o777
                if mode & 0o077:
                    os.fchmod(fd, mode & 0o700)
            except OSError:
                pass
        self._fd = fd

    def _open(self) -> int:
        """The lock file, created owner-only; a link or a folder in its place is refused."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        folder = self.path.parent
        if self.path.is_symlink():
            raise NotAllowed(
                f"{self.path.name} beside the data file is a link to somewhere else. MentorDesk "
                "never follows a link for its own files. Remove the link (it is not your data), "
                "then open the file again. Nothing was changed.")
        if self.path.is_dir():
            raise NotAllowed(
                f"There is a folder named {self.path.name} beside the data file, where MentorDesk "
                "keeps the small file that stops two windows writing at once. Rename or move "
                "that folder, then open the file again. Nothing was changed.")
        try:
            return os.open(self.path, flags, 0o600)
        except PermissionError:
            raise NotAllowed(
                f"MentorDesk may not write in the folder \"{folder}\" (its permissions do not "
                f"allow it, or it belongs to another user), so it cannot change "
                f"{self.data_file.name}. Move the file to a folder you can write in, such as "
                "your Documents folder, or ask whoever looks after the computer. Nothing was "
                "changed.") from None
        except OSError as error:
            from storage.errors import explain

            known = explain(error, self.path)
            if known is None:
                raise
            raise known from None

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
