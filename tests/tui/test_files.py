"""Files (issue 16, point 6) at 80×24 and 100×30: the export asks where to save and
remembers the folder, offers "Mở thư mục"; the import picker starts at the home folder or
the folder used last, goes up, and lists only the kinds the reader takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from committee.rosters.roster_reader import SUPPORTED_SUFFIXES
from committee.store.database import Database
from committee.usecases import demo
from tests.tui.conftest import MEDIUM, SMALL, messages, pilot_test, work_done
from tui import settings
from tui.app import Bcd138App
from tui.dialogs import export_file
from tui.dialogs.export_file import ExportedDialog, ExportForm
from tui.screens.import_preview import ImportScreen
from tui.widgets.file_picker import RosterFileTree

SIZES = pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["80x24", "100x30"])


@SIZES
@pilot_test
async def test_the_export_asks_where_and_remembers_the_folder(
    db: Database, tmp_path: Path, size: tuple[int, int], monkeypatch
) -> None:
    monkeypatch.setenv("PATH", "")  # no xdg-open: "Mở thư mục" shows the folder instead
    chosen = tmp_path / "gửi huyện"
    chosen.mkdir()
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("t")
        form = app.screen
        assert isinstance(form, ExportForm)
        field = form.query_one("#input-path", Input)
        assert field.value.endswith("quyet-dinh-297-1234-QD-UBND.docx")  # the default name
        field.value = str(chosen / "nothing" / "qd.docx")
        await pilot.press("ctrl+s")
        assert app.screen is form and "không có" in str(form.query_one("#error-path").render())
        field.value = str(chosen / "qd.xlsx")
        await pilot.press("ctrl+s")
        assert app.screen is form and ".docx" in str(form.query_one("#error-path").render())
        field.value = str(chosen / "qd.docx")
        await pilot.press("ctrl+s")
        await work_done(pilot)
        assert (chosen / "qd.docx").is_file()
        done = app.screen
        assert isinstance(done, ExportedDialog) and done.path == chosen / "qd.docx"
        await pilot.press("m")
        await pilot.pause()
        assert any(str(chosen) in message for message in messages(app))
        assert str(chosen) in str(done.query_one("#exported-path", Static).render())
        await pilot.press("escape", "o")  # the next export proposes the folder used last
        form = app.screen
        assert isinstance(form, ExportForm)
        proposed = Path(form.query_one("#input-path", Input).value)
        assert proposed.parent == chosen and proposed.name.startswith("danh-sach-297-")
    assert settings.Settings.load().export_folder == str(chosen)


def test_open_folder_uses_xdg_open_when_the_system_has_it(tmp_path: Path, monkeypatch) -> None:
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text("#!/bin/sh\n")
    opener.chmod(0o755)
    monkeypatch.setenv("PATH", str(opener.parent))
    calls: list[list[str]] = []
    assert export_file.open_folder(tmp_path, calls.append)
    assert calls == [[str(opener), str(tmp_path)]]
    monkeypatch.setenv("PATH", "")
    assert not export_file.open_folder(tmp_path, calls.append) and len(calls) == 1


def test_settings_survive_a_damaged_file(tmp_path: Path) -> None:
    settings.settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings.settings_path().write_text("{not json")
    assert settings.Settings.load() == settings.Settings()
    settings.remember_import_folder(tmp_path)
    assert settings.import_folder() == tmp_path
    assert settings.export_folder() is None


@SIZES
@pilot_test
async def test_the_import_picker_starts_at_home_goes_up_and_shows_only_rosters(
    db: Database, tmp_path: Path, size: tuple[int, int], monkeypatch
) -> None:
    home = tmp_path / "home"
    folder = home / "Tải về"
    folder.mkdir(parents=True)
    for name in ("ds.xlsx", "ds-cu.xls", "ghi-chu.txt", "anh.png", ".an.xlsx"):
        (folder / name).write_bytes(b"")
    monkeypatch.setenv("HOME", str(home))
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        tree = screen.query_one(RosterFileTree)
        assert Path(tree.path) == home  # nothing used yet: the home folder
        shown = [path.name for path in tree.filter_paths(sorted(folder.iterdir()))]
        names = ("ds-cu.xls", "ds.xlsx")
        assert shown == [name for name in names if Path(name).suffix in SUPPORTED_SUFFIXES]
        assert "ds.xlsx" in shown
        await pilot.press("ctrl+u")
        assert Path(tree.path) == tmp_path
        screen.query_one("#path", Input).value = str(folder / "ds.xlsx")
        await pilot.press("f5")
        await work_done(pilot)
        await pilot.press("escape")
        await pilot.press("i")  # the next time: the folder used last
        assert Path(app.screen.query_one(RosterFileTree).path) == folder
