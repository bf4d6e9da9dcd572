"""The lower bound for MentorDesk's start: a bare PySide6 window, shown and painted, as a whole
process. Prints "painted" the moment its first paint is done (bench/bench_start.py times it)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class BareWindow(QMainWindow):
    """An empty main window of MentorDesk's size."""

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        QTimer.singleShot(0, self.painted)

    def painted(self) -> None:
        print("painted", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = BareWindow()
    window.setWindowTitle("Bare window")
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
