"""One labelled form field with the place for its error message right below it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from tui.text import shown


class FormField(Vertical):
    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 0; }
    FormField > Horizontal { height: auto; }
    FormField .field-label { width: 16; padding-right: 1; color: $text-muted; }
    FormField .field-error { color: $error; height: auto; padding-left: 16; display: none; }
    FormField .field-error.-shown { display: block; }
    """

    def __init__(self, label: str, widget: Widget, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.label_text = label
        self.input_widget = widget
        self.field_name = name

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self.label_text, classes="field-label")
            yield self.input_widget
        yield Static("", classes="field-error", id=f"error-{self.field_name}")

    def set_error(self, message: str | None) -> None:
        error = self.query_one(".field-error", Static)
        error.update(shown(message or ""))
        error.set_class(bool(message), "-shown")
