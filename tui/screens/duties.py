"""Duty assignment (`g`): pick the phân công nhiệm vụ sheet, preview who of the decision in
force gets which duties, give the document's number, date and signer if it has them, and
record it against the decision in force (it is not re-issued)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Input

from committee.domain.text import clean
from committee.usecases.document_records import DocumentRecorded, record_duties
from committee.usecases.duty_preview import DutyPreview, preview_duties
from tui.dialogs.form import date_field
from tui.screens.file_preview import FilePreviewScreen, Work, option_row
from tui.text import say, shown


class DutiesScreen(FilePreviewScreen[DutyPreview]):
    """Dismisses with True when a duty assignment was recorded."""

    @property
    def heading(self) -> str:  # type: ignore[override]
        return f"Phân công nhiệm vụ của Ban Chỉ đạo {self.unit.name}"

    def option_widgets(self) -> ComposeResult:
        yield option_row(
            Input(placeholder="Số văn bản (nếu có)", id="number", compact=True),
            Input(placeholder="Ngày ký dd/mm/yyyy", id="signed_on", compact=True),
            Input(placeholder="Người ký", id="signer", compact=True),
        )

    def preview_widgets(self) -> ComposeResult:
        yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#rows", DataTable).add_columns(
            "STT", "Họ và tên", "Chức danh", "Nhiệm vụ hiện nay", "Nhiệm vụ theo văn bản"
        )

    def prepare(self, path: Path) -> Work:
        code, era = self.unit.code, self.unit.era
        return lambda session: preview_duties(session, code, path, era)

    def show_preview(self, preview: DutyPreview) -> tuple[str, list[str], bool]:
        rows = self.query_one("#rows", DataTable)
        rows.clear()
        for change in preview.changes:
            rows.add_row(
                shown(change.position),
                shown(change.name),
                shown(change.role.label),
                shown(change.before) if change.before else Text("(chưa phân công)", style="dim"),
                shown(change.after)
                if change.after is not None
                else Text("(văn bản không ghi: giữ như cũ)", style="dim"),
            )
        summary = (
            f"Theo Quyết định {preview.decision.label} đang hiệu lực: {preview.named}/"
            f"{len(preview.changes)} thành viên được giao nhiệm vụ. Ctrl+S để ghi."
        )
        return summary, [], True

    def _text(self, name: str) -> str:
        return clean(self.query_one(f"#{name}", Input).value)

    def store(self, preview: DutyPreview) -> Work:
        number = self._text("number") or None
        signed_on = date_field(self._text("signed_on"), "signed_on")
        signer = self._text("signer")
        return lambda session: record_duties(session, preview, number, signed_on, signer)

    def stored(self, recorded: DocumentRecorded) -> None:
        what = recorded.document.label
        if recorded.already_recorded:
            say(self, f"{what} này đã được ghi trước đây; không ghi gì thêm.")
        else:
            members = recorded.document.members
            say(self, f"Đã ghi {what} cho {self.unit.name}: {members} thành viên được giao.")
