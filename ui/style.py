"""One consistent look: the Fusion style, a calm palette, readable fonts, tier colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6690"
TEXT = "#1f2933"
MUTED = "#52606d"
BACKGROUND = "#f7f8fa"
PANEL = "#ffffff"
BORDER = "#d3d9e0"

# Tier colours: a light fill with dark text, so the word stays readable (and printable in grey).
TIER_COLOURS = {
    "satisfactory": ("#e3f1e4", "#1e5b2a"),
    "at-risk": ("#fff3cd", "#6b4e00"),
    "moderate": ("#fde2c8", "#7a3300"),
    "severe": ("#f8d0d0", "#7d1414"),
    None: ("#eef1f4", "#52606d"),
}

STYLESHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QToolTip {{ color: {TEXT}; background: #fffbe6; border: 1px solid #d9c77a; padding: 4px; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 600; color: {TEXT}; }}
QLabel#paneTitle {{ font-size: 13pt; font-weight: 600; color: {TEXT}; }}
QLabel#sectionTitle {{ font-weight: 600; color: {TEXT}; margin-top: 6px; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#count {{ color: {MUTED}; }}
QLabel#banner {{ background: #e8f0f7; border: 1px solid #b8cde0; border-radius: 4px;
                 padding: 6px 8px; color: {TEXT}; }}
QLabel#warning {{ background: #fff3cd; border: 1px solid #e5cf85; border-radius: 4px;
                  padding: 6px 8px; color: #4d3a00; }}
QListWidget#navigation {{ background: #243b53; color: #f0f4f8; border: none; outline: none;
                          padding-top: 6px; }}
QListWidget#navigation::item {{ padding: 8px 10px; border-radius: 4px; margin: 1px 6px; }}
QListWidget#navigation::item:selected {{ background: #486581; color: white; }}
QListWidget#navigation:disabled {{ color: #7b8da1; }}
QListWidget#navigation::item:hover:!selected {{ background: #334e68; }}
QTableView {{ background: {PANEL}; alternate-background-color: #f4f6f8; gridline-color: #e4e7eb;
              selection-background-color: #cfe0f1; selection-color: {TEXT}; }}
QHeaderView::section {{ background: #eef1f4; color: {TEXT}; padding: 4px 6px; border: none;
                        border-right: 1px solid #dde2e8; border-bottom: 1px solid #ccd3da;
                        font-weight: 600; }}
QFrame#pane {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 4px; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; background: {PANEL}; }}
QTabBar::tab {{ padding: 5px 7px; }}
QPushButton {{ padding: 4px 12px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #24506f;
                       border-radius: 3px; padding: 5px 14px; font-weight: 600; }}
QPushButton#primary:hover {{ background: #3a78a6; }}
QPushButton#primary:disabled {{ background: #9fb3c8; border-color: #9fb3c8; }}
"""


def apply_style(app: QApplication) -> None:
    """Give the whole application MentorDesk's look."""
    app.setStyle("Fusion")
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor(PANEL))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0f1"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#fffbe6"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)


def tier_colours(tier: str | None) -> tuple[QColor, QColor]:
    """(fill, text) colours of a tier; grey for no tier."""
    fill, text = TIER_COLOURS.get(tier, TIER_COLOURS[None])
    return QColor(fill), QColor(text)
