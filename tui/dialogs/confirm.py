"""A yes/no question before an action that cannot be undone."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.text import shown


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Không"),
        Binding("y,c", "answer(True)", "Có"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Đồng ý") -> None:
        super().__init__()
        self.title_text = title
        self.question = message
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Label(shown(self.title_text), classes="form-title")
            yield Static(shown(self.question), classes="confirm-message")
            with Horizontal(classes="form-buttons"):
                yield Button(f"{self.yes} (C)", variant="warning", id="yes", compact=True)
                yield Button("Không (Esc)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
