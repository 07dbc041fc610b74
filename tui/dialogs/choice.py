"""A list to choose one entry from: the unit's decisions, a person's seats, the people a
roster line could be the same as. An entry whose value is None is shown but not chosen."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.text import shown


class ChoiceDialog(ModalScreen[Any]):
    """Shows (label, value) entries; Enter returns the value, Escape returns None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Đóng")]

    def __init__(
        self,
        title: str,
        entries: list[tuple[str | Text, Any]],
        empty: str,
        note: str = "",
        hint: str = "Enter: mở · Esc: đóng",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        self.empty = empty
        self.note = note
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label(shown(self.title_text), classes="form-title")
            if self.note:
                yield Static(shown(self.note), classes="confirm-message")
            if self.entries:
                yield OptionList(
                    *[
                        Option(
                            label if isinstance(label, Text) else shown(label),
                            id=str(index),
                            disabled=value is None,
                        )
                        for index, (label, value) in enumerate(self.entries)
                    ]
                )
            else:
                yield Label(shown(self.empty))
            yield Label(self.hint, classes="form-hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        value = self.entries[int(event.option.id or 0)][1]
        if value is not None:
            self.dismiss(value)
