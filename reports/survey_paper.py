"""The survey on paper: a printable form with a line for the student's name and ID (or the
mentor's name), a box to tick for each sentence, and lines for answers in their own words.

The boxes are drawn as little bordered table cells, not a box character, so they print on any
computer whatever its fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from program.surveys import AGREEMENT
from reports.html import INK, MUTED, RULE, esc

TITLES = {"mentee": "How is school going?", "mentor": "How is mentoring going?"}
INTRODUCTIONS = {
    "mentee": "This is not a test: there are no right or wrong answers. For each sentence, tick "
              "the one box that says how much you agree. Your answers help the mentoring "
              "program; your mentor and the program's facilitator may see them.",
    "mentor": "For each sentence, tick the one box that says how much you agree. Your answers "
              "help the program's facilitator make mentoring easier.",
}
_WRITE_LINES = 3


def _box() -> str:
    return (f'<table border="1" cellspacing="0" cellpadding="0" align="center" '
            f'style="border-color:{INK}; border-style: solid"><tr>'
            '<td width="16" style="font-size:11pt">&nbsp;&nbsp;&nbsp;</td></tr></table>')


def _identity(audience: str) -> str:
    """The lines at the top: name and student ID (students), name (mentors), the date."""
    cells = [("Name", 44), ("Student ID", 28), ("Date", 28)] if audience == "mentee" \
        else [("Name", 64), ("Date", 36)]
    top = "".join(f'<td width="{width}%" style="padding-top:10px; border-bottom: 1px solid '
                  f'{INK}">&nbsp;</td>' for _, width in cells)
    labels = "".join(f'<td width="{width}%" style="color:{MUTED}; font-size:9pt">'
                     f"{esc(label)}</td>" for label, width in cells)
    return (f'<table width="100%" cellspacing="8" cellpadding="2"><tr>{top}</tr>'
            f"<tr>{labels}</tr></table>")


def paper_form_html(audience: str, questions: Sequence[dict], *, school_name: str = "") -> str:
    """The paper form as the rich text a printed page is made of."""
    agreement = [q for q in questions if q["kind"] == "agreement"]
    written = [q for q in questions if q["kind"] != "agreement"]
    parts = [f'<h1 style="color:{INK}">{esc(TITLES[audience])}</h1>',
             f'<p style="color:{MUTED}">Mentoring program survey'
             f'{" · " + esc(school_name) if school_name else ""}</p>',
             _identity(audience),
             f'<p style="margin-top:12px">{esc(INTRODUCTIONS[audience])}</p>']
    if agreement:
        head = "".join(f'<th width="11%" align="center" style="font-size:9pt; border-bottom: '
                       f'1px solid {RULE}">{esc(word)}</th>' for word in AGREEMENT)
        parts.append(f'<table width="100%" cellspacing="0" cellpadding="7" '
                     f'style="border-collapse: collapse"><thead><tr>'
                     f'<th width="56%" align="left" style="border-bottom: 1px solid {RULE}">'
                     f"</th>{head}</tr></thead><tbody>")
        for number, question in enumerate(agreement, start=1):
            fill = ' bgcolor="#f4f6f8"' if number % 2 == 0 else ""
            boxes = "".join(f'<td align="center" valign="middle">{_box()}</td>'
                            for _ in AGREEMENT)
            parts.append(f"<tr{fill}><td valign=\"middle\">{number}. {esc(question['text'])}"
                         f"</td>{boxes}</tr>")
        parts.append("</tbody></table>")
    for number, question in enumerate(written, start=len(agreement) + 1):
        parts.append(f'<p style="margin-top:16px"><b>{number}. {esc(question["text"])}</b></p>')
        lines = "".join(f'<tr><td style="border-bottom: 1px solid {RULE}; padding-top:22px">'
                        "&nbsp;</td></tr>" for _ in range(_WRITE_LINES))
        parts.append(f'<table width="100%" cellspacing="0" cellpadding="2">{lines}</table>')
    parts.append(f'<p style="margin-top:18px; color:{MUTED}">Thank you!</p>')
    return "".join(parts)


def paper_form_document(audience: str, questions: Sequence[dict], *, school_name: str = ""):
    """The paper form as a QTextDocument (to print, or to save as PDF)."""
    from reports.document import new_document

    return new_document(paper_form_html(audience, questions, school_name=school_name),
                        title=TITLES[audience])


def save_paper_form(path: Path | str, audience: str, questions: Sequence[dict], *,
                    school_name: str = "", logo_path: str = "", paper: str | None = None,
                    printed_on=None) -> Path:
    """The paper form as a PDF (Letter or A4), with the school's name and logo on top."""
    from reports.pdf import PageDecor, load_logo, save_pdf

    decor = PageDecor(title="Mentoring program survey", school_name=school_name,
                      logo=load_logo(logo_path),
                      footer_note="Hand it back to the mentoring program's facilitator.")
    if printed_on is not None:
        decor.printed_on = printed_on
    document = paper_form_document(audience, questions, school_name=school_name)
    return save_pdf(document, path, decor, paper=paper)
