"""The benchmark suite: each measurement several times, against a baseline of the same run.

    python -m benchmarks [--scale province|nation|province-2025|nation-2025] [--repeat N]
                         [--json FILE] [--only NAME]

The database is generated at the chosen scale (benchmarks/dataset.py) and written (the
`seed` measurement) in this process; every other measurement runs on it in a process of
its own, `--repeat` times after one untimed run, its baseline in turn with it on the same
data. A "-2025" scale is the units of the era 2025 (benchmarks/dataset.py): every
use-case and command is given that era, the UI's measurements included (the UI opens
a unit by its era and code). Reported: median, min and max of each,
the ratio of the medians, and for some the peak memory (tracemalloc: Python's allocations,
in a run of its own). The JSON file has the shape

    {"scale": str, "committees": int, "members": int,
     "results": {NAME: {"seconds": float, "baseline_seconds": float | null,
                        "ratio": float | null, "peak_mib": float | null}},
     "runs": {NAME: {"seconds": [...], "baseline_seconds": [...]}}, "machine": {...}, ...}

Measurements (NAME: what is timed / its baseline):

seed             writing the generated rows through SQLAlchemy Core executemany, in one
                 transaction, into an empty migrated database / sqlite3 executemany of the
                 same rows into the same empty database
check_all        `bcd138 check --format json` for every committee, all but printing
                 (committee.cli.reports.check_output) / a raw sqlite3 fetchall of the same
                 membership rows with the same SQL
export_province  `bcd138 export province` (export_province: read, check, styled
                 workbook, atomic save) for Hải Dương / a bare openpyxl write-only loop
                 writing the same cell values
import_roster    `bcd138 import` of a 25-member roster, in process (open the database, read,
                 recognise, check, print the preview, store, commit) / reading the same
                 file with python-calamine
tui_first_paint  the app started on the database until its first screen is ready
                 (headless run_test: drawn, the committees' statuses in the tree, the app
                 idle by pilot.pause()) / a bare Textual app with the same widget types and
                 no data; the same measured with idle watched in 5 ms windows is in `runs`
tui_switch       moving from one 25-member committee to the other until the screen is idle
search           one keystroke in the search dialog (/): people and units, without
                 diacritics, over everyone in the database, results listed (typing a
                 member's name, "thi thu" and "yet kieu", a key at a time)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks import dataset, e2e
from benchmarks.floors import bare_app
from benchmarks.rosters import roster_for, write_roster_file
from benchmarks.timing import Timing, measure_pair, peak_memory, ratio
from committee.domain.vocabulary import DEFAULT_ERA, Era, era_option

NAMES = (
    "seed",
    "check_all",
    "export_province",
    "import_roster",
    "tui_first_paint",
    "tui_switch",
    "search",
)
TARGETS: dict[str, str] = {
    "seed": "ratio ≤ 3.0",
    "check_all": "ratio ≤ 2.0 at nation scale, peak ≤ 500 MiB",
    # issue 11: up to 2.5× the bare loop once openpyxl is used through its public API only
    "export_province": "ratio ≤ 2.5 and < 3 s at province scale",
    "import_roster": "≤ 0.05 s beyond the baseline",
    "tui_first_paint": "ratio ≤ 1.5 with the province database",
    "tui_switch": "≤ 0.15 s",
    "search": "≤ 0.05 s per keystroke at nation scale",
}
SCREEN = (120, 40)
SEARCHES = ("thi thu", "yet kieu")  # after the name of a member of the first switch unit
PACKAGES = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "openpyxl",
    "python-calamine",
    "pandas",
    "textual",
    "vietnamadminunits",
)


@dataclass
class Result:
    timing: Timing
    baseline: Timing | None = None
    peak_bytes: int | None = None
    baseline_peak_bytes: int | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, float | None]:
        base = self.baseline.median if self.baseline is not None else None
        return {
            "seconds": round(self.timing.median, 6),
            "baseline_seconds": round(base, 6) if base is not None else None,
            "ratio": round(ratio(self.timing.median, base), 3) if base is not None else None,
            "peak_mib": _mib(self.peak_bytes),
        }

    def runs_json(self) -> dict[str, Any]:
        runs: dict[str, Any] = {
            "seconds": [round(run, 6) for run in self.timing.runs],
            "baseline_seconds": [round(run, 6) for run in self.baseline.runs]
            if self.baseline is not None
            else None,
        }
        if self.baseline_peak_bytes is not None:
            runs["baseline_peak_mib"] = _mib(self.baseline_peak_bytes)
        return runs | self.notes

    def dump(self) -> dict[str, Any]:
        return {
            "timing": list(self.timing.runs),
            "baseline": list(self.baseline.runs) if self.baseline is not None else None,
            "peak_bytes": self.peak_bytes,
            "baseline_peak_bytes": self.baseline_peak_bytes,
            "notes": self.notes,
        }

    @classmethod
    def load(cls, dumped: dict[str, Any]) -> Result:
        baseline = dumped["baseline"]
        return cls(
            Timing(tuple(dumped["timing"])),
            Timing(tuple(baseline)) if baseline is not None else None,
            dumped["peak_bytes"],
            dumped["baseline_peak_bytes"],
            dumped["notes"],
        )


def _mib(value: int | None) -> float | None:
    return round(value / 2**20, 2) if value is not None else None


class Suite:
    """One run of the measurements at one scale, in a temporary folder.

    The data is generated and written (the `seed` measurement) in this process; every
    other measurement runs in a process of its own on the database written, as the
    command it measures would: none of them carries what the generator left behind (its
    memory, its caches of some 100,000 recognised titles) or what another measurement did.
    """

    def __init__(self, scale: str, repeat: int, folder: Path, log: Callable[[str], None]) -> None:
        self.scale = scale
        self.repeat = repeat
        self.folder = folder
        self.log = log
        self.database_path = folder / "bench.sqlite"
        self.results: dict[str, Result] = {}
        self.era = dataset.scale_era(scale)[1] if scale != _ATTACHED else DEFAULT_ERA
        if scale == _ATTACHED:
            return
        started = time.perf_counter()
        data = dataset.generate(scale)
        self.generate_seconds = time.perf_counter() - started
        self.committees = data.committees
        self.members = data.members
        self.memberships = data.memberships
        self.people = len(data.rows("person").rows)
        self.stats = data.stats
        self.switch_units = data.switch_units
        self.province = data.province_code
        self.template = dataset.empty_database(folder / "empty.sqlite")
        self._data: dataset.Dataset | None = data
        self.log(
            f"{scale}: {self.committees} committees, {self.members} members in force "
            f"({self.memberships} memberships, {self.people} people), generated in "
            f"{self.generate_seconds:.1f} s"
        )

    # --- seed ---------------------------------------------------------------------------

    def seed(self) -> Result:
        from committee.store.database import open_database

        data = self._data
        assert data is not None, "seed runs first, once"
        core = dataset.prepared_for_core(data)
        raw = dataset.prepared_for_raw(data)
        raw_path = self.folder / "raw.sqlite"
        opened: list[Any] = []

        def setup() -> None:
            for database in opened:
                database.dispose()
            opened.clear()
            dataset.fresh_copy(self.template, self.database_path)
            opened.append(open_database(str(self.database_path)))

        def work() -> None:
            dataset.write_rows(opened[0].engine, core)

        timing, baseline = measure_pair(
            work,
            lambda: dataset.write_rows_raw(raw_path, raw),
            self.repeat,
            setup,
            lambda: dataset.fresh_copy(self.template, raw_path),
        )
        peak = peak_memory(work, setup)
        for database in opened:
            database.dispose()
        # The last write stays: every other measurement runs on it. The rows in memory
        # are let go, so that no measurement carries them.
        self._data = None
        return Result(timing, baseline, peak)

    def write_once(self) -> None:
        """The database written once, untimed (when `seed` is not measured)."""
        from committee.store.database import open_database

        assert self._data is not None, "the data is written once"
        dataset.fresh_copy(self.template, self.database_path)
        database = open_database(str(self.database_path))
        dataset.write_rows(database.engine, dataset.prepared_for_core(self._data))
        database.dispose()
        self._data = None

    # --- check_all ----------------------------------------------------------------------

    def check_all(self) -> Result:
        from committee.cli.reports import check_output
        from committee.store.database import open_database
        from committee.usecases.checking import rosters_in_force

        database = open_database(str(self.database_path))
        statement = rosters_in_force()  # the very query check_output reads members with
        sql = str(
            statement.compile(
                dialect=database.engine.dialect, compile_kwargs={"literal_binds": True}
            )
        )
        counts: dict[str, int] = {}

        def work() -> None:
            with database.session() as session:
                report, text = check_output(session, as_json=True, era=self.era)
            counts["committees"] = len(report.committees)
            counts["findings"] = sum(len(c.findings) for c in report.committees)
            counts["json_bytes"] = len(text.encode())

        def baseline() -> None:
            connection = sqlite3.connect(self.database_path)
            try:
                counts["rows"] = len(connection.execute(sql).fetchall())
            finally:
                connection.close()

        timing, base = measure_pair(work, baseline, self.repeat)
        result = Result(timing, base, peak_memory(work), peak_memory(baseline), dict(counts))
        result.notes |= self._check_command()
        database.dispose()
        return result

    def _check_command(self) -> dict[str, Any]:
        """`bcd138 check --format json -o FILE` run once as a command: its wall time (the
        interpreter and its imports included) and its process's peak resident memory (the
        C libraries' memory included, which tracemalloc does not see)."""
        output = self.folder / "check.json"
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-c", _CHECK_COMMAND, "--db", str(self.database_path)]
            + ["check", "--format", "json", "-o", str(output), *era_option(self.era).split()],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - started
        if completed.returncode not in (0, 1):  # 1: some committee has errors
            raise RuntimeError(f"bcd138 check failed: {completed.stderr}")
        peak = completed.stderr.strip().splitlines()[-1:] if completed.stderr else []
        return {
            "command_seconds": round(wall, 3),
            "command_peak_rss_mib": round(int(peak[0]) / 1024, 1)
            if peak and peak[0].isdigit()
            else None,
        }

    # --- export_province ----------------------------------------------------------------

    def export_province(self) -> Result:
        from openpyxl import Workbook

        from committee.store.database import open_database
        from committee.usecases.exports import export_province, province_data

        database = open_database(str(self.database_path))
        exported, bare = self.folder / "tinh.xlsx", self.folder / "bare.xlsx"
        with database.session() as session:
            sheets = province_data(session, self.province, era=self.era).sheet_rows()

        def work() -> None:
            with database.session() as session:
                export_province(session, exported, True, province=self.province, era=self.era)

        def baseline() -> None:
            workbook = Workbook(write_only=True)
            for title, (headers, rows) in sheets.items():
                worksheet = workbook.create_sheet(title)
                worksheet.append(list(headers))
                for row in rows:
                    worksheet.append(list(row))
            workbook.save(bare)

        timing, base = measure_pair(work, baseline, self.repeat)
        cells = sum(len(headers) * (1 + len(rows)) for headers, rows in sheets.values())
        notes = {
            "cells": cells,
            "file_bytes": exported.stat().st_size,
            "baseline_file_bytes": bare.stat().st_size,
        }
        result = Result(timing, base, peak_memory(work), peak_memory(baseline), notes)
        database.dispose()
        return result

    # --- import_roster ------------------------------------------------------------------

    def import_roster(self) -> Result:
        from python_calamine import CalamineWorkbook

        from committee.cli import app as cli
        from committee.store.database import open_database
        from committee.usecases.units import get_unit, to_ref

        # On a copy: each run stores a decision that supersedes the one before.
        copy = dataset.fresh_copy(self.database_path, self.folder / "import.sqlite")
        code = self.switch_units[0]
        database = open_database(str(copy))
        with database.session() as session:
            unit = to_ref(get_unit(session, code, self.era))
        database.dispose()
        lines = roster_for(unit, random.Random(f"{dataset.SEED}-import"), 25)
        # signed after the decision in force, its Quy chế the same day
        signed = f"{dataset.SIGNING[self.era].imported:%d/%m/%Y}"
        path = write_roster_file(
            unit, lines, self.folder / "danh-sach.xlsx", "2105/QĐ-UBND", signed
        )
        argv = [
            "--db",
            str(copy),
            "import",
            str(path),
            "--unit",
            code,
            "--regulation-number",
            "01/QĐ-BCĐ",
            "--regulation-date",
            signed,
            *era_option(self.era).split(),
        ]

        def work() -> None:
            with contextlib.redirect_stdout(io.StringIO()) as output:
                try:
                    cli.main(argv)
                except SystemExit as exit:
                    if exit.code != 0:
                        raise RuntimeError(f"bcd138 import failed: {output.getvalue()}") from None

        def baseline() -> None:
            CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

        timing, base = measure_pair(work, baseline, self.repeat)
        notes = {"beyond_baseline_seconds": round(timing.median - base.median, 6)}
        return Result(timing, base, peak_memory(work), peak_memory(baseline), notes)

    # --- the terminal UI ----------------------------------------------------------------

    def tui_first_paint(self) -> Result:
        from committee.store.database import open_database
        from tui.app import Bcd138App

        database = open_database(str(self.database_path))

        def work(precise: bool = False) -> None:
            asyncio.run(_first_paint(lambda: Bcd138App(database), _statuses_shown, precise))

        def baseline(precise: bool = False) -> None:
            asyncio.run(_first_paint(bare_app, precise=precise))

        timing, base = measure_pair(work, baseline, self.repeat)
        quiet, quiet_base = measure_pair(
            lambda: work(precise=True), lambda: baseline(precise=True), self.repeat
        )
        notes = {
            "idle_in_5ms_windows": {
                "seconds": round(quiet.median, 6),
                "baseline_seconds": round(quiet_base.median, 6),
                "ratio": round(ratio(quiet.median, quiet_base.median), 3),
            }
        }
        database.dispose()
        return Result(timing, base, notes=notes)

    def tui_switch(self) -> Result:
        from committee.store.database import open_database

        database = open_database(str(self.database_path))
        runs = asyncio.run(
            _switch_times(database, self.switch_units, max(self.repeat, 2), self.era)
        )
        database.dispose()
        return Result(Timing(tuple(runs)), notes={"units": list(self.switch_units)})

    def search(self) -> Result:
        from committee.store.database import open_database
        from committee.usecases.decisions import current_decision, roster_with_people

        database = open_database(str(self.database_path))
        with database.session() as session:  # someone on a roster, typed without diacritics
            decision = current_decision(session, self.switch_units[0], self.era)
            assert decision is not None
            person = roster_with_people(session, decision.id)[0][1].search_key
        queries = (person, *SEARCHES)
        runs, found = asyncio.run(_keystroke_times(database, queries, max(self.repeat, 1)))
        database.dispose()
        return Result(
            Timing(tuple(runs)),
            notes={"queries": list(queries), "keystrokes": len(runs), "results": found},
        )

    # --- all ----------------------------------------------------------------------------

    def run(self, names: Sequence[str]) -> dict[str, Result]:
        if "seed" in names:
            self.results["seed"] = self.seed()  # it writes the database
            self._report("seed")
        else:
            self.write_once()
        for name in names:
            if name == "seed":
                continue
            self.results[name] = self._in_own_process(name)
            self._report(name)
        return {name: self.results[name] for name in NAMES if name in self.results}

    def _in_own_process(self, name: str) -> Result:
        state = {
            "folder": str(self.folder),
            "repeat": self.repeat,
            "switch_units": list(self.switch_units),
            "province": self.province,
            "era": self.era.value,
        }
        root = Path(__file__).resolve().parent.parent
        python_path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.suite", name, json.dumps(state)],
            cwd=root,
            env={**os.environ, "PYTHONPATH": python_path},
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{completed.stderr}")
        return Result.load(json.loads(completed.stdout.splitlines()[-1]))

    @classmethod
    def attached(cls, state: dict[str, Any]) -> Suite:
        """The suite in a measurement's own process, on the database already written."""
        suite = cls(_ATTACHED, state["repeat"], Path(state["folder"]), lambda line: None)
        suite.switch_units = tuple(state["switch_units"])
        suite.province = state["province"]
        suite.era = Era(state.get("era", DEFAULT_ERA))
        return suite

    def _report(self, name: str) -> None:
        result = self.results[name]
        timing, base = result.timing, result.baseline
        line = f"  {name:16} {_span(timing)}"
        if base is not None:
            line += f"  baseline {_span(base)}  ratio {ratio(timing.median, base.median):.2f}"
        if result.peak_bytes is not None:
            line += f"  peak {result.peak_bytes / 2**20:.1f} MiB"
        self.log(line)

    def to_json(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "era": self.era.value,
            "committees": self.committees,
            "members": self.members,
            "results": {name: result.to_json() for name, result in self.results.items()},
            "memberships": self.memberships,
            "people": self.people,
            "dataset": self.stats,
            "generate_seconds": round(self.generate_seconds, 3),
            "repeat": self.repeat,
            "runs": {name: result.runs_json() for name, result in self.results.items()},
            "targets": {name: TARGETS[name] for name in self.results},
            "machine": machine(),
            "date": date.today().isoformat(),
            "command": command_line(),
        }


