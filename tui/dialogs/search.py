"""Search (`/`): people and units, ignoring diacritics and case, results as you type. A
person is shown with their latest seat, so that namesakes can be told apart."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from committee.domain.dates import format_date
from committee.usecases.search import ResultKind, SearchResult
from tui.edge import at_edge
from tui.text import shown


def result_label(result: SearchResult) -> Text:
    if result.kind is ResultKind.UNIT:
        return Text("🏛 ").append_text(shown(result.name))
    label = Text("👤 ").append_text(shown(result.name, "bold"))
    seat = result.seat
    if seat is not None:
        signed = f" ngày {format_date(seat.signed_on)}" if seat.signed_on else ""
        label.append_text(
            shown(
                f" · {seat.role.label}, {seat.title or '—'} · {seat.unit_name}, "
                f"QĐ {seat.decision_number}{signed}",
                "dim",
            )
        )
    return label


class SearchDialog(ModalScreen[SearchResult | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Đóng")]

    def __init__(self, search: Callable[[str], list[SearchResult]]) -> None:
        super().__init__()
        self.search = search
        self.results: list[SearchResult] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide"):
            yield Label("Tìm người hoặc đơn vị", classes="form-title")
            yield Input(placeholder="Gõ tên, có dấu hay không dấu đều được", id="query")
            yield OptionList(id="results")
            yield Label("↓: vào danh sách · Enter: mở · Esc: đóng", classes="form-hint")

    @on(Input.Changed, "#query")
    @at_edge
    def _typed(self, event: Input.Changed) -> None:
        self.results = self.search(event.value)
        options = self.query_one("#results", OptionList)
        options.clear_options()
        options.add_options(
            [Option(result_label(result), id=str(i)) for i, result in enumerate(self.results)]
        )
        if self.results:
            options.highlighted = 0

    @on(Input.Submitted, "#query")
    def _enter(self) -> None:
        options = self.query_one("#results", OptionList)
        if self.results:
            self.dismiss(self.results[options.highlighted or 0])

    def key_down(self) -> None:
        if self.query_one("#query", Input).has_focus and self.results:
            self.query_one("#results", OptionList).focus()

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.results[int(event.option.id or 0)])
