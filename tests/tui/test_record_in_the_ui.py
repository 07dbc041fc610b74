"""The record stays true, through the UI (issue 9): people are not merged by a folded name,
an issued decision never changes, drafts are deleted whole, the committee's documents are
recorded after issue, the import preview says what stands in its way, "the same person?",
titles recognised again, stale writes refused with the form kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
from openpyxl import Workbook
from textual.widgets import Button, Checkbox, DataTable, Input, Select, TextArea

from committee.domain.vocabulary import Role
from committee.store.database import Database, open_database
from committee.usecases import demo
from committee.usecases.decisions import MemberInput, current_decision, list_decisions, roster
from tests.tui.conftest import (
    LARGE,
    MEDIUM,
    codes,
    draft_id,
    main_screen,
    messages,
    pilot_test,
    work_done,
)
from tui.app import Bcd138App
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.decision_form import DocumentForm, NewDecisionForm
from tui.dialogs.member_form import MemberForm
from tui.screens.duties import DutiesScreen
from tui.screens.import_preview import ImportScreen
from tui.widgets.decision_header import DecisionHeader
from tui.widgets.form_field import FormField
from tui.widgets.roster_table import RosterTable

EXAMPLES = Path("/work/shared/examples")
GIA_PHUC = "11035"  # a commune of huyện Gia Lộc (297)
THANH_HA_TOWN = "10813"  # thị trấn Thanh Hà, of another district: no demo data


def header(app: Bcd138App) -> str:
    return str(main_screen(app).query_one(DecisionHeader).render())


async def new_draft(pilot, app: Bcd138App, unit: str, number: str, signed: str = "") -> None:  # type: ignore[no-untyped-def]
    screen = main_screen(app)
    screen.open_unit(unit)
    await pilot.pause()
    await pilot.press("n")
    form = app.screen
    assert isinstance(form, NewDecisionForm)
    form.query_one("#input-number", Input).value = number
    form.query_one("#input-signed_on", Input).value = signed
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is screen and screen.view is not None
    assert screen.view.decision is not None and screen.view.decision.is_draft


async def add_line(pilot, app: Bcd138App, name: str, title: str, role: Role | None = None) -> None:  # type: ignore[no-untyped-def]
    main_screen(app).query_one(RosterTable).focus()
    await pilot.press("a")
    form = app.screen
    assert isinstance(form, MemberForm)
    form.query_one("#input-name", Input).value = name
    form.query_one("#input-title", Input).value = title
    if role is not None:
        form.query_one("#input-role", Select).value = role
    await pilot.press("ctrl+s")
    await pilot.pause()


# --- point 1: two people, two names; the issued decision untouched ---------------------------


@pilot_test
async def test_hung_then_hung_with_another_tone_are_two_rows_and_two_names(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        await new_draft(pilot, app, THANH_HA_TOWN, "3/QĐ-UBND")
        await add_line(pilot, app, "Nguyễn Văn Hùng", "Trưởng Công an xã", Role.STANDING_VICE_CHAIR)
        await add_line(pilot, app, "Nguyễn Văn Hưng", "Phó Trưởng Công an xã", Role.VICE_CHAIR)
        assert app.screen is main_screen(app)  # no "same person?": the names differ
        lines = main_screen(app).query_one(RosterTable).lines
        assert [line.name for line in lines] == ["Nguyễn Văn Hùng", "Nguyễn Văn Hưng"]
        assert lines[0].person_id != lines[1].person_id
        assert "BCD304" not in codes(app)


@pilot_test
async def test_a_namesake_in_a_commune_leaves_the_districts_issued_decision_as_issued(
    db: Database, tmp_path: Path, monkeypatch
) -> None:
    from committee import paths

    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path)
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        await new_draft(pilot, app, GIA_PHUC, "8/QĐ-UBND", "12/06/2023")
        await add_line(pilot, app, "Nguyễn Văn Hưng", "Chủ tịch UBND xã")
        assert app.screen is main_screen(app)
        assert [line.name for line in main_screen(app).query_one(RosterTable).lines] == [
            "Nguyễn Văn Hưng"
        ]
        await pilot.press("b", "c")  # issued, too
        await pilot.pause()
        main_screen(app).open_unit(demo.DISTRICT)
        await pilot.pause()
        assert "1234/QĐ-UBND" in header(app)
        chair = main_screen(app).query_one(RosterTable).lines[0]
        assert (chair.name, chair.role) == ("Nguyễn Văn Hùng", Role.CHAIR)
        assert "Nguyễn Văn Hùng" in str(main_screen(app).query_one(RosterTable).get_row_at(0))
        await pilot.press("o", "enter")  # saved where the export dialog proposes: exports/
        await work_done(pilot)
    (annex,) = tmp_path.glob("*.xlsx")
    workbook = openpyxl.load_workbook(annex)
    cells = [str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert "Nguyễn Văn Hùng" in cells and "Nguyễn Văn Hưng" not in cells


# --- point 2: deleting a draft; the app's edge ----------------------------------------------


@pilot_test
async def test_deleting_a_draft_with_members_from_the_ui(db: Database) -> None:
    draft = draft_id(db, demo.COMMUNE_ERROR)
    with db.session() as session:
        assert len(roster(session, draft)) == 11  # a kiện toàn copies the roster
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_ERROR, draft)
        await pilot.pause()
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog) and "11 thành viên" in app.screen.question
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen
        assert screen.view is not None and screen.view.decision is not None
        assert screen.view.decision.number == "12/QĐ-UBND"  # the decision in force again
        assert any("Đã xóa dự thảo 40/QĐ-UBND" in m for m in messages(app))
    with db.session() as session:
        assert [d.number for d in list_decisions(session, demo.COMMUNE_ERROR)] == ["12/QĐ-UBND"]
        assert roster(session, draft) == []


@pilot_test
async def test_an_unexpected_error_is_logged_told_and_the_app_runs_on(
    db: Database, private_state: Path, monkeypatch
) -> None:
    import tui.screens.main

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(tui.screens.main, "delete_draft", broken)
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_ERROR, draft_id(db, demo.COMMUNE_ERROR))
        await pilot.pause()
        await pilot.press("delete", "c")
        await pilot.pause()
        log = private_state / "bcd138" / "bcd138-ui.log"
        notice = next(m for m in messages(app) if "ngoài dự kiến" in m)
        assert str(log) in notice and "vẫn chạy" in notice
        assert "Traceback" in log.read_text() and "RuntimeError: hỏng giữa chừng" in log.read_text()
        assert "Traceback" not in app.export_screenshot()
        assert app.is_running and app.screen is screen
        await pilot.press("h")  # still at work
        assert isinstance(app.screen, ChoiceDialog)
    with db.session() as session:  # nothing was deleted
        assert len(list_decisions(session, demo.COMMUNE_ERROR)) == 2


# --- point 3: the Quy chế and the duties after issue -------------------------------------


@pilot_test
async def test_the_quy_che_is_recorded_after_issue_from_the_main_screen(db: Database) -> None:
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        assert "BCD402" in codes(app)
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, DocumentForm) and "12/QĐ-UBND" in form.form_title
        form.query_one("#input-number", Input).value = "05/QĐ-BCĐ"
        form.query_one("#input-signed_on", Input).value = "10/06/2023"
        form.query_one("#input-signer", Input).value = "Nguyễn Đức Phúc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is main_screen(app)
        assert "BCD402" not in codes(app)
        assert "05/QĐ-BCĐ ngày 10/06/2023" in header(app)
        await pilot.press("h")
        history = [str(label) for label, _ in app.screen.entries]
        assert any("Quy chế hoạt động số 05/QĐ-BCĐ ngày 10/06/2023" in h for h in history)
    with db.session() as session:  # the decision was not re-issued
        assert current_decision(session, demo.COMMUNE_ERROR).number == "12/QĐ-UBND"


@pilot_test
async def test_a_quy_che_older_than_its_decision_is_told_and_stays_bcd402(db: Database) -> None:
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        await pilot.press("c")
        app.screen.query_one("#input-number", Input).value = "01/QĐ-BCĐ"
        app.screen.query_one("#input-signed_on", Input).value = "01/01/2020"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "BCD402" in codes(app)
        assert any("BCD402" in message for message in messages(app))


def duty_sheet(path: Path, rows: list[tuple[str, str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["PHÂN CÔNG NHIỆM VỤ THÀNH VIÊN BAN CHỈ ĐẠO"])
    sheet.append(["STT", "Họ và tên", "Nhiệm vụ được phân công"])
    for number, (name, duties) in enumerate(rows, start=1):
        sheet.append([number, name, duties])
    workbook.save(path)
    return path


async def preview_file(pilot, app: Bcd138App, path: Path) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("f5")
    await work_done(pilot)


@pilot_test
async def test_duties_are_previewed_then_recorded_and_the_roster_shows_them(
    db: Database, tmp_path: Path
) -> None:
    sheet = duty_sheet(tmp_path / "phan-cong.xlsx", [("Lê Đức Anh", "Tuyên truyền pháp luật")])
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        findings = main_screen(app).view.findings
        assert ("BCD401", "Lê Đức Anh") in [(f.code, f.member) for f in findings]
        await pilot.press("g")
        assert isinstance(app.screen, DutiesScreen)
        await preview_file(pilot, app, sheet)
        rows = app.screen.query_one("#rows", DataTable)
        cells = [rows.get_row_at(index) for index in range(rows.row_count)]
        preview = {str(row[1]): str(row[4]) for row in cells}
        assert preview["Lê Đức Anh"] == "Tuyên truyền pháp luật"
        assert "1/11 thành viên" in str(app.screen.query_one("#import-summary").render())
        app.screen.query_one("#number", Input).value = "02/PC-BCĐ"
        app.screen.query_one("#signed_on", Input).value = "15/06/2023"
        await pilot.press("ctrl+s")
        await work_done(pilot)
        screen = main_screen(app)
        assert app.screen is screen
        assert "BCD401" not in codes(app)
        lines = screen.query_one(RosterTable).lines
        line = next(line for line in lines if line.name == "Lê Đức Anh")
        assert line.duties == "Tuyên truyền pháp luật"
        assert "Phân công nhiệm vụ số 02/PC-BCĐ" in header(app)
        await pilot.press("h")
        history = [str(label) for label, _ in app.screen.entries]
        recorded = "Phân công nhiệm vụ số 02/PC-BCĐ ngày 15/06/2023, 1 thành viên"
        assert any(recorded in entry for entry in history)


@pilot_test
async def test_a_duty_sheet_naming_nobody_of_the_decision_is_a_message(
    db: Database, tmp_path: Path
) -> None:
    sheet = duty_sheet(tmp_path / "phan-cong.xlsx", [("Lê Duc Anh", "Tuyên truyền")])
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await preview_file(pilot, app, sheet)
        error = str(app.screen.query_one("#import-error").render())
        assert "«Lê Duc Anh» không có tên" in error and "Lê Đức Anh" in error
        assert app.screen.query_one("#store", Button).disabled


# --- point 4: the import preview -------------------------------------------------------------


@pilot_test
async def test_another_units_roster_is_an_error_until_confirmed(db: Database) -> None:
    app = Bcd138App(db, GIA_PHUC)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#regulation_number", Input).value = "01/QĐ-BCĐ"
        screen.query_one("#regulation_date", Input).value = "20/06/2023"
        await preview_file(pilot, app, EXAMPLES / "roster-district-columns.xlsx")
        error = str(screen.query_one("#import-error").render())
        assert "Huyện Thanh Hà" in error and "Xã Gia Phúc" in error
        assert screen.query_one("#store", Button).disabled
        confirm = screen.query_one("#unit_mismatch_ok", Checkbox)
        assert confirm.display and not screen.query_one("#late_entry", Checkbox).display
        confirm.value = True  # read again, confirmed
        await pilot.pause()
        await work_done(pilot)
        assert not screen.query_one("#import-error").display
        assert not screen.query_one("#store", Button).disabled
        await pilot.press("ctrl+s")
        await work_done(pilot)
        assert app.screen is main_screen(app)
        assert "2105/QĐ-UBND" in header(app) and "01/QĐ-BCĐ ngày 20/06/2023" in header(app)
        await pilot.press("i")  # the same file again
        await preview_file(pilot, app, EXAMPLES / "roster-district-columns.xlsx")
        app.screen.query_one("#unit_mismatch_ok", Checkbox).value = True
        await pilot.pause()
        await work_done(pilot)
        summary = str(app.screen.query_one("#import-summary").render())
        assert "đã được lưu trước đây" in summary
        assert app.screen.query_one("#store", Button).disabled


@pilot_test
async def test_a_backdated_roster_is_stored_as_history_once_confirmed_a_late_entry(
    db: Database,
) -> None:
    app = Bcd138App(db, "294")  # huyện Thanh Hà, whose own file is imported first
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await preview_file(pilot, app, EXAMPLES / "roster-district-columns.xlsx")
        await pilot.press("ctrl+s")
        await work_done(pilot)
        await pilot.press("i")
        screen = app.screen
        screen.query_one("#number", Input).value = "77/QĐ-UBND"
        screen.query_one("#signed_on", Input).value = "01/01/2023"
        await preview_file(pilot, app, EXAMPLES / "roster-district-columns.xlsx")
        assert "trước Quyết định số 2105/QĐ-UBND" in str(screen.query_one("#import-error").render())
        late = screen.query_one("#late_entry", Checkbox)
        assert late.display and screen.query_one("#store", Button).disabled
        late.value = True
        await pilot.pause()
        await work_done(pilot)
        assert "nhập muộn" in str(screen.query_one("#import-summary").render())
        await pilot.press("ctrl+s")
        await work_done(pilot)
        assert "2105/QĐ-UBND" in header(app)  # still the decision in force
    with db.session() as session:
        assert current_decision(session, "294").number == "2105/QĐ-UBND"
        assert "77/QĐ-UBND" in [d.number for d in list_decisions(session, "294")]


# --- point 5: the same person? ---------------------------------------------------------------


@pilot_test
async def test_an_exact_namesake_is_offered_as_the_same_person_and_can_be_unlinked(
    db: Database,
) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=LARGE) as pilot:
        await new_draft(pilot, app, GIA_PHUC, "9/QĐ-UBND")
        await add_line(pilot, app, "Nguyễn Văn Hùng", "Chủ tịch UBND xã")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and dialog.title_text == "Cùng một người?"
        labels = [str(label) for label, _ in dialog.entries]
        assert labels[0].startswith("✔ Cùng một người với: Trưởng ban")
        assert "1234/QĐ-UBND" in labels[0]
        assert labels[-1] == "  Người khác, không nối với ai"
        await pilot.press(*["down"] * (len(labels) - 1), "enter")  # the last: another person
        await pilot.pause()
        screen = main_screen(app)
        line = screen.query_one(RosterTable).lines[0]
        with db.session() as session:
            chair = roster(session, current_decision(session, demo.DISTRICT).id)[0]
        assert line.person_id != chair.person_id
        assert (line.name, chair.full_name) == ("Nguyễn Văn Hùng", "Nguyễn Văn Hùng")
        screen.query_one(RosterTable).focus()
        await pilot.press("l")  # by hand: link it again
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert str(dialog.entries[-1][0]).startswith("✔ Người khác")
        await pilot.press("enter")
        await pilot.pause()
        line = screen.query_one(RosterTable).lines[0]
        assert line.person_id == chair.person_id and line.name == "Nguyễn Văn Hùng"


@pilot_test
async def test_a_line_with_no_namesake_says_so(db: Database) -> None:
    app = Bcd138App(db, demo.COMMUNE_WARNING)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        lines = main_screen(app).query_one(RosterTable)
        lines.focus()
        lines.move_cursor(row=3)  # Phạm Văn Sơn: on no other decision
        await pilot.press("l")
        await pilot.pause()
        assert app.screen is main_screen(app)
        assert any("một người riêng" in message for message in messages(app))


# --- point 6: a corrected title is recognised again ----------------------------------------


async def edit_title(pilot, app: Bcd138App, name: str, title: str) -> None:  # type: ignore[no-untyped-def]
    roster_table = main_screen(app).query_one(RosterTable)
    roster_table.focus()
    roster_table.move_cursor(row=[line.name for line in roster_table.lines].index(name))
    await pilot.press("e")
    form = app.screen
    assert isinstance(form, MemberForm)
    form.query_one("#input-title", Input).value = title
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is main_screen(app)


@pilot_test
async def test_pct_corrected_to_ct_clears_bcd102_at_once(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        await new_draft(pilot, app, THANH_HA_TOWN, "4/QĐ-UBND")
        await add_line(pilot, app, "Trần Văn Nam", "PCT UBND xã", Role.CHAIR)
        assert "BCD102" in codes(app)
        await edit_title(pilot, app, "Trần Văn Nam", "CT UBND xã")
        assert "BCD102" not in codes(app)
        assert main_screen(app).query_one(RosterTable).lines[0].post_title == "Chủ tịch UBND"


@pilot_test
async def test_the_deputys_row_retitled_chief_loses_its_finding(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=LARGE) as pilot:
        main_screen(app).open_unit(demo.COMMUNE_ERROR, draft_id(db, demo.COMMUNE_ERROR))
        await pilot.pause()
        about = [(f.code, f.member) for f in main_screen(app).view.findings]
        assert ("BCD302", "Hồ Thị Yến") in about
        await edit_title(pilot, app, "Hồ Thị Yến", "Chỉ huy trưởng Ban CHQS thị trấn Gia Lộc")
        about = [(f.code, f.member) for f in main_screen(app).view.findings]
        assert ("BCD302", "Hồ Thị Yến") not in about


# --- point 7: stale writes, a locked database ------------------------------------------------


@pilot_test
async def test_a_stale_edit_keeps_the_form_says_who_and_offers_to_reload(db: Database) -> None:
    from committee.usecases.decisions import update_member

    app = Bcd138App(db)
    async with app.run_test(size=LARGE) as pilot:
        screen = main_screen(app)
        decision = draft_id(db, demo.COMMUNE_ERROR)
        screen.open_unit(demo.COMMUNE_ERROR, decision)
        await pilot.pause()
        screen.query_one(RosterTable).focus()
        await pilot.press("e")  # the first line, read at its version
        form = app.screen
        assert isinstance(form, MemberForm)
        line = screen.query_one(RosterTable).current
        other = open_database(db.url)  # another clerk's session changes the same line
        with other.transaction() as session:
            update_member(
                session,
                line.membership_id,
                MemberInput(
                    line.name, line.role, line.title, "Đổi bởi người khác", "0912345678", line.note
                ),
            )
        other.dispose()
        form.query_one("#input-duties", TextArea).text = "Gõ ở đây"
        form.query_one("#input-note", Input).value = "Ghi chú gõ ở đây"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#input-duties", TextArea).text == "Gõ ở đây"
        error = str(form.query_one("#form-error").render())
        assert "vừa được «" in error and " sửa lúc " in error and "F5" in error
        assert form.query_one("#reload", Button).display
        await pilot.press("f5")
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, MemberForm) and reopened is not form
        # what was typed is kept, what the other clerk alone changed is taken from the record
        assert reopened.query_one("#input-duties", TextArea).text == "Gõ ở đây"
        assert reopened.query_one("#input-note", Input).value == "Ghi chú gõ ở đây"
        assert reopened.query_one("#input-phone", Input).value == "0912345678"
        marked = {
            field.field_name for field in reopened.query(FormField) if field.has_class("-kept")
        }
        assert marked == {"duties", "note"}
        kept_note = str(reopened.query_one("#kept-duties").render())
        assert "Đổi bởi người khác" in kept_note
        message = str(reopened.query_one("#form-error").render())
        assert "Đã tải bản mới nhất" in message and " sửa lúc " in message
        assert "Nhiệm vụ, Điện thoại." in message and "Ghi chú" not in message.split("\n")[0]
        assert "Nhiệm vụ, Ghi chú" in message.split("\n")[1]
        await pilot.press("ctrl+s")  # a deliberate overwrite, checked against the fresh version
        await pilot.pause()
        assert app.screen is screen
    with db.transaction() as session:
        stored = next(m for m in roster(session, decision) if m.id == line.membership_id)
        assert (stored.duties, stored.phone, stored.note) == (
            "Gõ ở đây",
            "0912345678",
            "Ghi chú gõ ở đây",
        )


@pilot_test
async def test_a_stale_edit_reloaded_then_escaped_stores_only_the_other_clerks_change(
    db: Database,
) -> None:
    from committee.usecases.decisions import update_member

    app = Bcd138App(db)
    async with app.run_test(size=LARGE) as pilot:
        screen = main_screen(app)
        decision = draft_id(db, demo.COMMUNE_ERROR)
        screen.open_unit(demo.COMMUNE_ERROR, decision)
        await pilot.pause()
        screen.query_one(RosterTable).focus()
        await pilot.press("e")
        form = app.screen
        line = screen.query_one(RosterTable).current
        other = open_database(db.url)
        with other.transaction() as session:
            update_member(
                session,
                line.membership_id,
                MemberInput(line.name, line.role, line.title, "Đổi bởi người khác"),
            )
        other.dispose()
        form.query_one("#input-duties", TextArea).text = "Gõ ở đây"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, MemberForm) and app.screen is not form
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    with db.transaction() as session:
        stored = next(m for m in roster(session, decision) if m.id == line.membership_id)
        assert stored.duties == "Đổi bởi người khác"


@pilot_test
async def test_a_stale_decision_form_reloads_keeping_the_number_typed(db: Database) -> None:
    from dataclasses import replace

    from committee.usecases.decisions import decision_details, update_details
    from tui.dialogs.decision_form import DecisionForm

    app = Bcd138App(db)
    async with app.run_test(size=LARGE) as pilot:
        screen = main_screen(app)
        decision = draft_id(db, demo.COMMUNE_ERROR)
        screen.open_unit(demo.COMMUNE_ERROR, decision)
        await pilot.pause()
        await pilot.press("d")
        form = app.screen
        assert isinstance(form, DecisionForm)
        other = open_database(db.url)  # another clerk corrects the signer
        with other.transaction() as session:
            details = decision_details(session, decision)
            update_details(session, decision, replace(details, signer="Lê Văn Khác"))
        other.dispose()
        form.query_one("#input-number", Input).value = "77/QĐ-UBND"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        await pilot.press("f5")
        await pilot.pause()
        reopened = app.screen
        assert isinstance(reopened, DecisionForm) and reopened is not form
        assert reopened.query_one("#input-number", Input).value == "77/QĐ-UBND"
        assert reopened.query_one("#input-signer", Input).value == "Lê Văn Khác"
        marked = {
            field.field_name for field in reopened.query(FormField) if field.has_class("-kept")
        }
        assert marked == {"number"}
        assert "Người ký." in str(reopened.query_one("#form-error").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    with db.transaction() as session:
        stored = decision_details(session, decision)
        assert (stored.number, stored.signer) == ("77/QĐ-UBND", "Lê Văn Khác")


@pilot_test
async def test_a_locked_database_is_a_message_and_the_form_stays(
    demo_file: Path, tmp_path: Path, monkeypatch
) -> None:
    import shutil

    from committee.store import database as store

    monkeypatch.setattr(store, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    path = Path(shutil.copy(demo_file, tmp_path / "locked.sqlite"))
    db = open_database(str(path))
    app = Bcd138App(db)
    try:
        async with app.run_test(size=LARGE) as pilot:
            main_screen(app).open_unit(demo.COMMUNE_ERROR, draft_id(db, demo.COMMUNE_ERROR))
            await pilot.pause()
            main_screen(app).query_one(RosterTable).focus()
            await pilot.press("e")
            form = app.screen
            form.query_one("#input-duties", TextArea).text = "Gõ ở đây"
            holder = sqlite3.connect(path, isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
            try:
                await pilot.press("ctrl+s")
                await pilot.pause()
            finally:
                holder.execute("ROLLBACK")
                holder.close()
            assert app.screen is form
            assert form.query_one("#input-duties", TextArea).text == "Gõ ở đây"
            assert "Chưa lưu" in str(form.query_one("#form-error").render())
            await pilot.press("ctrl+s")  # the lock is gone: saved
            await pilot.pause()
            assert app.screen is main_screen(app)
    finally:
        db.dispose()


@pilot_test
async def test_issuing_a_draft_older_than_the_decision_in_force_asks_for_a_late_entry(
    db: Database,
) -> None:
    from committee.usecases.view import DecisionState

    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        await new_draft(pilot, app, demo.DISTRICT, "5/QĐ-UBND", "04/01/2021")
        await add_line(pilot, app, "Ngô Văn Tư", "Chủ tịch UBND huyện")
        await pilot.press("b")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog) and dialog.title_text == "Nhập muộn quyết định cũ"
        assert "1234/QĐ-UBND ngày 12/06/2023" in dialog.question
        await pilot.press("c")
        await pilot.pause()
        view = main_screen(app).view
        assert view.decision.state is DecisionState.LATE_ENTRY
        assert view.in_force.number == "1234/QĐ-UBND"
