"""A matplotlib Figure shown in the window; matplotlib is imported only when a chart is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.loading import Loader


class ChartView(QWidget):
    """Holds one chart; :meth:`show_figure` puts a matplotlib Figure in Qt's canvas."""

    def __init__(self, description: str, parent: QWidget | None = None,
                 minimum_height: int = 200) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: QWidget | None = None
        self._message = QLabel("")
        self._message.setObjectName("hint")
        self._message.setWordWrap(True)
        self._layout.addWidget(self._message)
        self.setMinimumHeight(minimum_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(description)
        self.setToolTip(description)
        self.loader = Loader(self)

    def build(self, make_figure: Callable[[], Any], description: str | None = None) -> None:
        """Draw the chart off the UI thread (matplotlib loads there the first time), then show
        it; a newer request replaces an older one still being drawn."""
        self.show_message("Drawing the chart…")
        self.loader.run(make_figure, lambda figure: self.show_figure(figure, description))

    def show_message(self, text: str) -> None:
        """No chart: a sentence instead (no data, or still loading)."""
        self._drop_canvas()
        self._message.setText(text)
        self._message.show()

    def show_figure(self, figure: Any, description: str | None = None) -> None:
        """Show ``figure`` (a matplotlib.figure.Figure, never pyplot)."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self._drop_canvas()
        self._message.hide()
        canvas = FigureCanvasQTAgg(figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        canvas.setAccessibleName(description or self.accessibleName())
        canvas.setToolTip(description or self.toolTip())
        self._layout.addWidget(canvas)
        self._canvas = canvas
        if description:
            self.setAccessibleName(description)

    def has_chart(self) -> bool:
        return self._canvas is not None

    def _drop_canvas(self) -> None:
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.deleteLater()
            self._canvas = None
