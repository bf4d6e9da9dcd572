"""The QTextDocument every printed page starts from: one font, one look."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QTextDocument

from reports.html import INK

BASE_POINT_SIZE = 10
STYLE_SHEET = f"""
body {{ color: {INK}; }}
h1 {{ font-size: 18pt; font-weight: 600; margin-bottom: 4px; }}
h2 {{ font-size: 14pt; font-weight: 600; margin-top: 14px; margin-bottom: 6px; }}
h3 {{ font-size: 11pt; font-weight: 600; margin-top: 10px; margin-bottom: 4px; }}
th {{ font-weight: 600; }}
"""


def new_document(body_html: str, *, title: str = "",
                 images: Mapping[str, QImage] | None = None) -> QTextDocument:
    """A document with the house font and styles holding ``body_html``.

    ``images`` maps names used in ``<img src="NAME">`` to pictures (charts, the logo).
    """
    document = QTextDocument()
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BASE_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(STYLE_SHEET)
    document.setHtml(f"<html><body>{body_html}</body></html>")
    if title:
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return document
