"""End to end: what a clerk waits for, each command in a fresh process, against its floor.

    python -m benchmarks --scale nation --e2e [--repeat N]
    python -m benchmarks --growth [--repeat N]      (1×, 2× and 4× the nation)
    python -m benchmarks --postgres [--repeat N]    (check on PostgreSQL against SQLite)

Every run of a command and of its floors is a new process started through a small
wrapper (benchmarks/wrapper.py) that reports the child's wall time and its peak resident
memory (ru_maxrss of the child alone: the suite's memory, or pytest's, is not in it). Each
command and its floors run once untimed, then `repeat` times in turns (command, floor,
second floor, command, …), so that a slower moment of the shared machine falls on all of
them. Reported: median, min and max of each, its peak, the ratio of the command's median to
its first floor's, and the target of issue 17 with a pass or fail.

The UI's first screen is measured in a real terminal: a tmux server of the suite's own
(its own socket), a session of 100×30 started with the command, its screen read with
`capture-pane` every 10 ms until the first member of the start unit's roster is on it;
the floor is a bare Textual app with the main screen's widget types whose table holds the
same rows (benchmarks/floors.py), in the same terminal. The app is then quit with Ctrl+Q,
and its peak memory comes from the wrapper it ran under.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WRAPPER = Path(__file__).resolve().parent / "wrapper.py"
PYTHON = sys.executable
TERMINAL = (100, 30)
POLL = 0.01  # seconds between two reads of the terminal's screen
SCREEN_TIMEOUT = 60.0


def bcd138() -> list[str]:
    """The console script the clerk runs (the venv's `bcd138`), else `python -m`."""
    script = Path(PYTHON).parent / "bcd138"
    return [str(script)] if script.exists() else [PYTHON, "-m", "committee.cli"]


def python_c(code: str) -> list[str]:
    return [PYTHON, "-c", code]


def floor_program(name: str, *args: str) -> list[str]:
    return [PYTHON, "-m", "benchmarks.floors", name, *args]


# --- figures ---------------------------------------------------------------------------------


@dataclass
class Series:
    """Runs of one program: wall seconds and peak resident KiB of each."""

    seconds: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)

    def add(self, seconds: float, peak_kib: int | None) -> None:
        self.seconds.append(seconds)
        if peak_kib is not None:
            self.peaks_kib.append(peak_kib)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float | None:
        return round(max(self.peaks_kib) / 1024, 1) if self.peaks_kib else None

    def to_json(self) -> dict[str, Any]:
        return {
            "seconds": round(self.median, 4),
            "min": round(min(self.seconds), 4),
            "max": round(max(self.seconds), 4),
            "peak_mib": self.peak_mib,
            "runs": [round(run, 4) for run in self.seconds],
        }


@dataclass(frozen=True)
class Target:
    """What issue 17 asks of a command, given its runs and its first floor's."""

    text: str
    met: Callable[[Series, Series], bool]


def times_floor(limit: float, floor: str) -> Target:
    return Target(f"≤ {limit}× {floor}", lambda runs, base: runs.median <= limit * base.median)


@dataclass
class Case:
    """A command and its floors (the first is the one its ratio and target are taken
    against). `command(i)` is the command line of run i (run 0 is the untimed one);
    `prepare`, if any, runs after the command's untimed run, before its floors'."""

    name: str
    what: str
    command: Callable[[int], list[str]]
    floors: dict[str, list[str]]
    target: Target | None = None
    prepare: Callable[[], None] | None = None
    statuses: tuple[int, ...] = (0,)


def measured(case: Case, series: Series, floors: dict[str, Series]) -> dict[str, Any]:
    first = next(iter(floors.values()))
    ratio = series.median / first.median if first.median > 0 else float("inf")
    result = {
        "what": case.what,
        **series.to_json(),
        "floors": {label: floor.to_json() for label, floor in floors.items()},
        "ratio": round(ratio, 2),
        "target": case.target.text if case.target else None,
        "met": case.target.met(series, first) if case.target else None,
    }
    return result


# --- running programs ------------------------------------------------------------------------


