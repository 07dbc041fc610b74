"""Snapshots (pytest-textual-snapshot) of the main screen at 80×24, 100×30 and 120×40 and
too small, the member form and the help screen."""

from __future__ import annotations

import pytest

from committee.store.database import Database
from committee.usecases import demo
from tui.app import Bcd138App
from tui.widgets.roster_table import RosterTable


@pytest.fixture
def app(demo_database: Database) -> Bcd138App:
    return Bcd138App(demo_database, demo.COMMUNE_ERROR)


def test_main_screen_80x24(snap_compare, app: Bcd138App) -> None:
    assert snap_compare(app, terminal_size=(80, 24))


def test_main_screen_100x30(snap_compare, app: Bcd138App) -> None:
    assert snap_compare(app, terminal_size=(100, 30))


def test_too_small_a_terminal(snap_compare, app: Bcd138App) -> None:
    assert snap_compare(app, terminal_size=(50, 14))


def test_main_screen_120x40(snap_compare, app: Bcd138App) -> None:
    assert snap_compare(app, terminal_size=(120, 40))


def test_member_form(snap_compare, app: Bcd138App) -> None:
    async def edit_a_member(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = pilot.app.main_screen
        drafts = [d for d in screen_decisions(pilot.app) if not d.is_issued]
        screen.open_unit(demo.COMMUNE_ERROR, drafts[0].id)
        screen.query_one(RosterTable).focus()
        await pilot.press("down", "e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=edit_a_member)


def test_help_screen(snap_compare, app: Bcd138App) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["f1"])


def screen_decisions(app: Bcd138App):  # type: ignore[no-untyped-def]
    from committee.usecases.decisions import list_decisions

    with app.workspace.read() as session:
        return list_decisions(session, demo.COMMUNE_ERROR)