# `bcd138 …` (the console script's main), then the process's own peak resident memory in
# KiB on stderr: VmHWM, the high-water mark of this program's memory alone (the rusage
# figure would count what the parent process held when it started this one).
_CHECK_COMMAND = """
import sys
from committee.cli.app import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
try:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print(line.split()[1], file=sys.stderr)
except OSError:
    pass
sys.exit(code)
"""


_ATTACHED = "attached"  # Suite.attached: no data generated, the database is there


def _span(timing: Timing) -> str:
    return (
        f"{timing.median * 1000:9.1f} ms (min {timing.low * 1000:.1f}, "
        f"max {timing.high * 1000:.1f})"
    )


# --- the terminal UI, driven headless -----------------------------------------------------


QUIET = 0.005  # seconds with (almost) no CPU used: the app has finished its work


async def _quiet(pilot: Any) -> float:
    """Wait until the app's pending events are handled and the process has gone quiet,
    watched in 5 ms windows; returns the perf_counter time at which it went quiet."""
    while True:
        await pilot.pause(0)
        quiet_from = time.perf_counter()
        cpu = time.process_time()
        await asyncio.sleep(QUIET)
        if time.process_time() - cpu < QUIET / 10:
            return quiet_from


async def _first_paint(
    make_app: Callable[[], Any],
    ready: Callable[[Any], bool] = lambda app: True,
    precise: bool = False,
) -> float:
    """From creating the app to its first screen drawn, `ready`, and the app idle.

    Idle is what Textual's `pilot.pause()` waits for (the headless run_test way: no CPU
    used for a 20 ms window), or with `precise`, no CPU used for a 5 ms window, timed to
    its start: the first includes 20–40 ms of waiting in both the app and its baseline,
    which brings their ratio nearer 1; the second leaves almost only the work.
    """
    start = time.perf_counter()
    app = make_app()
    async with app.run_test(size=SCREEN) as pilot:
        if precise:
            done = await _quiet(pilot)
        else:
            await pilot.pause()
            done = time.perf_counter()
        if not ready(app):
            raise RuntimeError("the first screen is drawn without the committees' statuses")
    return done - start


