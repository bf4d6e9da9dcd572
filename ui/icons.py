"""Small line icons drawn with QPainter (no picture files to ship or download)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZE = 64
_cache: dict[tuple[str, str], QIcon] = {}


def _person(p: QPainter, x: float, y: float, scale: float = 1.0) -> None:
    p.drawEllipse(QPointF(x, y - 10 * scale), 8 * scale, 8 * scale)
    path = QPainterPath()
    path.moveTo(x - 15 * scale, y + 20 * scale)
    path.cubicTo(x - 15 * scale, y + 2 * scale, x + 15 * scale, y + 2 * scale,
                 x + 15 * scale, y + 20 * scale)
    p.drawPath(path)


def _students(p: QPainter) -> None:
    _person(p, 32, 30)


def _mentors(p: QPainter) -> None:
    _person(p, 22, 30, 0.85)
    _person(p, 42, 34, 0.85)


def _matches(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(8, 24, 26, 16), 8, 8)
    p.drawRoundedRect(QRectF(30, 24, 26, 16), 8, 8)


def _meetings(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(10, 14, 44, 40), 4, 4)
    p.drawLine(QPointF(10, 26), QPointF(54, 26))
    p.drawLine(QPointF(22, 8), QPointF(22, 18))
    p.drawLine(QPointF(42, 8), QPointF(42, 18))
    p.drawLine(QPointF(22, 38), QPointF(30, 46))
    p.drawLine(QPointF(30, 46), QPointF(44, 32))


def _attendance(p: QPainter) -> None:
    p.drawLine(QPointF(10, 54), QPointF(54, 54))
    for x, top in ((16, 38), (28, 26), (40, 32), (52, 16)):
        p.drawLine(QPointF(x - 2, 54), QPointF(x - 2, top))


def _this_week(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(10, 14, 44, 40), 4, 4)
    p.drawLine(QPointF(10, 26), QPointF(54, 26))
    for x in (20, 32, 44):
        p.drawPoint(QPointF(x, 38))


def _trainings(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(6, 26)
    path.lineTo(32, 14)
    path.lineTo(58, 26)
    path.lineTo(32, 38)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(18, 32), QPointF(18, 46))
    p.drawLine(QPointF(46, 32), QPointF(46, 46))


def _referrals(p: QPainter) -> None:
    p.drawLine(QPointF(10, 32), QPointF(50, 32))
    p.drawLine(QPointF(38, 20), QPointF(50, 32))
    p.drawLine(QPointF(38, 44), QPointF(50, 32))


def _reports(p: QPainter) -> None:
    p.drawRect(QRectF(14, 8, 36, 48))
    for y in (20, 30, 40):
        p.drawLine(QPointF(22, y), QPointF(42, y))


def _settings(p: QPainter) -> None:
    p.drawEllipse(QPointF(32, 32), 10, 10)
    for angle in range(0, 360, 45):
        from math import cos, radians, sin

        a = radians(angle)
        p.drawLine(QPointF(32 + 14 * cos(a), 32 + 14 * sin(a)),
                   QPointF(32 + 22 * cos(a), 32 + 22 * sin(a)))


def _search(p: QPainter) -> None:
    p.drawEllipse(QPointF(27, 27), 14, 14)
    p.drawLine(QPointF(37, 37), QPointF(54, 54))


def _plus(p: QPainter) -> None:
    p.drawLine(QPointF(32, 12), QPointF(32, 52))
    p.drawLine(QPointF(12, 32), QPointF(52, 32))


DRAWINGS: dict[str, Callable[[QPainter], None]] = {
    "students": _students, "mentors": _mentors, "matches": _matches, "meetings": _meetings,
    "attendance": _attendance, "this_week": _this_week, "trainings": _trainings,
    "referrals": _referrals, "reports": _reports, "settings": _settings, "search": _search,
    "add": _plus,
}


def icon(name: str, colour: str = "#243b53") -> QIcon:
    """The icon ``name`` drawn in ``colour`` (cached)."""
    key = (name, colour)
    if key not in _cache:
        result = QIcon()
        for size in (16, 24, 32, 48, 64):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.scale(size / SIZE, size / SIZE)
            pen = QPen(QColor(colour), 5.0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            DRAWINGS[name](painter)
            painter.end()
            result.addPixmap(pixmap)
        _cache[key] = result
    return _cache[key]


def app_icon(sizes: tuple[int, ...] = (16, 24, 32, 48, 64)) -> QIcon:
    """MentorDesk's own icon: a grown-up and a student side by side, on the accent colour
    (the window's sizes; packaging/make_icon.py asks for 256 too)."""
    result = QIcon()
    for size in sizes:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / SIZE, size / SIZE)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2f6690"))
        painter.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
        pen = QPen(QColor("#ffffff"), 4.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _person(painter, 24, 30, 0.95)
        _person(painter, 43, 37, 0.7)
        painter.end()
        result.addPixmap(pixmap)
    return result
