"""The tree's statuses: the district-level units' checked at start, a district's communes
before the tree first shows them (unfolded, filtered, opened), never a "?" on screen."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets.tree import TreeNode

from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.checking import check_units, select_units
from tui.app import Bcd138App
from tui.widgets.unit_tree import UnitTree

SIZE = (100, 30)


@pytest.fixture
def db(demo_database: Database) -> Database:
    return demo_database


def shown(tree: UnitTree) -> dict[str, str]:
    """The label of every node the tree shows (unfolded), by unit code."""
    labels: dict[str, str] = {}

    def walk(node: TreeNode[str]) -> None:
        for child in node.children:
            labels[child.data or ""] = child.label.plain
            if child.is_expanded:
                walk(child)

    walk(tree.root)
    return labels


def expected_marks(db: Database) -> dict[str, str]:
    from tui.widgets.status import STATUS_MARKS

    with db.session() as session:
        report = check_units(session, select_units(session))
    return {
        c.unit.code: STATUS_MARKS[None if c.decision is None else c.status]
        for c in report.committees
    }


def test_unfolding_filtering_and_opening_show_checked_statuses(db: Database) -> None:
    marks = expected_marks(db)

    async def run() -> None:
        app = Bcd138App(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            tree = app.screen.query_one(UnitTree)
            labels = shown(tree)
            assert len(labels) == 12  # the district-level units, folded
            assert all(label[0] == marks[code] for code, label in labels.items())

            tree.root.children[0].expand()  # unfolded by the clerk (Enter)
            await pilot.pause()
            labels = shown(tree)
            assert len(labels) > 12
            assert all(label[0] == marks[code] for code, label in labels.items())

            await pilot.press("f", *"yet kieu")
            await pilot.pause()
            labels = shown(tree)
            assert demo.COMMUNE_WARNING in labels
            assert all(label[0] == marks[code] for code, label in labels.items())

            await pilot.press("escape")
            app.main_screen.open_unit("10813")  # thị trấn Thanh Hà: its district unfolds
            await pilot.pause()
            labels = shown(tree)
            assert "10813" in labels
            assert all(label[0] == marks[code] for code, label in labels.items())

    asyncio.run(run())


def test_the_start_unit_opens_with_its_communes_checked(db: Database) -> None:
    marks = expected_marks(db)

    async def run() -> None:
        app = Bcd138App(db, demo.DISTRICT)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            labels = shown(app.screen.query_one(UnitTree))
            assert demo.COMMUNE_ERROR in labels and demo.COMMUNE_DRAFT_ONLY in labels
            assert all(label[0] == marks[code] for code, label in labels.items())

    asyncio.run(run())
