"""The base of every form: fields, Lưu / Hủy, errors beside their field.

The form collects what was typed into a dataclass, every field checked at once (`check`:
each refusal goes beside its own field, all of them shown together), and hands it to
`on_submit`, the screen's callback that calls the use-case. If that raises InvalidInput the
message goes beside the field, any other UserError above the buttons, and the form stays
open with everything typed; only a successful save closes it with the dataclass.

A record changed by someone else since the form was read (StaleRecord) keeps the form open
too, saying who changed it and when, and offers to reload (F5): the form closes and
`on_reload` (the screen's) opens it again on the record as it is now, handing it what was
typed (`Typed`). The reopened form starts from the fresh record (its version is the one the
next save is checked against) and merges field by field: a field the clerk changed keeps
what was typed, marked where it differs from the fresh record; a field the clerk left alone
takes the fresh value. The message names the fields the other clerk changed; saving is then
a deliberate overwrite of the marked fields, Escape drops them. A locked database
(DatabaseLocked) is a message like any refusal: nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
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

RELOAD_HINT = "Nhấn F5 (Tải lại) để mở bản mới nhất mà vẫn giữ những gì vừa gõ ở đây."


@dataclass(frozen=True)
class Typed:
    """What a stale form carries to the form reopened on the fresh record: each field's
    content as it was read and as it was typed, and who changed the record and when."""

    read: dict[str, object]
    typed: dict[str, object]
    changed_by: str | None
    changed_at: datetime | None


def _when(at: datetime | None) -> str:
    return f" lúc {at:%H:%M:%S} ngày {format_date(at.date())}" if at else ""


def _stored(content: object) -> str:
    if isinstance(content, str):
        return f"bản mới nhất ghi «{content}»" if content else "bản mới nhất để trống"
    return "bản mới nhất chọn khác"


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
        on_reload: Callable[[Typed], None] | None = None,
        typed: Typed | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.on_submit = on_submit
        self.on_reload = on_reload
        self.typed = typed  # what a stale form of the same record had typed, to keep
        self.stale: StaleRecord | None = None  # the refusal of a save: changed since read
        self.read: dict[str, object] = {}  # each field's content as the record was read
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
        self.read = self.contents()
        first = self.query(Input).first(None)
        if first is not None:
            first.focus()
        if self.typed is not None:
            self.keep_typed(self.typed)

    def contents(self) -> dict[str, object]:
        return {field.field_name: field.content for field in self.query(FormField)}

    def put(self, field: FormField, content: object) -> None:
        """Put typed content back in a field (a form with linked fields adds to this)."""
        field.put(content)

    def keep_typed(self, typed: Typed) -> None:
        """Merge what a stale form had typed into this one, opened on the fresh record."""
        fields = {field.field_name: field for field in self.query(FormField)}
        kept, changed = [], []
        for name, field in fields.items():
            fresh, read = self.read.get(name), typed.read.get(name)
            content = typed.typed.get(name, read)
            if fresh != read:
                changed.append(field.label_text)
            if content != read and content != fresh:
                self.put(field, content)
                field.mark_kept(f"Giữ những gì bạn gõ; {_stored(fresh)}.")
                kept.append(field.label_text)
        who = f"«{typed.changed_by}»" if typed.changed_by else "Người khác"
        lines = [
            f"Đã tải bản mới nhất. {who} sửa{_when(typed.changed_at)}: "
            + (", ".join(changed) if changed else "không đổi ô nào của biểu mẫu này")
            + "."
        ]
        if kept:
            lines.append(
                "Các ô đánh dấu giữ những gì bạn vừa gõ: " + ", ".join(kept) + ". Lưu (Ctrl+S) "
                "để ghi đè bản mới nhất ở các ô đó, Esc để bỏ."
            )
        else:
            lines.append("Những gì bạn vừa gõ trùng với bản mới nhất.")
        self._show_general("\n".join(lines))

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
            self.stale = error
            self.query_one("#reload", Button).display = True
            self.refresh_bindings()
            self._show_general(f"Chưa lưu: {error.message}\n{RELOAD_HINT}")
            return
        self._show_general(f"Chưa lưu: {error.message}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":
            return self.stale is not None
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
        reload, stale = self.on_reload, self.stale
        if reload is None or stale is None:
            return
        typed = Typed(self.read, self.contents(), stale.updated_by, stale.updated_at)
        self.dismiss(None)
        reload(typed)

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
