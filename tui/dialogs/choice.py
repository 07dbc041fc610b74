"""A list to choose one entry from: the unit's decisions, a person's memberships."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class ChoiceDialog(ModalScreen[Any]):
    """Shows (label, value) entries; Enter returns the value, Escape returns None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Đóng")]

    def __init__(self, title: str, entries: list[tuple[str, Any]], empty: str) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label(self.title_text, classes="form-title")
            if self.entries:
                yield OptionList(
                    *[Option(label, id=str(i)) for i, (label, _) in enumerate(self.entries)]
                )
            else:
                yield Label(self.empty)
            yield Label("Enter: mở · Esc: đóng", classes="form-hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.entries[int(event.option.id or 0)][1])
