"""The printed report's charts, drawn with Qt's QPainter into 300-dpi pictures.

The PDF is made with Qt already, so its charts cost no second library: loading matplotlib
took longer than making the whole report's figures. They keep the look of
:mod:`reports.charts` (the screens' charts): the same colours, tiers with hatching and labels,
lines with markers, readable without colour.

Drawing happens in points (1/72 inch) on a picture scaled to 300 dots per inch; a QImage may
be painted on any thread, so a worker can draw them while the window stays responsive.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from reports import chart_style as style
from reports.chart_style import CHRONIC_LINE, MENTEE_COLOUR, TIER_COLOURS, TIER_NAMES, TIER_ORDER

DPI = 300
INK = QColor(style.INK)
MUTED = QColor(style.MUTED)
SPINE = QColor(style.SPINE)
GRID = QColor(style.GRID)
CHRONIC_RED = QColor(style.CHRONIC_COLOUR)
FONT_POINTS = float(style.FONT_POINTS)
TICK = 3.5  # tick marks' length, points


@dataclass(frozen=True)
class Series:
    """One line of a line chart: its values (None: a gap), name and look."""

    label: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False
    square: bool = False  # square markers (else round)


def _font(bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Helvetica", "Arial"])
    font.setPointSizeF(FONT_POINTS)
    font.setBold(bold)
    return font


class _Canvas:
    """A white picture ``width`` x ``height`` inches, painted in points."""

    def __init__(self, width: float, height: float, dpi: int = DPI) -> None:
        scale = dpi / 72
        self.width, self.height = width * 72, height * 72
        self.image = QImage(round(self.width * scale), round(self.height * scale),
                            QImage.Format.Format_ARGB32_Premultiplied)
        # 72 dots per inch as far as fonts know, so a 9-point font is 9 units tall in points.
        self.image.setDotsPerMeterX(round(72 / 0.0254))
        self.image.setDotsPerMeterY(round(72 / 0.0254))
        self.image.fill(QColor("white"))
        self.painter = QPainter(self.image)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.painter.scale(scale, scale)
        self.painter.setFont(_font())
        self.metrics = QFontMetricsF(_font(), self.image)

    def text_width(self, text: str) -> float:
        return self.metrics.horizontalAdvance(text)

    def text(self, x: float, y: float, text: str, *, align: str = "center",
             colour: QColor = INK, bold: bool = False) -> None:
        """``text`` with its middle at height ``y``; ``align``: where ``x`` is (left, center,
        right of the text)."""
        width = self.text_width(text) * (1.08 if bold else 1)
        left = {"left": x, "center": x - width / 2, "right": x - width}[align]
        self.painter.setFont(_font(bold))
        self.painter.setPen(colour)
        self.painter.drawText(QRectF(left - 2, y - 8, width + 4, 16),
                              Qt.AlignmentFlag.AlignCenter, text)
        self.painter.setFont(_font())

    def vertical_text(self, x: float, y: float, text: str, colour: QColor = MUTED) -> None:
        self.painter.save()
        self.painter.translate(x, y)
        self.painter.rotate(-90)
        self.text(0, 0, text, colour=colour)
        self.painter.restore()

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: QColor, width: float,
             style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
        pen = QPen(colour, width)
        pen.setStyle(style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.painter.setPen(pen)
        self.painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))

    def finish(self) -> QImage:
        self.painter.end()
        return self.image


@dataclass(frozen=True)
class _Plot:
    """Where the axes are inside the canvas, in points, and the values' ranges."""

    left: float
    top: float
    right: float
    bottom: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float

    def x(self, value: float) -> float:
        return self.left + (value - self.x_low) / (self.x_high - self.x_low) * \
            (self.right - self.left)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.y_low) / (self.y_high - self.y_low) * \
            (self.bottom - self.top)


