"""One consistent look: the Fusion style, a calm palette, readable fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

STYLESHEET = """
QMainWindow, QDialog { background: #f7f8fa; }
QToolTip { color: #1f2933; background: #fffbe6; border: 1px solid #d9c77a; padding: 4px; }
QLabel#pageTitle { font-size: 16pt; font-weight: 600; color: #1f2933; }
QLabel#hint { color: #52606d; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
