"""The preview: what importing a file would add, update, leave unchanged and skip, and every
problem with its sheet, row, column and a plain explanation. Nothing here writes.

    source = prepare(db, path, kind_name)        # read the file, find tables, guess columns
    preview = make_plan(db, source, options)     # compare with the data file
    preview.document()                           # the headless command's JSON
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from importing.gc_pause import collector_paused
from importing.headers import Mapping, Table, find_table, header_row_score, normalize_header
from importing.kinds import KINDS, Kind
from importing.kinds.base import Context, KindPlan, Options, Progress, listed
from importing.problems import ImportRefused, Problem
from importing.sheets import Workbook, open_workbook
from storage import column_mappings, years

ALL_FIELDS = tuple({(spec.key, spec.aliases): spec for kind in KINDS.values()
                    for spec in kind.fields}.values())


@dataclass
class Source:
    """A file read, with the tables found on its sheets for one kind of import."""

    workbook: Workbook
    kind: Kind
    tables: list[Table]
    # Sheets left out and why: hidden, empty, no table found.
    left_out: list[tuple[str, str]] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.workbook.path

    @property
    def sheet_names(self) -> list[str]:
        return [table.name for table in self.tables]

    def table(self, sheet: str) -> Table:
        for table in self.tables:
            if table.name == sheet:
                return table
        raise KeyError(sheet)

    def missing_columns(self) -> list[Table]:
        """Tables whose mapping lacks what the kind needs."""
        return [table for table in self.tables if self.kind.missing(table)]


@dataclass
class Plan:
    """What the import would do; ``kind_plan.actions`` is what :mod:`importing.apply` writes."""

    source: Source
    kind_plan: KindPlan
    year: dict | None
    options: Options
    stopped: str | None = None

    @property
    def kind(self) -> Kind:
        return self.source.kind

    @property
    def problems(self) -> list[Problem]:
        return self.kind_plan.problems

    @property
    def notes(self) -> list[str]:
        return self.kind_plan.notes

    @property
    def to_confirm(self) -> list[dict]:
        return self.kind_plan.to_confirm

    def counts(self) -> dict[str, int]:
        plan = self.kind_plan
        return {"added": plan.added, "updated": plan.updated, "unchanged": plan.unchanged,
                "skipped": plan.skipped}

    def document(self, batch: int | None = None) -> dict[str, Any]:
        """The headless command's JSON: file, kind, counts, problems, batch, details."""
        plan = self.kind_plan
        details = {
            "sheets": self.source.sheet_names,
            "sheets_left_out": [{"sheet": name, "why": why} for name, why in
                                self.source.left_out],
            "year": self._year_name(),
            "columns": {table.name: {table.headers[column]: key for column, key in
                                     sorted(table.mapping.items())}
                        for table in self.source.tables},
            "notes": plan.notes,
        }
        if self.kind.name == "attendance":
            details.update({"attendance_mode": plan.attendance_mode,
                            "covers_from": plan.covers_from,
                            "covers_through": plan.covers_through})
        details.update({key: value for key, value in plan.details.items()})
        return {
            "file": str(self.source.path),
            "kind": self.kind.name,
            **self.counts(),
            "problems": [problem.as_dict() for problem in plan.problems],
            "batch": batch,
            "details": details,
        }

    def _year_name(self) -> str | None:
        if self.kind_plan.year_id is not None and self.year and \
                self.year["id"] == self.kind_plan.year_id:
            return self.year["name"]
        return self.kind_plan.details.get("year_name") or (self.year or {}).get("name")

    def sentences(self, *, dry_run: bool) -> list[str]:
        """The preview (or result) in plain words."""
        plan = self.kind_plan
        things = _things(self.kind.name, plan.added)
        verb = "Would add" if dry_run else "Added"
        lines = [f"{self.source.path.name} ({', '.join(self.source.sheet_names)}): {verb} "
                 f"{plan.added} {things}, {'update' if dry_run else 'updated'} {plan.updated}, "
                 f"{plan.unchanged} unchanged, {plan.skipped} "
                 f"{'row' if plan.skipped == 1 else 'rows'} skipped."]
        lines += plan.notes
        for problem in plan.problems:
            where = f"{problem.sheet}"
            if problem.row:
                where += f" row {problem.row}"
            if problem.column:
                where += f" ({problem.column})"
            lines.append(f"  {where}: {problem.message}")
        return lines


