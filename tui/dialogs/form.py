"""The base of every form: fields, Lưu / Hủy, errors beside their field.

The form collects what was typed into a dataclass and hands it to `on_submit`, the
screen's callback that calls the use-case. If that raises InvalidInput the message
goes beside the field, any other UserError above the buttons, and the form stays open
with everything typed; only a successful save closes it with the dataclass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from committee.domain.errors import InvalidInput, UserError
from tui.widgets.form_field import FormField

T = TypeVar("T")


class FormDialog(ModalScreen[T | None], Generic[T]):
    BINDINGS = [
        Binding("escape", "cancel", "Hủy"),
        Binding("ctrl+s", "save", "Lưu"),
    ]

    def __init__(self, title: str, on_submit: Callable[[T], None] | None = None) -> None:
        super().__init__()
        self.form_title = title
        self.on_submit = on_submit

    def fields(self) -> Iterable[FormField]:
        raise NotImplementedError

    def collect(self) -> T:
        """What was typed, as the dataclass; raises InvalidInput for a field."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(self.form_title, classes="form-title")
            with VerticalScroll(classes="form-body"):
                yield from self.fields()
            yield Static("", id="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Lưu (Ctrl+S)", variant="primary", id="save", compact=True)
                yield Button("Hủy (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_general(None)
        first = self.query(Input).first(None)
        if first is not None:
            first.focus()

    def _show_general(self, message: str | None) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message or "")
        error.display = bool(message)

    def clear_errors(self) -> None:
        for field in self.query(FormField):
            field.set_error(None)
        self._show_general(None)

    def show_error(self, error: UserError) -> None:
        if isinstance(error, InvalidInput):
            for field in self.query(FormField):
                if field.field_name == error.field:
                    field.set_error(error.message)
                    field.input_widget.focus()
                    return
        self._show_general(f"Chưa lưu: {error.message}")

    def action_save(self) -> None:
        self.clear_errors()
        try:
            result = self.collect()
            if self.on_submit is not None:
                self.on_submit(result)
        except UserError as error:
            self.show_error(error)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_save()
