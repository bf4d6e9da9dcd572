"""The headless commands: parse, call a package, print plain sentences (or JSON with --json).

Exit codes: 0 success, 1 input refused (a plain sentence says why), 2 wrong usage.
Each command group lives in its own module with a ``register(subparsers)`` function.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys

from cli import startup
from cli.output import Output, UsageError
from storage.crash_log import write_crash_report
from storage.errors import KnownProblem, explain

# Each module and the commands it registers (tests/test_cli_commands.py checks this against
# what they really register): a command named on the command line loads its module only, so
# `report` does not pay for loading the importers.
COMMANDS = {
    "cli.file_commands": ("summary", "students", "check", "backup"),
    "cli.year_commands": ("year",),
    "cli.settings_commands": ("settings",),
    "cli.demo_commands": ("demo",),
    "cli.attendance_commands": ("attendance",),
    "cli.import_commands": ("import", "undo-import", "imports", "codes", "day-types", "template"),
    "cli.report_commands": ("report",),
    "cli.backup_commands": ("backups", "restore"),
    "cli.letting_go": ("student",),
    "cli.referral_commands": ("referral",),
    "cli.training_commands": ("training",),
    "cli.week_commands": ("week", "mentor-note"),
    "cli.survey_commands": ("survey", "checkin"),
    "cli.district_commands": ("rollup",),
}
COMMAND_MODULES = tuple(COMMANDS)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake raises instead of exiting, so --json can answer in JSON."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse's name
        raise UsageError(f"{message}\n\n{self.format_usage().strip()}")


def _command_named(argv: list[str] | None) -> str | None:
    """The command word of ``argv`` (the first word that is not an option or --db's file)."""
    words = iter(argv or ())
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command (``argv``: only of the command it names, when it names
    one this table knows)."""
    parser = _Parser(
        prog="main.py",
        description="MentorDesk: run a school mentoring program from one data file. "
        "Without a command, the MentorDesk window opens.",
    )
    parser.add_argument("--db", metavar="FILE", help="the MentorDesk data file (default: "
                        "the one in your data folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    named = _command_named(argv)
    modules = [module for module, names in COMMANDS.items() if named in names]
    for module_name in modules or COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """``--json`` after the command as well as before it."""
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print one JSON document")


def run(argv: list[str] | None = None) -> int:
    """Run one headless command; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _write_utf8()
    wants_json = "--json" in argv
    out = Output(json_mode=wants_json)
    db_path: str | None = None
    try:
        if startup.start(argv):  # an import's file starts being read while the rest loads
            startup.wait_until_checked()
        # A command loads only its own module: an import does not load the reports.
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        db_path = args.db
        out.json_mode = bool(getattr(args, "json", False))
        if not getattr(args, "handler", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.handler(args, out) or 0)
    except UsageError as error:
        return out.usage_error(str(error))
    except KnownProblem as error:
        return out.refuse(error.message)
    except BrokenPipeError:
        # The reader (| head) went away: not an error worth a sentence.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
        return 0
    except KeyboardInterrupt:
        return out.refuse("Stopped before finishing. Nothing was half-written.")
    except Exception as error:
        known = explain(error, db_path)
        if known is not None:  # the world's doing (a full disk, a folder not writable)
            return out.refuse(known.message)
        return out.refuse(bug_sentence(write_crash_report(error)))


def bug_sentence(log) -> str:
    """What a command says about a bug: where the details are (or that they could not be kept)."""
    where = (f"The details were saved to {log}. Please send that file to whoever supports "
             "MentorDesk." if log is not None else
             "The details could not be saved (the disk may be full or not writable).")
    return f"Something went wrong inside MentorDesk; this is not your mistake. {where}"


def _write_utf8() -> None:
    """Names keep their accents on any console (Windows' is not UTF-8 by default)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(encoding="utf-8", errors="replace")
