"""Draw MentorDesk's icon (ui.icons.app_icon) into FOLDER as mentordesk.ico, .icns and .png.

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py build/icon
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(folder: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from ui.icons import app_icon

    application = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    folder.mkdir(parents=True, exist_ok=True)
    image = app_icon((256,)).pixmap(256, 256).toImage()
    for suffix in ("ico", "icns", "png"):
        target = folder / f"mentordesk.{suffix}"
        if not image.save(str(target), suffix.upper()):
            raise SystemExit(f"Qt could not write {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icon"))
