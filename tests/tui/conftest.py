"""Shared helpers of the UI tests: the demo database, the app driven headless with Pilot."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from committee.store.database import Database
from committee.usecases.decisions import list_decisions
from tui.app import Bcd138App
from tui.screens.main import MainScreen
from tui.widgets.findings_table import FindingsTable

SMALL = (80, 24)
MEDIUM = (100, 30)
LARGE = (120, 40)


def pilot_test(function):  # type: ignore[no-untyped-def]
    """Run an async Pilot test with asyncio (no pytest async plugin needed)."""

    @functools.wraps(function)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        return asyncio.run(function(*args, **kwargs))

    return run


@pytest.fixture(autouse=True)
def private_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The UI's log file and its settings (the folders used last) go to folders of the
    test's own ($XDG_STATE_HOME, $XDG_CONFIG_HOME)."""
    folder = tmp_path_factory.mktemp("state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(folder))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
        yield folder


@pytest.fixture
def db(demo_database: Database) -> Database:
    return demo_database


def main_screen(app: Bcd138App) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def draft_id(db: Database, unit: str) -> int:
    with db.session() as session:
        return next(d.id for d in list_decisions(session, unit) if not d.is_issued)


def codes(app: Bcd138App) -> list[str]:
    return [finding.code for finding in main_screen(app).query_one(FindingsTable).findings]


def messages(app: Bcd138App) -> list[str]:
    """The notices shown so far (the toasts)."""
    return [notification.message for notification in app._notifications]


async def work_done(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for bcd138's own work in threads (previews, stores, exports), then for the
    screen to show its outcome. (The file tree's loader, a worker too, never ends.)"""
    for worker in list(pilot.app.workers):
        if worker.group in ("preview", "export"):
            await worker.wait()
    await pilot.pause()
