"""The tree: each loaded province of each era a root, built a level at a time; a level's
statuses checked before the tree first shows it (opened, filtered, gone to), never a "?"
on screen; units told apart by era and code."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets.tree import TreeNode

from committee.domain.records import UnitRef
from committee.domain.vocabulary import Era
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.checking import check_units, select_units
from tui.app import Bcd138App
from tui.widgets.unit_tree import UnitTree

SIZE = (100, 30)


@pytest.fixture
def db(demo_database: Database) -> Database:
    return demo_database


def shown(tree: UnitTree) -> dict[tuple[Era, str], str]:
    """The label of every node the tree shows (unfolded), by unit key (era, code)."""
    labels: dict[tuple[Era, str], str] = {}

    def walk(node: TreeNode[UnitRef]) -> None:
        for child in node.children:
            if child.data is not None:
                labels[child.data.key] = child.label.plain
            if child.is_expanded:
                walk(child)

    walk(tree.root)
    return labels


def expected_marks(db: Database) -> dict[tuple[Era, str], str]:
    from tui.widgets.status import STATUS_MARKS

    with db.session() as session:
        report = check_units(session, select_units(session, era=None))
    return {
        c.unit.key: STATUS_MARKS[None if c.decision is None else c.status]
        for c in report.committees
    }


def marked_right(labels: dict[tuple[Era, str], str], marks: dict[tuple[Era, str], str]) -> bool:
    """Every unit with a committee shown with its own status (the provinces have none)."""
    return all(label[0] == marks[key] for key, label in labels.items() if key in marks)


LEGACY_ROOT, NEW_ROOT = (Era.LEGACY, "30"), (Era.Y2025, demo.NEW_PROVINCE)


def test_unfolding_filtering_and_opening_show_checked_statuses(db: Database) -> None:
    marks = expected_marks(db)

    async def run() -> None:
        app = Bcd138App(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            tree = app.screen.query_one(UnitTree)
            labels = shown(tree)
            # each loaded province of each era is a root, open: the legacy districts
            # (folded, their communes not built yet) and the 2025 communes
            assert labels[LEGACY_ROOT] == "Hải Dương (trước 01/07/2025)"
            assert labels[NEW_ROOT] == "Hải Phòng (từ 01/07/2025)"
            legacy = [key for key in labels if key[0] is Era.LEGACY and key != LEGACY_ROOT]
            assert len(legacy) == 12  # the district-level units, folded
            assert len([key for key in labels if key[0] is Era.Y2025]) == 1 + 114
            assert marked_right(labels, marks)
            district = tree.root.children[0].children[0]
            assert district.allow_expand and not district.children  # lazy: not read yet

            district.expand()  # unfolded by the clerk (Enter): its communes read now
            await pilot.pause()
            assert district.children
            labels = shown(tree)
            assert len([key for key in labels if key[0] is Era.LEGACY]) > 13
            assert marked_right(labels, marks)

            await pilot.press("f", *"yet kieu")
            await pilot.pause()
            labels = shown(tree)
            assert (Era.LEGACY, demo.COMMUNE_WARNING) in labels
            assert (Era.Y2025, demo.NEW_COMMUNE_NONE) in labels
            assert marked_right(labels, marks)

            await pilot.press("escape")
            app.main_screen.open_unit("10813")  # thị trấn Thanh Hà: its district unfolds
            await pilot.pause()
            labels = shown(tree)
            assert (Era.LEGACY, "10813") in labels
            assert marked_right(labels, marks)

    asyncio.run(run())


def test_the_start_unit_opens_with_its_communes_checked(db: Database) -> None:
    marks = expected_marks(db)

    async def run() -> None:
        app = Bcd138App(db, demo.DISTRICT)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            labels = shown(app.screen.query_one(UnitTree))
            assert (Era.LEGACY, demo.COMMUNE_ERROR) in labels
            assert (Era.LEGACY, demo.COMMUNE_DRAFT_ONLY) in labels
            assert marked_right(labels, marks)

    asyncio.run(run())


def test_a_2025_unit_opens_by_its_era_and_code(db: Database) -> None:
    """10999 is thị trấn Gia Lộc before 1 July 2025 and xã Gia Lộc after: the app started
    on the 2025 one shows it, under Hải Phòng's root, and not its legacy namesake."""

    async def run() -> None:
        app = Bcd138App(db, demo.NEW_COMMUNE_DRAFT_ONLY, Era.Y2025)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.main_screen
            assert screen is not None and screen.view is not None
            assert screen.view.unit.key == (Era.Y2025, "10999")
            assert screen.view.unit.name == "Xã Gia Lộc"
            tree = screen.query_one(UnitTree)
            cursor = tree.cursor_node
            assert cursor is not None and cursor.data is not None
            assert cursor.data.key == (Era.Y2025, "10999")
            assert cursor.parent is not None and cursor.parent.data is not None
            assert cursor.parent.data.key == NEW_ROOT
            screen.open_unit("10999")  # the legacy one, by default
            await pilot.pause()
            assert screen.view.unit.name == "Thị trấn Gia Lộc"
            assert tree.cursor_node is not None and tree.cursor_node.data is not None
            assert tree.cursor_node.data.key == (Era.LEGACY, "10999")

    asyncio.run(run())
