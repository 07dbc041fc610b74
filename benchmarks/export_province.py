"""The province workbook for 219 committees of 20 members: time and peak memory, against
a bare openpyxl write-only loop writing the same cell values, in the same run.

    python -m benchmarks.export_province [--repeat N] [--json FILE]

Setup (not timed): a temporary database with every district and commune of Hải Dương,
each with an issued decision of 20 members (generated rosters, titles recognised as
`bcd138 import` does), written with bulk SQLAlchemy Core inserts; about one decision in
ten is signed after the deadline. Measured, each as the median of --repeat runs:

- export: `write_province_workbook` as `bcd138 export province` runs it (read, check,
  styled write-only workbook, atomic save);
- styled write: the workbook part alone, from data already read and checked;
- bare loop: the same cell values appended to an openpyxl write-only workbook, no styles.

Peak memory is measured apart from the timings, with tracemalloc (Python allocations).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import insert, select

from benchmarks.rosters import roster_for
from benchmarks.timing import measure, ratio
from committee.checking import select_units
from committee.database import Database
from committee.models import Decision, Membership, Person
from committee.text import fold
from committee.titles import recognise_title
from committee.units import unit_index
from committee.workbooks import province_data, province_workbook, write_province_workbook
from committee.workspace import open_workspace

MEMBERS = 20
SheetRows = dict[str, tuple[Sequence[str], list[tuple[object, ...]]]]


def build_province(path: Path, seed: int = 138) -> Database:
    """Every committee of Hải Dương with an issued 20-member decision, in bulk inserts."""
    database = open_workspace(str(path))
    rng = random.Random(seed)
    with database.transaction() as session:
        units = select_units(session)
        session.execute(
            insert(Decision),
            [
                {
                    "unit_code": unit.code,
                    "number": f"{index + 1}/QĐ-UBND",
                    "signed_on": date(2023, 7, 10) if index % 10 == 9 else date(2023, 6, 20),
                    "signer": "",
                    "status": "issued",
                    "regulation_number": "01/QĐ-BCĐ",
                    "regulation_date": date(2023, 6, 20),
                }
                for index, unit in enumerate(units)
            ],
        )
        decision_ids = dict(session.execute(select(Decision.unit_code, Decision.id)).all())
        index = unit_index(session)
        people: list[dict[str, object]] = []
        lines: list[dict[str, object]] = []
        for unit in units:
            for position, line in enumerate(roster_for(unit, rng, MEMBERS), start=1):
                post = recognise_title(line.title, unit, index)
                people.append({"full_name": line.name, "search_key": fold(line.name)})
                lines.append(
                    {
                        "decision_id": decision_ids[unit.code],
                        "role": line.role.value,
                        "position": position,
                        "title": line.title,
                        "post_kind": post.post_kind,
                        "post_unit_code": post.unit_code,
                        "portfolio": post.portfolio.value,
                        "duties": line.duties,
                    }
                )
        session.execute(insert(Person), people)
        person_ids = session.scalars(select(Person.id).order_by(Person.id)).all()
        for line, person_id in zip(lines, person_ids, strict=True):
            line["person_id"] = person_id
        session.execute(insert(Membership), lines)
    return database


def bare_write(sheets: SheetRows, path: Path) -> None:
    """The same values, appended to a write-only workbook with nothing else."""
    workbook = Workbook(write_only=True)
    for title, (headers, rows) in sheets.items():
        worksheet = workbook.create_sheet(title)
        worksheet.append(list(headers))
        for row in rows:
            worksheet.append(list(row))
    workbook.save(path)


def peak_memory(work: Callable[[], object]) -> int:
    """Peak bytes allocated by Python while `work` runs."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        database = build_province(root / "province.sqlite")
        exported, styled, bare = root / "export.xlsx", root / "styled.xlsx", root / "bare.xlsx"
        with database.session() as session:
            data = province_data(session)
            sheets = data.sheet_rows()

            def export() -> None:
                write_province_workbook(session, exported, force=True)

            def styled_write() -> None:
                province_workbook(data).save(styled)

            def bare_loop() -> None:
                bare_write(sheets, bare)

            export()  # warm the caches (rule pack, unit index) once, as a running app has
            timings = {
                "export": measure(export, args.repeat),
                "styled_write": measure(styled_write, args.repeat),
                "bare_loop": measure(bare_loop, args.repeat),
            }
            peaks = {
                "export": peak_memory(export),
                "styled_write": peak_memory(styled_write),
                "bare_loop": peak_memory(bare_loop),
            }
        database.dispose()
        cells = sum(len(headers) * (1 + len(rows)) for headers, rows in sheets.values())
        result: dict[str, object] = {
            "committees": len(data.committees),
            "members_per_committee": MEMBERS,
            "findings": len(data.findings),
            "cells": cells,
            "repeat": args.repeat,
            "seconds": {name: timing.median for name, timing in timings.items()},
            "peak_bytes": peaks,
            "file_bytes": {
                "export": exported.stat().st_size,
                "bare_loop": bare.stat().st_size,
            },
            "time_ratio_export_to_bare": ratio(
                timings["export"].median, timings["bare_loop"].median
            ),
            "time_ratio_styled_to_bare": ratio(
                timings["styled_write"].median, timings["bare_loop"].median
            ),
            "memory_ratio_export_to_bare": ratio(peaks["export"], peaks["bare_loop"]),
        }

    print(
        f"Province workbook: {result['committees']} committees × {MEMBERS} members, "
        f"{result['findings']} findings, {cells} cells; median of {args.repeat} runs."
    )
    for name, label in (
        ("export", "write_province_workbook (read, check, write)"),
        ("styled_write", "styled write-only workbook alone"),
        ("bare_loop", "bare openpyxl write-only loop"),
    ):
        timing = timings[name]
        print(
            f"  {label:46} {timing.median * 1000:8.1f} ms "
            f"(min {timing.low * 1000:.1f}, max {timing.high * 1000:.1f}); "
            f"peak {peaks[name] / 2**20:6.2f} MiB"
        )
    print(
        f"  ratio export/bare: time {result['time_ratio_export_to_bare']:.2f}×, "
        f"memory {result['memory_ratio_export_to_bare']:.2f}×; "
        f"styled write/bare: time {result['time_ratio_styled_to_bare']:.2f}×"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
