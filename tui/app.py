"""The bcd138 Textual app: `bcd138`, `bcd138 tui [--unit CODE [--era ERA]]`, `bcd138 --demo`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from rich.console import Console
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.screen import Screen

from committee.domain.errors import UserError
from committee.domain.vocabulary import DEFAULT_ERA, Era
from committee.usecases.workspace import Workspace, WorkspaceDatabase
from tui import actions, edge, palette
from tui.screens.main import MainScreen


class Bcd138App(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "bcd138"
    SUB_TITLE = "Ban Chỉ đạo 138 cấp huyện, cấp xã"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS = {palette.ActionCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Thoát", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "Lệnh", show=False, priority=True,
                tooltip="Tìm và chạy mọi việc theo tên"),
    ]  # fmt: skip

    def __init__(
        self,
        database: Workspace | WorkspaceDatabase,
        unit: str | None = None,
        era: Era = DEFAULT_ERA,
    ) -> None:
        super().__init__()
        self.workspace = Workspace.of(database)
        self.start_unit = unit
        self.start_era = Era(era)

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.workspace, self.start_unit, self.start_era))

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def run_action(
        self,
        action: Any,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every action (a key, the palette, a click in the footer) runs at the app's edge:
        what it lets through is told to the clerk (tui.edge), and the app runs on."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            edge.report(self, error)
            return True

    def action_command_palette(self) -> None:
        """The palette with bcd138's matcher and a Vietnamese placeholder."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(palette.command_palette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        main = self.main_screen
        if main is not None and screen is main:
            for action in actions.palette(main.context()):
                yield SystemCommand(
                    action.title, action.help, partial(main.run_from_palette, action)
                )
        else:
            yield SystemCommand("Ứng dụng: thoát", "Thoát bcd138", self.exit)


def run_app(
    database: Workspace | WorkspaceDatabase, unit: str | None = None, era: Era = DEFAULT_ERA
) -> None:
    """Run the app in the terminal until the clerk quits. Should it have to stop on an
    error, its report goes to the log file and a UserError names that file: the command
    line prints it as one line and exits non-zero."""
    app = Bcd138App(database, unit, era)
    fatal = edge.FatalLog()
    app.error_console = Console(file=fatal, markup=False, highlight=False, width=120)  # type: ignore[arg-type]
    try:
        app.run()
    finally:
        app.workspace.close()
    if app.return_code:
        raise UserError(edge.stopped_message(fatal.path))