def _statuses_shown(app: Any) -> bool:
    """The main screen's tree holds every committee with its status (checked in a thread)."""
    from tui.widgets.unit_tree import UnitTree

    screen = app.main_screen
    return screen is not None and bool(screen.query_one(UnitTree).root.children)


async def _switch_times(database: Any, codes: Sequence[str], rounds: int, era: Era) -> list[float]:
    from tui.app import Bcd138App
    from tui.widgets.roster_table import RosterTable

    app = Bcd138App(database, codes[0], era)
    times = []
    async with app.run_test(size=SCREEN) as pilot:
        await pilot.pause()
        if not _statuses_shown(app):
            raise RuntimeError("the app is idle without the committees' statuses")
        screen = app.main_screen
        assert screen is not None
        for index in range(rounds + 1):
            code = codes[(index + 1) % 2]
            start = time.perf_counter()
            screen.open_unit(code, era=era)
            await pilot.pause()
            elapsed = time.perf_counter() - start
            if screen.query_one(RosterTable).row_count != dataset.SWITCH_SIZE:
                raise RuntimeError(f"{code}: the roster on screen is not the 25 members")
            if index:  # the first switch warms up
                times.append(elapsed)
    return times


async def _keystroke_times(
    database: Any, queries: Sequence[str], rounds: int
) -> tuple[list[float], dict[str, int]]:
    """Each query typed into the search dialog a key at a time: the time from the key to
    its results listed (the events it sets off processed)."""
    from textual.widgets import Input

    from tui.app import Bcd138App
    from tui.dialogs.search import SearchDialog

    app = Bcd138App(database)
    times: list[float] = []
    found: dict[str, int] = {}
    async with app.run_test(size=SCREEN) as pilot:
        await pilot.pause()
        for round_number in range(rounds + 1):
            for query in queries:
                await pilot.press("slash")
                dialog = app.screen
                assert isinstance(dialog, SearchDialog)
                field = dialog.query_one("#query", Input)
                for character in query:
                    start = time.perf_counter()
                    field.insert_text_at_cursor(character)
                    await pilot.pause(0)  # the Changed event handled: searched and listed
                    elapsed = time.perf_counter() - start
                    if round_number:  # the first round warms up
                        times.append(elapsed)
                if field.value != query:
                    raise RuntimeError(f"typed {field.value!r}, not {query!r}")
                found[query] = len(dialog.results)
                await pilot.press("escape")
    return times, found


