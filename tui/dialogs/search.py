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
from committee.domain.vocabulary import Era
from committee.usecases.search import ResultKind, SearchResult
from tui.edge import at_edge
from tui.text import shown


def _eras(results: list[SearchResult]) -> set[Era]:
    """The eras of the units the results name (a unit's own, a person's latest seat's)."""
    eras = {result.era for result in results if result.era is not None}
    return eras | {result.seat.unit_era for result in results if result.seat is not None}


def result_label(result: SearchResult, several_eras: bool = False) -> Text:
    """A result as listed; with `several_eras` (the results name units of both eras, whose
    codes and names may be the same), each unit followed by its era."""
    if result.kind is ResultKind.UNIT:
        label = Text("🏛 ").append_text(shown(result.name))
        if several_eras and result.era is not None:
            label.append(f" ({result.era.label})", style="dim")
        return label
    label = Text("👤 ").append_text(shown(result.name, "bold"))
    seat = result.seat
    if seat is not None:
        signed = f" ngày {format_date(seat.signed_on)}" if seat.signed_on else ""
        era = f" ({seat.unit_era.label})" if several_eras else ""
        label.append_text(
            shown(
                f" · {seat.role.label}, {seat.title or '—'} · {seat.unit_name}{era}, "
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
        several = len(_eras(self.results)) > 1
        options.add_options(
            [
                Option(result_label(result, several), id=str(i))
                for i, result in enumerate(self.results)
            ]
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
