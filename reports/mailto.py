"""An email draft as a mailto: link (RFC 6068), for the person's own mail program to open:
MentorDesk itself never opens a network connection."""

from __future__ import annotations

from urllib.parse import quote

# Mail programs cut very long links; past this the body is shortened with a note.
LONGEST_LINK = 12000
CUT_NOTE = "\n\n(The note was cut here: print it or copy it from MentorDesk for the rest.)"


def _encoded(text: str) -> str:
    # Every reserved character is escaped (an "&" in a note must not start a new field);
    # line breaks are written as CRLF, as RFC 6068 asks.
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")


def mailto_link(to: str, subject: str, body: str, *, longest: int = LONGEST_LINK) -> str:
    """``mailto:ADDRESS?subject=...&body=...``, percent-encoded (UTF-8). A body that would make
    the link longer than ``longest`` characters is cut at a line end, with a note saying so."""
    address = quote(to.strip(), safe="@!$'()*+,;=")
    head = f"mailto:{address}?subject={_encoded(subject)}&body="
    link = head + _encoded(body)
    if len(link) <= longest:
        return link
    lines = body.splitlines()
    while lines and len(head + _encoded("\n".join(lines) + CUT_NOTE)) > longest:
        lines.pop()
    return head + _encoded("\n".join(lines) + CUT_NOTE)