class Runner:
    """Runs programs through the wrapper, in `folder`, with a cache folder of the run's
    own (so the SQLite soundness memory starts empty and is the suite's alone)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.env = {
            **os.environ,
            "PYTHONPATH": python_path,
            "XDG_CACHE_HOME": str(folder / "cache"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        self.env.pop("BCD138_DB", None)
        # Bytecode as an installed program has it (pip compiles what it installs): written
        # by each program's untimed run into the run's own folder, read by the timed runs,
        # for bcd138 and the floors' libraries alike; never into the source tree.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")

    def run(self, argv: Sequence[str], statuses: Sequence[int] = (0,)) -> tuple[float, int]:
        completed = subprocess.run(
            [PYTHON, "-I", "-S", str(WRAPPER), "--", *argv],
            capture_output=True,
            text=True,
            cwd=self.folder,
            env=self.env,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"the wrapper failed on {shlex.join(argv)}: {completed.stderr}")
        report = json.loads(completed.stdout.splitlines()[-1])
        if report["returncode"] not in statuses:
            raise RuntimeError(
                f"{shlex.join(argv)} exited {report['returncode']}: {report['stderr']}"
            )
        return report["seconds"], report["peak_kib"]


class Terminal:
    """A tmux server of the suite's own, on its own socket: programs started in a 100×30
    session, timed until a text is on their screen."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.socket = f"bcd138-bench-{os.getpid()}"
        self.count = 0
        # A session that keeps the server up, so that no measurement pays its start.
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "keep", "sleep 86400")
        self._tmux("set-option", "-g", "default-terminal", "tmux-256color")

    @staticmethod
    def available() -> bool:
        return shutil.which("tmux") is not None

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.runner.env,
            check=check,
        )

    def screen(self, session: str) -> str:
        return self._tmux("capture-pane", "-p", "-t", session, check=False).stdout

    def first_screen(self, argv: Sequence[str], text: str) -> tuple[float, int | None]:
        """Seconds from launching `argv` until `text` is on its screen; its peak KiB."""
        self.count += 1
        session = f"run{self.count}"
        out = self.runner.folder / f"{session}.json"
        out.unlink(missing_ok=True)
        wrapped = [PYTHON, "-I", "-S", str(WRAPPER), "--out", str(out), "--tty", "--", *argv]
        columns, lines = TERMINAL
        command = f"cd {shlex.quote(str(self.runner.folder))} && exec {shlex.join(wrapped)}"
        started = time.perf_counter()
        self._tmux(
            "new-session", "-d", "-s", session, "-x", str(columns), "-y", str(lines), command
        )
        seen = None
        last = ""
        while time.perf_counter() - started < SCREEN_TIMEOUT:
            last = self.screen(session)
            if text in last:
                seen = time.perf_counter() - started
                break
            if out.exists():
                break  # the program ended without showing it
            time.sleep(POLL)
        self._tmux("send-keys", "-t", session, "C-q", check=False)
        peak = self._peak(out)
        self._tmux("kill-session", "-t", session, check=False)
        if seen is None:
            raise RuntimeError(f"«{text}» never appeared on the screen of {argv}:\n{last}")
        return seen, peak

    @staticmethod
    def _peak(out: Path) -> int | None:
        deadline = time.perf_counter() + 20
        while time.perf_counter() < deadline:
            if out.exists() and out.stat().st_size:
                try:
                    return int(json.loads(out.read_text(encoding="utf-8"))["peak_kib"])
                except (ValueError, KeyError):
                    pass
            time.sleep(0.05)
        return None

    def close(self) -> None:
        self._tmux("kill-server", check=False)


def alternate(
    run: Callable[[list[str]], tuple[float, int | None]],
    case: Case,
    repeat: int,
    log: Callable[[str], None],
) -> dict[str, Any]:
    """The command and its floors, once untimed, then `repeat` times in turns."""
    run(case.command(0))
    if case.prepare is not None:
        case.prepare()
    for floor in case.floors.values():
        run(floor)
    series = Series()
    floors = {label: Series() for label in case.floors}
    for index in range(1, repeat + 1):
        series.add(*run(case.command(index)))
        for label, floor in case.floors.items():
            floors[label].add(*run(floor))
    result = measured(case, series, floors)
    log(line(case.name, result))
    return result