def _things(kind_name: str, count: int) -> str:
    singular, plural_form = {
        "students": ("student", "students"), "mentors": ("mentor", "mentors"),
        "matches": ("match", "matches"), "meetings": ("meeting", "meetings"),
        "attendance": ("student-day", "student-days"),
        "calendar": ("non-school day", "non-school days"),
        "surveys": ("survey response", "survey responses")}[kind_name]
    return singular if count == 1 else plural_form


def read_file(path: Path | str, sheet_names: list[str] | None = None) -> Workbook:
    """Open the file safely (see :mod:`importing.sheets`)."""
    return open_workbook(Path(path), sheet_names=sheet_names)


def guess_kind(workbook: Workbook) -> tuple[str, str]:
    """(the most likely kind, a sentence saying why) from the sheets' column names."""
    name, why, _ = guess_kind_surely(workbook)
    return name, why


def _has_student_ids(sheet) -> bool:
    students = find_table(sheet, KINDS["students"].fields)
    return students is not None and students.has("student_id")


def _survey_evidence(sheet, table) -> int:
    """How much more (or less) a sheet looks like survey answers than its columns' count says.

    A forms tool's export (a time it was sent, with a response number or the sender's email)
    is survey answers unless it holds a meeting's date (the check-in form) or a nomination's
    reasons (teachers nominating through a form: students, never survey answers).
    """
    students = find_table(sheet, KINDS["students"].fields)
    if students is not None and any(key.startswith("reason")
                                    for key in students.mapping.values()):
        return -3
    meetings = find_table(sheet, KINDS["meetings"].fields)
    if meetings is not None and meetings.has("met_on"):
        return 0
    sent_by_a_form = table.has("submitted_at") and (
        table.has("response_number") or table.has("email"))
    return 3 if sent_by_a_form else 0


# How far ahead of the next kind the likeliest must be for MentorDesk to be sure of it.
SURE_MARGIN = 3


def guess_kind_surely(workbook: Workbook) -> tuple[str, str, bool]:
    """(the most likely kind, a sentence saying why, whether MentorDesk is sure of it): sure
    when the kind finds every column it needs and no other kind comes close."""
    scores: dict[str, tuple[float, list[str], bool]] = {}
    for order, kind in enumerate(KINDS.values()):
        for sheet in workbook.sheets[:6]:
            table = find_table(sheet, kind.fields)
            if table is None:
                continue
            if kind.refine is not None:  # a format the kind knows (the check-in form's export)
                kind.refine(table)
            useful = [key for key in table.mapping.values() if not key.startswith("ignore")]
            complete = not kind.missing(table)
            score = len(useful) + (10 if complete else 0) - order * 0.01
            if kind.name == "attendance" and table.has("code", "date"):
                score += 3
            if kind.name == "attendance" and table.has("days_absent"):
                score += 3
            if kind.name == "mentors" and table.has("email") and not table.has("grade"):
                score += 1
            if kind.name == "mentors" and _has_student_ids(sheet):
                score -= 5  # a column of student IDs: a roster, not a staff list
            if kind.name == "surveys":
                score += _survey_evidence(sheet, table)
            if score > scores.get(kind.name, (-1, [], False))[0]:
                shown = [table.headers[column] for column, key in sorted(table.mapping.items())
                         if not key.startswith("ignore")][:3]
                scores[kind.name] = (score, shown, complete)
    if not scores:
        return "students", "nothing in it looks like another kind of file", False
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    name, (best, shown, complete) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else -1
    why = (f"its columns include {listed(shown)}" if shown else
           "nothing in it looks like another kind of file")
    return name, why, complete and best - runner_up >= SURE_MARGIN


