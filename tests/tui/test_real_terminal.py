"""The real app in a real terminal: `bcd138` started in tmux at 100×30 and 80×24, read off
the screen as a clerk sees it, driven by keys, and quit with its exit status checked.

Pilot drives the app inside the test's process; this drives the installed command, so
it also covers the console script, the terminal's size and the way out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from committee.usecases.demo import build_demo_database

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

BCD138 = Path(sys.executable).with_name("bcd138")
WAIT = 60.0  # seconds a screen may take to appear on a loaded machine


class Terminal:
    """One tmux server on a socket of the test's own, one session in it."""

    def __init__(self, folder: Path, size: tuple[int, int]) -> None:
        self.socket = f"bcd138-test-{os.getpid()}-{size[0]}x{size[1]}"
        self.folder = folder
        self.size = size
        self.status_file = folder / "exit-status"  # the app's exit status, once it ended

    def tmux(self, *args: str) -> str:
        completed = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stdout

    def start(self, argv: list[str]) -> None:
        environment = (
            f"XDG_STATE_HOME={shlex.quote(str(self.folder / 'state'))} "
            f"XDG_CONFIG_HOME={shlex.quote(str(self.folder / 'config'))} "
            "TERM=xterm-256color LANG=C.UTF-8"
        )
        status = shlex.quote(str(self.status_file))
        command = (
            f"cd {shlex.quote(str(self.folder))} && env {environment} {shlex.join(argv)}; "
            f"echo $? > {status}"
        )
        columns, lines = self.size
        self.tmux("new-session", "-d", "-s", "app", "-x", str(columns), "-y", str(lines))
        self.tmux("set-option", "-t", "app", "remain-on-exit", "on")
        self.tmux("respawn-pane", "-k", "-t", "app", command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"«{text}» never appeared; the screen was:\n{shown}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)

    def wait_gone(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while text in self.screen():
            assert time.monotonic() < deadline, f"«{text}» stayed on the screen"
            time.sleep(0.2)

    def exit_status(self) -> int:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.status_file.exists() and self.status_file.read_text().strip():
                return int(self.status_file.read_text())
            time.sleep(0.2)
        raise AssertionError(f"the app did not end; the screen was:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo_database(path).dispose()
    return path


@pytest.fixture(params=[(100, 30), (80, 24)], ids=["100x30", "80x24"])
def terminal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Terminal]:
    terminal = Terminal(tmp_path, request.param)
    yield terminal
    terminal.close()


def test_the_clerk_opens_a_district_finds_a_person_and_quits(
    terminal: Terminal, demo_file: Path
) -> None:
    terminal.start([str(BCD138), "--db", str(demo_file), "tui", "--unit", "297"])
    first = terminal.wait_for("Nguyễn Văn Hùng")
    assert "Huyện Gia Lộc" in first
    assert "Trưởng ban" in first
    assert "Trợ giúp" in first  # the footer's keys are on screen at this size
    lines = first.splitlines()
    assert len(lines) <= terminal.size[1]
    assert all(len(line) <= terminal.size[0] for line in lines)

    # The help lists the keys; Escape closes it and the roster is back.
    terminal.keys("?")
    terminal.wait_for("Phím")
    terminal.keys("Escape")
    terminal.wait_for("Nguyễn Văn Hùng")

    # Search ignores diacritics: typed plain, the person is found with his seat.
    terminal.keys("/")
    terminal.type("tran thi binh")
    found = terminal.wait_for("Trần Thị Bình")
    assert "Gia Lộc" in found

    terminal.keys("Escape")
    terminal.wait_gone("Tìm người hoặc đơn vị")  # the search dialog's title
    terminal.keys("C-q")
    assert terminal.exit_status() == 0
