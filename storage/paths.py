"""Where MentorDesk keeps its files: the data file, its backups and its logs."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

APP_NAME = "MentorDesk"
DEFAULT_FILE_NAME = "mentordesk.sqlite"
# A file with this name beside the program makes MentorDesk keep its data there
# (a "portable" install on a USB stick or a shared office folder).
PORTABLE_MARKER = "mentordesk-portable.txt"

_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "afpfs", "sshfs", "fuse.sshfs",
                        "9p", "davfs", "fuse.davfs2", "webdav"}


def program_folder() -> Path:
    """The folder the program runs from (beside the .exe when frozen, the checkout otherwise)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def data_folder() -> Path:
    """The folder that holds the default data file, created owner-only when missing."""
    if (program_folder() / PORTABLE_MARKER).exists():
        folder = program_folder() / "MentorDesk data"
    else:
        override = os.environ.get("MENTORDESK_DATA_DIR")
        if override:
            folder = Path(override)
        else:
            import platformdirs

            folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    make_private_folder(folder, ours=True)
    return folder


def default_data_file() -> Path:
    """The data file MentorDesk opens when none is named."""
    return data_folder() / DEFAULT_FILE_NAME


def backups_folder(data_file: Path) -> Path:
    """Backups live beside the data file, in a folder named after the whole file name, so
    ``school.sqlite`` and ``school.db`` never share one."""
    return data_file.resolve().parent / f"{data_file.name} backups"


def legacy_backups_folder(data_file: Path) -> Path:
    """Where earlier versions kept backups: named after the stem, shared by same-stem files."""
    return data_file.resolve().parent / f"{data_file.stem} backups"


def logs_folder() -> Path:
    """Crash reports and logs, owner-only."""
    folder = data_folder() / "logs"
    make_private_folder(folder, ours=True)
    return folder


def make_private_folder(folder: Path, *, ours: bool = False) -> None:
    """Create ``folder`` (and parents) readable by its owner only on POSIX.

    Only folders MentorDesk creates, or its own folders (``ours``), are made private: a folder
    the user chose, such as their Desktop for a backup, keeps the permissions it has.
    """
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix":
        return
    for created in missing + ([folder] if ours and folder not in missing else []):
        # A folder we do not own keeps its mode.
        with contextlib.suppress(OSError):
            created.chmod(stat.S_IRWXU)


def make_private_file(path: Path) -> None:
    """Take away every permission of the group and of others on POSIX (owner only).

    The owner's own permissions stay as they are (a read-only file stays read-only), and a
    link is never followed: a link where MentorDesk expects its file is left alone.
    """
    if os.name != "posix":
        return
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return
    try:
        mode = stat.S_IMODE(os.fstat(handle).st_mode)
        if mode & 0o077:
            os.fchmod(handle, mode & 0o700)
    except OSError:
        pass
    finally:
        os.close(handle)


def is_on_network_share(path: Path) -> bool:
    """True when ``path`` seems to live on a network drive, where SQLite's locking is unreliable."""
    resolved = str(path.resolve())
    if os.name == "nt":
        if resolved.startswith("\\\\"):
            return True
        try:
            import ctypes

            drive = os.path.splitdrive(resolved)[0] + "\\"
            drive_remote = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote
        except (AttributeError, OSError):
            return False
    return _posix_filesystem_type(resolved) in _NETWORK_FILESYSTEMS


def _posix_filesystem_type(resolved: str) -> str:
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            return filesystem_type_from_mounts(resolved, mounts.read())
    except OSError:
        return ""


def filesystem_type_from_mounts(resolved: str, mounts_text: str) -> str:
    """The type of the filesystem holding ``resolved``, from /proc/mounts-style text."""
    best_mount, best_type = "", ""
    for entry in (line.split() for line in mounts_text.splitlines()):
        if len(entry) < 3:
            continue
        mount_point = entry[1].replace("\\040", " ")
        inside = resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best_mount):
            best_mount, best_type = mount_point, entry[2]
    return best_type