def nice_ticks(high: float, bins: int = 5, *, integer: bool = False) -> list[float]:
    """Ticks 0, step, 2 step, ... up to ``high``: the step 1, 2 or 5 times a power of ten that
    gives at most ``bins`` intervals (whole numbers only when ``integer``)."""
    if high <= 0:
        return [0.0]
    raw = high / bins
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw - 1e-12)
    if integer:
        step = max(1, round(step))
    count = int(math.floor(high / step + 1e-9))
    return [n * step for n in range(count + 1)]


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _axes(canvas: _Canvas, plot: _Plot, *, y_ticks: Sequence[float], y_label: str = "",
          y_words=None, x_ticks: Sequence[tuple[float, str]] = (), x_label: str = "",
          grid: bool = False) -> None:
    """Spines on the left and bottom, ticks and their words, the axes' names."""
    words = y_words or (lambda value: f"{value:g}")
    for value in y_ticks:
        y = plot.y(value)
        if grid and value:
            canvas.line(plot.left, y, plot.right, y, GRID, 0.6)
        canvas.line(plot.left - TICK, y, plot.left, y, SPINE, 0.8)
        canvas.text(plot.left - TICK - 2.5, y, words(value), align="right")
    for value, word in x_ticks:
        x = plot.x(value)
        canvas.line(x, plot.bottom, x, plot.bottom + TICK, SPINE, 0.8)
        canvas.text(x, plot.bottom + TICK + 8, word)
    canvas.line(plot.left, plot.top, plot.left, plot.bottom, SPINE, 0.8)
    canvas.line(plot.left, plot.bottom, plot.right, plot.bottom, SPINE, 0.8)
    if y_label:
        widest = max((canvas.text_width(words(v)) for v in y_ticks), default=0)
        canvas.vertical_text(plot.left - TICK - 2.5 - widest - 9, (plot.top + plot.bottom) / 2,
                             y_label)
    if x_label:
        canvas.text((plot.left + plot.right) / 2, plot.bottom + TICK + 23, x_label, colour=MUTED)


def _legend(canvas: _Canvas, y: float, entries: Sequence[tuple[str, object]]) -> None:
    """One row of entries centred at height ``y``: each a small key drawn by its function,
    then its words."""
    key_width, gap = 20.0, 14.0
    widths = [key_width + 5 + canvas.text_width(label) for label, _ in entries]
    x = (canvas.width - sum(widths) - gap * (len(entries) - 1)) / 2
    for (label, draw_key), width in zip(entries, widths, strict=True):
        draw_key(canvas, QRectF(x, y - 4, key_width, 8))
        canvas.text(x + key_width + 5, y, label, align="left")
        x += width + gap


