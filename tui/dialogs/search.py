"""Search (`/`): people and units, ignoring diacritics and case, results as you type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class SearchChoice:
    kind: str  # "unit" or "person"
    key: str  # unit code or person id


class SearchDialog(ModalScreen[SearchChoice | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Đóng")]

    def __init__(self, search: Callable[[str], list[tuple[str, SearchChoice]]]) -> None:
        super().__init__()
        self.search = search
        self.results: list[tuple[str, SearchChoice]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label("Tìm người hoặc đơn vị", classes="form-title")
            yield Input(placeholder="Gõ tên, có dấu hay không dấu đều được", id="query")
            yield OptionList(id="results")
            yield Label("↓: vào danh sách · Enter: mở · Esc: đóng", classes="form-hint")

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self.results = self.search(event.value)
        options = self.query_one("#results", OptionList)
        options.clear_options()
        options.add_options([Option(label, id=str(i)) for i, (label, _) in enumerate(self.results)])
        if self.results:
            options.highlighted = 0

    @on(Input.Submitted, "#query")
    def _enter(self) -> None:
        options = self.query_one("#results", OptionList)
        if self.results:
            self.dismiss(self.results[options.highlighted or 0][1])

    def key_down(self) -> None:
        if self.query_one("#query", Input).has_focus and self.results:
            self.query_one("#results", OptionList).focus()

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.results[int(event.option.id or 0)][1])