# --- the machine ---------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": versions,
    }


# --- command line --------------------------------------------------------------------------


def command_line() -> str:
    return "python -m benchmarks " + " ".join(sys.argv[1:])


def own_peak_mib() -> float | None:
    """This process's peak resident memory (VmHWM: its own, not what the process it was
    started from held)."""
    with contextlib.suppress(OSError):
        for status in Path("/proc/self/status").read_text().splitlines():
            if status.startswith("VmHWM:"):
                return round(int(status.split()[1]) / 1024, 1)
    return None


def search_figures(repeat: int) -> Callable[[Path, tuple[str, str]], dict[str, Any]]:
    """The in-process search measurement, on a given database, in a process of its own
    (for the growth runs of benchmarks/e2e.py)."""

    def search(database: Path, switch_units: tuple[str, str]) -> dict[str, Any]:
        state = {
            "folder": str(database.parent),
            "repeat": repeat,
            "switch_units": list(switch_units),
            "province": dataset.DEFAULT_PROVINCE,
        }
        result = Suite.attached(state)._in_own_process("search")
        timing = result.timing
        return {
            "seconds": round(timing.median, 5),
            "min": round(timing.low, 5),
            "max": round(timing.high, 5),
            "peak_mib": result.notes.get("process_peak_rss_mib"),
            "keystrokes": result.notes["keystrokes"],
            "results": result.notes["results"],
        }

    return search


