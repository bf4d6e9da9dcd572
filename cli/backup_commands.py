"""backups / restore: the copies of the data file, and putting one back."""

from __future__ import annotations

import argparse

from cli import add_json_flag
from cli.files import data_file_path
from cli.output import Output
from program.vocabulary import day_words
from storage import backups
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "backups", help="the data file's backups, newest first, with what each holds")
    add_json_flag(command)
    command.set_defaults(handler=backups_command)

    command = subparsers.add_parser(
        "restore", help="put a backup back in place of the data file (the file as it is is "
        "set aside as a backup first)")
    command.add_argument("path", metavar="PATH", help="the backup to restore")
    command.add_argument("--yes", action="store_true",
                         help="go ahead (without it: say what would happen, change nothing)")
    add_json_flag(command)
    command.set_defaults(handler=restore_command)


def backups_command(args: argparse.Namespace, out: Output) -> int:
    # Reads the folder and each copy read-only; the data file itself is not opened.
    found = backups.backups_of(data_file_path(args))
    document = [backup.document() for backup in found]
    if not found:
        return out.result(document, f"{data_file_path(args).name} has no backups yet.")
    lines = [
        f"{day_words(b.taken_at.date())} {b.taken_at:%H:%M}  {b.kind:<14} "
        + (b.problem or f"{b.students} students, {b.meetings} meetings")
        + f"  {b.path}"
        for b in found
    ]
    return out.result(document, lines)


def restore_command(args: argparse.Namespace, out: Output) -> int:
    from actions.backups import restore_backup, restore_question

    path = data_file_path(args)
    if not args.yes:
        question = restore_question(path, args.path)
        raise InvalidInput(f"{question} Nothing was changed. To go ahead, run again with "
                           f"--yes: restore {args.path} --yes")
    outcome = restore_backup(path, args.path)
    restored = outcome.value
    lines = [f"Restored {restored.backup.path.name} into {path.name}."]
    if restored.set_aside:
        lines.append(f"The file as it was is kept as {restored.set_aside}.")
    if restored.updated_from is not None:
        lines.append("It was made by an older MentorDesk and has been brought up to date.")
    return out.result(restored.document(), lines)
