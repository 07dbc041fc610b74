"""Forms (issue 16, point 5) at 80×24 and 100×30: every field checked at once, each message
beside its field; dates that do not exist, emoji, lengths, phone numbers; the issue dialog
says what issuing will do and refuses before asking when the signing date is missing."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, TextArea

from committee.domain.field_limits import PERSON_NAME
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.decisions import DecisionDetails, create_draft
from tests.tui.conftest import MEDIUM, SMALL, draft_id, main_screen, messages, pilot_test
from tui.app import Bcd138App
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.decision_form import DecisionForm
from tui.dialogs.member_form import MemberForm
from tui.widgets.roster_table import RosterTable

SIZES = pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["80x24", "100x30"])


def _error(form, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(form.query_one(f"#error-{field}").render())


@SIZES
@pilot_test
async def test_the_member_form_shows_every_refusal_at_once_beside_its_field(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft_id(db, demo.COMMUNE_DRAFT_ONLY))
        screen.query_one(RosterTable).focus()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, MemberForm)
        form.query_one("#input-name", Input).value = "Nguyễn Văn Hùng 😀"
        form.query_one("#input-phone", Input).value = "abc"
        form.query_one("#input-title", Input).value = "Chủ tịch " * 40
        form.query_one("#input-duties", TextArea).text = "Dòng một\nDòng hai"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "emoji" in _error(form, "name") and "😀" in _error(form, "name")
        assert "«abc»" in _error(form, "phone") and "chữ số" in _error(form, "phone")
        assert "300 ký tự" in _error(form, "title")
        form.query_one("#input-name", Input).value = "Nguyễn " * 30
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"quá giới hạn {PERSON_NAME} ký tự" in _error(form, "name")
        form.query_one("#input-name", Input).value = "Nguyễn Văn Hùng"
        form.query_one("#input-phone", Input).value = "+84 (0)912"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "«(»" in _error(form, "phone")
        form.query_one("#input-phone", Input).value = "+84.912-345 678"
        form.query_one("#input-title", Input).value = "Chủ tịch UBND xã"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MemberForm)
        lines = [
            line for line in screen.query_one(RosterTable).lines if line.name == "Nguyễn Văn Hùng"
        ]
        assert lines and lines[0].duties == "Dòng một\nDòng hai"
        assert lines[0].phone == "+84.912-345 678"


@SIZES
@pilot_test
async def test_the_decision_form_says_a_date_does_not_exist(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft_id(db, demo.COMMUNE_DRAFT_ONLY))
        await pilot.press("d")
        form = app.screen
        assert isinstance(form, DecisionForm)
        form.query_one("#input-signed_on", Input).value = "31/02/2023"
        form.query_one("#input-signer", Input).value = "Lê Văn 🎉"
        form.query_one("#input-regulation_date", Input).value = "01/01/2999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Ngày 31/02/2023 không có" in _error(form, "signed_on")
        assert "emoji" in _error(form, "signer")
        assert "ở tương lai" in _error(form, "regulation_date")


@SIZES
@pilot_test
async def test_the_issue_dialog_says_what_issuing_does(db: Database, size: tuple[int, int]) -> None:
    with db.transaction() as session:  # a unit with no decision in force
        first = create_draft(
            session, demo.COMMUNE_DRAFT_ONLY, DecisionDetails("8/QĐ-UBND", date(2023, 6, 1))
        ).id
        later = create_draft(
            session, demo.COMMUNE_ERROR, DecisionDetails("41/QĐ-UBND", date(2023, 7, 1))
        ).id
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, first)
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "thay thế" not in dialog.question
        assert "quyết định đầu tiên có hiệu lực của Xã Thống Nhất" in dialog.question
        await pilot.press("escape")
        screen.open_unit(demo.COMMUNE_ERROR, later)
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog), messages(app)
        assert "thay thế Quyết định 12/QĐ-UBND" in dialog.question


@SIZES
@pilot_test
async def test_issuing_without_a_signing_date_is_refused_before_asking(
    db: Database, size: tuple[int, int]
) -> None:
    with db.transaction() as session:
        draft = create_draft(session, demo.COMMUNE_WARNING, DecisionDetails("99/QĐ-UBND", None))
        draft_id_ = draft.id
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_WARNING, draft_id_)
        await pilot.press("b")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("chưa có ngày ký" in message for message in messages(app))
