"""Students per attendance tier as one stacked bar, with each tier's count written in it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from program.attendance import TIERS as TIER_ORDER
from program.vocabulary import ATTENDANCE_SOURCES, tier_words
from ui.style import TIER_COLOURS

# Patterns as well as colours, so the bar reads in grey print and without colour vision.
_PATTERNS = {"satisfactory": Qt.BrushStyle.NoBrush, "at-risk": Qt.BrushStyle.Dense6Pattern,
             "moderate": Qt.BrushStyle.BDiagPattern, "severe": Qt.BrushStyle.DiagCrossPattern}


class TierBar(QWidget):
    """One horizontal bar split by tier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[str, int] = {}
        self.setMinimumHeight(34)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Students per attendance tier")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, max(34, self.fontMetrics().height() * 2))

    def set_counts(self, counts: Mapping[str | None, int]) -> None:
        self.counts = {tier: int(counts.get(tier, 0)) for tier in TIER_ORDER}
        words = ", ".join(f"{tier_words(tier)}: {self.counts[tier]}" for tier in TIER_ORDER)
        self.setToolTip(words)
        self.setAccessibleDescription(words)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        total = sum(self.counts.values())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if not total:
            painter.setPen(QColor("#52606d"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, ATTENDANCE_SOURCES["none"])
            return
        left = area.left()
        for tier in TIER_ORDER:
            count = self.counts[tier]
            if not count:
                continue
            width = area.width() * count / total
            part = QRectF(left, area.top(), width, area.height())
            fill, ink = TIER_COLOURS[tier]
            painter.fillRect(part, QColor(fill))
            pattern = _PATTERNS[tier]
            if pattern != Qt.BrushStyle.NoBrush:
                painter.fillRect(part, QBrush(QColor(ink).lighter(170), pattern))
            painter.setPen(QPen(QColor("white"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(part)
            label = str(count)
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            text_width = metrics.horizontalAdvance(label) + 10
            if text_width < width:
                # A plain chip behind the number keeps it readable over the pattern.
                chip = QRectF(0, 0, text_width, metrics.height() + 2)
                chip.moveCenter(part.center())
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(fill))
                painter.drawRoundedRect(chip, 4, 4)
                painter.setPen(QColor(ink))
                painter.drawText(part, Qt.AlignmentFlag.AlignCenter, label)
            left += width
