"""One labelled form field with the place for its error message right below it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from tui.text import shown


class FormField(Vertical):
    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 0; }
    FormField > Horizontal { height: auto; }
    FormField .field-label { width: 16; padding-right: 1; color: $text-muted; }
    FormField .field-error { color: $error; height: auto; padding-left: 16; display: none; }
    FormField .field-error.-shown { display: block; }
    FormField .field-kept { color: $warning; height: auto; padding-left: 16; display: none; }
    FormField .field-kept.-shown { display: block; }
    FormField.-kept .field-label { color: $warning; text-style: bold; }
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
        yield Static("", classes="field-kept", id=f"kept-{self.field_name}")

    @property
    def content(self) -> object:
        """What the field holds as its widget has it (text, a choice, a tick), unchecked."""
        widget = self.input_widget
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, (Input, Select, Checkbox)):
            return widget.value
        raise TypeError(f"a form field cannot hold a {type(widget).__name__}")

    def put(self, content: object) -> None:
        """Put back what `content` read from this field."""
        widget = self.input_widget
        if isinstance(widget, TextArea):
            widget.text = str(content)
        elif isinstance(widget, (Input, Select, Checkbox)):
            widget.value = content  # type: ignore[assignment]
        else:
            raise TypeError(f"a form field cannot hold a {type(widget).__name__}")

    def mark_kept(self, note: str | None) -> None:
        """Mark the field as holding what the clerk typed, not the stored record's value
        (`note` says what is stored); None clears the mark."""
        self.set_class(note is not None, "-kept")
        kept = self.query_one(".field-kept", Static)
        kept.update(shown(note or ""))
        kept.set_class(note is not None, "-shown")

    def set_error(self, message: str | None) -> None:
        error = self.query_one(".field-error", Static)
        error.update(shown(message or ""))
        error.set_class(bool(message), "-shown")
