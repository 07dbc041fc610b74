"""One registry of actions (tui.actions): the bindings, the footer, the palette, the help
screen and the enabled state all come from it (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

from committee.store.database import Database
from committee.usecases import demo
from tests.tui.conftest import MEDIUM, draft_id, main_screen, messages, pilot_test
from tui import actions
from tui.app import Bcd138App
from tui.dialogs.member_form import MemberForm
from tui.screens.help import HelpScreen, help_rows
from tui.screens.main import MainScreen
from tui.widgets.roster_table import RosterTable
from tui.widgets.unit_tree import UnitTree

TUI = Path(__file__).resolve().parents[2] / "tui"


def offered(app: Bcd138App) -> set[str]:
    """The actions the footer offers now (Textual's public view of the bindings)."""
    return {active.binding.action for active in app.screen.active_bindings.values()}


def test_the_bindings_and_the_help_come_from_the_registry() -> None:
    assert [(b.key, b.action, b.description) for b in MainScreen.BINDINGS] == [
        (a.keys, a.name, a.label) for a in actions.ACTIONS
    ]
    assert all(hasattr(MainScreen, f"action_{a.name}") for a in actions.ACTIONS)
    helps = {text for _, _, text in help_rows()}
    assert all(a.help in helps for a in actions.ACTIONS)
    assert all(re.fullmatch(r"[^:]+: \S.*", a.title) for a in actions.ACTIONS)
    keys = [key for a in actions.ACTIONS for key in a.keys.split(",")]
    assert len(keys) == len(set(keys))  # one action per key


def test_no_hand_kept_list_of_actions_is_left() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in TUI.rglob("*.py"))
    for name in ("DECISION_ACTIONS", "MEMBER_ACTIONS", "FINDING_ACTIONS", "UNIT_ACTIONS"):
        assert name not in source
    for name in ("PALETTE", "HELP_ROWS"):
        assert not re.search(rf"^{name}\b", source, re.MULTILINE)


@pilot_test
async def test_the_footer_follows_the_focus_and_what_is_shown(db: Database) -> None:
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert {"search", "history", "regulation"} <= offered(app)
        assert not {"add_member", "person", "explain", "edit_decision"} & offered(app)
        screen.query_one(RosterTable).focus()  # the roster of an issued decision
        await pilot.pause()
        assert {"person", "same_person"} <= offered(app)
        assert not {"add_member", "edit_member", "issue"} & offered(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft_id(db, demo.COMMUNE_DRAFT_ONLY))
        screen.query_one(RosterTable).focus()
        await pilot.pause()
        assert {"add_member", "edit_member", "move_up", "issue", "delete_draft"} <= offered(app)
        assert "regulation" not in offered(app)  # no decision in force to record it against
        screen.query_one(UnitTree).focus()
        await pilot.pause()
        assert "add_member" not in offered(app)


@pilot_test
async def test_a_key_that_cannot_run_now_says_why(db: Database) -> None:
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        main_screen(app).query_one(RosterTable).focus()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is main_screen(app)
        assert any("chỉ xem được" in message for message in messages(app)), messages(app)


@pilot_test
async def test_the_palette_offers_what_can_run_and_moves_to_its_pane(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft_id(db, demo.COMMUNE_DRAFT_ONLY))
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Thành viên: thêm" in titles and "Văn bản: ghi Quy chế hoạt động" not in titles
        assert screen.query_one(UnitTree).has_focus
        await pilot.press("ctrl+p")
        await pilot.press(*"Thành viên: thêm")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, MemberForm)
        await pilot.press("escape")
        assert screen.query_one(RosterTable).has_focus


@pilot_test
async def test_the_help_screen_lists_every_action(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("DataTable")
        assert table.row_count == len(help_rows()) >= len(actions.ACTIONS)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
