"""Time to the first screen with a province-sized database, against a bare Textual app
with the same widget types; and the time to switch between two 25-member committees.

Run: python -m benchmarks.tui_startup
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Static, Tree

from benchmarks.rosters import roster_for
from benchmarks.timing import measure, ratio
from committee.checking import select_units
from committee.database import Database
from committee.models import Decision, Membership, Person
from committee.text import fold
from committee.workspace import open_workspace
from tui.app import Bcd138App
from tui.widgets.roster_table import RosterTable

SIZE = (120, 40)


def build_province(path: Path, seed: int = 138) -> tuple[Database, list[str]]:
    """Every district and commune of Hải Dương with an issued decision of 20–25 members,
    written with bulk inserts. Returns the database and two 25-member committees' codes."""
    database = open_workspace(str(path))
    rng = random.Random(seed)
    big: list[str] = []
    with database.transaction() as session:
        units = select_units(session)
        decisions = [
            {
                "unit_code": unit.code,
                "number": f"{i + 1}/QĐ-UBND",
                "signed_on": date(2023, 6, 1 + i % 28),
                "signer": "",
                "status": "issued",
                "regulation_number": "01/QĐ-BCĐ",
                "regulation_date": date(2023, 6, 1),
            }
            for i, unit in enumerate(units)
        ]
        session.execute(insert(Decision), decisions)
        ids = dict(session.execute(select(Decision.unit_code, Decision.id)).all())
        people: list[dict] = []
        lines: list[tuple[int, object]] = []
        for unit in units:
            size = 25 if len(big) < 2 and rng.random() < 0.5 else rng.randint(20, 25)
            if size == 25 and len(big) < 2:
                big.append(unit.code)
            for line in roster_for(unit, rng, size):
                people.append({"full_name": line.name, "search_key": fold(line.name)})
                lines.append((ids[unit.code], line))
        session.execute(insert(Person), people)
        person_ids = list(session.scalars(select(Person.id).order_by(Person.id)))
        rows = []
        position: dict[int, int] = {}
        for person_id, (decision_id, line) in zip(person_ids, lines, strict=True):
            position[decision_id] = position.get(decision_id, 0) + 1
            rows.append(
                {
                    "decision_id": decision_id,
                    "person_id": person_id,
                    "role": line.role.value,  # type: ignore[attr-defined]
                    "position": position[decision_id],
                    "title": line.title,  # type: ignore[attr-defined]
                    "duties": line.duties,  # type: ignore[attr-defined]
                    "portfolio": "none",
                }
            )
        session.execute(insert(Membership), rows)
    return database, big


class BareApp(App[None]):
    """The same widget types, no data."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical():
                yield Input()
                yield Tree("x")
            with Vertical():
                yield Static("")
                yield DataTable()
                yield DataTable()
        yield Footer()


async def first_paint(make_app) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    return elapsed


async def switch_time(database: Database, codes: list[str], rounds: int = 10) -> float:
    app = Bcd138App(database, codes[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main_screen
        assert screen is not None
        times = []
        for i in range(rounds):
            code = codes[(i + 1) % 2]
            start = time.perf_counter()
            screen.open_unit(code)
            await pilot.pause()
            times.append(time.perf_counter() - start)
            assert screen.query_one(RosterTable).row_count == 25
    return sorted(times)[len(times) // 2]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        database, big = build_province(Path(folder) / "province.sqlite")
        print(f"Cơ sở dữ liệu cỡ tỉnh: {time.perf_counter() - start:.2f} s để dựng")
        repeat = 5
        bare = measure(lambda: asyncio.run(first_paint(BareApp)), repeat)
        ours = measure(lambda: asyncio.run(first_paint(lambda: Bcd138App(database))), repeat)
        print(f"Màn hình đầu, app trống Textual: trung vị {bare.median * 1000:.0f} ms")
        print(f"Màn hình đầu, bcd138 (219 BCĐ):  trung vị {ours.median * 1000:.0f} ms")
        print(f"Tỉ lệ bcd138 / app trống: {ratio(ours.median, bare.median):.2f}")
        switch = asyncio.run(switch_time(database, big))
        print(f"Chuyển giữa hai BCĐ 25 thành viên ({big[0]} ↔ {big[1]}): {switch * 1000:.0f} ms")
        database.dispose()


if __name__ == "__main__":
    main()