def _hatch(canvas: _Canvas, rect: QRectF, tier: str) -> None:
    """The tier's hatching in white over its colour, so the tiers part without colour."""
    painter = canvas.painter
    painter.save()
    painter.setClipRect(rect)
    pen = QPen(QColor("white"), 0.7)
    painter.setPen(pen)
    spacing = 4.0
    if tier == "at-risk":
        painter.setBrush(QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        y = rect.top() + spacing / 2
        row = 0
        while y < rect.bottom():
            x = rect.left() + spacing / 2 + (spacing / 2 if row % 2 else 0)
            while x < rect.right():
                painter.drawEllipse(QPointF(x, y), 0.55, 0.55)
                x += spacing
            y += spacing / 2
            row += 1
    elif tier in ("moderate", "severe"):
        offset = -rect.height()
        while offset < rect.width():
            start = rect.left() + offset
            painter.drawLine(QPointF(start, rect.bottom()),
                             QPointF(start + rect.height(), rect.top()))
            if tier == "severe":
                painter.drawLine(QPointF(start, rect.top()),
                                 QPointF(start + rect.height(), rect.bottom()))
            offset += spacing
    painter.restore()


def _tier_box(tier: str):
    def draw(canvas: _Canvas, rect: QRectF) -> None:
        canvas.painter.fillRect(rect, QColor(TIER_COLOURS[tier]))
        _hatch(canvas, rect, tier)
    return draw


def tier_shift_picture(at_start: Mapping[str, int], now: Mapping[str, int], *,
                       first_label: str = "At match start", second_label: str = "Now",
                       width: float = 6.5, height: float = 2.0, dpi: int = DPI) -> QImage:
    """Two stacked bars, the mentees' attendance tiers at match start (above) and now."""
    canvas = _Canvas(width, height, dpi)
    bars = [(first_label, at_start), (second_label, now)]
    totals = [sum(counts.get(t, 0) for t in TIER_ORDER) for _, counts in bars]
    ticks = nice_ticks(max(max(totals), 1), 8, integer=True)
    labels_width = max(canvas.text_width(label) for label, _ in bars)
    plot = _Plot(left=labels_width + 14, top=6, right=canvas.width - 10,
                 bottom=canvas.height - 64, x_low=0, x_high=max(max(totals), 1),
                 y_low=0, y_high=2)
    band = (plot.bottom - plot.top) / 2
    for n, ((label, counts), total) in enumerate(zip(bars, totals, strict=True)):
        middle = plot.top + band * (n + 0.5)
        top, bottom = middle - band * 0.3, middle + band * 0.3
        canvas.text(plot.left - TICK - 3, middle, label, align="right")
        canvas.line(plot.left - TICK, middle, plot.left, middle, SPINE, 0.8)
        left = 0
        for tier in TIER_ORDER:
            count = counts.get(tier, 0)
            if not count:
                continue
            rect = QRectF(QPointF(plot.x(left), top), QPointF(plot.x(left + count), bottom))
            canvas.painter.fillRect(rect, QColor(TIER_COLOURS[tier]))
            _hatch(canvas, rect, tier)
            canvas.line(rect.right(), top, rect.right(), bottom, QColor("white"), 0.8)
            if total and count / total >= 0.06:
                # The number on a patch of the tier's colour, so hatching never crosses it.
                words = str(count)
                patch = QRectF(0, 0, canvas.text_width(words) * 1.1 + 5, 12)
                patch.moveCenter(rect.center())
                canvas.painter.setPen(Qt.PenStyle.NoPen)
                canvas.painter.setBrush(QColor(TIER_COLOURS[tier]))
                canvas.painter.drawRoundedRect(patch, 2, 2)
                canvas.text(rect.center().x(), rect.center().y(), words, bold=True,
                            colour=QColor("white") if tier in ("severe", "satisfactory")
                            else INK)
            left += count
    for value in ticks:
        x = plot.x(value)
        canvas.line(x, plot.bottom, x, plot.bottom + TICK, SPINE, 0.8)
        canvas.text(x, plot.bottom + TICK + 8, f"{value:g}")
    canvas.line(plot.left, plot.top, plot.left, plot.bottom, SPINE, 0.8)
    canvas.line(plot.left, plot.bottom, plot.right, plot.bottom, SPINE, 0.8)
    canvas.text((plot.left + plot.right) / 2, plot.bottom + TICK + 23, "Mentees", colour=MUTED)
    _legend(canvas, canvas.height - 12,
            [(TIER_NAMES[tier], _tier_box(tier)) for tier in TIER_ORDER])
    return canvas.finish()


def _series_key(series: Series):
    def draw(canvas: _Canvas, rect: QRectF) -> None:
        middle = rect.center().y()
        _polyline(canvas, [QPointF(rect.left(), middle), QPointF(rect.right(), middle)], series)
        _marker(canvas, rect.center(), series)
    return draw


def _rule_key(canvas: _Canvas, rect: QRectF) -> None:
    middle = rect.center().y()
    canvas.line(rect.left(), middle, rect.right(), middle, CHRONIC_RED, 0.9,
                Qt.PenStyle.DotLine)


def _polyline(canvas: _Canvas, points: Sequence[QPointF], series: Series) -> None:
    pen = QPen(QColor(series.colour), 1.6 if series.dashed else 2.0)
    if series.dashed:
        pen.setDashPattern([3.0, 1.6])
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    canvas.painter.setPen(pen)
    canvas.painter.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    canvas.painter.drawPath(path)


def _marker(canvas: _Canvas, point: QPointF, series: Series) -> None:
    canvas.painter.setPen(Qt.PenStyle.NoPen)
    canvas.painter.setBrush(QBrush(QColor(series.colour)))
    if series.square:
        canvas.painter.drawRect(QRectF(point.x() - 1.75, point.y() - 1.75, 3.5, 3.5))
    else:
        canvas.painter.drawEllipse(point, 2.0, 2.0)


def lines_picture(months: Sequence[str], series: Sequence[Series], *, y_label: str,
                  chronic_line: bool = False, width: float = 6.5, height: float = 2.4,
                  dpi: int = DPI) -> QImage:
    """Rates month by month (percent axis from 0), one line per series with gaps where a
    value is missing; ``chronic_line``: the 10% line of chronic absence, dotted red."""
    canvas = _Canvas(width, height, dpi)
    values = [v for s in series for v in s.values if v is not None]
    highest = max(values + [CHRONIC_LINE if chronic_line else 0.1]) * 1.2
    ticks = nice_ticks(highest, 5)
    widest = max(canvas.text_width(_percent(v)) for v in ticks)
    count = len(months)
    plot = _Plot(left=widest + TICK + 2.5 + 20, top=6, right=canvas.width - 10,
                 bottom=canvas.height - 44, x_low=-0.4, x_high=max(count - 1, 0) + 0.4,
                 y_low=0, y_high=highest)
    _axes(canvas, plot, y_ticks=ticks, y_words=_percent, y_label=y_label, grid=True,
          x_ticks=list(enumerate(months)))
    entries = []
    for line in series:
        runs: list[list[QPointF]] = [[]]
        for n, value in enumerate(line.values):
            if value is None:
                runs.append([])
            else:
                runs[-1].append(QPointF(plot.x(n), plot.y(value)))
        for run in runs:
            if len(run) > 1:
                _polyline(canvas, run, line)
            for point in run:
                _marker(canvas, point, line)
        entries.append((line.label, _series_key(line)))
    if chronic_line:
        y = plot.y(CHRONIC_LINE)
        canvas.line(plot.left, y, plot.right, y, CHRONIC_RED, 0.9, Qt.PenStyle.DotLine)
        entries.append(("10%: chronic absence", _rule_key))
    _legend(canvas, canvas.height - 10, entries)
    return canvas.finish()


def meetings_picture(counts: Sequence[int], *, median: float | None = None,
                     width: float = 6.5, height: float = 2.4, dpi: int = DPI) -> QImage:
    """How many mentees had each number of held meetings (bars; a bar per number when they
    are few, else per equal band), with the median marked."""
    canvas = _Canvas(width, height, dpi)
    highest = max(counts, default=0)
    step = max(1, math.ceil((highest + 1) / 15))
    bins = [0] * (highest // step + 1)
    for count in counts:
        bins[count // step] += 1
    tallest = max(bins + [1])
    y_ticks = nice_ticks(tallest * 1.05, 6, integer=True)
    widest = max(canvas.text_width(f"{v:g}") for v in y_ticks)
    low = -0.5 if step == 1 else 0
    high = len(bins) * step - (0.5 if step == 1 else 0)
    plot = _Plot(left=widest + TICK + 2.5 + 20, top=8, right=canvas.width - 10,
                 bottom=canvas.height - 40, x_low=low, x_high=high, y_low=0,
                 y_high=max(tallest * 1.05, y_ticks[-1]))
    x_ticks = [(value, f"{value:g}")
               for value in nice_ticks(highest if step == 1 else len(bins) * step, 10,
                                       integer=True)]
    for n, mentees in enumerate(bins):
        if not mentees:
            continue
        start = n * step - (0.5 if step == 1 else 0)
        rect = QRectF(QPointF(plot.x(start), plot.y(mentees)),
                      QPointF(plot.x(start + step), plot.bottom))
        canvas.painter.fillRect(rect, QColor(MENTEE_COLOUR))
        canvas.line(rect.left(), rect.top(), rect.left(), rect.bottom(), QColor("white"), 0.8)
        canvas.line(rect.right(), rect.top(), rect.right(), rect.bottom(), QColor("white"), 0.8)
    _axes(canvas, plot, y_ticks=y_ticks, y_label="Mentees", x_ticks=x_ticks,
          x_label="Meetings with the student held")
    if median is not None:
        x = plot.x(median)
        canvas.line(x, plot.top, x, plot.bottom, INK, 1.0, Qt.PenStyle.DashLine)
        label = f"median {median:g}"
        right = plot.right - 4
        canvas.line(right - canvas.text_width(label) - 26, plot.top + 6,
                    right - canvas.text_width(label) - 8, plot.top + 6, INK, 1.0,
                    Qt.PenStyle.DashLine)
        canvas.text(right, plot.top + 6, label, align="right")
    return canvas.finish()
