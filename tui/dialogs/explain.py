"""The text of `bcd138 rules explain CODE`, in a scrollable dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.text import shown


class ExplainDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,r", "dismiss", "Đóng")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.body_text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label(shown(self.title_text), classes="form-title")
            with VerticalScroll(classes="form-body"):
                yield Static(shown(self.body_text))
            yield Label("Esc: đóng", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
