"""A file read into a preview, then stored on confirmation: the shape of the import screen
and of the duty assignment screen.

The clerk picks a file (the tree starts at the folder used last, else the home folder, goes
up with Ctrl+U and shows only the kinds the readers take) or types its path;
F5 reads it in a thread, so the screen stays responsive, and a file the reader refuses is a
message on the screen; Ctrl+S stores what the preview showed, in a thread too. The screen
dismisses with True once something was stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DirectoryTree, Footer, Input, Label, Static

from committee.domain.errors import InvalidInput, UserError
from committee.domain.records import UnitRef
from committee.domain.text import clean
from committee.usecases.roster_files import ACCEPTED_SUFFIXES
from committee.usecases.workspace import Workspace
from tui.edge import at_edge, in_thread
from tui.settings import remember_import_folder
from tui.text import shown
from tui.widgets.file_picker import RosterFileTree

P = TypeVar("P")  # the preview
Work = Callable[[Any], Any]  # what runs in the thread, given a session


class FilePreviewScreen(Screen[bool], Generic[P]):
    BINDINGS = [
        Binding("escape", "back", "Quay lại"),
        Binding("f5", "preview", "Xem trước"),
        Binding("ctrl+s", "store", "Lưu"),
        Binding("ctrl+u", "parent", "Thư mục cha", priority=True),  # even from the path field
    ]
    heading = ""  # "Nhập danh sách cho {unit}"

    def __init__(self, workspace: Workspace, unit: UnitRef, start: Path) -> None:
        super().__init__()
        self.workspace = workspace
        self.unit = unit
        self.start = start
        self.preview: P | None = None
        self.storable = False

    # --- what a kind of preview provides

    def option_widgets(self) -> ComposeResult:
        """Fields beside the path (a decision's number, a document's date…)."""
        yield from ()

    def preview_widgets(self) -> ComposeResult:
        """What shows the preview (tables)."""
        yield from ()

    def prepare(self, path: Path) -> Work:
        """What reads the file into a preview, given a session; the fields are read here, on
        the app's thread (InvalidInput for a field goes to the error line)."""
        raise NotImplementedError

    def show_preview(self, preview: P) -> tuple[str, list[str], bool]:
        """Fill the preview widgets; returns the summary, the problems, and whether it can
        be stored."""
        raise NotImplementedError

    def store(self, preview: P) -> Work:
        """What stores the preview, given a writing session."""
        raise NotImplementedError

    def stored(self, result: Any) -> None:
        """Say what was stored (the screen then closes)."""
        raise NotImplementedError

    # --- the screen

    def compose(self) -> ComposeResult:
        yield Label(shown(self.heading), classes="screen-title")
        with Horizontal():
            with Vertical(id="files-pane"):
                yield Static(shown(str(self.start)), id="folder")
                yield Button("↑ Thư mục cha (Ctrl+U)", id="parent", compact=True)
                yield RosterFileTree(self.start, id="files")
            with Vertical(id="import-right"):
                kinds = "/".join(ACCEPTED_SUFFIXES)
                yield Input(placeholder=f"Đường dẫn tệp {kinds}", id="path", compact=True)
                yield from self.option_widgets()
                yield Static("", id="import-error")
                yield Static("Chọn tệp rồi nhấn F5 để xem trước.", id="import-summary")
                yield from self.preview_widgets()
                with Horizontal(classes="form-buttons"):
                    yield Button("Xem trước (F5)", id="preview", compact=True)
                    yield Button(
                        "Lưu (Ctrl+S)", variant="primary", id="store", disabled=True, compact=True
                    )
                    yield Button("Quay lại (Esc)", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._error([])
        self.query_one("#path", Input).focus()

    def _busy(self, value: bool) -> None:
        self.query_one("#import-right").loading = value

    def _error(self, messages: list[str]) -> None:
        error = self.query_one("#import-error", Static)
        error.update(shown("\n".join(f"✘ {message}" for message in messages)))
        error.display = bool(messages)

    def _set_storable(self, value: bool) -> None:
        self.storable = value
        self.query_one("#store", Button).disabled = not value

    def action_back(self) -> None:
        self.dismiss(False)

    def action_parent(self) -> None:
        """The file tree one folder up."""
        tree = self.query_one(RosterFileTree)
        folder = Path(tree.path).parent
        tree.path = folder
        self.query_one("#folder", Static).update(shown(str(folder)))

    def action_preview(self) -> None:
        path = clean(self.query_one("#path", Input).value)
        if not path:
            self._error(["Chưa chọn tệp."])
            return
        try:
            work = self.prepare(Path(path).expanduser())
        except InvalidInput as error:
            self._error([error.message])
            return
        remember_import_folder(Path(path).expanduser().parent)
        self._error([])
        self._set_storable(False)
        self._busy(True)
        in_thread(self, lambda: self._read(work), self._show, self._failed, group="preview")

    def _read(self, work: Work) -> Any:
        with self.workspace.read() as session:
            return work(session)

    def _show(self, preview: P) -> None:
        self._busy(False)
        self.preview = preview
        summary, problems, storable = self.show_preview(preview)
        self.query_one("#import-summary", Static).update(shown(summary))
        self._error(problems)
        self._set_storable(storable)

    def _failed(self, error: UserError | None) -> None:
        self._busy(False)
        self._error([error.message] if error is not None else [])

    def action_store(self) -> None:
        if self.preview is None:
            self._error(["Chưa xem trước; nhấn F5."])
            return
        if not self.storable:
            return
        try:
            work = self.store(self.preview)
        except InvalidInput as error:
            self._error([error.message])
            return
        self._busy(True)
        in_thread(self, lambda: self._write(work), self._stored, self._failed, group="preview")

    def _write(self, work: Work) -> Any:
        with self.workspace.write() as session:
            return work(session)

    def _stored(self, result: Any) -> None:
        self._busy(False)
        self.stored(result)
        self.dismiss(True)

    @on(DirectoryTree.FileSelected)
    @at_edge
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self.action_preview()

    @on(Input.Submitted)
    @at_edge
    def _enter(self) -> None:
        self.action_preview()

    @on(Button.Pressed)
    @at_edge
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "preview": self.action_preview,
            "store": self.action_store,
            "parent": self.action_parent,
        }
        actions.get(event.button.id or "", self.action_back)()


def option_row(*widgets: Widget) -> Horizontal:
    return Horizontal(*widgets, classes="import-options")