def line(name: str, result: dict[str, Any]) -> str:
    first_label, first = next(iter(result["floors"].items()))
    verdict = "" if result["met"] is None else ("  PASS" if result["met"] else "  FAIL")
    target = f"  target {result['target']}{verdict}" if result["target"] else ""
    return (
        f"  {name:22} {result['seconds'] * 1000:8.1f} ms ({result['min'] * 1000:.0f}–"
        f"{result['max'] * 1000:.0f}) {result['peak_mib']} MiB | {first_label} "
        f"{first['seconds'] * 1000:.1f} ms {first['peak_mib']} MiB | ratio "
        f"{result['ratio']:.2f}{target}"
    )


# --- the commands ----------------------------------------------------------------------------


@dataclass
class Workspace:
    """The generated database and what the commands are run on."""

    folder: Path
    database: Path
    switch_unit: str  # a district of 25 members in force, breaking no roster rule
    era: str = "legacy"  # the era of every unit: the commands get `--era` for another

    @property
    def era_options(self) -> list[str]:
        from committee.domain.vocabulary import era_option

        return era_option(self.era).split()


def _query(database: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(database)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def largest_province(database: Path) -> str:
    return _query(
        database,
        "SELECT p.code FROM admin_unit p JOIN admin_unit d ON d.parent_code = p.code "
        "LEFT JOIN admin_unit c ON c.parent_code = d.code WHERE p.level = 'province' "
        "GROUP BY p.code ORDER BY count(*) DESC, p.code LIMIT 1",
    )[0][0]


def largest_district(database: Path) -> str | None:
    """The district with the most communes; None in a database of two levels (2025)."""
    found = _query(
        database,
        "SELECT d.code FROM admin_unit d JOIN admin_unit c ON c.parent_code = d.code "
        "WHERE d.level = 'district' GROUP BY d.code ORDER BY count(*) DESC, d.code LIMIT 1",
    )
    return found[0][0] if found else None


def roster_rows(database: Path, unit: str, era: str = "legacy") -> list[list[str]]:
    """The start unit's roster in force as the UI lists it (position order)."""
    return [
        [str(position), name, title, role, duties]
        for position, name, title, role, duties in _query(
            database,
            "SELECT m.position, m.full_name, m.title, m.role, m.duties FROM membership m "
            "JOIN decision d ON d.id = m.decision_id WHERE d.unit_code = ? AND d.unit_era = ? "
            "AND d.in_force ORDER BY m.position",
            unit,
            era,
        )
    ]


def check_sql(database: Path) -> str:
    """The SQL `bcd138 check` reads the rosters with, as SQLAlchemy compiles it."""
    from committee.store.database import open_database
    from committee.usecases.checking import rosters_in_force

    opened = open_database(str(database))
    try:
        return str(
            rosters_in_force().compile(
                dialect=opened.engine.dialect, compile_kwargs={"literal_binds": True}
            )
        )
    finally:
        opened.dispose()


def workbook_cells(path: Path, out: Path) -> None:
    """Every cell value of the workbook at `path`, sheet by sheet, as JSON (the floors
    write the same cells)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    sheets = {
        name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in workbook.sheet_names
    }
    out.write_text(json.dumps(sheets, ensure_ascii=False, default=str), encoding="utf-8")


def import_rosters(space: Workspace, count: int) -> tuple[Path, list[Path]]:
    """A copy of the database to import into, and `count` roster files of 25 members for
    the start unit, each a new decision signed a day after the one before (each import
    stores a decision that supersedes the one in force)."""
    import random

    from benchmarks.dataset import SEED, SIGNING, fresh_copy
    from benchmarks.rosters import roster_for, write_roster_file
    from committee.domain.vocabulary import Era
    from committee.store.database import open_database
    from committee.usecases.units import get_unit, to_ref

    copy = fresh_copy(space.database, space.folder / "import.sqlite")
    opened = open_database(str(copy))
    with opened.session() as session:
        unit = to_ref(get_unit(session, space.switch_unit, Era(space.era)))
    opened.dispose()
    lines = roster_for(unit, random.Random(f"{SEED}-import"), 25)
    files = []
    for index in range(count):
        signed = SIGNING[unit.era].imported + timedelta(days=index)
        files.append(
            write_roster_file(
                unit,
                lines,
                space.folder / f"danh-sach-{index}.xlsx",
                f"{3000 + index}/QĐ-UBND",
                signed.strftime("%d/%m/%Y"),
            )
        )
    return copy, files


TYPER_FLOOR = "python -c 'import typer'"
IMPORT_FLOOR = "libraries' start-up (typer, python_calamine, sqlmodel, sqlite3)"


def cases(space: Workspace, repeat: int) -> list[Case]:
    """Every command of issue 17 with its floors."""
    folder, db = space.folder, str(space.database)
    cli = [*bcd138(), "--db", db]
    era = space.era_options
    typer_floor = {TYPER_FLOOR: python_c("import typer"), "python -c pass": python_c("pass")}
    checking = check_case(space)
    import_db, rosters = import_rosters(space, repeat + 1)
    importing = [
        "import",
        "--unit",
        space.switch_unit,
        "--regulation-number",
        "01/QĐ-BCĐ",
        "--regulation-date",
        "20/06/2023",
        *era,
    ]
    found: list[Case] = [
        Case(
            "version",
            "bcd138 --version",
            lambda i: [*bcd138(), "--version"],
            typer_floor,
            times_floor(3, TYPER_FLOOR),
        ),
        Case(
            "help",
            "bcd138 --help",
            lambda i: [*bcd138(), "--help"],
            typer_floor,
            times_floor(3, TYPER_FLOOR),
        ),
        Case(
            "import",
            "bcd138 import of a 25-row roster",
            lambda i: (
                [*bcd138(), "--db", str(import_db), *importing[:1], str(rosters[i])] + importing[1:]
            ),
            {
                # What the command cannot do without: Typer (which parses options with
                # pydantic), the roster reader, the store's SQLModel (SQLAlchemy and
                # pydantic) on sqlite3.
                IMPORT_FLOOR: python_c("import typer, python_calamine, sqlmodel, sqlite3"),
                "calamine read + raw sqlite3 insert": floor_program(
                    "import-raw", str(rosters[0]), str(folder / "scratch.sqlite")
                ),
            },
            Target(
                "≤ 1.3× the libraries' start-up + 50 ms",
                lambda runs, base: runs.median <= 1.3 * base.median + 0.05,
            ),
        ),
        checking,
        Case(
            "check_table",
            "bcd138 check (table)",
            lambda i: [*cli, "check", *era],
            checking.floors,
            statuses=(0, 1),
        ),
    ]
    province = largest_province(space.database)
    district = largest_district(space.database)  # none in 2025: no export district
    for name, what, args in (
        (
            "export_province",
            f"bcd138 export province (the largest province, {province})",
            ["province", "--province", province, *era],
        ),
        *(
            [
                (
                    "export_district",
                    f"bcd138 export district (the largest district, {district})",
                    ["district", "--unit", district, *era],
                )
            ]
            if district is not None
            else []
        ),
        (
            "export_roster",
            f"bcd138 export roster (25 members, {space.switch_unit})",
            ["roster", "--unit", space.switch_unit, *era],
        ),
    ):
        out, cells = folder / f"{name}.xlsx", folder / f"{name}.json"
        found.append(
            Case(
                name,
                what,
                lambda i, args=args, out=out: [*cli, "export", *args, "-o", str(out), "--force"],
                {
                    "raw SpreadsheetML of the same cells": floor_program(
                        "xlsx-raw", str(cells), str(folder / f"{name}-raw.xlsx")
                    ),
                    "openpyxl write-only loop": floor_program(
                        "xlsx-openpyxl", str(cells), str(folder / f"{name}-openpyxl.xlsx")
                    ),
                },
                prepare=lambda out=out, cells=cells: workbook_cells(out, cells),
            )
        )
    return found


def ui_case(space: Workspace) -> tuple[Case, str]:
    """The UI on the start unit, and the text that says its roster is on screen."""
    rows = roster_rows(space.database, space.switch_unit, space.era)
    rows_file = space.folder / "roster-rows.json"
    rows_file.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    case = Case(
        "ui_first_screen",
        f"the UI's first screen in tmux {TERMINAL[0]}×{TERMINAL[1]}, until the roster of "
        f"{space.switch_unit} is on screen",
        lambda i: [
            *bcd138(),
            "--db",
            str(space.database),
            "tui",
            "--unit",
            space.switch_unit,
            *space.era_options,
        ],
        {"bare Textual app, same widgets and rows": floor_program("bare-ui", str(rows_file))},
        times_floor(1.6, "the bare app"),
    )
    return case, rows[0][1]


def run_ui(
    runner: Runner, space: Workspace, repeat: int, log: Callable[[str], None]
) -> dict[str, Any]:
    case, text = ui_case(space)
    terminal = Terminal(runner)
    try:
        return alternate(lambda argv: terminal.first_screen(argv, text), case, repeat, log)
    finally:
        terminal.close()


NAMES = (
    "version",
    "help",
    "import",
    "check_json",
    "check_table",
    "export_province",
    "export_district",
    "export_roster",
    "ui_first_screen",
)


def run_all(
    space: Workspace, repeat: int, log: Callable[[str], None], names: Sequence[str] = NAMES
) -> dict[str, Any]:
    """The end-to-end measurements `names` on the workspace's database (the UI's only
    where tmux is installed)."""
    runner = Runner(space.folder)
    results: dict[str, Any] = {}
    for case in cases(space, repeat):
        if case.name in names:
            results[case.name] = alternate(
                lambda argv, case=case: runner.run(argv, case.statuses), case, repeat, log
            )
    if "ui_first_screen" in names and Terminal.available():
        results["ui_first_screen"] = run_ui(runner, space, repeat, log)
    return results


# --- growth: 1×, 2× and 4× the nation --------------------------------------------------------

FACTORS = (1, 2, 4)


def check_case(space: Workspace) -> Case:
    """`bcd138 check --format json -o FILE` against the raw fetch of the rows it reads."""
    sql = space.folder / "check.sql"
    sql.write_text(check_sql(space.database), encoding="utf-8")
    files = (str(space.database), str(sql))
    return Case(
        "check_json",
        "bcd138 check --format json -o FILE",
        lambda i: (
            [*bcd138(), "--db", str(space.database), "check", "--format", "json"]
            + ["-o", "check.json", "--force", *space.era_options]
        ),
        {"raw fetch (sqlite3, the same query)": floor_program("fetch", *files)},
        times_floor(1.6, "the raw fetch"),
        statuses=(0, 1),
    )


def run_growth(
    folder: Path,
    repeat: int,
    log: Callable[[str], None],
    search: Callable[[Path, tuple[str, str]], dict[str, Any]],
) -> dict[str, Any]:
    """check, search and the UI's first screen at 1×, 2× and 4× the nation (the nation's
    units copied under new codes, benchmarks.dataset.multiply), with the growth factor of
    time and peak memory from one step to the next. `search(database, switch_units)` runs
    the in-process search measurement on a database and returns its figures."""
    from benchmarks import dataset

    first = folder / "1x"
    first.mkdir()
    database, data = dataset.build_database(first / "bench.sqlite", "nation")
    database.dispose()
    switch = data.switch_units
    del data
    steps: dict[str, Any] = {}
    runner_base = first / "bench.sqlite"
    for factor in FACTORS:
        step = folder / f"{factor}x"
        step.mkdir(exist_ok=True)
        path = step / "bench.sqlite"
        if factor > 1:
            dataset.fresh_copy(runner_base, path)
            dataset.multiply(path, factor)
        (committees,) = _query(
            path, "SELECT count(*) FROM admin_unit WHERE level IN ('district', 'commune')"
        )[0]
        (people,) = _query(path, "SELECT count(*) FROM person")[0]
        log(f"growth {factor}×: {committees:,} committees, {people:,} people")
        space = Workspace(step, path, switch[0])
        runner = Runner(step)
        figures: dict[str, Any] = {"committees": committees, "people": people}
        case = check_case(space)
        figures["check_json"] = alternate(
            lambda argv, case=case, runner=runner: runner.run(argv, case.statuses),
            case,
            repeat,
            log,
        )
        figures["search"] = search(path, switch)
        log(
            f"  search                 {figures['search']['seconds'] * 1000:8.1f} ms a keystroke"
            f" (max {figures['search']['max'] * 1000:.1f}), process peak "
            f"{figures['search']['peak_mib']} MiB"
        )
        if Terminal.available():
            figures["ui_first_screen"] = run_ui(runner, space, repeat, log)
        steps[f"{factor}x"] = figures
    return {"steps": steps, "growth": growth_factors(steps)}


def growth_factors(steps: dict[str, Any]) -> dict[str, Any]:
    """For each measurement, time and peak at a step over the step before."""
    names = [name for name in ("check_json", "search", "ui_first_screen") if name in steps["1x"]]
    factors: dict[str, Any] = {}
    keys = list(steps)
    for before, after in zip(keys, keys[1:], strict=False):
        for name in names:
            old, new = steps[before][name], steps[after][name]
            factors.setdefault(name, {})[f"{before}→{after}"] = {
                "time": round(new["seconds"] / old["seconds"], 2),
                "peak": round(new["peak_mib"] / old["peak_mib"], 2)
                if new.get("peak_mib") and old.get("peak_mib")
                else None,
            }
    return factors


# --- PostgreSQL --------------------------------------------------------------------------------


def copy_to(url: str, database: Path) -> None:
    """The benchmark rows of the SQLite file copied into the (migrated) database at `url`."""
    from sqlalchemy import insert, select

    from committee.store.database import open_database
    from committee.store.models import AdminUnit, CommitteeDocument, Decision, Membership, Person

    source, target = open_database(str(database)), open_database(url)
    try:
        with source.engine.connect() as reading, target.engine.begin() as writing:
            for model in (AdminUnit, Person, Decision, Membership, CommitteeDocument):
                table = model.__table__  # type: ignore[attr-defined]
                result = reading.execution_options(yield_per=20_000).execute(select(table))
                for rows in result.partitions():
                    writing.execute(insert(table), [row._asdict() for row in rows])
            writing.exec_driver_sql("ANALYZE")
    finally:
        source.dispose()
        target.dispose()


def run_postgres(space: Workspace, repeat: int, log: Callable[[str], None]) -> dict[str, Any]:
    """`bcd138 check --format json -o FILE` on PostgreSQL (a throwaway server,
    tests/postgres_server.py) against the same command on SQLite, the same rows. The
    client's peak memory is measured (the server's own is not)."""
    from tests.postgres_server import postgres_url, why_unavailable

    reason = why_unavailable()
    if reason is not None:
        log(f"PostgreSQL skipped: {reason}")
        return {"skipped": reason}
    runner = Runner(space.folder)
    with postgres_url() as url:
        started = time.perf_counter()
        copy_to(url, space.database)
        log(f"PostgreSQL: rows copied in {time.perf_counter() - started:.1f} s")
        check = ["check", "--format", "json", "-o", "check.json", "--force"]
        case = Case(
            "check_postgres",
            "bcd138 check --format json -o FILE on PostgreSQL",
            lambda i: [*bcd138(), "--db", url, *check],
            {"the same on SQLite": [*bcd138(), "--db", str(space.database), *check]},
            Target(
                "≤ 1.2× SQLite's time and ≤ 1.1× its peak memory",
                lambda runs, base: (
                    runs.median <= 1.2 * base.median
                    and (runs.peak_mib or 0) <= 1.1 * (base.peak_mib or 0)
                ),
            ),
            statuses=(0, 1),
        )
        result = alternate(lambda argv: runner.run(argv, case.statuses), case, repeat, log)
    result["what"] = case.what.replace(url, "postgresql://…")
    return result
