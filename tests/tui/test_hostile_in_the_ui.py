"""Nothing let in through the UI (issue 10): stored text never recolours or moves the screen,
a hostile file is a message on the import screen, reading it runs in a worker, and an
app that must stop says so in one line with the log file, never a traceback."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from textual.widgets import Button, Input

from committee.domain.text import printable
from committee.store.database import Database
from committee.usecases import demo
from tests.rosters.test_hostile_inputs import CASES, Refused
from tests.tui.conftest import LARGE, main_screen, messages, pilot_test, work_done
from tui.app import Bcd138App
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.search import SearchDialog
from tui.screens.import_preview import ImportScreen
from tui.widgets.decision_header import DecisionHeader
from tui.widgets.member_detail import MemberDetail
from tui.widgets.roster_table import RosterTable
from tui.widgets.unit_tree import UnitTree

HOSTILE_NAME = "Nguyễn\x1b[31m Văn Hùng\x1b[2J\x07 [/x] [bold]đậm[/bold]"
HOSTILE_NUMBER = "1234/QĐ-UBND\x1b[5m"
HOSTILE_UNIT = "Huyện Gia Lộc\x1b]0;tiêu đề\x07\x9b2J"


def _plant(db: Database) -> None:
    """Stored text with escapes and markup, written by SQL past every input check."""
    path = db.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE membership SET full_name = ?, duties = ?, title = ? WHERE id = (SELECT "
            "m.id FROM membership m JOIN decision d ON d.id = m.decision_id WHERE d.in_force "
            "AND d.unit_code = ? AND m.position = 1)",
            (HOSTILE_NAME, "Nhiệm vụ\x1b[1A\x1b[K", "Chủ tịch\x1b[7m UBND huyện", demo.DISTRICT),
        )
        connection.execute(
            "UPDATE decision SET number = ?, signer = ? WHERE in_force AND unit_code = ?",
            (HOSTILE_NUMBER, HOSTILE_NAME, demo.DISTRICT),
        )
        connection.execute(
            "UPDATE admin_unit SET name = ? WHERE code = ?", (HOSTILE_UNIT, demo.DISTRICT)
        )


def _no_escapes(app: Bcd138App) -> str:
    screen = app.export_screenshot()
    for character in ("\x1b", "\x07", "\x9b"):
        assert character not in screen
    return screen


@pilot_test
async def test_stored_escapes_and_markup_show_as_text(db: Database) -> None:
    _plant(db)
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        roster = screen.query_one(RosterTable)
        row = [str(cell) for cell in roster.get_row_at(0)]
        assert row[1] == printable(HOSTILE_NAME)  # "\x1b[31m" as the six characters
        assert "\\x1b[31m" in row[1] and "[/x] [bold]đậm[/bold]" in row[1]
        detail = screen.query_one(MemberDetail).text  # the title as written, the duties
        assert "Chủ tịch\\x1b[7m UBND huyện" in detail and "Nhiệm vụ\\x1b[1A\\x1b[K" in detail
        header = str(screen.query_one(DecisionHeader).render())
        assert printable(HOSTILE_NUMBER) in header and printable(HOSTILE_UNIT) in header
        tree = screen.query_one(UnitTree)
        assert printable(HOSTILE_UNIT) in str(tree.cursor_node.label)
        assert "\\x1b[31m" in _no_escapes(app).replace("&#160;", " ")
        roster.focus()
        await pilot.press("p")  # the person's seats
        assert isinstance(app.screen, ChoiceDialog)
        _no_escapes(app)
        await pilot.press("escape", "h")  # the history
        _no_escapes(app)
        await pilot.press("escape", "slash", *"nguyen")
        await pilot.pause()
        assert isinstance(app.screen, SearchDialog) and app.screen.results
        _no_escapes(app)
        await pilot.press("escape")
        assert app.is_running


@pilot_test
async def test_every_hostile_file_is_a_message_on_the_import_screen(
    db: Database, tmp_path: Path
) -> None:
    app = Bcd138App(db, "294")  # huyện Thanh Hà, whose decision line the files name
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        for index, case in enumerate(CASES):
            folder = tmp_path / str(index)
            folder.mkdir()
            path = case.build(folder)
            screen.query_one("#path", Input).value = str(path)
            await pilot.press("f5")
            await work_done(pilot)
            assert app.screen is screen and app.is_running, case.name
            error = str(screen.query_one("#import-error").render())
            if isinstance(case.expected, Refused):
                assert error.startswith("✘ "), case.name
                assert all(word in error for word in case.expected.words), (case.name, error)
                assert screen.query_one("#store", Button).disabled, case.name
            else:
                assert error or screen.preview is not None, case.name
        _no_escapes(app)
    assert not any("ngoài dự kiến" in message for message in messages(app))


@pilot_test
async def test_reading_runs_in_a_worker_and_a_defect_there_is_told(
    db: Database, private_state: Path, monkeypatch
) -> None:
    import tui.screens.import_preview

    started, release = threading.Event(), threading.Event()

    def slow_then_broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        raise RuntimeError("trình đọc hỏng")

    monkeypatch.setattr(tui.screens.import_preview, "prepare_import", slow_then_broken)
    app = Bcd138App(db, "294")
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        screen = app.screen
        screen.query_one("#path", Input).value = "/tmp/bat-ky.xlsx"
        await pilot.press("f5")
        await pilot.pause()
        assert started.wait(5)
        number = screen.query_one("#number", Input)
        number.focus()
        await pilot.press(*"12/QĐ")  # the screen answers while the file is read
        await pilot.pause()
        assert number.value == "12/QĐ" and screen.query_one("#import-right").loading
        release.set()
        await work_done(pilot)
        assert not screen.query_one("#import-right").loading
        assert app.screen is screen and app.is_running
    log = private_state / "bcd138" / "bcd138-ui.log"
    assert "RuntimeError: trình đọc hỏng" in log.read_text()
    assert any(str(log) in message for message in messages(app))


def _run_in_a_terminal(
    argv: list[str], env: dict[str, str], seconds: float = 60
) -> tuple[int, str]:
    """Run a command with a pseudo-terminal as its terminal; its exit status and output."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env, close_fds=True
    )
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    else:
        process.kill()
    os.close(controller)
    return process.wait(10), output.decode("utf-8", "replace")


def test_an_app_that_must_stop_exits_non_zero_with_one_line_naming_the_log(
    demo_file: Path, tmp_path: Path
) -> None:
    import shutil

    database = shutil.copy(demo_file, tmp_path / "work.sqlite")
    state = tmp_path / "state"
    # The main screen cannot even be built: Textual's own last resort stops the app.
    program = (
        "import sys\n"
        "from tui.screens.main import MainScreen\n"
        "def broken(self):\n"
        "    raise RuntimeError('màn hình hỏng')\n"
        "MainScreen.compose = broken\n"
        "from committee.cli.app import main\n"
        f"main(['--db', {str(database)!r}, 'tui'])\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(state), "TERM": "xterm-256color"}
    status, output = _run_in_a_terminal([sys.executable, "-c", program], env)
    log = state / "bcd138" / "bcd138-ui.log"
    assert status != 0
    assert "Traceback" not in output
    said = f"Giao diện bcd138 phải dừng vì một lỗi ngoài dự kiến. Chi tiết đã ghi vào tệp {log}"
    assert said in output.replace("\r\n", " ").replace("\n", " "), output[-2000:]
    assert "RuntimeError" in log.read_text() and "màn hình hỏng" in log.read_text()
