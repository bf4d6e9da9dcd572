"""Build MentorDesk as one folder (dist/MentorDesk) with PyInstaller, on the machine it runs on.

    python packaging/build.py            (python packaging/build.py --version: the version)

Needs the build extra (``pip install -e ".[build]"``). Makes the icon and the Windows version
file in build/, runs packaging/mentordesk.spec, then prints the folder's size and how long the
build took. Never a one-file build, never UPX (both slow the start and upset antivirus tools).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BUILD = PROJECT / "build"
DIST = PROJECT / "dist"
BUNDLE = DIST / "MentorDesk"
# The aim for the folder's size (today's spec made 336 MB before it was trimmed).
AIM_MB = 150


def version() -> str:
    """The version in pyproject.toml (the one place it is written)."""
    text = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', text, re.MULTILINE).group(1)


def write_version_file(path: Path, text: str) -> None:
    """The Windows version resource: what Explorer shows under Properties > Details."""
    numbers = tuple(int(part) for part in text.split(".")[:3]) + (0,)
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'MentorDesk'),
      StringStruct('FileDescription', 'MentorDesk: a school mentoring program\\'s desk'),
      StringStruct('FileVersion', '{text}'),
      StringStruct('ProductName', 'MentorDesk'),
      StringStruct('ProductVersion', '{text}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
""", encoding="utf-8")


def strip_debugging_symbols() -> None:
    """Take the debugging symbols out of the libraries that carry them (Linux): Python's own,
    and extension modules of packages that bring no libraries of their own.

    Not the others: wheels with a "NAME.libs" folder had their libraries rewritten by
    auditwheel, and strip breaks those (numpy's OpenBLAS no longer loads). PyInstaller's own
    strip option does all of them, so it stays off.
    """
    strip = shutil.which("strip")
    if strip is None or sys.platform in ("win32", "darwin"):
        return
    internal = BUNDLE / "_internal"
    rewritten = {path.name[:-len(".libs")] for path in internal.glob("*.libs")}
    rewritten.add("pillow")  # PIL's libraries are in pillow.libs
    rewritten.add("PIL")
    chosen = list(internal.glob("libpython3*.so*")) + list(internal.glob("python3*/**/*.so"))
    for package in internal.iterdir():
        if package.is_dir() and package.name not in rewritten and package.name != "PySide6" \
                and not package.name.endswith(".libs") \
                and not package.name.startswith("python3"):
            chosen += list(package.rglob("*.so"))
    subprocess.run([strip, "--strip-debug", *map(str, chosen)], check=True)


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()
               and not path.is_symlink())


def main() -> int:
    if sys.argv[1:] == ["--version"]:  # for the installer's build: one place for the version
        print(version())
        return 0
    try:
        import PyInstaller.__main__  # noqa: F401
    except ImportError:
        print('PyInstaller is missing: pip install -e ".[build]"', file=sys.stderr)
        return 1
    started = time.perf_counter()
    BUILD.mkdir(exist_ok=True)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(PROJECT / "packaging" / "make_icon.py"),
                    str(BUILD / "icon")], check=True, env=environment, cwd=PROJECT)
    write_version_file(BUILD / "version_info.txt", version())
    shutil.rmtree(BUNDLE, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
                    str(PROJECT / "packaging" / "mentordesk.spec")], check=True, cwd=PROJECT)
    strip_debugging_symbols()
    seconds = time.perf_counter() - started
    size = folder_size(BUNDLE) / 1_000_000
    print(f"Built {BUNDLE} (MentorDesk {version()}): {size:.0f} MB "
          f"(aim: under {AIM_MB} MB) in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
