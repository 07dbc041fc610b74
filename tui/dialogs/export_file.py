"""Where an export is saved (a path field: the folder used last and the default name), and,
once written, the file named with "Mở thư mục" (the file manager through xdg-open when the
system has it, else the folder's path shown)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from committee.domain.errors import InvalidInput
from committee.domain.text import clean
from tui.dialogs.form import FormDialog
from tui.text import say, shown
from tui.widgets.form_field import FormField


class ExportForm(FormDialog[Path]):
    """Returns the file to write: in an existing folder, with the export's own ending."""

    def __init__(self, title: str, start: Path) -> None:
        super().__init__(title)
        self.start = start

    def fields(self) -> Iterable[FormField]:
        yield FormField("Lưu vào tệp", self.text_input("path", str(self.start)), "path")
        yield Static(
            "Thư mục lần trước được nhớ; sửa tên tệp hoặc thư mục nếu cần.", classes="form-hint"
        )

    def collect(self) -> Path:  # type: ignore[override]
        return self.check(self._path) or self.start

    def _path(self) -> Path:
        text = clean(self.value("path"))
        if not text:
            raise InvalidInput("path", "Chưa nhập tệp sẽ ghi.")
        path = Path(text).expanduser()
        if path.suffix.lower() != self.start.suffix:
            raise InvalidInput(
                "path", f"Tệp «{path.name}» phải có đuôi {self.start.suffix} như tệp mặc định."
            )
        if not path.parent.is_dir():
            raise InvalidInput("path", f"Thư mục «{path.parent}» không có; hãy chọn thư mục khác.")
        return path


def open_folder(folder: Path, opener: Callable[[list[str]], object] | None = None) -> bool:
    """Open a folder in the system's file manager (xdg-open); False when there is none."""
    command = shutil.which("xdg-open")
    if command is None:
        return False
    run = opener or (
        lambda args: subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
    )
    run([command, str(folder)])
    return True


class ExportedDialog(ModalScreen[None]):
    """The file written, and "Mở thư mục"."""

    BINDINGS = [Binding("escape,enter", "close", "Đóng"), Binding("m", "open_folder", "Mở thư mục")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label("Đã xuất tệp", classes="form-title")
            yield Static(shown(f"Đã ghi {self.path}"), id="exported-path")
            with Horizontal(classes="form-buttons"):
                yield Button("Mở thư mục (M)", id="open", compact=True)
                yield Button("Đóng (Esc)", variant="primary", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open_folder(self) -> None:
        folder = self.path.parent
        if not open_folder(folder):
            say(self, f"Máy này không có trình mở thư mục (xdg-open). Tệp nằm ở thư mục: {folder}")
            self.query_one("#exported-path", Static).update(
                shown(f"Đã ghi {self.path}\nThư mục: {folder}")
            )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open":
            self.action_open_folder()
        else:
            self.dismiss(None)
