"""The portable MentorDesk for a USB stick: dist/MentorDesk-VERSION-portable.zip.

    python packaging/portable.py          (after python packaging/build.py)

The zip holds the built folder with an empty mentordesk-portable.txt beside the program: that
file makes MentorDesk keep its data in "MentorDesk data" next to it (storage/paths.py), so the
stick carries the program and the school's file together, and nothing goes on the computer.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import BUNDLE, DIST, version  # noqa: E402

MARKER = "mentordesk-portable.txt"  # storage.paths.PORTABLE_MARKER
MARKER_TEXT = ("This file makes MentorDesk keep its data in the folder \"MentorDesk data\" "
               "beside it. Delete it to keep the data in your user folder instead.\n")


def make_portable(bundle: Path, target: Path) -> Path:
    """Zip ``bundle`` as the folder MentorDesk/ with the portable marker beside the program."""
    if not bundle.is_dir():
        raise SystemExit(f"{bundle} is missing: run python packaging/build.py first")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_file() and path.name != MARKER:
                archive.write(path, Path("MentorDesk") / path.relative_to(bundle))
        archive.writestr(f"MentorDesk/{MARKER}", MARKER_TEXT)
    return target


def main() -> int:
    made = make_portable(BUNDLE, DIST / f"MentorDesk-{version()}-portable.zip")
    print(f"Made {made} ({made.stat().st_size / 1_000_000:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
