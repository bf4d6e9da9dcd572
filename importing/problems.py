"""What an import tells the facilitator: problems with a row, and refusals of a whole file."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from storage.errors import KnownProblem


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (part of) a file, with where it is and a plain explanation.

    ``row`` is 1-based as a spreadsheet shows it (None for a whole sheet or a group of rows);
    ``column`` is the header text. A problem that ``stops`` the import means nothing is written
    until it is fixed (an attendance code nobody has mapped, for example).
    """

    sheet: str
    row: int | None
    column: str | None
    message: str
    stops: bool = False

    def as_dict(self) -> dict:
        """The JSON shape of the headless command: sheet, row, column, message."""
        document = asdict(self)
        if not self.stops:
            del document["stops"]
        return document


class ImportRefused(KnownProblem):
    """The whole file cannot be imported; the sentence names the file and what to do."""
