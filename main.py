"""MentorDesk: ``python main.py [--db FILE]`` opens the window; with a command it runs headless.

Run ``python main.py --help`` for the headless commands. ``--self-test`` opens the window, waits
for its first screen's rows, visits every screen and closes (exit 0 when all went well): the
check that a built MentorDesk works.
"""

from __future__ import annotations

import sys


def _split_db_option(argv: list[str]) -> tuple[str | None, list[str]]:
    """Pull ``--db FILE`` (or ``--db=FILE``) out of the arguments; return it and the rest."""
    db, rest = None, []
    iterator = iter(argv)
    for argument in iterator:
        if argument == "--db":
            db = next(iterator, None)
        elif argument.startswith("--db="):
            db = argument.split("=", 1)[1]
        else:
            rest.append(argument)
    return db, rest


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    db, rest = _split_db_option(argv)
    if not rest or set(rest) <= {"--demo", "--self-test"}:
        import storage  # noqa: F401 - first: it defers sqlite-utils (storage/__init__.py)
        from ui.app import run as run_app

        return run_app(db, open_demo="--demo" in rest, self_test="--self-test" in rest)
    from cli import run as run_command

    return run_command(argv)


if __name__ == "__main__":
    sys.exit(main())
