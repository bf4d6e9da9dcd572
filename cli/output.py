"""How headless commands answer: plain sentences, or exactly one JSON document with --json."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any


class UsageError(Exception):
    """The command line itself is wrong (exit 2)."""


class Output:
    """Where a command prints; in JSON mode stdout holds exactly one JSON document."""

    def __init__(self, json_mode: bool = False) -> None:
        self.json_mode = json_mode

    def say(self, sentence: str) -> None:
        """A line for a person: stdout normally, stderr in JSON mode (stdout holds the JSON)."""
        print(sentence, file=sys.stderr if self.json_mode else sys.stdout)

    def result(self, document: Any, sentences: list[str] | str | None = None) -> int:
        """Print the command's result: ``document`` as JSON, or ``sentences`` as text."""
        if self.json_mode:
            print(json.dumps(document, ensure_ascii=False, indent=None, default=_jsonable))
        elif sentences is not None:
            for line in [sentences] if isinstance(sentences, str) else sentences:
                print(line)
        return 0

    def refuse(self, sentence: str) -> int:
        """The input was refused: exit 1 with the sentence (and ``{"error": ...}`` in JSON mode)."""
        if self.json_mode:
            print(json.dumps({"error": sentence}, ensure_ascii=False))
        print(sentence, file=sys.stderr)
        return 1

    def usage_error(self, message: str) -> int:
        if self.json_mode:
            print(json.dumps({"error": message.splitlines()[0]}, ensure_ascii=False))
        print(message, file=sys.stderr)
        return 2


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
