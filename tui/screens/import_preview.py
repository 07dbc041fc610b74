"""Import (`i`): pick a spreadsheet, preview the rows as recognised with their findings,
confirm to store. Reading and storing run in a worker; the screen stays responsive."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, DirectoryTree, Footer, Input, Label, Static

from committee.catalogue.posts import post_catalogue
from committee.domain.dates import format_date
from committee.domain.errors import InvalidInput, UserError
from committee.domain.text import clean
from committee.store.database import Database
from committee.usecases.importing import ImportOptions, ImportPreview, prepare_import, store_import
from tui.dialogs.decision_form import _date
from tui.widgets.findings_table import FindingsTable

SPREADSHEETS = {".xlsx", ".xls", ".ods", ".xlsm"}


class SpreadsheetTree(DirectoryTree):
    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.is_dir() or path.suffix.lower() in SPREADSHEETS)
        ]


class ImportScreen(Screen[bool]):
    """Dismisses with True when a decision was stored."""

    BINDINGS = [
        Binding("escape", "back", "Quay lại"),
        Binding("f5", "preview", "Xem trước"),
        Binding("ctrl+s", "store", "Lưu"),
    ]

    def __init__(self, database: Database, unit_code: str, unit_name: str, start: Path) -> None:
        super().__init__()
        self.database = database
        self.unit_code = unit_code
        self.unit_name = unit_name
        self.start = start
        self.preview: ImportPreview | None = None

    def compose(self) -> ComposeResult:
        yield Label(f"Nhập danh sách cho {self.unit_name}", classes="screen-title")
        with Horizontal():
            yield SpreadsheetTree(self.start, id="files")
            with Vertical(id="import-right"):
                yield Input(placeholder="Đường dẫn tệp .xlsx/.xls/.ods", id="path", compact=True)
                with Horizontal(classes="import-options"):
                    yield Input(placeholder="Số QĐ (nếu tệp không ghi)", id="number", compact=True)
                    yield Input(placeholder="Ngày ký dd/mm/yyyy", id="signed_on", compact=True)
                yield Static("", id="import-error")
                yield Static("Chọn tệp rồi nhấn F5 để xem trước.", id="import-summary")
                yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
                yield FindingsTable(id="import-findings")
                with Horizontal(classes="form-buttons"):
                    yield Button("Xem trước (F5)", id="preview", compact=True)
                    yield Button(
                        "Lưu (Ctrl+S)", variant="primary", id="store", disabled=True, compact=True
                    )
                    yield Button("Quay lại (Esc)", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rows", DataTable).add_columns(
            "STT", "Họ và tên", "Chức vụ (như ghi)", "Chức danh", "Nhận ra"
        )
        self.query_one("#path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self.action_preview()

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_preview()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        {"preview": self.action_preview, "store": self.action_store, "back": self.action_back}[
            event.button.id or "back"
        ]()

    def _error(self, message: str | None) -> None:
        error = self.query_one("#import-error", Static)
        error.update(message or "")
        error.display = bool(message)

    def action_back(self) -> None:
        self.dismiss(False)

    def action_preview(self) -> None:
        path = clean(self.query_one("#path", Input).value)
        if not path:
            self._error("Chưa chọn tệp.")
            return
        try:
            options = ImportOptions(
                unit_code=self.unit_code,
                number=clean(self.query_one("#number", Input).value) or None,
                signed_on=_date(self.query_one("#signed_on", Input).value, "signed_on"),
            )
        except InvalidInput as error:
            self._error(error.message)
            return
        self._error(None)
        self.query_one("#store", Button).disabled = True
        self.query_one("#import-right").loading = True
        self._prepare(Path(path).expanduser(), options)

    @work(thread=True, exclusive=True, group="import")
    def _prepare(self, path: Path, options: ImportOptions) -> None:
        try:
            with self.database.session() as session:
                preview = prepare_import(session, path, options)
        except UserError as error:
            self.app.call_from_thread(self._failed, error.message)
            return
        self.app.call_from_thread(self._show, preview)

    def _failed(self, message: str) -> None:
        self.query_one("#import-right").loading = False
        self._error(message)

    def _show(self, preview: ImportPreview) -> None:
        self.query_one("#import-right").loading = False
        self.preview = preview
        catalogue = post_catalogue()
        rows = self.query_one("#rows", DataTable)
        rows.clear()
        for position, member in enumerate(preview.members, start=1):
            post = catalogue.get(member.post.post_kind)
            rows.add_row(
                str(position),
                member.row.name,
                member.row.title,
                member.row.role.label,
                post.title if post else "(không nhận ra)",
            )
        self.query_one("#import-findings", FindingsTable).show(list(preview.findings))
        decision = preview.decision
        signed = format_date(decision.signed_on) if decision.signed_on else "?"
        self.query_one("#import-summary", Static).update(
            f"Quyết định {decision.number} ngày {signed}: {len(preview.members)} thành viên, "
            f"{len(preview.findings)} phát hiện. Ctrl+S để lưu."
        )
        self.query_one("#store", Button).disabled = False

    def action_store(self) -> None:
        if self.preview is None:
            self._error("Chưa xem trước; nhấn F5.")
            return
        self.query_one("#import-right").loading = True
        self._store(self.preview)

    @work(thread=True, exclusive=True, group="import")
    def _store(self, preview: ImportPreview) -> None:
        try:
            with self.database.transaction() as session:
                decision = store_import(session, preview)
                number = decision.number
        except UserError as error:
            self.app.call_from_thread(self._failed, error.message)
            return
        self.app.call_from_thread(self._stored, number)

    def _stored(self, number: str) -> None:
        self.app.notify(f"Đã lưu Quyết định {number} của {self.unit_name}.")
        self.dismiss(True)
