"""Import (`i`): pick a spreadsheet, preview the rows as recognised with their findings and
what stands in the way of storing them, confirm to store.

The preview's problems (another unit's roster, a kiện toàn signed before the decision in
force, a number and date already used) are shown as errors; where the core allows it the
clerk confirms explicitly (a late entry of an older decision, a roster that is this unit's
all the same), which reads the file again with that confirmation. A decision recorded
already with the same roster is said to be so, and there is nothing to store.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, DataTable, Input

from committee.domain.text import clean
from committee.usecases.importing import (
    PREVIEW_COLUMNS,
    ImportOptions,
    ImportPreview,
    prepare_import,
    preview_heading,
    preview_rows,
    store_import,
)
from tui.dialogs.form import date_field
from tui.edge import at_edge
from tui.screens.file_preview import FilePreviewScreen, Work, option_row
from tui.text import say, shown
from tui.widgets.findings_table import FindingsTable


def _unit_mismatch(preview: ImportPreview) -> bool:
    return preview.issuer_unit is not None and preview.issuer_unit.key != preview.unit.key


class ImportScreen(FilePreviewScreen[ImportPreview]):
    """Dismisses with True when a decision was stored."""

    @property
    def heading(self) -> str:  # type: ignore[override]
        return f"Nhập danh sách cho {self.unit.name}"

    def _input(self, name: str, placeholder: str) -> Input:
        return Input(placeholder=placeholder, id=name, compact=True)

    def option_widgets(self) -> ComposeResult:
        yield option_row(
            self._input("number", "Số QĐ (nếu tệp không ghi)"),
            self._input("signed_on", "Ngày ký dd/mm/yyyy"),
            self._input("signer", "Người ký QĐ"),
        )
        yield option_row(
            self._input("regulation_number", "Số QĐ Quy chế (01/QĐ-BCĐ)"),
            self._input("regulation_date", "Ngày ký Quy chế dd/mm/yyyy"),
        )
        yield option_row(
            Checkbox(
                "Đây là quyết định cũ nhập muộn: lưu vào lịch sử, không thành quyết định đang "
                "hiệu lực",
                id="late_entry",
                compact=True,
            ),
        )
        yield option_row(
            Checkbox(
                f"Đây vẫn là danh sách của {self.unit.name}",
                id="unit_mismatch_ok",
                compact=True,
            ),
        )

    def preview_widgets(self) -> ComposeResult:
        yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield FindingsTable(id="import-findings")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#rows", DataTable).add_columns(*PREVIEW_COLUMNS)
        for confirmation in self.query(Checkbox):
            confirmation.display = False

    def _text(self, name: str) -> str:
        return clean(self.query_one(f"#{name}", Input).value)

    def _confirmed(self, name: str) -> bool:
        box = self.query_one(f"#{name}", Checkbox)
        return box.display and box.value

    def prepare(self, path: Path) -> Work:
        options = ImportOptions(
            unit_code=self.unit.code,
            era=self.unit.era,
            number=self._text("number") or None,
            signed_on=date_field(self._text("signed_on"), "signed_on"),
            regulation_number=self._text("regulation_number") or None,
            regulation_date=date_field(self._text("regulation_date"), "regulation_date"),
            signer=self._text("signer"),
            late_entry=self._confirmed("late_entry"),
            unit_mismatch_ok=self._confirmed("unit_mismatch_ok"),
        )
        return lambda session: prepare_import(session, path, options)

    def show_preview(self, preview: ImportPreview) -> tuple[str, list[str], bool]:
        rows = self.query_one("#rows", DataTable)
        rows.clear()
        for row in preview_rows(preview):
            *written, reading = row.cells()
            rows.add_row(
                *(shown(text) for text in written),
                shown(reading) if row.recognised else Text(reading, style="dim"),
            )
        self.query_one("#import-findings", FindingsTable).show(preview.findings)
        self.query_one("#late_entry", Checkbox).display = preview.late_entry
        self.query_one("#unit_mismatch_ok", Checkbox).display = _unit_mismatch(preview)
        summary = f"{preview_heading(preview)} {len(preview.findings)} phát hiện."
        if preview.already_recorded is not None:
            summary += (
                " Quyết định này đã được lưu trước đây với đúng danh sách này; "
                "không có gì để lưu thêm."
            )
            return summary, list(preview.problems), False
        if preview.problems:
            return summary + " Chưa lưu được:", list(preview.problems), False
        if preview.late_entry:
            summary += " Sẽ lưu vào lịch sử như quyết định cũ nhập muộn."
        return summary + " Ctrl+S để lưu.", [], True

    @on(Checkbox.Changed)
    @at_edge
    def _confirmation(self) -> None:
        if self.preview is not None:
            self.action_preview()  # read again with the clerk's confirmation

    def store(self, preview: ImportPreview) -> Work:
        return lambda session: store_import(session, preview).number

    def stored(self, number: str) -> None:
        say(self, f"Đã lưu Quyết định {number} của {self.unit.name}.")