def main(argv: list[str] | None = None, only: Sequence[str] = ()) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--scale", choices=dataset.SCALES, default="province")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        help="run only this measurement (repeatable; without seed the data is written once, "
        "untimed)",
    )
    parser.add_argument(
        "--e2e",
        action="store_true",
        help="also every command end to end, each in a fresh process, against its floor",
    )
    parser.add_argument(
        "--e2e-only",
        action="append",
        choices=e2e.NAMES,
        help="with --e2e, only this command (repeatable)",
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also check on PostgreSQL (a throwaway server) against SQLite, end to end",
    )
    parser.add_argument(
        "--growth",
        action="store_true",
        help="instead: check, search and the UI's first screen at 1×, 2× and 4× the nation",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    names = args.only or list(only) or list(NAMES)

    def log(line: str) -> None:
        print(line, flush=True)

    with tempfile.TemporaryDirectory(prefix="bcd138-bench-") as folder:
        if args.growth:
            result = {
                "kind": "growth",
                **e2e.run_growth(Path(folder), args.repeat, log, search_figures(args.repeat)),
                "repeat": args.repeat,
                "machine": machine(),
                "date": date.today().isoformat(),
                "command": command_line(),
            }
        else:
            suite = Suite(args.scale, args.repeat, Path(folder), log)
            suite.run(names)
            result = suite.to_json()
            space = e2e.Workspace(
                Path(folder), suite.database_path, suite.switch_units[0], suite.era.value
            )
            if args.e2e:
                log("end to end, each command in a fresh process:")
                result["e2e"] = e2e.run_all(space, args.repeat, log, args.e2e_only or e2e.NAMES)
            if args.postgres:
                result["postgres"] = e2e.run_postgres(space, args.repeat, log)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
        log(f"Figures written to {args.json}")
    return result


if __name__ == "__main__":  # one measurement, in a process of its own (Suite.run)
    measured = getattr(Suite.attached(json.loads(sys.argv[2])), sys.argv[1])()
    measured.notes["process_peak_rss_mib"] = own_peak_mib()
    print(json.dumps(measured.dump()))
