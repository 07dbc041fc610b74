"""The unit's "Nhật ký thay đổi" (key j): the audit trail of the unit on screen, newest
first, with who changed what; a change made meanwhile is there when it is opened again."""

from __future__ import annotations

import getpass
from datetime import date

from textual.widgets import Static

from committee.store.database import Database
from committee.usecases.decisions import DecisionDetails, create_draft
from committee.usecases.demo import DISTRICT
from tests.tui.conftest import MEDIUM, pilot_test
from tui.app import Bcd138App
from tui.dialogs.explain import ExplainDialog


def _shown(app: Bcd138App) -> str:
    assert isinstance(app.screen, ExplainDialog)
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


@pilot_test
async def test_the_audit_dialog_shows_the_units_changes_newest_first(db: Database) -> None:
    app = Bcd138App(db, DISTRICT)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        text = _shown(app)
        assert "Nhật ký thay đổi: Huyện Gia Lộc" in text
        assert f"{getpass.getuser()}: Tạo dự thảo quyết định" in text
        await pilot.press("escape")
        with db.transaction() as session:
            create_draft(session, DISTRICT, DecisionDetails("77/QĐ-UBND", date(2024, 5, 2)))
        await pilot.press("j")
        await pilot.pause()
        text = _shown(app)
        newest = text.index("77/QĐ-UBND")
        assert newest < text.index("Ban hành quyết định")  # newest first