def prepare(db: sqlite_utils.Database | None, workbook: Workbook, kind_name: str, *,
            sheet_names: list[str] | None = None,
            mappings: dict[str, Mapping] | None = None) -> Source:
    """Find each sheet's table for ``kind_name``, with remembered or guessed columns.

    ``mappings`` (sheet name -> column -> field) are the facilitator's own choices and win.
    Refuses a file where no sheet has a row of column names.
    """
    kind = KINDS[kind_name]
    source = Source(workbook=workbook, kind=kind, tables=[],
                    left_out=list(workbook.left_out))
    for sheet in workbook.sheets:
        if sheet_names is not None and sheet.name not in sheet_names:
            continue
        remembered = None
        table = find_table(sheet, kind.fields)
        if table is None:
            # Maybe the header only names columns of another kind: still not our table.
            source.left_out.append((sheet.name, "no table"))
            continue
        if kind.refine is not None:
            kind.refine(table)
        if db is not None:
            remembered = column_mappings.remembered(db, kind.name, table.signature)
            if remembered is not None:
                table = find_table(sheet, kind.fields, remembered=remembered)
        if mappings and sheet.name in mappings:
            table.mapping = dict(mappings[sheet.name])
            table.remembered = False
        if sheet_names is None and kind.missing(table) and len(workbook.sheets) > 1 \
                and header_row_score(table.sheet.rows[table.header_index], kind.fields) < 2:
            source.left_out.append((sheet.name, "no table"))  # a cover or instructions sheet
            continue
        source.tables.append(table)
    if not source.tables:
        raise ImportRefused(
            f"MentorDesk could not find the row of column names in {workbook.path.name}. Put "
            f"the column names in one row above the data (for {kind.label.lower()}: "
            f"{kind.needs}), then import it again."
        )
    return source


def check_columns(source: Source) -> None:
    """Refuse, in plain words, a table that lacks the columns the kind needs."""
    for table in source.missing_columns():
        names = ", ".join(f'"{header}"' for header in table.headers if header) or "none"
        raise ImportRefused(
            f"In {source.path.name}, sheet \"{table.name}\", MentorDesk could not tell which "
            f"columns hold {source.kind.needs}. The columns are: {names}. Choose them on the "
            "import window's Columns page (headless: --map \"Column name=field\"), or rename "
            "the columns, and import again."
        )


def make_plan(db: sqlite_utils.Database, source: Source, *, year_name: str | None = None,
              options: Options | None = None, progress: Progress | None = None,
              stream: Any = None) -> Plan:
    """Compare the file with the data file and say what importing it would do.

    ``stream`` is for :func:`importing.apply.import_file` only: rows found to be surely new
    may be handed to it while the file is being read.
    """
    options = options or Options()
    check_columns(source)
    year = years.year_by_name(db, year_name) if year_name else years.current_year(db)
    if year_name and year is None:
        known = ", ".join(y["name"] for y in years.all_years(db)) or "none yet"
        raise ImportRefused(f'There is no school year "{year_name}". The years are: {known}.')
    context = Context(db=db, year=year, options=options, file_name=source.path.name,
                      progress=progress, year_given=bool(year_name), stream=stream)
    with collector_paused():  # every row read stays alive until the end: nothing to collect
        kind_plan = source.kind.plan(context, source.tables)
    return Plan(source=source, kind_plan=kind_plan, year=year, options=options,
                stopped=context.stopped)


def parse_mapping_option(source: Source, texts: list[str]) -> dict[str, Mapping]:
    """--map "Header=field" choices applied to every sheet that has that header."""
    wanted: dict[str, str] = {}
    known = {spec.key for spec in source.kind.fields} | {""}
    for text in texts:
        header, _, key = text.partition("=")
        key = key.strip()
        if key in ("ignore", "none", "-"):
            key = ""
        if key not in known:
            fields = ", ".join(sorted(k for k in known if k))
            raise ImportRefused(f'"{key}" is not a field of a {source.kind.name} import. '
                                f"Use one of: {fields}.")
        wanted[normalize_header(header)] = key
    result: dict[str, Mapping] = {}
    for table in source.tables:
        mapping = dict(table.mapping)
        for column, header in enumerate(table.headers):
            normalized = normalize_header(header)
            if normalized in wanted:
                key = wanted[normalized]
                mapping = {c: k for c, k in mapping.items() if k != key or not key}
                if key:
                    mapping[column] = key
                else:
                    mapping.pop(column, None)
        result[table.name] = mapping
    return result

