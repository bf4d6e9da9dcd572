"""Small builders for the rich text (Qt's HTML subset) that printed pages are made of.

Every piece of text from the data file goes through :func:`esc`, so a name with ``<`` or ``&``
prints as typed and can never change the page's layout.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from reports.formats import display_text, unwrap

INK = "#1f2933"
MUTED = "#52606d"
RULE = "#9aa5b1"
HEADER_FILL = "#dde3ea"
STRIPE_FILL = "#f4f6f8"
NUMERIC_FORMATS = {"integer", "decimal", "number", "percent"}


def esc(text: Any) -> str:
    """Text made safe to put inside the page's HTML."""
    return html.escape("" if text is None else str(text), quote=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], formats: Sequence[str], *,
          widths: Sequence[int] | None = None, empty_text: str = "Nothing to show.",
          no_wrap: Sequence[bool] | None = None, padding: int = 4, gutter: int = 0) -> str:
    """A table with a header row that repeats on every printed page and banded rows.

    ``no_wrap`` marks columns whose cells stay on one line (IDs, dates); figures always do.
    ``gutter`` (px) is extra room after each figure, for tight lists where a right-aligned
    "6" would otherwise touch the next column's "6D".
    """
    if not rows:
        return f'<p style="color:{MUTED}"><i>{esc(empty_text)}</i></p>'
    parts = [f'<table width="100%" cellspacing="0" cellpadding="{padding}" border="0" '
             f'style="border-collapse: collapse; border-bottom: 1px solid {RULE}">', "<thead><tr>"]
    for index, header in enumerate(headers):
        align = "right" if formats[index] in NUMERIC_FORMATS else "left"
        width = f' width="{widths[index]}%"' if widths else ""
        # A one-word heading is never split inside the word ("Gra-de").
        keep = "; white-space: nowrap" if " " not in str(header).strip() else ""
        if align == "right" and gutter:
            keep += f"; padding-right: {gutter}px"
        parts.append(f'<th align="{align}" bgcolor="{HEADER_FILL}"{width} '
                     f'style="border-bottom: 1px solid {RULE}{keep}">{esc(header)}</th>')
    parts.append("</tr></thead><tbody>")
    for number, row in enumerate(rows):
        fill = f' bgcolor="{STRIPE_FILL}"' if number % 2 else ""
        parts.append(f"<tr{fill}>")
        for index, fmt in enumerate(formats):
            value, fmt = unwrap(row[index] if index < len(row) else None, fmt)
            numeric = fmt in NUMERIC_FORMATS
            text = esc(display_text(value, fmt)).replace("\n", "<br>")
            # A figure (or "fewer than 5" in its place) never breaks over two lines, where it
            # would read as two figures.
            one_line = numeric or bool(no_wrap and index < len(no_wrap) and no_wrap[index])
            styles = ["white-space: nowrap"] if one_line else []
            if numeric and gutter:
                styles.append(f"padding-right: {gutter}px")
            keep = f' style="{"; ".join(styles)}"' if styles else ""
            parts.append(f'<td align="{"right" if numeric else "left"}" valign="top"{keep}>'
                         f"{text}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def key_values(rows: Sequence[tuple[str, Any] | list]) -> str:
    """A two-column table of labels and values, without a header row."""
    cells = "".join(f'<tr><td width="20%" valign="top"><b>{esc(label)}</b></td>'
                    f'<td valign="top">{esc(value)}</td></tr>' for label, value in rows)
    return f'<table width="100%" cellspacing="0" cellpadding="4">{cells}</table>'


def heading(text: str, level: int = 2, *, new_page: bool = False) -> str:
    """A heading; ``new_page`` starts it on a fresh printed page."""
    style = "page-break-before: always; " if new_page else ""
    return f'<h{level} style="{style}color:{INK}">{esc(text)}</h{level}>'


def paragraph(text: str, *, muted: bool = False, small: bool = False) -> str:
    styles = []
    if muted:
        styles.append(f"color:{MUTED}")
    if small:
        styles.append("font-size:small")
    return f'<p style="{"; ".join(styles)}">{esc(text)}</p>'


def bullet_list(items: Sequence[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
