"""The Textual app, driven headless with Pilot on a small demo database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Select, TextArea

from committee.domain.vocabulary import CommitteeStatus, Era, Portfolio, Role
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.checking import check_units, select_units
from committee.usecases.decisions import current_decision, list_decisions
from tests.tui.conftest import (
    LARGE,
    SMALL,
    codes,
    draft_id,
    main_screen,
    messages,
    pilot_test,
    work_done,
)
from tui.app import Bcd138App
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.decision_form import DecisionForm
from tui.dialogs.explain import ExplainDialog
from tui.dialogs.export_file import ExportedDialog, ExportForm
from tui.dialogs.member_form import MemberForm
from tui.dialogs.search import SearchDialog
from tui.widgets.findings_table import FindingsTable
from tui.widgets.roster_table import RosterTable


def test_demo_database_shows_every_status(db: Database) -> None:
    with db.session() as session:
        report = check_units(session, select_units(session, [], demo.DISTRICT))
        labels = {c.unit.code: c.status_label for c in report.committees}
        drafts = [d for d in list_decisions(session, demo.COMMUNE_ERROR) if not d.is_issued]
    assert labels[demo.DISTRICT] == "Đạt"
    assert labels[demo.COMMUNE_WARNING] == "Cảnh báo"
    assert labels[demo.COMMUNE_ERROR] == "Chưa đạt"
    assert labels[demo.COMMUNE_DRAFT_ONLY] == "Chưa kiện toàn"
    assert drafts


def test_demo_is_rebuilt_only_when_absent_or_outdated(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    demo.build_demo_database(path).dispose()
    first = path.stat().st_mtime_ns
    demo.build_demo_database(path).dispose()
    assert path.stat().st_mtime_ns == first
    (tmp_path / "demo.sqlite-version").write_text("0\n")
    demo.build_demo_database(path).dispose()
    assert (tmp_path / "demo.sqlite-version").read_text().strip() == demo.DEMO_VERSION


def test_demo_refuses_the_working_database(tmp_path: Path, monkeypatch) -> None:
    working = tmp_path / "bcd138.sqlite"
    monkeypatch.setenv("BCD138_DB", str(working))
    with pytest.raises(demo.UserError):
        demo.build_demo_database(working)
    assert not working.exists()


def test_cli_demo_builds_the_demo_database_and_opens_the_app(tmp_path: Path, monkeypatch) -> None:
    import tui.app
    from committee import paths
    from committee.cli import app as cli

    monkeypatch.setattr(paths, "DEMO_DATABASE", tmp_path / "demo.sqlite")
    opened: list[tuple[str, str | None, str]] = []
    monkeypatch.setattr(
        tui.app,
        "run_app",
        lambda database, unit, era=Era.LEGACY: opened.append((database.url, unit, era)),
    )
    with pytest.raises(SystemExit) as exited:
        cli.main(["--demo"])
    assert exited.value.code == 0
    demo_file = tmp_path / "demo.sqlite"
    assert demo_file.exists()
    assert opened == [(f"sqlite:///{demo_file}", demo.DISTRICT, Era.LEGACY)]
    with pytest.raises(SystemExit):
        cli.main(["--db", str(tmp_path / "w.sqlite"), "tui", "--unit", "297"])
    assert opened[-1] == (f"sqlite:///{tmp_path / 'w.sqlite'}", "297", Era.LEGACY)
    # a 2025 unit by its era and code (11020 is another unit in each era)
    with pytest.raises(SystemExit):
        cli.main(["--db", str(demo_file), "tui", "--unit", "11020", "--era", "2025"])
    assert opened[-1] == (f"sqlite:///{demo_file}", "11020", Era.Y2025)


def test_the_core_never_imports_textual() -> None:
    code = (
        "import sys, committee, committee.cli.app, committee.usecases.demo; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy()
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pilot_test
async def test_open_a_unit_shows_its_decision_roster_and_status(db: Database) -> None:
    app = Bcd138App(db, "297")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.view is not None
        assert screen.view.unit.name == "Huyện Gia Lộc"
        assert screen.view.status is CommitteeStatus.OK
        roster = screen.query_one(RosterTable)
        assert roster.row_count == 11
        assert roster.lines[0].name == "Nguyễn Văn Hùng"
        assert codes(app) == []
        header = str(screen.query_one("#decision").render())
        assert "1234/QĐ-UBND" in header and "01/QĐ-BCĐ" in header


@pilot_test
async def test_filtering_the_tree_and_choosing_a_commune(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f")
        await pilot.press(*"yet kieu")
        await pilot.press("enter")  # the first match opened: the legacy xã Yết Kiêu
        await pilot.pause()
        screen = main_screen(app)
        assert screen.view is not None and screen.view.unit.name == "Xã Yết Kiêu"
        assert screen.view.unit.key == (Era.LEGACY, demo.COMMUNE_WARNING)
        assert codes(app) == ["BCD403"]
        # below it, under Hải Phòng's root: the 2025 xã Yết Kiêu, the same code 11020
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.view.unit.key == (Era.Y2025, demo.NEW_COMMUNE_NONE)
        assert codes(app) == ["BCD404"]


@pilot_test
async def test_choosing_a_finding_moves_to_its_member_and_explains_it(db: Database) -> None:
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        findings = screen.query_one(FindingsTable)
        index = next(i for i, f in enumerate(findings.findings) if f.code == "BCD401")
        findings.focus()
        findings.move_cursor(row=index)
        await pilot.press("enter")
        roster = screen.query_one(RosterTable)
        assert roster.has_focus
        assert roster.current is not None and roster.current.name == "Lê Đức Anh"
        findings.focus()
        await pilot.press("r")
        assert isinstance(app.screen, ExplainDialog)
        assert "Cách khắc phục" in app.screen.body_text


@pilot_test
async def test_add_a_member_and_see_the_finding_disappear(db: Database) -> None:
    draft = draft_id(db, demo.COMMUNE_DRAFT_ONLY)
    app = Bcd138App(db)
    async with app.run_test(size=SMALL) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft)
        await pilot.pause()
        assert "BCD201" in codes(app)
        screen.query_one(RosterTable).focus()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, MemberForm)
        await pilot.press(*"Phạm Văn Sơn")
        form.query_one("#input-role", Select).value = Role.VICE_CHAIR
        form.query_one("#input-post", Select).value = "health_station_head"
        await pilot.pause()
        assert form.query_one("#input-title", Input).value == "Trạm trưởng Trạm Y tế xã Thống Nhất"
        form.query_one("#input-duties", TextArea).text = "Phòng, chống ma túy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Xã Yết Kiêu, of the same district, has a Phạm Văn Sơn: "the same person?"
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.title_text == "Cùng một người?"
        await pilot.press("escape")  # as it is
        assert app.screen is screen
        assert "BCD201" not in codes(app)
        assert screen.query_one(RosterTable).row_count == 4


@pilot_test
async def test_an_invalid_date_is_refused_with_the_message_beside_it(db: Database) -> None:
    draft = draft_id(db, demo.COMMUNE_DRAFT_ONLY)
    app = Bcd138App(db)
    async with app.run_test(size=SMALL) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft)
        await pilot.press("d")
        form = app.screen
        assert isinstance(form, DecisionForm)
        form.query_one("#input-signed_on", Input).value = "31/02/2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, with what was typed
        error = str(form.query_one("#error-signed_on").render())
        assert "Ngày 31/02/2023 không có" in error
        assert form.query_one("#input-signed_on", Input).value == "31/02/2023"
        form.query_one("#input-number", Input).value = "abc"
        form.query_one("#input-signed_on", Input).value = "15/06/2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # the use-case refused the number: shown beside it
        assert "không đúng dạng" in str(form.query_one("#error-number").render())
        await pilot.press("escape")
        assert app.screen is screen
    with db.session() as session:
        assert list_decisions(session, demo.COMMUNE_DRAFT_ONLY)[0].signed_on is None


@pilot_test
async def test_issue_a_decision_after_confirmation_then_it_is_read_only(db: Database) -> None:
    draft = draft_id(db, demo.COMMUNE_DRAFT_ONLY)
    app = Bcd138App(db)
    async with app.run_test(size=SMALL) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_DRAFT_ONLY, draft)
        await pilot.press("d")
        app.screen.query_one("#input-signed_on", Input).value = "15/06/2023"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("b")
        await pilot.press("c")
        await pilot.pause()
        assert screen.view is not None and screen.view.decision is not None
        assert not screen.view.decision.is_draft
        assert screen.view.status is CommitteeStatus.ERROR
        screen.query_one(RosterTable).focus()
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is screen  # no form for an issued decision
    with db.session() as session:
        assert current_decision(session, demo.COMMUNE_DRAFT_ONLY).number == "7/QĐ-UBND"


@pilot_test
async def test_new_decision_starts_from_a_copy_of_the_roster(db: Database) -> None:
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"99/QĐ-UBND")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = main_screen(app)
        assert screen.view.decision.number == "99/QĐ-UBND"
        assert screen.view.decision.is_draft
        assert screen.query_one(RosterTable).row_count == 11


@pilot_test
async def test_search_finds_a_person_without_diacritics(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchDialog)
        await pilot.press(*"nguyen van hung")
        await pilot.pause()
        names = [result.name for result in app.screen.results]
        assert "Nguyễn Văn Hùng" in names
        found = app.screen.results[names.index("Nguyễn Văn Hùng")]
        assert found.seat is not None and found.seat.decision_number == "1234/QĐ-UBND"
        await pilot.press("enter")
        await pilot.pause()
        # He is on two decisions of Gia Lộc: the list of his memberships opens.
        assert isinstance(app.screen, ChoiceDialog)
        assert "Nguyễn Văn Hùng" in app.screen.title_text
        await pilot.press("enter")
        await pilot.pause()
        screen = main_screen(app)
        assert app.screen is screen
        assert screen.view is not None and screen.view.unit.code == demo.DISTRICT
        assert screen.query_one(RosterTable).current.name == "Nguyễn Văn Hùng"


@pilot_test
async def test_search_opens_a_unit(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("slash", *"yet kieu", "enter")
        await pilot.pause()
        assert main_screen(app).view.unit.code == demo.COMMUNE_WARNING


@pilot_test
async def test_export_writes_a_file_openpyxl_reads_and_asks_before_replacing_it(
    db: Database, tmp_path: Path, monkeypatch
) -> None:
    import openpyxl

    from committee import paths
    from tui.dialogs.confirm import ConfirmDialog

    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path)
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("o")
        assert isinstance(app.screen, ExportForm)  # where to save: exports/ and the name
        await pilot.press("enter")
        await work_done(pilot)
        written = list(tmp_path.glob("*.xlsx"))
        assert len(written) == 1
        assert isinstance(app.screen, ExportedDialog) and app.screen.path == written[0]
        await pilot.press("escape")
        before = written[0].stat().st_mtime_ns
        await pilot.press("o", "enter")  # again: the file is there (OutputExists), so it asks
        await work_done(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert str(written[0]) in app.screen.question
        await pilot.press("c")
        await work_done(pilot)
        assert written[0].stat().st_mtime_ns != before
    workbook = openpyxl.load_workbook(written[0])
    text = " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row)
    assert "Nguyễn Văn Hùng" in text


@pilot_test
async def test_the_decision_key_writes_the_quyet_dinh_python_docx_reads(
    db: Database, tmp_path: Path, monkeypatch
) -> None:
    import docx

    from committee import paths

    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path)
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("t", "enter")
        await work_done(pilot)
        written = list(tmp_path.glob("*.docx"))
        assert len(written) == 1, messages(app)
        assert isinstance(app.screen, ExportedDialog) and app.screen.path == written[0]
    document = docx.Document(str(written[0]))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "QUYẾT ĐỊNH" in text and "Nguyễn Văn Hùng" in text


@pilot_test
async def test_a_police_deputys_portfolio_is_chosen_in_the_form(db: Database) -> None:
    from datetime import date

    from committee.usecases.decisions import DecisionDetails, create_draft

    with db.transaction() as session:
        draft = create_draft(session, "294", DecisionDetails("9/QĐ-UBND", date(2023, 6, 1))).id
    app = Bcd138App(db)
    async with app.run_test(size=LARGE) as pilot:
        screen = main_screen(app)
        screen.open_unit("294", draft)
        await pilot.pause()
        assert {"BCD204", "BCD205"} <= set(codes(app))
        screen.query_one(RosterTable).focus()
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, MemberForm)
        await pilot.press(*"La Thị Vân")
        form.query_one("#input-role", Select).value = Role.VICE_CHAIR
        form.query_one("#input-post", Select).value = "police_deputy"
        form.query_one("#input-portfolio", Select).value = Portfolio.MOVEMENT
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "BCD205" not in codes(app)
        assert "BCD204" in codes(app)


def test_no_core_module_imports_the_terminal_ui() -> None:
    core = Path(__file__).resolve().parents[2] / "committee"
    offenders = [
        str(path.relative_to(core.parent))
        for path in core.rglob("*.py")
        if any(
            line.lstrip().startswith(("import tui", "from tui"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
