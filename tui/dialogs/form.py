"""The base of every form: fields, Lưu / Hủy, errors beside their field.

The form collects what was typed into a dataclass, every field checked at once (`check`:
each refusal goes beside its own field, all of them shown together), and hands it to
`on_submit`, the screen's callback that calls the use-case. If that raises InvalidInput the
message goes beside the field, any other UserError above the buttons, and the form stays
open with everything typed; only a successful save closes it with the dataclass.

A record changed by someone else since the form was read (StaleRecord) keeps the form open
too, saying who changed it and when, and offers to reload (F5): the form closes and
`on_reload` (the screen's) opens it again on the record as it is now. A locked database
(DatabaseLocked) is a message like any refusal: nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from committee.domain.dates import format_date, parse_date
from committee.domain.errors import InvalidInput, StaleRecord, UserError
from committee.domain.text import clean
from tui.edge import at_edge
from tui.text import field_text, shown
from tui.widgets.form_field import FormField

T = TypeVar("T")
V = TypeVar("V")

RELOAD_HINT = "Nhấn F5 (Tải lại) để mở bản mới nhất; những gì vừa gõ ở đây sẽ bỏ."


def date_text(value: date | None) -> str:
    return format_date(value) if value else ""


def date_field(text: str, field: str) -> date | None:
    """A date typed in a form field; InvalidInput naming the field when it is not one."""
    if not clean(text):
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        raise InvalidInput(field, str(error)) from error


class FormDialog(ModalScreen[T | None], Generic[T]):
    BINDINGS = [
        Binding("escape", "cancel", "Hủy"),
        Binding("ctrl+s", "save", "Lưu"),
        Binding("f5", "reload", "Tải lại"),
    ]

    def __init__(
        self,
        title: str,
        on_submit: Callable[[T], None] | None = None,
        on_reload: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.on_submit = on_submit
        self.on_reload = on_reload
        self.stale = False  # a save was refused: the record changed since it was read
        self._refusals: list[InvalidInput] = []

    def fields(self) -> Iterable[FormField]:
        raise NotImplementedError

    def collect(self) -> T:
        """What was typed, as the dataclass, each field read through `check`."""
        raise NotImplementedError

    def check(self, rule: Callable[[], V]) -> V | None:
        """A field's value through its rule; a refusal (InvalidInput) is kept, to be shown
        beside its field with every other one, and None stands in for the value."""
        try:
            return rule()
        except InvalidInput as error:
            self._refusals.append(error)
            return None

    def text_input(self, name: str, value: object, placeholder: str = "") -> Input:
        """An input for the field `name`, showing a stored value safely."""
        return Input(field_text(value), placeholder=placeholder, id=f"input-{name}", compact=True)

    def value(self, name: str) -> str:
        return self.query_one(f"#input-{name}", Input).value

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(shown(self.form_title), classes="form-title")
            with VerticalScroll(classes="form-body"):
                yield from self.fields()
            yield Static("", id="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("Tải lại (F5)", id="reload", compact=True)
                yield Button("Lưu (Ctrl+S)", variant="primary", id="save", compact=True)
                yield Button("Hủy (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._show_general(None)
        self.query_one("#reload", Button).display = False
        first = self.query(Input).first(None)
        if first is not None:
            first.focus()

    def _show_general(self, message: str | None) -> None:
        error = self.query_one("#form-error", Static)
        error.update(shown(message or ""))
        error.display = bool(message)

    def clear_errors(self) -> None:
        for field in self.query(FormField):
            field.set_error(None)
        self._show_general(None)

    def show_errors(self, errors: list[InvalidInput]) -> None:
        """Each refusal beside its field, the first such field focused; one whose field the
        form does not have above the buttons."""
        fields = {field.field_name: field for field in self.query(FormField)}
        general = []
        for error in errors:
            field = fields.get(error.field)
            if field is None:
                general.append(error.message)
            else:
                field.set_error(error.message)
        shown_fields = [fields[e.field] for e in errors if e.field in fields]
        if shown_fields:
            shown_fields[0].input_widget.focus()
        if general:
            self._show_general("Chưa lưu: " + " ".join(general))

    def show_error(self, error: UserError) -> None:
        if isinstance(error, InvalidInput):
            self.show_errors([error])
            return
        if isinstance(error, StaleRecord) and self.on_reload is not None:
            self.stale = True
            self.query_one("#reload", Button).display = True
            self.refresh_bindings()
            self._show_general(f"Chưa lưu: {error.message}\n{RELOAD_HINT}")
            return
        self._show_general(f"Chưa lưu: {error.message}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":
            return self.stale
        return True

    def action_save(self) -> None:
        self.clear_errors()
        self._refusals = []
        try:
            result = self.collect()
            if self._refusals:
                self.show_errors(self._refusals)
                return
            if self.on_submit is not None:
                self.on_submit(result)
        except UserError as error:
            self.show_error(error)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        reload = self.on_reload
        self.dismiss(None)
        if reload is not None:
            reload()

    @on(Button.Pressed, "#save")
    @at_edge
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#reload")
    @at_edge
    def _reload_pressed(self) -> None:
        self.action_reload()

    @on(Input.Submitted)
    @at_edge
    def _enter(self) -> None:
        self.action_save()
