"""A tier shown as a coloured chip with its word, readable without colour."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from program.vocabulary import tier_words
from ui.style import TIER_COLOURS


class TierBadge(QLabel):
    """The attendance tier as a chip: colour for a glance, the word for everyone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_tier(None)

    def set_tier(self, tier: str | None, text: str | None = None) -> None:
        fill, ink = TIER_COLOURS.get(tier, TIER_COLOURS[None])
        shown = text or tier_words(tier)
        self.setText(shown)
        self.setStyleSheet(f"QLabel {{ background: {fill}; color: {ink}; border-radius: 9px; "
                           f"padding: 2px 10px; font-weight: 600; border: 1px solid {ink}; }}")
        self.setAccessibleName(f"Attendance tier: {shown}")
        self.setToolTip(
            "Attendance tier from the absence rate: satisfactory under 5%, at risk 5% to under "
            "10%, moderate 10% to under 20% (chronic), severe 20% and over (chronic).")
