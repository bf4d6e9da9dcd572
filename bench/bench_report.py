"""How fast the program report is made, as .xlsx and as .pdf, against just opening the file.

    python bench/bench_report.py [--students 2666] [--runs 5] [--baseline PATH]

Makes the demo school (``python main.py --db FILE demo --students N``; kept in the system's
temporary folder between runs), then times whole processes, one after the other in turn so the
machine's load falls on each alike, and takes the median of each:

- the lower bound: starting Python and opening the data file for reading (the check included);
- ``python main.py --db FILE report OUT.xlsx`` and ``... report OUT.pdf``.

``--baseline PATH``: a checkout of an earlier MentorDesk (its own demo file is made with it)
timed in the same turns, to print how much faster this one is.

Each command runs once untimed first (compiled modules written, as an installed MentorDesk
has them). Prints each median and its ratio to the lower bound; the last line holds the two
report times (the line bench/run_all.py reads).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


# Python's compiled modules are kept, as they are for anyone running MentorDesk (the installer
# ships them): a machine set never to write them would time compiling the program each run.
ENVIRONMENT = {key: value for key, value in os.environ.items()
               if key != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> float:
    """Seconds one whole process takes; a failure stops the bench with its message."""
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, env=ENVIRONMENT)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{completed.stderr or completed.stdout}")
    return elapsed


def demo_file(project: Path, students: int, tag: str) -> Path:
    """The demo school made by ``project``'s MentorDesk (kept between runs)."""
    folder = Path(tempfile.gettempdir()) / "mentordesk-bench-report"
    folder.mkdir(exist_ok=True)
    path = folder / f"demo-{tag}-{students}.sqlite"
    if not path.exists():
        print(f"Making the demo school ({students} students) with {project} ...", flush=True)
        run([sys.executable, str(project / "main.py"), "--db", str(path), "demo", "--students",
             str(students), "--force"])
    return path


def commands(project: Path, data: Path, out: Path) -> dict[str, list[str]]:
    opening = ("import sys; sys.path.insert(0, sys.argv[1]); "
               "from storage.database import open_data_file; "
               "open_data_file(sys.argv[2], write=False).close()")
    main = [sys.executable, str(project / "main.py"), "--db", str(data), "report"]
    return {"open": [sys.executable, "-c", opening, str(project), str(data)],
            "xlsx": [*main, str(out / "report.xlsx")],
            "pdf": [*main, str(out / "report.pdf")]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2666)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="an earlier MentorDesk checkout")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="mentordesk-bench-out-"))
    versions = {"this": commands(PROJECT, demo_file(PROJECT, args.students, "this"), out)}
    if args.baseline:
        baseline = args.baseline.resolve()
        versions["baseline"] = commands(baseline, demo_file(baseline, args.students,
                                                            "baseline"), out)
    for jobs in versions.values():  # once untimed: compiled modules written, caches warm
        for command in jobs.values():
            run(command)
    times: dict[tuple[str, str], list[float]] = {}
    for turn in range(args.runs):
        for version, jobs in versions.items():
            for name, command in jobs.items():
                times.setdefault((version, name), []).append(run(command))
        print(f"run {turn + 1} of {args.runs} done", flush=True)
    median = {key: statistics.median(values) for key, values in times.items()}
    for version in versions:
        lower = median[(version, "open")]
        print(f"{version}: opening the file (the lower bound) {lower:.2f} s; "
              f"report .xlsx {median[(version, 'xlsx')]:.2f} s "
              f"({median[(version, 'xlsx')] / lower:.1f}x); "
              f"report .pdf {median[(version, 'pdf')]:.2f} s "
              f"({median[(version, 'pdf')] / lower:.1f}x)")
    if args.baseline:
        for name in ("xlsx", "pdf"):
            share = median[("this", name)] / median[("baseline", name)]
            print(f"report .{name}: {share:.2f} of the baseline's time")
    print(f"report for {args.students} students, median of {args.runs}: "
          f"xlsx {median[('this', 'xlsx')]:.2f} s, pdf {median[('this', 'pdf')]:.2f} s, "
          f"opening the file {median[('this', 'open')]:.2f} s")


if __name__ == "__main__":
    main()
